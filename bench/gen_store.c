/*
 * gen_store.c: synthetic events stores, for query timings and crash tests.
 *
 *   gen_store events DB N      N synthetic deduplicated events written with
 *                              SQL in one transaction (indexes dropped and
 *                              rebuilt, summary tables and names filled from
 *                              them), on a schema made by annals_store_open;
 *   gen_store articles DB N [BATCH]
 *                              N synthetic articles (3 events each) through
 *                              annals_store_add in batches: ingest speed,
 *                              and the process tests/store.sh kills with -9;
 *   gen_store query DB         times a dyad timeline, a monthly series, an
 *                              actor filter and more; prints milliseconds.
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

static int gen_events(const char *path, long n)
{
    annals_store *s;
    annals_diag d;
    if (annals_store_open(path, NULL, &s, &d) != ANNALS_OK) {
        fprintf(stderr, "gen_store: %s\n", d.msg);
        return 1;
    }
    annals_store_close(s);
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK)
        return die_db(db, "open");
    sqlite3_exec(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
                     " PRAGMA cache_size = -1000000; PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
    /* keep the index definitions, drop, fill, recreate */
    sqlite3_stmt *q;
    char *idx[32];
    int nidx = 0;
    sqlite3_prepare_v2(db, "SELECT name, sql FROM sqlite_schema WHERE type = 'index'"
                           " AND tbl_name = 'events' AND sql IS NOT NULL", -1, &q, NULL);
    while (sqlite3_step(q) == SQLITE_ROW && nidx < 32) {
        char drop[128];
        idx[nidx++] = strdup((const char *)sqlite3_column_text(q, 1));
        snprintf(drop, sizeof drop, "%s", (const char *)sqlite3_column_text(q, 0));
        (void)drop;
    }
    sqlite3_finalize(q);
    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    sqlite3_exec(db, "DROP INDEX events_match; DROP INDEX events_dyad; DROP INDEX events_sc;"
                     " DROP INDEX events_tc; DROP INDEX events_s; DROP INDEX events_t;"
                     " DROP INDEX events_code; DROP INDEX events_date", NULL, NULL, NULL);
    if (sqlite3_prepare_v2(db,
            "INSERT INTO events(date, date_precision, date_lo, date_hi, background, source,"
            " source_country, target, target_country, code, root, quad, goldstein, num_mentions,"
            " num_sources, num_articles, first_seen, last_seen, skey, tkey)"
            " VALUES (?1, 'day', ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, substr(?8, 1, 2), ?9, ?10, ?11,"
            " ?12, ?13, ?1, ?1, ?5, ?7)", -1, &q, NULL) != SQLITE_OK)
        return die_db(db, "prepare");
    double t0 = now_ms();
    long base = 16436; /* 2015-01-01 */
    for (long i = 0; i < n; i++) {
        int sc = country(), tc = country();
        while (tc == sc)
            tc = country();
        long day = base + (long)(unif() * 3653);
        time_t tt = (time_t)day * 86400;
        struct tm tm;
        gmtime_r(&tt, &tm);
        char date[16], src[8], tgt[8];
        strftime(date, sizeof date, "%Y-%m-%d", &tm);
        snprintf(src, sizeof src, "%s%s", countries[sc], roles[next() % 10 < 6 ? 0 : next() % 10]);
        snprintf(tgt, sizeof tgt, "%s%s", countries[tc], roles[next() % 10 < 6 ? 0 : next() % 10]);
        size_t c = next() % NCODES;
        int nm = 1 + (int)(next() % 8 == 0 ? next() % 20 : 0);
        sqlite3_bind_text(q, 1, date, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(q, 2, day);
        sqlite3_bind_int(q, 3, next() % 20 == 0);
        sqlite3_bind_text(q, 4, src, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(q, 5, countries[sc], -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 6, tgt, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(q, 7, countries[tc], -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 8, codes[c].code, -1, SQLITE_STATIC);
        sqlite3_bind_int(q, 9, codes[c].quad);
        sqlite3_bind_double(q, 10, codes[c].g);
        sqlite3_bind_int(q, 11, nm);
        sqlite3_bind_int(q, 12, nm > 1 ? 2 : 1);
        sqlite3_bind_int(q, 13, nm > 1 ? 2 : 1);
        if (sqlite3_step(q) != SQLITE_DONE)
            return die_db(db, "insert");
        sqlite3_reset(q);
    }
    sqlite3_finalize(q);
    double t1 = now_ms();
    fprintf(stderr, "inserted %ld events in %.1f s\n", n, (t1 - t0) / 1e3);
    for (int i = 0; i < nidx; i++) {
        if (sqlite3_exec(db, idx[i], NULL, NULL, NULL) != SQLITE_OK)
            return die_db(db, idx[i]);
        free(idx[i]);
    }
    double t2 = now_ms();
    fprintf(stderr, "indexes in %.1f s\n", (t2 - t1) / 1e3);
    const char *fill =
        "INSERT INTO sum_actor(key, month, quad, bg, n, gsum, m)"
        " SELECT key, month, quad, bg, count(*), sum(g), sum(m) FROM ("
        "  SELECT skey AS key, CAST(substr(date, 1, 4) || substr(date, 6, 2) AS INTEGER) AS month,"
        "   quad, background AS bg, goldstein AS g, num_mentions AS m FROM events"
        "  UNION ALL SELECT tkey, CAST(substr(date, 1, 4) || substr(date, 6, 2) AS INTEGER),"
        "   quad, background, goldstein, num_mentions FROM events WHERE tkey <> skey)"
        " GROUP BY key, month, quad, bg;"
        "INSERT INTO sum_dyad(skey, tkey, month, quad, bg, n, gsum, m)"
        " SELECT skey, tkey, CAST(substr(date, 1, 4) || substr(date, 6, 2) AS INTEGER), quad,"
        "  background, count(*), sum(goldstein), sum(num_mentions) FROM events"
        " GROUP BY 1, 2, 3, 4, 5;"
        "INSERT INTO names(lname, code, name, n) VALUES ('vladimir putin', 'RUSGOV', 'Vladimir Putin', 100),"
        " ('putin', 'RUSGOV', 'Putin', 300), ('zelensky', 'UKRGOV', 'Zelensky', 200),"
        " ('joe biden', 'USAGOV', 'Joe Biden', 100), ('xi jinping', 'CHNGOV', 'Xi Jinping', 50);"
        "COMMIT; ANALYZE;";
    if (sqlite3_exec(db, fill, NULL, NULL, NULL) != SQLITE_OK)
        return die_db(db, "summaries");
    fprintf(stderr, "summaries and ANALYZE in %.1f s\n", (now_ms() - t2) / 1e3);
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
    struct { const char *name; int kind; annals_query q; annals_period p; } t[] = {
        {"timeline USA CHN (all 2023)", 0, {.actor = "USA", .actor2 = "CHN", .from = "2023", .to = "2023"}, 0},
        {"timeline ISR IRN (all)", 0, {.actor = "ISR", .actor2 = "IRN"}, 0},
        {"timeline RUS UKR limit 1000", 0, {.actor = "RUS", .actor2 = "UKR", .limit = 1000}, 0},
        {"timeline RUSGOV UKRMIL limit 1000", 0, {.actor = "RUSGOV", .actor2 = "UKRMIL", .limit = 1000}, 0},
        {"events --actor RUS limit 1000", 0, {.actor = "RUS", .limit = 1000}, 0},
        {"events --actor Putin limit 1000 desc", 0, {.actor = "Putin", .limit = 1000, .descending = 1}, 0},
        {"events --actor RUS --code 19 limit 100", 0, {.actor = "RUS", .code = "19", .limit = 100}, 0},
        {"events --actor CHN from 2024-03", 0, {.actor = "CHN", .from = "2024-03", .to = "2024-03"}, 0},
        {"series RUS by month", 1, {.actor = "RUS"}, ANNALS_PERIOD_MONTH},
        {"series RUS UKR by month", 1, {.actor = "RUS", .actor2 = "UKR"}, ANNALS_PERIOD_MONTH},
        {"series ISR IRN by week", 1, {.actor = "ISR", .actor2 = "IRN"}, ANNALS_PERIOD_WEEK},
        {"actors", 2, {0}, 0},
        {"dyads", 3, {0}, 0},
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
    fprintf(stderr, "usage: gen_store events DB N | articles DB N [BATCH] | query DB\n");
    return 2;
}
