/*
 * gen_store.c: synthetic events stores, for query timings and crash tests.
 *
 *   gen_store events DB N      N synthetic deduplicated events written with
 *                              SQL in one transaction on a schema made by
 *                              annals_store_open: generated in memory, sorted
 *                              by (source, target, date), inserted with the
 *                              indexes dropped, indexes rebuilt, summary
 *                              tables computed in memory (as store.c keeps
 *                              them), a few names; no ANALYZE, like a store
 *                              filled by `annals ingest`;
 *   gen_store articles DB N [BATCH]
 *                              N synthetic articles (3 events each) through
 *                              annals_store_add in batches: ingest speed,
 *                              and the process tests/store.sh kills with -9;
 *   gen_store query DB         times a dyad timeline, a monthly series, an
 *                              actor filter, the dyads and more (best of 3);
 *                              prints milliseconds;
 *   gen_store version          the store schema version (names cached stores).
 *
 * Countries follow a Zipf law (s = 1) over 200 codes led by RUS, UKR, USA,
 * CHN; dates are uniform over 2015-2024; codes from a list of 40 CAMEO codes.
 * Deterministic (fixed seed).  Prints figures; exits 1 on any error.
 */
#include "annals.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t rng = 0x853c49e6748fea9bULL;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}
static double unif(void) { return (double)(next() >> 11) / 9007199254740992.0; }

#define NC 200
static char countries[NC][4];
static double zcdf[NC];

static void init_countries(void)
{
    const char *top[] = {"RUS", "UKR", "USA", "CHN", "ISR", "IRN", "GBR", "FRA", "DEU", "TUR"};
    int k = 0;
    for (int i = 0; i < 10; i++)
        snprintf(countries[k++], 4, "%s", top[i]);
    for (int i = 0; k < NC; i++) {
        char c[4] = {(char)('A' + i / 26 % 26), (char)('A' + i % 26), 'X', 0};
        snprintf(countries[k++], 4, "%s", c);
    }
    double sum = 0;
    for (int i = 0; i < NC; i++)
        sum += 1.0 / (i + 1);
    double acc = 0;
    for (int i = 0; i < NC; i++) {
        acc += 1.0 / (i + 1) / sum;
        zcdf[i] = acc;
    }
}

static int country(void)
{
    double u = unif();
    int lo = 0, hi = NC - 1;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (zcdf[mid] < u)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static const char *roles[] = {"GOV", "MIL", "REB", "OPP", "BUS", "CVL", "MED", "COP", "JUD", "LEG"};
static const struct { const char *code; int quad; double g; } codes[] = {
    {"010", 1, 0.0}, {"012", 1, -0.4}, {"013", 1, 0.4}, {"020", 1, 3.0}, {"036", 1, 4.0},
    {"040", 1, 1.0}, {"042", 1, 1.9}, {"043", 1, 2.8}, {"046", 1, 7.0}, {"051", 1, 3.4},
    {"057", 2, 8.0}, {"061", 2, 6.4}, {"070", 2, 7.0}, {"071", 2, 7.4}, {"081", 2, 5.0},
    {"100", 3, -5.0}, {"111", 3, -2.0}, {"112", 3, -2.0}, {"120", 3, -4.0}, {"125", 3, -5.0},
    {"130", 3, -4.4}, {"138", 3, -7.0}, {"141", 3, -6.5}, {"160", 3, -4.0}, {"163", 3, -8.0},
    {"172", 4, -5.0}, {"173", 4, -5.0}, {"180", 4, -9.0}, {"181", 4, -9.0}, {"182", 4, -9.5},
    {"183", 4, -10.0}, {"186", 4, -10.0}, {"190", 4, -10.0}, {"191", 4, -9.5}, {"192", 4, -9.5},
    {"193", 4, -10.0}, {"194", 4, -10.0}, {"195", 4, -10.0}, {"200", 4, -10.0}, {"202", 4, -10.0}};
#define NCODES (sizeof codes / sizeof codes[0])

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int die_db(sqlite3 *db, const char *what)
{
    fprintf(stderr, "gen_store: %s: %s\n", what, sqlite3_errmsg(db));
    return 1;
}

/* One synthetic event, compact: 10M of them are sorted in memory. */
typedef struct gev {
    uint8_t sc, tc, sr, tr, code, nm, bg;
    uint16_t day;             /* days since 2015-01-01 */
} gev;

#define NDAYS 3653
#define BASE_DAY 16436        /* 2015-01-01 */
#define NMONTHS 120

typedef struct acc { int64_t n, m; double g; } acc;

static int month_idx(int day, int *yyyymm)
{
    time_t tt = (time_t)(BASE_DAY + day) * 86400;
    struct tm tm;
    gmtime_r(&tt, &tm);
    *yyyymm = (tm.tm_year + 1900) * 100 + tm.tm_mon + 1;
    return (tm.tm_year + 1900 - 2015) * 12 + tm.tm_mon;
}

static int cmp_rank(const void *a, const void *b)
{
    return strcmp(countries[*(const int *)a], countries[*(const int *)b]);
}

/* Sort by (country order of source, of target, day): counting sorts, day
 * first then the pair (stable). */
static gev *sort_events(gev *ev, long n, const int *rank)
{
    gev *tmp = malloc((size_t)n * sizeof *tmp);
    long *cnt = calloc(NC * NC + 1 > NDAYS + 1 ? NC * NC + 1 : NDAYS + 1, sizeof *cnt);
    if (!tmp || !cnt) {
        free(tmp);
        free(cnt);
        return NULL;
    }
    for (long i = 0; i < n; i++)
        cnt[ev[i].day + 1]++;
    for (int k = 0; k < NDAYS; k++)
        cnt[k + 1] += cnt[k];
    for (long i = 0; i < n; i++)
        tmp[cnt[ev[i].day]++] = ev[i];
    memset(cnt, 0, (NC * NC + 1) * sizeof *cnt);
    for (long i = 0; i < n; i++)
        cnt[rank[tmp[i].sc] * NC + rank[tmp[i].tc] + 1]++;
    for (int k = 0; k < NC * NC; k++)
        cnt[k + 1] += cnt[k];
    for (long i = 0; i < n; i++)
        ev[cnt[rank[tmp[i].sc] * NC + rank[tmp[i].tc]]++] = tmp[i];
    free(tmp);
    free(cnt);
    return ev;
}

static int exec_sql(sqlite3 *db, const char *sql)
{
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return die_db(db, sql);
    return 0;
}

static int gen_events(const char *path, long n)
{
    annals_store *s;
    annals_diag d;
    if (annals_store_open(path, NULL, &s, &d) != ANNALS_OK) {
        fprintf(stderr, "gen_store: %s\n", d.msg);
        return 1;
    }
    annals_store_close(s);
    double t0 = now_ms();

    /* the events, in memory, then sorted by dyad and date */
    gev *ev = malloc((size_t)n * sizeof *ev);
    if (!ev) {
        fprintf(stderr, "gen_store: out of memory\n");
        return 1;
    }
    for (long i = 0; i < n; i++) {
        gev *e = &ev[i];
        int sc = country(), tc = country();
        while (tc == sc)
            tc = country();
        e->sc = (uint8_t)sc;
        e->tc = (uint8_t)tc;
        e->day = (uint16_t)(unif() * NDAYS);
        e->sr = (uint8_t)(next() % 10 < 6 ? 0 : next() % 10);
        e->tr = (uint8_t)(next() % 10 < 6 ? 0 : next() % 10);
        e->code = (uint8_t)(next() % NCODES);
        e->nm = (uint8_t)(1 + (next() % 8 == 0 ? next() % 20 : 0));
        e->bg = next() % 20 == 0;
    }
    int order[NC], rank[NC];
    for (int i = 0; i < NC; i++)
        order[i] = i;
    qsort(order, NC, sizeof order[0], cmp_rank);
    for (int i = 0; i < NC; i++)
        rank[order[i]] = i;
    if (!sort_events(ev, n, rank)) {
        fprintf(stderr, "gen_store: out of memory\n");
        return 1;
    }
    static char dates[NDAYS][11];
    static int yyyymm[NDAYS], midx[NDAYS];
    for (int k = 0; k < NDAYS; k++) {
        time_t tt = (time_t)(BASE_DAY + k) * 86400;
        struct tm tm;
        gmtime_r(&tt, &tm);
        strftime(dates[k], sizeof dates[k], "%Y-%m-%d", &tm);
        midx[k] = month_idx(k, &yyyymm[k]);
    }

    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK)
        return die_db(db, "open");
    if (exec_sql(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
                     " PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -1000000;"
                     " PRAGMA temp_store = MEMORY; PRAGMA threads = 2"))
        return 1;
    /* keep the index definitions; drop, fill, recreate */
    sqlite3_stmt *q;
    char *idx[32];
    int nidx = 0;
    if (sqlite3_prepare_v2(db, "SELECT name, sql FROM sqlite_schema WHERE type = 'index'"
                               " AND tbl_name = 'events' AND sql IS NOT NULL", -1, &q, NULL) != SQLITE_OK)
        return die_db(db, "schema");
    char drops[2048] = "";
    size_t dl = 0;
    while (sqlite3_step(q) == SQLITE_ROW && nidx < 32) {
        idx[nidx++] = strdup((const char *)sqlite3_column_text(q, 1));
        dl += (size_t)snprintf(drops + dl, sizeof drops - dl, "DROP INDEX %s;",
                               (const char *)sqlite3_column_text(q, 0));
    }
    sqlite3_finalize(q);
    if (exec_sql(db, "BEGIN") || exec_sql(db, drops))
        return 1;
    if (sqlite3_prepare_v2(db,
            "INSERT INTO events(date, date_precision, date_lo, date_hi, background, source,"
            " source_country, target, target_country, code, root, quad, goldstein, num_mentions,"
            " num_sources, num_articles, first_seen, last_seen, skey, tkey)"
            " VALUES (?1, 'day', ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, substr(?8, 1, 2), ?9, ?10, ?11,"
            " ?12, ?13, ?1, ?1, ?5, ?7)", -1, &q, NULL) != SQLITE_OK)
        return die_db(db, "prepare");
    for (long i = 0; i < n; i++) {
        const gev *e = &ev[i];
        char src[8], tgt[8];
        snprintf(src, sizeof src, "%s%s", countries[e->sc], roles[e->sr]);
        snprintf(tgt, sizeof tgt, "%s%s", countries[e->tc], roles[e->tr]);
        sqlite3_bind_text(q, 1, dates[e->day], 10, SQLITE_STATIC);
        sqlite3_bind_int64(q, 2, BASE_DAY + e->day);
        sqlite3_bind_int(q, 3, e->bg);
        sqlite3_bind_text(q, 4, src, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(q, 5, countries[e->sc], -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 6, tgt, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(q, 7, countries[e->tc], -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 8, codes[e->code].code, -1, SQLITE_STATIC);
        sqlite3_bind_int(q, 9, codes[e->code].quad);
        sqlite3_bind_double(q, 10, codes[e->code].g);
        sqlite3_bind_int(q, 11, e->nm);
        sqlite3_bind_int(q, 12, e->nm > 1 ? 2 : 1);
        sqlite3_bind_int(q, 13, e->nm > 1 ? 2 : 1);
        if (sqlite3_step(q) != SQLITE_DONE)
            return die_db(db, "insert");
        sqlite3_reset(q);
    }
    sqlite3_finalize(q);
    double t1 = now_ms();
    fprintf(stderr, "gen_store: %ld events generated and inserted in %.1f s\n", n, (t1 - t0) / 1e3);
    for (int i = 0; i < nidx; i++) {
        if (exec_sql(db, idx[i]))
            return 1;
        free(idx[i]);
    }
    double t2 = now_ms();
    fprintf(stderr, "gen_store: %d indexes in %.1f s\n", nidx, (t2 - t1) / 1e3);

    /* summaries, as the store keeps them (see src/store.c), from the
     * sorted events: sum_dyad and sum_pair per (source, target) run,
     * sum_actor in a table by country, month, quad, background */
    acc *actor = calloc((size_t)NC * NMONTHS * 8, sizeof *actor);
    sqlite3_stmt *sd, *sp, *sa;
    if (!actor)
        return 1;
    if (sqlite3_prepare_v2(db, "INSERT INTO sum_dyad(skey, tkey, month, quad, bg, n, gsum, m)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", -1, &sd, NULL) ||
        sqlite3_prepare_v2(db, "INSERT INTO sum_pair(skey, tkey, n, m, coop, confl, gsum, bn, bm,"
                               " bcoop, bconfl, bgsum) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                               " ?10, ?11, ?12)", -1, &sp, NULL) ||
        sqlite3_prepare_v2(db, "INSERT INTO sum_actor(key, month, quad, bg, n, gsum, m)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", -1, &sa, NULL))
        return die_db(db, "prepare summaries");
    static acc cell[NMONTHS][4][2];
    static int ym_of[NMONTHS];
    for (int k = 0; k < NDAYS; k++)
        ym_of[midx[k]] = yyyymm[k];
    for (long i = 0; i < n;) {
        long j = i;
        memset(cell, 0, sizeof cell);
        acc pair[2][3] = {{{0}}};   /* [bg][all, coop, confl] */
        for (; j < n && ev[j].sc == ev[i].sc && ev[j].tc == ev[i].tc; j++) {
            const gev *e = &ev[j];
            int qd = codes[e->code].quad, mi = midx[e->day];
            double g = codes[e->code].g;
            acc *c = &cell[mi][qd - 1][e->bg];
            c->n++;
            c->m += e->nm;
            c->g += g;
            for (int k = 0; k < 2; k++) {
                acc *a = &actor[((size_t)(k ? e->tc : e->sc) * NMONTHS + mi) * 8 + (qd - 1) * 2 + e->bg];
                a->n++;
                a->m += e->nm;
                a->g += g;
            }
            acc *p = pair[e->bg];
            p[0].n++;
            p[0].m += e->nm;
            p[0].g += g;
            p[qd <= 2 ? 1 : 2].n++;
        }
        const char *sk = countries[ev[i].sc], *tk = countries[ev[i].tc];
        for (int mi = 0; mi < NMONTHS; mi++)
            for (int qd = 0; qd < 4; qd++)
                for (int bg = 0; bg < 2; bg++) {
                    const acc *c = &cell[mi][qd][bg];
                    if (!c->n)
                        continue;
                    sqlite3_bind_text(sd, 1, sk, -1, SQLITE_STATIC);
                    sqlite3_bind_text(sd, 2, tk, -1, SQLITE_STATIC);
                    sqlite3_bind_int(sd, 3, ym_of[mi]);
                    sqlite3_bind_int(sd, 4, qd + 1);
                    sqlite3_bind_int(sd, 5, bg);
                    sqlite3_bind_int64(sd, 6, c->n);
                    sqlite3_bind_double(sd, 7, c->g);
                    sqlite3_bind_int64(sd, 8, c->m);
                    if (sqlite3_step(sd) != SQLITE_DONE)
                        return die_db(db, "sum_dyad");
                    sqlite3_reset(sd);
                }
        sqlite3_bind_text(sp, 1, sk, -1, SQLITE_STATIC);
        sqlite3_bind_text(sp, 2, tk, -1, SQLITE_STATIC);
        for (int bg = 0; bg < 2; bg++) {   /* totals, then the background part */
            const acc *a = pair[0], *b = pair[1];
            int o = bg ? 8 : 3;
            sqlite3_bind_int64(sp, o, bg ? b[0].n : a[0].n + b[0].n);
            sqlite3_bind_int64(sp, o + 1, bg ? b[0].m : a[0].m + b[0].m);
            sqlite3_bind_int64(sp, o + 2, bg ? b[1].n : a[1].n + b[1].n);
            sqlite3_bind_int64(sp, o + 3, bg ? b[2].n : a[2].n + b[2].n);
            sqlite3_bind_double(sp, o + 4, bg ? b[0].g : a[0].g + b[0].g);
        }
        if (sqlite3_step(sp) != SQLITE_DONE)
            return die_db(db, "sum_pair");
        sqlite3_reset(sp);
        i = j;
    }
    for (int r = 0; r < NC; r++) {
        int c = order[r];
        for (int mi = 0; mi < NMONTHS; mi++)
            for (int k = 0; k < 8; k++) {
                const acc *a = &actor[((size_t)c * NMONTHS + mi) * 8 + k];
                if (!a->n)
                    continue;
                sqlite3_bind_text(sa, 1, countries[c], -1, SQLITE_STATIC);
                sqlite3_bind_int(sa, 2, ym_of[mi]);
                sqlite3_bind_int(sa, 3, k / 2 + 1);
                sqlite3_bind_int(sa, 4, k % 2);
                sqlite3_bind_int64(sa, 5, a->n);
                sqlite3_bind_double(sa, 6, a->g);
                sqlite3_bind_int64(sa, 7, a->m);
                if (sqlite3_step(sa) != SQLITE_DONE)
                    return die_db(db, "sum_actor");
                sqlite3_reset(sa);
            }
    }
    sqlite3_finalize(sd);
    sqlite3_finalize(sp);
    sqlite3_finalize(sa);
    free(actor);
    free(ev);
    if (exec_sql(db,
            "INSERT INTO names(lname, code, name, n) VALUES"
            " ('vladimir putin', 'RUSGOV', 'Vladimir Putin', 100), ('putin', 'RUSGOV', 'Putin', 300),"
            " ('russia', 'RUS', 'Russia', 500), ('zelensky', 'UKRGOV', 'Zelensky', 200),"
            " ('joe biden', 'USAGOV', 'Joe Biden', 100), ('xi jinping', 'CHNGOV', 'Xi Jinping', 50),"
            " ('xi', 'CHNGOV', 'Xi', 80), ('china', 'CHN', 'China', 400);"
            "COMMIT;"))
        return 1;
    fprintf(stderr, "gen_store: summaries in %.1f s\n", (now_ms() - t2) / 1e3);
    sqlite3_close(db);
    return 0;
}

static int gen_articles(const char *path, long n, long batch)
{
    annals_store *s;
    annals_diag d;
    if (annals_store_open(path, NULL, &s, &d) != ANNALS_OK) {
        fprintf(stderr, "gen_store: %s\n", d.msg);
        return 1;
    }
    static const char *words[] = {"forces", "talks", "minister", "said", "border", "attack",
                                  "agreement", "troops", "city", "meeting", "aid", "protest",
                                  "government", "sanctions", "leaders", "week", "official"};
    char text[4096], id[32], date[16];
    double t0 = now_ms();
    long done = 0;
    annals_status st = ANNALS_OK;
    for (long i = 0; i < n && st == ANNALS_OK; i++) {
        if (batch > 1 && i % batch == 0 && (st = annals_store_begin(s)) != ANNALS_OK)
            break;
        size_t k = 0;
        for (int w = 0; w < 300 && k < sizeof text - 32; w++)
            k += (size_t)snprintf(text + k, sizeof text - k, "%s ", words[next() % 17]);
        snprintf(id, sizeof id, "gen-%ld", i);
        snprintf(date, sizeof date, "2024-%02d-%02d", (int)(i % 12) + 1, (int)(i % 28) + 1);
        annals_article a = {.id = id, .date = date, .title = id, .source = "gen",
                            .text = text, .text_len = k, .file = "gen"};
        annals_event e[3];
        char src[3][8], tgt[3][8];
        for (int j = 0; j < 3; j++) {
            int sc = country(), tc = country();
            size_t c = next() % NCODES;
            snprintf(src[j], 8, "%sGOV", countries[sc]);
            snprintf(tgt[j], 8, "%sGOV", countries[tc]);
            e[j] = (annals_event){.doc = id, .sentence = (uint32_t)j, .story_date = date,
                                  .date = date, .date_precision = "day", .source = src[j],
                                  .source_country = countries[sc], .target = tgt[j],
                                  .target_country = countries[tc], .code = codes[c].code,
                                  .quad_class = codes[c].quad, .goldstein = codes[c].g,
                                  .text = "A sentence.", .source_name = countries[sc]};
        }
        st = annals_store_add(s, &a, e, 3);
        if (st == ANNALS_OK && batch > 1 && (i % batch == batch - 1 || i == n - 1))
            st = annals_store_commit(s);
        done++;
    }
    if (st != ANNALS_OK) {
        fprintf(stderr, "gen_store: %s\n", annals_store_errmsg(s));
        annals_store_close(s);
        return 1;
    }
    double ms = now_ms() - t0;
    annals_store_stats ss;
    annals_store_stats_get(s, &ss);
    printf("articles %ld in %.2f s: %.0f articles/s, %.0f events/s (added %llu, unchanged %llu)\n",
           done, ms / 1e3, (double)done / (ms / 1e3), 3.0 * (double)done / (ms / 1e3),
           (unsigned long long)ss.added, (unsigned long long)ss.unchanged);
    annals_store_close(s);
    return 0;
}

static int count_ev(const annals_event_row *r, void *ctx)
{
    (void)r;
    ++*(long *)ctx;
    return 0;
}
static int count_series(const annals_series_row *r, void *ctx)
{
    (void)r;
    ++*(long *)ctx;
    return 0;
}
static int count_actor(const annals_actor_row *r, void *ctx)
{
    (void)r;
    ++*(long *)ctx;
    return 0;
}

static int time_queries(const char *path)
{
    annals_store *s;
    annals_diag d;
    annals_store_options o = {.readonly = 1};
    if (annals_store_open(path, &o, &s, &d) != ANNALS_OK) {
        fprintf(stderr, "gen_store: %s\n", d.msg);
        return 1;
    }
    /* the figures first: a dyad timeline, a monthly series, an
     * actor filter, the dyads ranking with no filter */
    struct { const char *name; int kind; annals_query q; annals_period p; } t[] = {
        {"[fig] timeline ISR IRN (all)", 0, {.actor = "ISR", .actor2 = "IRN"}, 0},
        {"[fig] series RUS UKR by month", 1, {.actor = "RUS", .actor2 = "UKR"}, ANNALS_PERIOD_MONTH},
        {"[fig] events --actor RUS limit 1000", 0, {.actor = "RUS", .limit = 1000}, 0},
        {"[fig] dyads", 3, {0}, 0},
        {"timeline USA CHN (all 2023)", 0, {.actor = "USA", .actor2 = "CHN", .from = "2023", .to = "2023"}, 0},
        {"timeline RUS UKR limit 1000", 0, {.actor = "RUS", .actor2 = "UKR", .limit = 1000}, 0},
        {"timeline RUSGOV UKRMIL limit 1000", 0, {.actor = "RUSGOV", .actor2 = "UKRMIL", .limit = 1000}, 0},
        {"timeline RUSMIL USAMIL (all)", 0, {.actor = "RUSMIL", .actor2 = "USAMIL"}, 0},
        {"events --actor Putin limit 1000 desc", 0, {.actor = "Putin", .limit = 1000, .descending = 1}, 0},
        {"events --actor RUS --code 19 limit 100", 0, {.actor = "RUS", .code = "19", .limit = 100}, 0},
        {"events --actor CHN from 2024-03", 0, {.actor = "CHN", .from = "2024-03", .to = "2024-03"}, 0},
        {"series RUS by month", 1, {.actor = "RUS"}, ANNALS_PERIOD_MONTH},
        {"series ISR IRN by week", 1, {.actor = "ISR", .actor2 = "IRN"}, ANNALS_PERIOD_WEEK},
        {"actors", 2, {0}, 0},
        {"dyads --from 2020 --to 2021", 3, {.from = "2020", .to = "2021"}, 0},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        long rows = 0;
        double best = 1e18;
        annals_status st = ANNALS_OK;
        for (int rep = 0; rep < 3; rep++) {
            rows = 0;
            double t0 = now_ms();
            switch (t[i].kind) {
            case 0: st = annals_query_events(s, &t[i].q, count_ev, &rows); break;
            case 1: st = annals_query_series(s, &t[i].q, t[i].p, count_series, &rows); break;
            case 2: st = annals_query_actors(s, &t[i].q, count_actor, &rows); break;
            default: st = annals_query_dyads(s, &t[i].q, count_actor, &rows); break;
            }
            double ms = now_ms() - t0;
            if (ms < best)
                best = ms;
        }
        if (st != ANNALS_OK)
            printf("%-40s error: %s\n", t[i].name, annals_store_errmsg(s));
        else
            printf("%-40s %8.1f ms  %ld rows\n", t[i].name, best, rows);
    }
    annals_store_close(s);
    return 0;
}

int main(int argc, char **argv)
{
    init_countries();
    if (argc >= 4 && strcmp(argv[1], "events") == 0)
        return gen_events(argv[2], atol(argv[3]));
    if (argc >= 4 && strcmp(argv[1], "articles") == 0)
        return gen_articles(argv[2], atol(argv[3]), argc > 4 ? atol(argv[4]) : 100);
    if (argc >= 3 && strcmp(argv[1], "query") == 0)
        return time_queries(argv[2]);
    if (argc >= 2 && strcmp(argv[1], "version") == 0) {
        printf("%d\n", annals_store_schema_version());
        return 0;
    }
    fprintf(stderr, "usage: gen_store events DB N | articles DB N [BATCH] | query DB | version\n");
    return 2;
}
