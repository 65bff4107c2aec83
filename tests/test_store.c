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
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    const char *keep = getenv("ANNALS_TEST_KEEP");
    if (!keep) {
        const char *names[] = {"idem", "merge", "dup", "query", "version", "foreign", "garbage",
                               "missing", "lock", "dates"};
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
            fresh_path(names[i]);
    }
    return rc;
}
