/*
 * test_store.c: unit tests of the events store (src/store.c, src/query.c,
 * src/dedup.c) through the public API, with articles and events built by
 * hand: idempotent re-adds, replacement of changed articles, merging of
 * mentions across articles, near-duplicate clusters, every query filter,
 * schema version refusal, locked and read-only databases, bad dates.
 * Each test works in its own fresh database under $TMPDIR.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "annals.h"

/* ------------------------------------------------------------ fixtures */

static char dbpath[256];

static void fresh_path(const char *name)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dbpath, sizeof dbpath, "%s/annals_test_%d_%s.db", tmp ? tmp : "/tmp", (int)getpid(),
             name);
    char p[300];
    unlink(dbpath);
    snprintf(p, sizeof p, "%s-wal", dbpath);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", dbpath);
    unlink(p);
}

static annals_store *open_fresh(const char *name)
{
    fresh_path(name);
    annals_store *s = NULL;
    annals_diag d;
    assert_int_equal(annals_store_open(dbpath, NULL, &s, &d), ANNALS_OK);
    return s;
}

static annals_article art(const char *id, const char *date, const char *source, const char *url,
                          const char *text)
{
    annals_article a = {0};
    a.id = id;
    a.date = date;
    a.title = id;
    a.source = source;
    a.url = url;
    a.text = text;
    a.text_len = strlen(text);
    a.file = "test";
    return a;
}

static annals_event ev(const char *src, const char *tgt, const char *code, const char *date,
                       const char *prec, uint32_t sentence, const char *text)
{
    annals_event e = {0};
    e.doc = "x";
    e.sentence = sentence;
    e.story_date = date;
    e.date = date;
    e.date_precision = prec;
    e.source = src;
    e.source_country = NULL;
    e.target = tgt;
    e.code = code;
    e.quad_class = code[0] == '1' && code[1] >= '8' ? 4 : code[0] == '0' && code[1] <= '5' ? 1 : 3;
    e.goldstein = e.quad_class == 4 ? -9.0 : e.quad_class == 1 ? 1.0 : -4.0;
    e.text = text;
    e.span_start = 0;
    e.span_end = strlen(text);
    return e;
}

static void set_country(annals_event *e)
{
    static char buf[16][4];
    static int k;
    if (e->source) {
        snprintf(buf[k % 16], 4, "%s", e->source);
        e->source_country = buf[k++ % 16];
    }
    if (e->target) {
        snprintf(buf[k % 16], 4, "%s", e->target);
        e->target_country = buf[k++ % 16];
    }
}

typedef struct collect {
    int n;
    int64_t ids[64];
    uint32_t mentions[64], sources[64], articles[64];
    char dates[64][16];
    char codes[64][8];
} collect;

static int collect_cb(const annals_event_row *r, void *ctx)
{
    collect *c = ctx;
    if (c->n < 64) {
        c->ids[c->n] = r->id;
        c->mentions[c->n] = r->num_mentions;
        c->sources[c->n] = r->num_sources;
        c->articles[c->n] = r->num_articles;
        snprintf(c->dates[c->n], 16, "%s", r->date ? r->date : "");
        snprintf(c->codes[c->n], 8, "%s", r->code ? r->code : "");
    }
    c->n++;
    return 0;
}

static collect run(annals_store *s, const annals_query *q, annals_status want)
{
    collect c = {0};
    annals_status st = annals_query_events(s, q, collect_cb, &c);
    if (st != want)
        fprintf(stderr, "query: %s\n", annals_store_errmsg(s));
    assert_int_equal(st, want);
    return c;
}

static annals_store_stats stats(annals_store *s)
{
    annals_store_stats st;
    assert_int_equal(annals_store_stats_get(s, &st), ANNALS_OK);
    return st;
}

static const char *S1 = "Russian forces shelled Kharkiv on Tuesday.";
static const char *S2 = "Putin met Erdogan in Sochi.";

/* --------------------------------------------------------------- tests */

static void test_idempotent(void **state)
{
    (void)state;
    annals_store *s = open_fresh("idem");
    char text[200];
    snprintf(text, sizeof text, "%s %s", S1, S2);
    annals_article a = art("a1", "2024-03-05", "Reuters", NULL, text);
    annals_event e[2] = {ev("RUSMIL", "UKR", "190", "2024-03-05", "day", 0, S1),
                         ev("RUSGOV", "TURGOV", "040", "2024-03-05", "day", 1, S2)};
    e[1].source_name = "Putin";
    e[1].target_name = "Erdogan";
    assert_int_equal(annals_store_add(s, &a, e, 2), ANNALS_OK);
    annals_store_stats st1 = stats(s);
    assert_int_equal(st1.articles, 1);
    assert_int_equal(st1.events, 2);
    assert_int_equal(st1.mentions, 2);
    assert_int_equal(st1.sentences, 2);
    assert_int_equal(annals_store_known(s, &a), 1);
    assert_int_equal(annals_store_add(s, &a, e, 2), ANNALS_OK);
    annals_store_stats st2 = stats(s);
    assert_int_equal(st2.events, 2);
    assert_int_equal(st2.mentions, 2);
    assert_int_equal(st2.sentences, 2);
    assert_int_equal(st2.added, 1);
    assert_int_equal(st2.unchanged, 1);
    /* also inside a batch */
    assert_int_equal(annals_store_begin(s), ANNALS_OK);
    assert_int_equal(annals_store_add(s, &a, e, 2), ANNALS_OK);
    assert_int_equal(annals_store_commit(s), ANNALS_OK);
    assert_int_equal(stats(s).mentions, 2);
    annals_store_close(s);
}

static void test_merge_and_replace(void **state)
{
    (void)state;
    annals_store *s = open_fresh("merge");
    annals_article a = art("a", "2024-03-06", "Reuters", NULL, "Article a talks about shelling.");
    annals_article b = art("b", "2024-03-20", NULL, "https://www.apnews.com/x/1", "Article b is different text.");
    annals_article c = art("c", "2024-03-21", NULL, "https://apnews.com/x/2", "And c is different again here.");
    annals_event ea[2] = {ev("RUSMIL", "UKR", "190", "2024-03-05", "day", 0, S1),
                          ev("RUSMIL", "UKR", "190", "2024-03-05", "day", 1, S1)};
    annals_event eb = ev("RUSMIL", "UKR", "190", "2024-03-01", "month", 0, S1);
    annals_event ec = ev("RUSMIL", "UKR", "190", "2024-03-07", "day", 0, S1);
    assert_int_equal(annals_store_add(s, &a, ea, 2), ANNALS_OK);
    assert_int_equal(annals_store_add(s, &b, &eb, 1), ANNALS_OK);
    assert_int_equal(annals_store_add(s, &c, &ec, 1), ANNALS_OK);
    collect r = run(s, NULL, ANNALS_OK);
    assert_int_equal(r.n, 2);          /* the 5th (day + month) and the 7th */
    assert_string_equal(r.dates[0], "2024-03-05");
    assert_int_equal(r.mentions[0], 3);
    assert_int_equal(r.articles[0], 2);
    assert_int_equal(r.sources[0], 2); /* reuters, apnews.com */
    assert_string_equal(r.dates[1], "2024-03-07");
    assert_int_equal(r.mentions[1], 1);

    /* a's text changed: its mentions are replaced by one of another event */
    annals_article a2 = art("a", "2024-03-06", "Reuters", NULL, "Article a, corrected: a meeting.");
    annals_event ea2 = ev("RUSGOV", "TURGOV", "040", "2024-03-06", "day", 0, S2);
    assert_int_equal(annals_store_add(s, &a2, &ea2, 1), ANNALS_OK);
    annals_store_stats st = stats(s);
    assert_int_equal(st.replaced, 1);
    assert_int_equal(st.articles, 3);
    assert_int_equal(st.events, 3);
    assert_int_equal(st.mentions, 3);
    r = run(s, NULL, ANNALS_OK);
    assert_int_equal(r.n, 3);
    /* the merged event now only has b's month mention */
    assert_int_equal(r.mentions[0], 1);
    assert_string_equal(r.dates[0], "2024-03-01");

    /* replaced again with no events: the meeting event disappears */
    annals_article a3 = art("a", "2024-03-06", "Reuters", NULL, "Article a, retracted.");
    assert_int_equal(annals_store_add(s, &a3, NULL, 0), ANNALS_OK);
    assert_int_equal(stats(s).events, 2);
    annals_store_close(s);
}

/* An invented article, a syndicated copy with a new headline and a changed
 * sentence, a light rewrite, and an unrelated one. */
static const char *ORIG =
    "Harbour workers in the fictional port of Velmora walked off the job on Monday after talks "
    "with the shipping authority collapsed over pay and night shifts. The union said its members "
    "would stay out until the authority agreed to restore the overtime rates cut last spring. "
    "Ships queued outside the breakwater as cranes stood idle and trucks lined the coast road. "
    "The authority said it regretted the walkout and remained ready to meet union leaders at any "
    "time. A government spokesman urged both sides to return to the table and warned that fuel "
    "deliveries to the northern provinces could be delayed within days. Local traders said prices "
    "of fish and grain had already begun to rise in the old market.";
static const char *COPY =
    "VELMORA STRIKE: Port at a standstill. Harbour workers in the fictional port of Velmora walked "
    "off the job on Monday after talks with the shipping authority collapsed over pay and night "
    "shifts. The union said its members would stay out until the authority agreed to restore the "
    "overtime rates cut last spring. Ships queued outside the breakwater as cranes stood idle and "
    "trucks lined the coast road. The authority said it regretted the walkout and remained ready "
    "to meet union leaders at any time. A government spokesman urged both sides to return to the "
    "table and warned that fuel deliveries to the northern provinces could be delayed within days. "
    "(Reporting by a wire service; editing by someone else)";
static const char *REWRITE =
    "Harbour workers in the port of Velmora walked off the job on Monday after talks with the "
    "shipping authority collapsed over pay and night shifts. The union said its members would "
    "stay out until the authority agreed to restore the overtime rates cut last spring. Ships "
    "queued outside the breakwater as cranes stood idle and trucks lined the coast road. The "
    "authority said it regretted the walkout and remained ready to meet union leaders at any "
    "time. A government spokesman on Tuesday urged both sides to return to the table and warned "
    "that fuel deliveries to the northern provinces could be delayed within days.";
static const char *OTHER =
    "The national orchestra of Velmora opened its winter season with a programme of folk songs "
    "arranged for strings, and the concert hall was full for the first time since the renovation. "
    "Critics praised the young conductor, who said she hoped to take the orchestra on tour to "
    "three neighbouring countries next year if funding allowed.";

typedef struct clus { int64_t cluster[8]; int n; } clus;
static int clus_cb(const annals_mention_row *m, void *ctx)
{
    clus *c = ctx;
    if (c->n < 8)
        c->cluster[c->n++] = m->cluster;
    return 0;
}

static void test_near_duplicates(void **state)
{
    (void)state;
    annals_store *s = open_fresh("dup");
    annals_article a = art("orig", "2024-05-06", "Velmora Times", NULL, ORIG);
    annals_article b = art("copy", "2024-05-06", "Wire Daily", NULL, COPY);
    annals_article c = art("rewrite", "2024-05-07", "Coast Herald", NULL, REWRITE);
    annals_article d = art("other", "2024-05-07", "Arts Weekly", NULL, OTHER);
    annals_event e = ev("VELLAB", "VELGOV", "143", "2024-05-06", "day", 0,
                        "Harbour workers walked off the job.");
    e.source_name = "Harbour workers";
    annals_event e2 = ev("VELLAB", "VELGOV", "143", "2024-05-06", "day", 0, "x");
    assert_int_equal(annals_store_add(s, &a, &e, 1), ANNALS_OK);
    assert_int_equal(annals_store_add(s, &b, &e, 1), ANNALS_OK);
    assert_int_equal(annals_store_add(s, &c, &e2, 1), ANNALS_OK);
    assert_int_equal(annals_store_add(s, &d, NULL, 0), ANNALS_OK);
    annals_store_stats st = stats(s);
    assert_int_equal(st.articles, 4);
    assert_int_equal(st.clusters, 2);
    collect r = run(s, NULL, ANNALS_OK);
    assert_int_equal(r.n, 1);
    assert_int_equal(r.mentions[0], 3);
    assert_int_equal(r.articles[0], 3);
    assert_int_equal(r.sources[0], 1);   /* one cluster: one source */
    clus cl = {0};
    assert_int_equal(annals_query_show(s, r.ids[0], NULL, clus_cb, &cl), ANNALS_OK);
    assert_int_equal(cl.n, 3);
    assert_true(cl.cluster[0] == cl.cluster[1] && cl.cluster[1] == cl.cluster[2]);
    annals_store_close(s);
}

/* A small store for the query tests. */
static annals_store *query_fixture(void)
{
    annals_store *s = open_fresh("query");
    struct { const char *id, *date, *src; } arts[] = {
        {"q1", "2024-01-10", "Reuters"}, {"q2", "2024-02-11", "AP"},
        {"q3", "2024-02-20", "BBC"},     {"q4", "2023-12-01", "AFP"}};
    char text[4][64];
    for (int i = 0; i < 4; i++) {
        snprintf(text[i], sizeof text[i], "Article number %d about unrelated matters.", i);
        annals_article a = art(arts[i].id, arts[i].date, arts[i].src, NULL, text[i]);
        annals_event e[3];
        size_t n = 0;
        if (i == 0) {
            e[n] = ev("RUSGOV", "UKRGOV", "190", "2024-01-10", "day", 0,
                      "Russian troops attacked Ukrainian positions near Avdiivka.");
            e[n].source_name = "Russian troops";
            e[n].target_name = "Ukrainian positions";
            e[n].trigger = "attacked";
            e[n].trigger_start = 15;
            e[n].trigger_end = 23;
            e[n].location.name = "Avdiivka";
            e[n].location.country = "UKR";
            e[n].location.precision = "city";
            e[n].location.lat = 48.1;
            e[n].location.lon = 37.7;
            n++;
            e[n] = ev("USAGOV", "RUSGOV", "111", "2024-01-10", "day", 1,
                      "Washington criticised Moscow.");
            e[n].source_name = "Washington";
            e[n].target_name = "Moscow";
            n++;
        } else if (i == 1) {
            e[n] = ev("UKRGOV", "RUSGOV", "190", "2024-02-11", "day", 0,
                      "Ukraine struck a Russian depot in Belgorod.");
            e[n].source_name = "Ukraine";
            e[n].location.name = "Belgorod";
            e[n].location.country = "RUS";
            n++;
            e[n] = ev("RUSGOV", "CHNGOV", "040", "2024-02-11", "day", 1,
                      "Vladimir Putin met Xi Jinping.");
            e[n].source_name = "Vladimir Putin";
            e[n].target_name = "Xi Jinping";
            n++;
        } else if (i == 2) {
            e[n] = ev("RUSGOV", "UKRGOV", "193", "2024-02-20", "day", 0,
                      "Putin's forces fired missiles at Kyiv.");
            e[n].source_name = "Putin";
            n++;
        } else {
            e[n] = ev("RUSGOV", "UKRGOV", "190", "2023-06-01", "month", 0,
                      "Russia had attacked in June.");
            e[n].background = 1;
            n++;
        }
        for (size_t k = 0; k < n; k++)
            set_country(&e[k]);
        assert_int_equal(annals_store_add(s, &a, e, n), ANNALS_OK);
    }
    return s;
}

static void test_queries(void **state)
{
    (void)state;
    annals_store *s = query_fixture();
    assert_int_equal(stats(s).events, 6);
    annals_query q = {0};
    collect r;
    q.actor = "RUS";           /* country */
    r = run(s, &q, ANNALS_OK);
    assert_int_equal(r.n, 6);
    q.actor = "RUSGOV";        /* code prefix */
    assert_int_equal(run(s, &q, ANNALS_OK).n, 6);
    q.actor = "CHN";
    assert_int_equal(run(s, &q, ANNALS_OK).n, 1);
    q.actor = "Putin";         /* name -> RUSGOV */
    assert_int_equal(run(s, &q, ANNALS_OK).n, 6);
    q.actor = "Xi Jinping";
    assert_int_equal(run(s, &q, ANNALS_OK).n, 1);
    q.actor = "Puttin";
    r = run(s, &q, ANNALS_ENOTFOUND);
    assert_non_null(strstr(annals_store_errmsg(s), "did you mean \"Putin\""));
    q.actor = "XYZ";
    run(s, &q, ANNALS_ENOTFOUND);

    /* dyad */
    q.actor = "RUS";
    q.actor2 = "UKR";
    r = run(s, &q, ANNALS_OK);
    assert_int_equal(r.n, 4);
    assert_string_equal(r.dates[0], "2023-06-01");
    q.directed = 1;
    assert_int_equal(run(s, &q, ANNALS_OK).n, 3);
    q.actor = "UKR";
    q.actor2 = "RUS";
    assert_int_equal(run(s, &q, ANNALS_OK).n, 1);
    q.directed = 0;
    q.no_background = 1;
    assert_int_equal(run(s, &q, ANNALS_OK).n, 3);
    q.no_background = 0;

    /* timeline = dyad */
    collect t = {0};
    assert_int_equal(annals_query_timeline(s, "Putin", "UKR", NULL, collect_cb, &t), ANNALS_OK);
    assert_int_equal(t.n, 4);

    /* code, root, quad, dates, place, text, limit */
    annals_query q2 = {0};
    q2.code = "19";
    assert_int_equal(run(s, &q2, ANNALS_OK).n, 4);
    q2.code = "193";
    assert_int_equal(run(s, &q2, ANNALS_OK).n, 1);
    q2.code = NULL;
    q2.root = "04";
    assert_int_equal(run(s, &q2, ANNALS_OK).n, 1);
    q2.root = NULL;
    q2.quad = 4;
    assert_int_equal(run(s, &q2, ANNALS_OK).n, 4);
    q2.quad = 0;
    q2.from = "2024-02";
    assert_int_equal(run(s, &q2, ANNALS_OK).n, 3);
    q2.to = "2024-02-15";
    assert_int_equal(run(s, &q2, ANNALS_OK).n, 2);
    q2.from = "2024-02-31";
    run(s, &q2, ANNALS_EPARSE);
    q2.from = q2.to = NULL;
    q2.place = "avdiivka";
    assert_int_equal(run(s, &q2, ANNALS_OK).n, 1);
    q2.place = "RUS";
    assert_int_equal(run(s, &q2, ANNALS_OK).n, 1);
    q2.place = NULL;
    q2.text = "missiles";
    r = run(s, &q2, ANNALS_OK);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.codes[0], "193");
    q2.text = "\"unbalanced";
    run(s, &q2, ANNALS_EPARSE);
    q2.text = NULL;
    q2.limit = 2;
    q2.descending = 1;
    r = run(s, &q2, ANNALS_OK);
    assert_int_equal(r.n, 2);
    assert_string_equal(r.dates[0], "2024-02-20");
    annals_store_close(s);
}

typedef struct srows { int n; char period[16][16]; uint64_t ev[16], q4[16]; double g[16]; } srows;
static int series_cb(const annals_series_row *r, void *ctx)
{
    srows *c = ctx;
    if (c->n < 16) {
        snprintf(c->period[c->n], 16, "%s", r->period);
        c->ev[c->n] = r->events;
        c->q4[c->n] = r->quad[4];
        c->g[c->n] = r->goldstein_mean;
    }
    c->n++;
    return 0;
}

typedef struct arows { int n; char a[16][8], b[16][8]; uint64_t ev[16], coop[16], confl[16]; } arows;
static int actor_cb(const annals_actor_row *r, void *ctx)
{
    arows *c = ctx;
    if (c->n < 16) {
        snprintf(c->a[c->n], 8, "%s", r->actor ? r->actor : "");
        snprintf(c->b[c->n], 8, "%s", r->actor2 ? r->actor2 : "");
        c->ev[c->n] = r->events;
        c->coop[c->n] = r->cooperation;
        c->confl[c->n] = r->conflict;
    }
    c->n++;
    return 0;
}

static int show_ev(const annals_event_row *r, void *ctx)
{
    *(int64_t *)ctx = r->id;
    return 0;
}

static char marked[512];
static int show_m(const annals_mention_row *m, void *ctx)
{
    (void)ctx;
    annals_buf b = {0};
    assert_int_equal(annals_mention_mark(m, &b), ANNALS_OK);
    snprintf(marked, sizeof marked, "%s", b.data);
    free(b.data);
    return 0;
}

static void test_series_actors_show(void **state)
{
    (void)state;
    annals_store *s = query_fixture();
    annals_query q = {0};
    q.actor = "RUS";
    q.actor2 = "UKR";
    /* summary path (country dyad by month) and base path (by day) agree */
    srows m = {0}, y = {0}, d = {0};
    assert_int_equal(annals_query_series(s, &q, ANNALS_PERIOD_MONTH, series_cb, &m), ANNALS_OK);
    assert_int_equal(m.n, 3);
    assert_string_equal(m.period[0], "2023-06");
    assert_string_equal(m.period[2], "2024-02");
    assert_int_equal(m.ev[2], 2);
    assert_int_equal(m.q4[2], 2);
    assert_true(m.g[2] < -8.9 && m.g[2] > -9.1);
    assert_int_equal(annals_query_series(s, &q, ANNALS_PERIOD_YEAR, series_cb, &y), ANNALS_OK);
    assert_int_equal(y.n, 2);
    assert_int_equal(y.ev[1], 3);
    q.code = "19";           /* forces the base path */
    assert_int_equal(annals_query_series(s, &q, ANNALS_PERIOD_DAY, series_cb, &d), ANNALS_OK);
    assert_int_equal(d.n, 4);
    srows w = {0};
    assert_int_equal(annals_query_series(s, &q, ANNALS_PERIOD_WEEK, series_cb, &w), ANNALS_OK);
    assert_string_equal(w.period[1], "2024-01-08");   /* Monday of 2024-01-10 */
    q.code = NULL;
    q.actor2 = NULL;
    srows a = {0};
    q.actor = "CHN";
    assert_int_equal(annals_query_series(s, &q, ANNALS_PERIOD_MONTH, series_cb, &a), ANNALS_OK);
    assert_int_equal(a.n, 1);

    arows ac = {0}, dy = {0}, ac2 = {0};
    assert_int_equal(annals_query_actors(s, NULL, actor_cb, &ac), ANNALS_OK);
    assert_string_equal(ac.a[0], "RUS");
    assert_int_equal(ac.ev[0], 6);
    assert_int_equal(ac.coop[0], 1);
    assert_int_equal(ac.confl[0], 5);
    annals_query qc = {0};
    qc.code = "1";           /* base path */
    assert_int_equal(annals_query_actors(s, &qc, actor_cb, &ac2), ANNALS_OK);
    assert_string_equal(ac2.a[0], "RUS");
    assert_int_equal(ac2.ev[0], 5);
    assert_int_equal(annals_query_dyads(s, NULL, actor_cb, &dy), ANNALS_OK);
    assert_string_equal(dy.a[0], "RUS");
    assert_string_equal(dy.b[0], "UKR");
    assert_int_equal(dy.ev[0], 3);

    /* show */
    annals_query qa = {0};
    qa.place = "Avdiivka";
    collect r = run(s, &qa, ANNALS_OK);
    int64_t id = 0;
    assert_int_equal(annals_query_show(s, r.ids[0], show_ev, show_m, &id), ANNALS_OK);
    assert_int_equal(id, r.ids[0]);
    assert_string_equal(marked,
                        "[Russian troops] <<attacked>> {Ukrainian positions} near Avdiivka.");
    assert_int_equal(annals_query_show(s, 99999, show_ev, show_m, &id), ANNALS_ENOTFOUND);
    annals_store_close(s);
}

static void test_schema_version(void **state)
{
    (void)state;
    annals_store *s = open_fresh("version");
    annals_store_close(s);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    annals_diag d;
    assert_int_equal(annals_store_open(dbpath, NULL, &s, &d), ANNALS_EVERSION);
    assert_null(s);
    assert_non_null(strstr(d.msg, "newer"));
    /* a foreign SQLite database is not taken over */
    fresh_path("foreign");
    assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
    sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL);
    sqlite3_close(db);
    assert_int_equal(annals_store_open(dbpath, NULL, &s, &d), ANNALS_EDB);
    /* not a database at all */
    fresh_path("garbage");
    FILE *f = fopen(dbpath, "w");
    fputs("this is not a database, not at all, no. this is not a database at all\n", f);
    fclose(f);
    assert_int_equal(annals_store_open(dbpath, NULL, &s, &d), ANNALS_EDB);
    /* read-only open of a missing file */
    fresh_path("missing");
    annals_store_options ro = {.readonly = 1};
    assert_int_equal(annals_store_open(dbpath, &ro, &s, &d), ANNALS_ENOTFOUND);
}

static void test_locked_and_readonly(void **state)
{
    (void)state;
    annals_store *s1 = open_fresh("lock");
    annals_article a = art("l1", "2024-01-01", "X", NULL, "Some text here.");
    annals_event e = ev("RUSGOV", "UKRGOV", "190", "2024-01-01", "day", 0, "Some text here.");
    assert_int_equal(annals_store_begin(s1), ANNALS_OK);
    assert_int_equal(annals_store_add(s1, &a, &e, 1), ANNALS_OK);
    annals_store_options o = {.busy_timeout_ms = 50};
    annals_store *s2 = NULL;
    annals_diag d;
    assert_int_equal(annals_store_open(dbpath, &o, &s2, &d), ANNALS_OK);
    annals_article b = art("l2", "2024-01-01", "X", NULL, "Other text here.");
    assert_int_equal(annals_store_add(s2, &b, &e, 1), ANNALS_EBUSY);
    assert_non_null(strstr(annals_store_errmsg(s2), "locked"));
    assert_int_equal(annals_store_commit(s1), ANNALS_OK);
    assert_int_equal(annals_store_add(s2, &b, &e, 1), ANNALS_OK);
    annals_store_close(s2);
    annals_store_close(s1);

    annals_store_options ro = {.readonly = 1};
    annals_store *r = NULL;
    assert_int_equal(annals_store_open(dbpath, &ro, &r, &d), ANNALS_OK);
    annals_article c = art("l3", "2024-01-01", "X", NULL, "Third text here.");
    assert_int_equal(annals_store_add(r, &c, &e, 1), ANNALS_EDB);
    assert_non_null(strstr(annals_store_errmsg(r), "read-only"));
    assert_int_equal(stats(r).articles, 2);
    annals_store_close(r);
}

static void test_bad_dates(void **state)
{
    (void)state;
    annals_store *s = open_fresh("dates");
    annals_article a = art("d1", "2024-13-01", "X", NULL, "Text.");
    annals_event e = ev("RUSGOV", "UKRGOV", "190", "2024-01-01", "day", 0, "Text.");
    assert_int_equal(annals_store_add(s, &a, &e, 1), ANNALS_EPARSE);
    assert_non_null(strstr(annals_store_errmsg(s), "2024-13-01"));
    a.date = "2024-02-29";                       /* leap day: fine */
    e.date = "2023-02-29";                       /* not a leap year */
    assert_int_equal(annals_store_add(s, &a, &e, 1), ANNALS_EPARSE);
    e.date = "yesterday";
    assert_int_equal(annals_store_add(s, &a, &e, 1), ANNALS_EPARSE);
    annals_store_stats st = stats(s);
    assert_int_equal(st.articles, 0);
    assert_int_equal(st.events, 0);
    /* unknown dates are fine: no date, kept apart from dated events */
    a.date = "";
    e.date = NULL;
    assert_int_equal(annals_store_add(s, &a, &e, 1), ANNALS_OK);
    assert_int_equal(stats(s).events, 1);
    /* year precision merges with any day of that year */
    annals_article b = art("d2", "2024-06-01", "Y", NULL, "Text two.");
    annals_event e1 = ev("RUSGOV", "UKRGOV", "190", "2023-04-04", "day", 0, "Text two.");
    annals_event e2 = ev("RUSGOV", "UKRGOV", "190", "2023", "year", 1, "Text two b.");
    annals_event both[2] = {e1, e2};
    assert_int_equal(annals_store_add(s, &b, both, 2), ANNALS_OK);
    assert_int_equal(stats(s).events, 2);
    annals_store_close(s);
}

static int names_cb(const annals_event_row *r, void *ctx)
{
    char (*names)[32] = ctx;
    snprintf(names[0], 32, "%s", r->source_name ? r->source_name : "");
    snprintf(names[1], 32, "%s", r->target_name ? r->target_name : "");
    return 0;
}

/* Mutual events coded both ways, a country code and its government, a
 * visit and its hosting: one event each; directed events stay apart. */
static void test_reciprocal_and_compatible(void **state)
{
    (void)state;
    annals_store *s = open_fresh("recip");
    annals_article a = art("r1", "2021-12-15", "Reuters", NULL, "Putin and Xi held talks.");
    annals_event e[8];
    e[0] = ev("RUSGOV", "CHNGOV", "040", "2021-12-15", "day", 0, "Putin and Xi held talks.");
    e[1] = ev("CHNGOV", "RUSGOV", "040", "2021-12-15", "day", 0, "Putin and Xi held talks.");
    e[2] = ev("CHN", "RUS", "040", "2021-12-15", "story", 1, "China and Russia talked.");
    e[3] = ev("RUSGOV", "CHNGOV", "190", "2021-12-15", "day", 2, "They fought.");
    e[4] = ev("CHNGOV", "RUSGOV", "190", "2021-12-15", "day", 2, "They fought.");
    e[5] = ev("RUSGOV", "CHNGOV", "042", "2021-12-15", "day", 3, "Putin visited Beijing.");
    e[6] = ev("CHNGOV", "RUSGOV", "043", "2021-12-15", "day", 4, "Xi hosted Putin.");
    e[7] = ev("RUSMIL", "CHNGOV", "040", "2021-12-15", "day", 5, "Russian generals met Xi.");
    e[0].source_name = e[1].target_name = "Putin";
    e[0].target_name = e[1].source_name = "Xi";
    for (int i = 0; i < 8; i++)
        set_country(&e[i]);
    assert_int_equal(annals_store_add(s, &a, e, 8), ANNALS_OK);
    annals_store_stats st = stats(s);
    assert_int_equal(st.mentions, 8);
    assert_int_equal(st.events, 5);   /* 040, 190 twice, 042/043, RUSMIL's 040 */
    annals_query q = {0};
    q.actor = "RUS";
    q.actor2 = "CHN";
    q.root = "04";
    collect r = run(s, &q, ANNALS_OK);
    assert_int_equal(r.n, 3);
    /* the talks: sentences 0 (coded both ways) and 1: two mentions */
    int talks = -1;
    for (int i = 0; i < r.n; i++)
        if (strcmp(r.codes[i], "040") == 0 && r.mentions[i] == 2)
            talks = i;
    assert_true(talks >= 0);
    /* names follow the event's direction in every mention */
    char names[2][32] = {"", ""};
    assert_int_equal(annals_query_show(s, r.ids[talks], names_cb, NULL, names), ANNALS_OK);
    assert_string_equal(names[0], "Putin");
    assert_string_equal(names[1], "Xi");
    q.root = "19";
    assert_int_equal(run(s, &q, ANNALS_OK).n, 2);
    q.root = NULL;
    q.code = "04";
    q.directed = 1;
    q.actor = "CHN";
    q.actor2 = "RUS";
    assert_int_equal(run(s, &q, ANNALS_OK).n, 0);   /* kept in the first direction */
    annals_store_close(s);
}

/* A bare country code first, its government later: one event, shown with
 * the more specific codes; removing the specific mention goes back. */
static void test_specific_codes(void **state)
{
    (void)state;
    annals_store *s = open_fresh("specific");
    annals_article a = art("c1", "2024-03-05", "AP", NULL, "Russia criticised China.");
    annals_article b = art("c2", "2024-03-05", "AFP", NULL, "The Kremlin criticised Beijing.");
    annals_event ea = ev("RUS", "CHN", "111", "2024-03-05", "day", 0, "Russia criticised China.");
    annals_event eb = ev("RUSGOV", "CHNGOV", "111", "2024-03-05", "day", 0,
                         "The Kremlin criticised Beijing.");
    set_country(&ea);
    set_country(&eb);
    assert_int_equal(annals_store_add(s, &a, &ea, 1), ANNALS_OK);
    assert_int_equal(annals_store_add(s, &b, &eb, 1), ANNALS_OK);
    assert_int_equal(stats(s).events, 1);
    annals_query q = {0};
    q.actor = "RUSGOV";
    collect r = run(s, &q, ANNALS_OK);
    assert_int_equal(r.n, 1);
    assert_int_equal(r.sources[0], 2);
    q.actor = "CHNGOV";
    assert_int_equal(run(s, &q, ANNALS_OK).n, 1);
    /* b retracted: the event is Russia -> China again */
    annals_article b2 = art("c2", "2024-03-05", "AFP", NULL, "Retracted.");
    assert_int_equal(annals_store_add(s, &b2, NULL, 0), ANNALS_OK);
    q.actor = "RUSGOV";
    run(s, &q, ANNALS_ENOTFOUND);
    q.actor = "RUS";
    r = run(s, &q, ANNALS_OK);
    assert_int_equal(r.n, 1);
    assert_int_equal(r.mentions[0], 1);
    annals_store_close(s);
}

/* Every summary table equals what the events say (rows with zero counts
 * may stay behind after decrements); counts are distinct sentences. */
static void check_summaries(void)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
    static const char *const sql[] = {
        "SELECT count(*) FROM (SELECT key, month, quad, bg, n, round(gsum, 6), m FROM sum_actor"
        " WHERE n <> 0 EXCEPT SELECT key, month, quad, bg, count(*), round(sum(g), 6), sum(m) FROM ("
        " SELECT skey AS key, CAST(substr(date, 1, 4) || substr(date, 6, 2) AS INTEGER) AS month,"
        " quad, background AS bg, goldstein AS g, num_mentions AS m FROM events WHERE date IS NOT NULL"
        " UNION ALL SELECT tkey, CAST(substr(date, 1, 4) || substr(date, 6, 2) AS INTEGER), quad,"
        " background, goldstein, num_mentions FROM events WHERE date IS NOT NULL AND tkey IS NOT NULL"
        " AND tkey <> skey) GROUP BY key, month, quad, bg)",
        "SELECT count(*) FROM (SELECT skey, tkey, month, quad, bg, n, round(gsum, 6), m FROM sum_dyad"
        " WHERE n <> 0 EXCEPT SELECT skey, tkey, CAST(substr(date, 1, 4) || substr(date, 6, 2) AS"
        " INTEGER), quad, background, count(*), round(sum(goldstein), 6), sum(num_mentions) FROM events"
        " WHERE date IS NOT NULL AND tkey IS NOT NULL GROUP BY 1, 2, 3, 4, 5)",
        "SELECT count(*) FROM (SELECT skey, tkey, n, m, coop, confl, round(gsum, 6), bn, bm, bcoop,"
        " bconfl, round(bgsum, 6) FROM sum_pair WHERE n <> 0 EXCEPT SELECT skey, tkey, count(*),"
        " sum(num_mentions), sum(quad IN (1, 2)), sum(quad IN (3, 4)), round(sum(goldstein), 6),"
        " sum(background), sum(background * num_mentions), sum(background * (quad IN (1, 2))),"
        " sum(background * (quad IN (3, 4))), round(sum(background * goldstein), 6) FROM events"
        " WHERE tkey IS NOT NULL GROUP BY skey, tkey)",
        ("SELECT count(*) FROM events e WHERE num_mentions <> (SELECT count(DISTINCT article *"
         " 4294967296 + sent_idx) FROM mentions WHERE event = e.id) OR num_mentions = 0"),
    };
    for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_prepare_v2(db, sql[i], -1, &st, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        if (sqlite3_column_int(st, 0) != 0)
            fprintf(stderr, "summary check %zu: %d rows differ\n", i, sqlite3_column_int(st, 0));
        assert_int_equal(sqlite3_column_int(st, 0), 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
}

static void test_summaries_in_step(void **state)
{
    (void)state;
    annals_store *s = query_fixture();
    check_summaries();
    /* one more mention of an event, a date made more precise, a background
     * flag that changes, an undated event, a replaced and a removed article */
    annals_article a = art("s1", "2024-02-21", "DW", NULL, "More on the missiles.");
    annals_event e[4] = {
        ev("RUSGOV", "UKRGOV", "193", "2024-02-20", "day", 0, "Missiles hit Kyiv."),
        ev("RUSGOV", "UKRGOV", "190", "2023-06-14", "day", 1, "Russia attacked on 14 June."),
        ev("USAGOV", "CHNGOV", "036", NULL, NULL, 2, "Washington offered talks."),
        ev("RUSGOV", "UKRGOV", "190", "2023-06-14", "day", 3, "The June attack again.")};
    for (int i = 0; i < 4; i++)
        set_country(&e[i]);
    assert_int_equal(annals_store_add(s, &a, e, 4), ANNALS_OK);
    check_summaries();
    annals_article a2 = art("s1", "2024-02-21", "DW", NULL, "Corrected: only the missiles.");
    assert_int_equal(annals_store_add(s, &a2, e, 1), ANNALS_OK);
    check_summaries();
    annals_article q4 = art("q4", "2023-12-01", "AFP", NULL, "Gone.");
    assert_int_equal(annals_store_add(s, &q4, NULL, 0), ANNALS_OK);
    check_summaries();

    /* the dyad ranking from its totals table agrees with the events */
    arows all = {0}, base = {0};
    assert_int_equal(annals_query_dyads(s, NULL, actor_cb, &all), ANNALS_OK);
    annals_query qb = {0};
    qb.code = "0";           /* codes 0xx and 1xx: every event, base path */
    assert_int_equal(annals_query_dyads(s, &qb, actor_cb, &base), ANNALS_OK);
    annals_query qc = {0};
    qc.code = "1";
    arows base1 = {0};
    assert_int_equal(annals_query_dyads(s, &qc, actor_cb, &base1), ANNALS_OK);
    uint64_t sum_all = 0, sum_base = 0;
    for (int i = 0; i < all.n && i < 16; i++)
        sum_all += all.ev[i];
    for (int i = 0; i < base.n && i < 16; i++)
        sum_base += base.ev[i];
    for (int i = 0; i < base1.n && i < 16; i++)
        sum_base += base1.ev[i];
    assert_int_equal(sum_all, sum_base);
    assert_string_equal(all.a[0], "RUS");
    assert_string_equal(all.b[0], "UKR");
    annals_store_close(s);
}

/* The full-text index follows sentences added, replaced inside the same
 * batch, rolled back, and committed. */
static int count_cb(const annals_event_row *r, void *ctx)
{
    (void)r;
    ++*(int *)ctx;
    return 0;
}

static int text_hits(annals_store *s, const char *text)
{
    annals_query q = {0};
    q.text = text;
    int n = 0;
    assert_int_equal(annals_query_events(s, &q, count_cb, &n), ANNALS_OK);
    return n;
}

static void test_fulltext_batches(void **state)
{
    (void)state;
    annals_store *s = open_fresh("fts");
    annals_article a = art("f1", "2024-04-01", "X", NULL, "Tanks crossed the river.");
    annals_event e = ev("RUSMIL", "UKR", "190", "2024-04-01", "day", 0, "Tanks crossed the river.");
    assert_int_equal(annals_store_add(s, &a, &e, 1), ANNALS_OK);     /* its own transaction */
    assert_int_equal(text_hits(s, "tanks"), 1);
    assert_int_equal(annals_store_begin(s), ANNALS_OK);
    annals_article b = art("f2", "2024-04-02", "Y", NULL, "Drones struck a depot.");
    annals_event eb = ev("UKRMIL", "RUS", "190", "2024-04-02", "day", 0, "Drones struck a depot.");
    assert_int_equal(annals_store_add(s, &b, &eb, 1), ANNALS_OK);
    annals_article b2 = art("f2", "2024-04-02", "Y", NULL, "Drones hit a refinery.");
    annals_event eb2 = ev("UKRMIL", "RUS", "190", "2024-04-02", "day", 0, "Drones hit a refinery.");
    assert_int_equal(annals_store_add(s, &b2, &eb2, 1), ANNALS_OK);   /* replaced in the batch */
    annals_article a2 = art("f1", "2024-04-01", "X", NULL, "Tanks crossed the bridge.");
    annals_event ea2 = ev("RUSMIL", "UKR", "190", "2024-04-01", "day", 0, "Tanks crossed the bridge.");
    assert_int_equal(annals_store_add(s, &a2, &ea2, 1), ANNALS_OK);   /* replaced, indexed before */
    annals_article bad = art("f3", "2024-04-03", "Z", NULL, "Ships sailed.");
    annals_event ebad = ev("RUSNAV", "UKR", "190", "2024-02-30", "day", 0, "Ships sailed.");
    assert_int_equal(annals_store_add(s, &bad, &ebad, 1), ANNALS_EPARSE);
    assert_int_equal(annals_store_commit(s), ANNALS_OK);
    assert_int_equal(text_hits(s, "refinery"), 1);
    assert_int_equal(text_hits(s, "depot"), 0);
    assert_int_equal(text_hits(s, "bridge"), 1);
    assert_int_equal(text_hits(s, "river"), 0);
    assert_int_equal(text_hits(s, "ships"), 0);
    /* a rolled-back batch leaves nothing to index */
    assert_int_equal(annals_store_begin(s), ANNALS_OK);
    annals_article c = art("f4", "2024-04-04", "Z", NULL, "Jets flew.");
    annals_event ec = ev("RUSAF", "UKR", "190", "2024-04-04", "day", 0, "Jets flew over Odesa.");
    assert_int_equal(annals_store_add(s, &c, &ec, 1), ANNALS_OK);
    annals_store_rollback(s);
    assert_int_equal(text_hits(s, "odesa"), 0);
    assert_int_equal(annals_store_add(s, &c, &ec, 1), ANNALS_OK);
    assert_int_equal(text_hits(s, "odesa"), 1);
    annals_store_close(s);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "INSERT INTO sentences_fts(sentences_fts) VALUES ('integrity-check')",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

/* Names: the resolver's code, country names as countries, reference words
 * never stored, several suggestions. */
static int resolver(const char *name, char *code, size_t size, void *ctx)
{
    (void)ctx;
    const char *c = strcmp(name, "Vova") == 0        ? "RUSGOV"
                    : strcmp(name, "Rossiya") == 0   ? "RUS"
                    : strcmp(name, "Nowhere") == 0   ? "XYZGOV"
                                                     : NULL;
    if (!c)
        return 0;
    snprintf(code, size, "%s", c);
    return 1;
}

static void test_names(void **state)
{
    (void)state;
    annals_store *s = query_fixture();
    annals_query q = {0};
    q.actor = "Vova";
    run(s, &q, ANNALS_ENOTFOUND);
    annals_store_set_resolver(s, resolver, NULL);
    assert_int_equal(run(s, &q, ANNALS_OK).n, 6);        /* RUSGOV */
    q.actor = "Rossiya";
    assert_int_equal(run(s, &q, ANNALS_OK).n, 6);        /* the country */
    q.actor = "Nowhere";                                 /* a code this store lacks */
    run(s, &q, ANNALS_ENOTFOUND);
    q.actor = "Putin";                                   /* stored names still answer */
    assert_int_equal(run(s, &q, ANNALS_OK).n, 6);
    annals_article a = art("n1", "2024-03-01", "X", NULL, "He met them.");
    annals_event e = ev("RUSGOV", "CHNGOV", "040", "2024-03-01", "day", 0, "He met them.");
    e.source_name = "he";
    e.target_name = "the two leaders";
    assert_int_equal(annals_store_add(s, &a, &e, 1), ANNALS_OK);
    /* event names: the most frequent real names, before reference words */
    annals_article a2 = art("n2", "2024-03-02", "Y", NULL, "He met them. He did.");
    annals_event e2[2] = {e, e};
    e2[1].sentence = 1;
    assert_int_equal(annals_store_add(s, &a2, e2, 2), ANNALS_OK);
    annals_article a3 = art("n3", "2024-03-02", "Z", NULL, "Putin met Xi.");
    annals_event e3 = e;
    e3.source_name = "Putin";
    e3.target_name = "Xi";
    assert_int_equal(annals_store_add(s, &a3, &e3, 1), ANNALS_OK);
    annals_query qn = {0};
    qn.from = qn.to = "2024-03-01";
    qn.code = "040";
    collect rn = run(s, &qn, ANNALS_OK);
    assert_int_equal(rn.n, 1);
    assert_int_equal(rn.mentions[0], 4);
    char names[2][32];
    assert_int_equal(annals_query_show(s, rn.ids[0], names_cb, NULL, names), ANNALS_OK);
    assert_string_equal(names[0], "Putin");
    assert_string_equal(names[1], "Xi");
    q.actor = "he";
    run(s, &q, ANNALS_ENOTFOUND);
    q.actor = "the two leaders";
    run(s, &q, ANNALS_ENOTFOUND);
    q.actor = "Xi Jinpig";
    run(s, &q, ANNALS_ENOTFOUND);
    assert_non_null(strstr(annals_store_errmsg(s), "did you mean \"Xi Jinping\""));
    q.actor = "Vladimir Putim";
    run(s, &q, ANNALS_ENOTFOUND);
    assert_non_null(strstr(annals_store_errmsg(s), "\"Vladimir Putin\""));
    annals_store_close(s);
}

/* A store made by schema version 1 is upgraded in place: counts,
 * summaries, full-text search and matching carry on. */
static void test_upgrade_v1(void **state)
{
    (void)state;
    fresh_path("v1");
    sqlite3 *db;
    assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
    static const char *const v1 =
        "CREATE TABLE articles(id INTEGER PRIMARY KEY, doc TEXT NOT NULL UNIQUE, date TEXT, title TEXT,"
        " url TEXT, source TEXT, outlet TEXT NOT NULL, hash INTEGER NOT NULL,"
        " cluster INTEGER NOT NULL, source_key TEXT NOT NULL, minhash BLOB,"
        " nevents INTEGER NOT NULL DEFAULT 0, added TEXT NOT NULL DEFAULT (datetime('now')));"
        "CREATE INDEX articles_cluster ON articles(cluster);"
        "CREATE TABLE lsh(bucket INTEGER NOT NULL, article INTEGER NOT NULL);"
        "CREATE INDEX lsh_bucket ON lsh(bucket);"
        "CREATE INDEX lsh_article ON lsh(article);"
        "CREATE TABLE sentences(id INTEGER PRIMARY KEY, article INTEGER NOT NULL,"
        " idx INTEGER NOT NULL, start INTEGER, end INTEGER, text TEXT NOT NULL,"
        " UNIQUE(article, idx));"
        "CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='id');"
        "CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN"
        " INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text); END;"
        "CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN"
        " INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text); END;"
        "CREATE TABLE events(id INTEGER PRIMARY KEY, date TEXT, date_precision TEXT,"
        " date_lo INTEGER, date_hi INTEGER, background INTEGER NOT NULL DEFAULT 0,"
        " source TEXT NOT NULL, source_country TEXT, target TEXT NOT NULL DEFAULT '',"
        " target_country TEXT, code TEXT NOT NULL, root TEXT, quad INTEGER, goldstein REAL,"
        " plover TEXT, loc_name TEXT, loc_country TEXT, loc_precision TEXT, lat REAL, lon REAL,"
        " num_mentions INTEGER NOT NULL DEFAULT 0, num_sources INTEGER NOT NULL DEFAULT 0,"
        " num_articles INTEGER NOT NULL DEFAULT 0, first_seen TEXT, last_seen TEXT,"
        " skey TEXT, tkey TEXT);"
        "CREATE INDEX events_match ON events(source, target, code, date_lo);"
        "CREATE INDEX events_dyad ON events(source_country, target_country, date);"
        "CREATE INDEX events_sc ON events(source_country, date);"
        "CREATE INDEX events_tc ON events(target_country, date);"
        "CREATE INDEX events_s ON events(source, date);"
        "CREATE INDEX events_t ON events(target, date);"
        "CREATE INDEX events_code ON events(code, date);"
        "CREATE INDEX events_date ON events(date);"
        "CREATE TABLE mentions(id INTEGER PRIMARY KEY, event INTEGER NOT NULL,"
        " article INTEGER NOT NULL, sentence INTEGER, sent_idx INTEGER, span_start INTEGER,"
        " span_end INTEGER, trigger TEXT, trigger_start INTEGER, trigger_end INTEGER,"
        " source_name TEXT, target_name TEXT, date TEXT, date_precision TEXT,"
        " date_lo INTEGER, date_hi INTEGER, background INTEGER NOT NULL DEFAULT 0);"
        "CREATE INDEX mentions_event ON mentions(event);"
        "CREATE INDEX mentions_article ON mentions(article);"
        "CREATE INDEX mentions_sentence ON mentions(sentence);"
        "CREATE TABLE names(lname TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL,"
        " n INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(lname, code)) WITHOUT ROWID;"
        "CREATE TABLE sum_actor(key TEXT NOT NULL, month INTEGER NOT NULL, quad INTEGER NOT NULL,"
        " bg INTEGER NOT NULL, n INTEGER NOT NULL, gsum REAL NOT NULL, m INTEGER NOT NULL,"
        " PRIMARY KEY(key, month, quad, bg)) WITHOUT ROWID;"
        "CREATE TABLE sum_dyad(skey TEXT NOT NULL, tkey TEXT NOT NULL, month INTEGER NOT NULL,"
        " quad INTEGER NOT NULL, bg INTEGER NOT NULL, n INTEGER NOT NULL, gsum REAL NOT NULL,"
        " m INTEGER NOT NULL, PRIMARY KEY(skey, tkey, month, quad, bg)) WITHOUT ROWID;"
        /* one article, one sentence coded twice into one event (v1 counted 2) */
        "INSERT INTO articles VALUES (1, 'old', '2024-01-05', 'old', NULL, 'BBC', 'bbc', 7, 1,"
        " 'bbc', NULL, 2, '2024-01-05');"
        "INSERT INTO sentences VALUES (1, 1, 0, 0, 30, 'Russian artillery shelled Kherson.');"
        "INSERT INTO events VALUES (1, '2024-01-05', 'day', 19727, 19727, 0, 'RUSMIL', 'RUS',"
        " 'UKR', 'UKR', '190', '19', 4, -10.0, 'FIGHT', NULL, NULL, NULL, NULL, NULL, 2, 1, 1,"
        " '2024-01-05', '2024-01-05', 'RUS', 'UKR');"
        "INSERT INTO mentions VALUES (1, 1, 1, 1, 0, 0, 30, 'shelled', 19, 26, 'Russian artillery',"
        " 'Kherson', '2024-01-05', 'day', 19727, 19727, 0);"
        "INSERT INTO mentions VALUES (2, 1, 1, 1, 0, 0, 30, 'shelled', 19, 26, 'Russian artillery',"
        " NULL, '2024-01-05', 'day', 19727, 19727, 0);"
        "INSERT INTO names VALUES ('russian artillery', 'RUSMIL', 'Russian artillery', 2);"
        "INSERT INTO sum_actor VALUES ('RUS', 202401, 4, 0, 1, -10.0, 2), ('UKR', 202401, 4, 0, 1, -10.0, 2);"
        "INSERT INTO sum_dyad VALUES ('RUS', 'UKR', 202401, 4, 0, 1, -10.0, 2);"
        "PRAGMA user_version = 1;";
    assert_int_equal(sqlite3_exec(db, v1, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    annals_store *s = NULL;
    annals_diag d;
    assert_int_equal(annals_store_open(dbpath, NULL, &s, &d), ANNALS_OK);
    collect r = run(s, NULL, ANNALS_OK);
    assert_int_equal(r.n, 1);
    assert_int_equal(r.mentions[0], 1);
    assert_int_equal(text_hits(s, "kherson"), 1);
    annals_article a = art("new", "2024-01-06", "AP", NULL, "Kherson was shelled again.");
    annals_event e = ev("RUS", "UKR", "190", "2024-01-05", "day", 0, "Kherson was shelled.");
    set_country(&e);
    assert_int_equal(annals_store_add(s, &a, &e, 1), ANNALS_OK);
    r = run(s, NULL, ANNALS_OK);
    assert_int_equal(r.n, 1);                 /* RUS joins RUSMIL */
    assert_int_equal(r.mentions[0], 2);
    assert_int_equal(r.sources[0], 2);
    arows dy = {0};
    assert_int_equal(annals_query_dyads(s, NULL, actor_cb, &dy), ANNALS_OK);
    assert_int_equal(dy.n, 1);
    assert_int_equal(dy.ev[0], 1);
    annals_store_close(s);
    check_summaries();
    assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), annals_store_schema_version());
    sqlite3_finalize(st);
    sqlite3_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_idempotent),
        cmocka_unit_test(test_merge_and_replace),
        cmocka_unit_test(test_near_duplicates),
        cmocka_unit_test(test_queries),
        cmocka_unit_test(test_series_actors_show),
        cmocka_unit_test(test_schema_version),
        cmocka_unit_test(test_locked_and_readonly),
        cmocka_unit_test(test_bad_dates),
        cmocka_unit_test(test_reciprocal_and_compatible),
        cmocka_unit_test(test_specific_codes),
        cmocka_unit_test(test_summaries_in_step),
        cmocka_unit_test(test_fulltext_batches),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_upgrade_v1),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    const char *keep = getenv("ANNALS_TEST_KEEP");
    if (!keep) {
        const char *names[] = {"idem", "merge", "dup", "query", "version", "foreign", "garbage",
                               "missing", "lock", "dates", "recip", "specific", "fts", "v1"};
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
            fresh_path(names[i]);
    }
    return rc;
}
