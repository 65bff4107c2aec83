/*
 * query.c: the questions analysts ask of the events store.
 *
 * Every query is one SQL statement built from fixed fragments with bound
 * parameters (never user text in SQL), stepped row by row into a callback,
 * so output streams and the caller owns formatting.  Actors typed by users
 * are resolved first (resolve()): a three-letter code seen as a country ->
 * source_country/target_country; an upper-case code seen as an actor code
 * prefix -> a range on source/target (a code of 6+ letters: that code
 * exactly); otherwise a name -> the optional resolver's code (the CLI's
 * reads the lexicon; a country there means the whole country) together with
 * the codes stored with exactly that name in `names`, else with names ending
 * in it; nothing -> ANNALS_ENOTFOUND suggesting the three nearest stored
 * names by edit distance.
 *
 * Speed on large stores: "actor A" is the UNION ALL of "A is the source" and
 * "A is the target (and not the source)", and a dyad of its two directions;
 * with ORDER BY date SQLite merges the arms, each read in date order from
 * an index ((source_country, date), (target_country, date),
 * (source_country, target_country, date), (source, date), (target, date),
 * (source, target, date)),
 * so a LIMIT stops early and nothing is sorted; event names are columns of
 * the events row (no lookup per row).  Country series by month or year and
 * the actors ranking read the summary tables sum_actor/sum_dyad, the dyads
 * ranking sum_pair (one row per directed pair), when no other filter
 * applies (see store.c); everything else scans the events the indexes
 * select.
 */
#include "query.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------ SQL builder */

#define MAXP 48

typedef struct sqlb {
    char *sql;
    size_t len, cap;
    int oom;
    int np;
    struct { int is_int; const char *t; int64_t i; } p[MAXP];
    char own[MAXP][72];     /* copies of short text parameters */
} sqlb;

static void sb_add(sqlb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_add(sqlb *b, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        size_t room = b->cap - b->len;
        va_start(ap, fmt);
        int n = b->sql ? vsnprintf(b->sql + b->len, room, fmt, ap) : -1;
        va_end(ap);
        if (n >= 0 && (size_t)n < room) {
            b->len += (size_t)n;
            return;
        }
        size_t nc = b->cap ? b->cap * 2 : 1024;
        while (n >= 0 && nc < b->len + (size_t)n + 1)
            nc *= 2;
        char *ns = realloc(b->sql, nc);
        if (!ns) {
            b->oom = 1;
            return;
        }
        b->sql = ns;
        b->cap = nc;
    }
}

/* A text parameter (copied when short, else borrowed); returns its number. */
static int sb_text(sqlb *b, const char *v)
{
    if (b->np >= MAXP) {
        b->oom = 1;
        return 1;
    }
    int i = b->np++;
    b->p[i].is_int = 0;
    if (strlen(v) < sizeof b->own[i]) {
        strcpy(b->own[i], v);
        b->p[i].t = b->own[i];
    } else {
        b->p[i].t = v;
    }
    return i + 1;
}

static int sb_int(sqlb *b, int64_t v)
{
    if (b->np >= MAXP) {
        b->oom = 1;
        return 1;
    }
    int i = b->np++;
    b->p[i].is_int = 1;
    b->p[i].i = v;
    return i + 1;
}

static annals_status sb_prepare(annals_store *s, sqlb *b, sqlite3_stmt **out)
{
    *out = NULL;
    if (b->oom)
        return store_errorf(s, ANNALS_ENOMEM, "out of memory building a query");
    int rc = sqlite3_prepare_v2(s->db, b->sql, -1, out, NULL);
    if (rc != SQLITE_OK)
        return store_fail(s, rc, "preparing a query");
    for (int i = 0; i < b->np; i++) {
        if (b->p[i].is_int)
            sqlite3_bind_int64(*out, i + 1, b->p[i].i);
        else
            sqlite3_bind_text(*out, i + 1, b->p[i].t, -1, SQLITE_STATIC);
    }
    return ANNALS_OK;
}

/* --------------------------------------------------------------- actors */

enum actor_kind { ACT_COUNTRY, ACT_PREFIX, ACT_EXACT, ACT_CODES };

typedef struct actor {
    enum actor_kind kind;
    char v[64], hi[72];      /* country / prefix and its upper bound */
    char codes[8][64];
    int ncodes;
    /* parameter numbers once bound */
    int pv, phi, pc[8];
} actor;

size_t query_edit_distance(const char *a, const char *b, size_t cap)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 128 || lb > 128)
        return cap + 1;
    if ((la > lb ? la - lb : lb - la) > cap)
        return cap + 1;
    size_t row[129];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t prev = row[0], best = row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cur = row[j];
            int same = tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1]);
            size_t v = prev + !same;
            if (row[j] + 1 < v)
                v = row[j] + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            row[j] = v;
            prev = cur;
            if (v < best)
                best = v;
        }
        if (best > cap)
            return cap + 1;
    }
    return row[lb];
}

static int exists(annals_store *s, const char *sql, const char *a, const char *b, int *rcout)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK) {
        *rcout = rc;
        return -1;
    }
    sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
    if (b)
        sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        *rcout = rc;
        return -1;
    }
    return rc == SQLITE_ROW;
}

static int looks_like_code(const char *v)
{
    size_t n = strlen(v);
    if (n < 3 || n >= 64)
        return 0;
    for (const char *p = v; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
            return 0;
    return 1;
}

/* Try v as a country code or actor code prefix: 1 found, 0 not, <0 error. */
static int resolve_code(annals_store *s, const char *v, actor *a, int *rc)
{
    if (!looks_like_code(v))
        return 0;
    if (strlen(v) == 3) {
        int e = exists(s, "SELECT 1 FROM events WHERE source_country = ?1 UNION ALL "
                          "SELECT 1 FROM events WHERE target_country = ?1 LIMIT 1", v, NULL, rc);
        if (e != 0) {
            a->kind = ACT_COUNTRY;
            snprintf(a->v, sizeof a->v, "%s", v);
            return e;
        }
    }
    char hi[72];
    snprintf(hi, sizeof hi, "%s~", v);
    int e = exists(s, "SELECT 1 FROM events WHERE source >= ?1 AND source < ?2 UNION ALL "
                      "SELECT 1 FROM events WHERE target >= ?1 AND target < ?2 LIMIT 1", v, hi, rc);
    if (e > 0) {
        /* a full actor code (6+ letters) is matched exactly: equality keeps
         * the (source, target, ...) and (source, date) indexes usable */
        a->kind = strlen(v) >= 6 ? ACT_EXACT : ACT_PREFIX;
        snprintf(a->v, sizeof a->v, "%s", v);
        snprintf(a->hi, sizeof a->hi, "%s", hi);
    }
    return e;
}

static annals_status suggest(annals_store *s, const char *v)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db,
        "SELECT name FROM (SELECT name, sum(n) AS n FROM names GROUP BY lname"
        " UNION ALL SELECT code, sum(n) FROM names GROUP BY code) ORDER BY n DESC LIMIT 20000",
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        return store_fail(s, rc, "looking up actor names");
    size_t cap = strlen(v) / 3 + 1;
    if (cap < 2)
        cap = 2;
    /* the three nearest names, the more frequent first among equals */
    enum { NS = 3 };
    char guess[NS][64];
    size_t dist[NS];
    int ng = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        if (!name)
            continue;
        if (ng == NS && dist[NS - 1] == 0)
            break;
        size_t worst = ng < NS ? cap : dist[NS - 1] - 1;
        size_t d = query_edit_distance(v, name, worst);
        if (d > worst)
            continue;
        int dup = 0;
        for (int i = 0; i < ng; i++)
            dup |= strcasecmp(guess[i], name) == 0;
        if (dup)
            continue;
        int at = ng < NS ? ng++ : NS - 1;
        while (at > 0 && dist[at - 1] > d) {
            dist[at] = dist[at - 1];
            memcpy(guess[at], guess[at - 1], sizeof guess[at]);
            at--;
        }
        dist[at] = d;
        snprintf(guess[at], sizeof guess[at], "%s", name);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(s, rc, "looking up actor names");
    if (ng == 0)
        return store_errorf(s, ANNALS_ENOTFOUND, "unknown actor \"%s\" (no stored event names it)",
                            v);
    char list[256] = "";
    size_t k = 0;
    for (int i = 0; i < ng && k < sizeof list; i++)
        k += (size_t)snprintf(list + k, sizeof list - k, "%s\"%s\"",
                              i == 0 ? "" : i == ng - 1 ? " or " : ", ", guess[i]);
    return store_errorf(s, ANNALS_ENOTFOUND, "unknown actor \"%s\"; did you mean %s?", v, list);
}

/* Codes stored with a name (sql binds the name as ?1), most frequent first,
 * appended to a->codes. */
static int stored_codes(annals_store *s, const char *sql, const char *v, actor *a, int *rcout)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK) {
        *rcout = rc;
        return -1;
    }
    sqlite3_bind_text(st, 1, v, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && a->ncodes < 8) {
        const char *c = (const char *)sqlite3_column_text(st, 0);
        int dup = 0;
        for (int i = 0; c && i < a->ncodes; i++)
            dup |= strcmp(a->codes[i], c) == 0;
        if (c && !dup)
            snprintf(a->codes[a->ncodes++], sizeof a->codes[0], "%s", c);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        *rcout = rc;
        return -1;
    }
    return 0;
}

/* An actor as typed: a code (see resolve_code); else a name, read by the
 * resolver (a country name means the whole country) together with the codes
 * stored with exactly that name, else with names ending in it ("Putin" in
 * "Vladimir Putin"); else a code typed in lower case; else unknown, with
 * the nearest stored names. */
static annals_status resolve(annals_store *s, const char *in, actor *a)
{
    memset(a, 0, sizeof *a);
    char v[64];
    while (*in == ' ')
        in++;
    snprintf(v, sizeof v, "%s", in);
    for (size_t n = strlen(v); n > 0 && v[n - 1] == ' '; n--)
        v[n - 1] = '\0';
    if (!v[0])
        return store_errorf(s, ANNALS_EINVAL, "empty actor");
    int rc = SQLITE_OK, r;
    if ((r = resolve_code(s, v, a, &rc)) != 0)
        return r > 0 ? ANNALS_OK : store_fail(s, rc, "resolving an actor");
    if (s->resolver) {
        char code[64] = "";
        if (s->resolver(v, code, sizeof code, s->resolver_ctx) && code[0]) {
            actor t;
            memset(&t, 0, sizeof t);
            if ((r = resolve_code(s, code, &t, &rc)) < 0)
                return store_fail(s, rc, "resolving an actor");
            if (r > 0 && t.kind == ACT_COUNTRY) {
                *a = t;
                return ANNALS_OK;
            }
            if (r > 0)
                snprintf(a->codes[a->ncodes++], sizeof a->codes[0], "%s", code);
        }
    }
    if (stored_codes(s, "SELECT code FROM names WHERE lname = lower(?1)"
                        " GROUP BY code ORDER BY sum(n) DESC, code LIMIT 8", v, a, &rc) != 0)
        return store_fail(s, rc, "resolving an actor");
    if (a->ncodes == 0) {
        char like[140];
        size_t k = 0;
        like[k++] = '%';
        like[k++] = ' ';
        for (const char *p = v; *p && k < sizeof like - 2; p++) {
            if (*p == '%' || *p == '_' || *p == '\\')
                like[k++] = '\\';
            like[k++] = (char)tolower((unsigned char)*p);
        }
        like[k] = '\0';
        if (stored_codes(s, "SELECT code FROM names WHERE lname LIKE ?1 ESCAPE '\\'"
                            " GROUP BY code ORDER BY sum(n) DESC, code LIMIT 8", like, a, &rc) != 0)
            return store_fail(s, rc, "resolving an actor");
    }
    if (a->ncodes == 1) {
        /* one code: a country code stands for the country, a full code for
         * itself (both read through the date-ordered indexes) */
        size_t n = strlen(a->codes[0]);
        actor t;
        memset(&t, 0, sizeof t);
        if ((n == 3 || n >= 6) && (r = resolve_code(s, a->codes[0], &t, &rc)) != 0) {
            if (r < 0)
                return store_fail(s, rc, "resolving an actor");
            *a = t;
            return ANNALS_OK;
        }
    }
    if (a->ncodes > 0) {
        a->kind = ACT_CODES;
        return ANNALS_OK;
    }
    /* a code typed in lower case */
    char up[64];
    size_t k;
    for (k = 0; v[k] && k < sizeof up - 1; k++)
        up[k] = (char)toupper((unsigned char)v[k]);
    up[k] = '\0';
    if (strcmp(up, v) != 0 && (r = resolve_code(s, up, a, &rc)) != 0)
        return r > 0 ? ANNALS_OK : store_fail(s, rc, "resolving an actor");
    return suggest(s, v);
}

static void bind_actor(sqlb *b, actor *a)
{
    if (a->kind == ACT_CODES) {
        for (int i = 0; i < a->ncodes; i++)
            a->pc[i] = sb_text(b, a->codes[i]);
        return;
    }
    a->pv = sb_text(b, a->v);
    if (a->kind == ACT_PREFIX)
        a->phi = sb_text(b, a->hi);
}

/* "A is on side col" ("source" or "target"), or its negation. */
static void side(sqlb *b, const actor *a, const char *col, int negate)
{
    switch (a->kind) {
    case ACT_COUNTRY:
        sb_add(b, negate ? "e.%s_country IS NOT ?%d" : "e.%s_country = ?%d", col, a->pv);
        break;
    case ACT_PREFIX:
        sb_add(b, "%s(e.%s >= ?%d AND e.%s < ?%d)", negate ? "NOT " : "", col, a->pv, col, a->phi);
        break;
    case ACT_EXACT:
        sb_add(b, negate ? "e.%s <> ?%d" : "e.%s = ?%d", col, a->pv);
        break;
    case ACT_CODES:
        sb_add(b, "e.%s %sIN (", col, negate ? "NOT " : "");
        for (int i = 0; i < a->ncodes; i++)
            sb_add(b, "%s?%d", i ? "," : "", a->pc[i]);
        sb_add(b, ")");
        break;
    }
}

/* ------------------------------------------------------------ the filters */

typedef struct plan {
    actor a, b;
    int has_a, has_b, directed;
    char from[11], to[11];
    int month_from, month_to;          /* yyyymm, for summaries */
    int from_parts, to_parts;
    int prest;                          /* parameters of the rest, bound */
    char *rest;                         /* the other filters, SQL */
    int p_code, p_code_hi, p_root, p_quad, p_from, p_to, p_place, p_text;
} plan;

/* Start a query: *qp NULL means no filters; the error message is cleared. */
static annals_status make_plan(annals_store *s, const annals_query **qp, plan *p)
{
    static const annals_query none;
    if (!*qp)
        *qp = &none;
    const annals_query *q = *qp;
    s->err[0] = '\0';
    memset(p, 0, sizeof *p);
    annals_status st;
    if (q->actor2 && !q->actor)
        return store_errorf(s, ANNALS_EINVAL, "a dyad needs two actors");
    if (q->actor) {
        if ((st = resolve(s, q->actor, &p->a)) != ANNALS_OK)
            return st;
        p->has_a = 1;
    }
    if (q->actor2) {
        if ((st = resolve(s, q->actor2, &p->b)) != ANNALS_OK)
            return st;
        p->has_b = 1;
    }
    int64_t lo, hi;
    if (q->from && *q->from) {
        if (!(p->from_parts = store_parse_date(q->from, &lo, &hi, p->from)))
            return store_errorf(s, ANNALS_EPARSE, "bad date \"%s\" (YYYY, YYYY-MM or YYYY-MM-DD)", q->from);
        p->month_from = atoi(p->from) * 100 + atoi(p->from + 5);
    }
    if (q->to && *q->to) {
        char tmp[11];
        if (!(p->to_parts = store_parse_date(q->to, &lo, &hi, tmp)))
            return store_errorf(s, ANNALS_EPARSE, "bad date \"%s\" (YYYY, YYYY-MM or YYYY-MM-DD)", q->to);
        int y, m, d;
        store_civil(hi, &y, &m, &d);
        store_format_ymd(p->to, y, m, d);
        p->month_to = y * 100 + m;
    }
    p->directed = q->directed;
    if (q->quad < 0 || q->quad > 4)
        return store_errorf(s, ANNALS_EINVAL, "quad class must be 1-4");
    return ANNALS_OK;
}

/* Bind actors then the other filters; p->rest gets the SQL of the latter. */
static void plan_bind(sqlb *b, plan *p, const annals_query *q)
{
    if (p->has_a)
        bind_actor(b, &p->a);
    if (p->has_b)
        bind_actor(b, &p->b);
    sqlb r = {0};
    sb_add(&r, "1");
    /* parameters are numbered in b; fragments written in r */
    if (q->code && *q->code) {
        char hi[72];
        snprintf(hi, sizeof hi, "%s~", q->code);
        int c = sb_text(b, q->code), h = sb_text(b, hi);
        sb_add(&r, " AND e.code >= ?%d AND e.code < ?%d", c, h);
    }
    if (q->root && *q->root)
        sb_add(&r, " AND e.root = ?%d", sb_text(b, q->root));
    if (q->quad)
        sb_add(&r, " AND e.quad = ?%d", sb_int(b, q->quad));
    if (p->from[0])
        sb_add(&r, " AND e.date >= ?%d", sb_text(b, p->from));
    if (p->to[0])
        sb_add(&r, " AND e.date <= ?%d", sb_text(b, p->to));
    if (q->place && *q->place) {
        int n = sb_text(b, q->place);
        sb_add(&r, " AND (e.loc_name = ?%d COLLATE NOCASE OR e.loc_country = upper(?%d))", n, n);
    }
    if (q->text && *q->text)
        sb_add(&r, " AND e.id IN (SELECT m.event FROM mentions m WHERE m.sentence IN"
                   " (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?%d))",
               sb_text(b, q->text));
    if (q->no_background)
        sb_add(&r, " AND e.background = 0");
    if (r.oom)
        b->oom = 1;
    p->rest = r.sql;
}

/* Append the events selection (columns cols, ids in arms) to b. */
static void select_events(sqlb *b, plan *p, const char *cols, const char *extra)
{
    const char *rest = p->rest ? p->rest : "1";
    if (!p->has_a) {
        sb_add(b, "SELECT %s FROM events e WHERE %s%s", cols, rest, extra);
        return;
    }
    if (!p->has_b) {
        sb_add(b, "SELECT %s FROM events e WHERE ", cols);
        side(b, &p->a, "source", 0);
        sb_add(b, " AND %s%s UNION ALL SELECT %s FROM events e WHERE ", rest, extra, cols);
        side(b, &p->a, "target", 0);
        sb_add(b, " AND ");
        side(b, &p->a, "source", 1);
        sb_add(b, " AND %s%s", rest, extra);
        return;
    }
    sb_add(b, "SELECT %s FROM events e WHERE ", cols);
    side(b, &p->a, "source", 0);
    sb_add(b, " AND ");
    side(b, &p->b, "target", 0);
    sb_add(b, " AND %s%s", rest, extra);
    if (p->directed)
        return;
    sb_add(b, " UNION ALL SELECT %s FROM events e WHERE ", cols);
    side(b, &p->b, "source", 0);
    sb_add(b, " AND ");
    side(b, &p->a, "target", 0);
    sb_add(b, " AND NOT (");
    side(b, &p->a, "source", 0);
    sb_add(b, " AND ");
    side(b, &p->b, "target", 0);
    sb_add(b, ") AND %s%s", rest, extra);
}

static annals_status step_fail(annals_store *s, int rc, const annals_query *q)
{
    if (q && q->text && *q->text && (rc & 0xff) == SQLITE_ERROR)
        return store_errorf(s, ANNALS_EPARSE, "bad text query \"%s\": %s", q->text,
                            sqlite3_errmsg(s->db));
    return store_fail(s, rc, "running a query");
}

/* ----------------------------------------------------------------- events */

#define EV_COLS "e.id, e.date, e.date_precision, e.background, e.source, e.source_country," \
    " e.target, e.target_country, e.code, e.root, e.quad, e.goldstein, e.plover, e.loc_name," \
    " e.loc_country, e.lat, e.lon, e.num_mentions, e.num_sources, e.num_articles," \
    " e.first_seen, e.last_seen, e.sname, e.tname"

static const char *col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t && *t ? (const char *)t : NULL;
}

static void fill_row(sqlite3_stmt *st, annals_event_row *r)
{
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, 0);
    r->date = col_text(st, 1);
    r->date_precision = col_text(st, 2);
    r->background = sqlite3_column_int(st, 3);
    r->source = col_text(st, 4);
    r->source_country = col_text(st, 5);
    r->target = col_text(st, 6);
    r->target_country = col_text(st, 7);
    r->code = col_text(st, 8);
    r->root = col_text(st, 9);
    r->quad_class = sqlite3_column_int(st, 10);
    r->goldstein = sqlite3_column_double(st, 11);
    r->plover = col_text(st, 12);
    r->location_name = col_text(st, 13);
    r->location_country = col_text(st, 14);
    r->has_coords = sqlite3_column_type(st, 15) != SQLITE_NULL;
    r->lat = sqlite3_column_double(st, 15);
    r->lon = sqlite3_column_double(st, 16);
    r->num_mentions = (uint32_t)sqlite3_column_int64(st, 17);
    r->num_sources = (uint32_t)sqlite3_column_int64(st, 18);
    r->num_articles = (uint32_t)sqlite3_column_int64(st, 19);
    r->first_seen = col_text(st, 20);
    r->last_seen = col_text(st, 21);
    if (sqlite3_column_count(st) > 23) {
        r->source_name = col_text(st, 22);
        r->target_name = col_text(st, 23);
    }
}

annals_status annals_query_events(annals_store *s, const annals_query *q, annals_event_cb cb,
                                  void *ctx)
{
    plan p;
    annals_status st = make_plan(s, &q, &p);
    if (st != ANNALS_OK)
        return st;
    sqlb b = {0};
    plan_bind(&b, &p, q);
    const char *dir = q->descending ? " DESC" : "";
    sb_add(&b, "SELECT x.* FROM (");
    select_events(&b, &p, EV_COLS, "");
    sb_add(&b, " ORDER BY 2%s, 1%s", dir, dir);
    if (q->limit)
        sb_add(&b, " LIMIT %llu", (unsigned long long)q->limit);
    sb_add(&b, ") x ORDER BY 2%s, 1%s", dir, dir);
    sqlite3_stmt *stq;
    st = sb_prepare(s, &b, &stq);
    if (st == ANNALS_OK) {
        int rc;
        while ((rc = sqlite3_step(stq)) == SQLITE_ROW) {
            annals_event_row r;
            fill_row(stq, &r);
            if (cb(&r, ctx))
                break;
        }
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            st = step_fail(s, rc, q);
        sqlite3_finalize(stq);
    }
    free(b.sql);
    free(p.rest);
    return st;
}

annals_status annals_query_timeline(annals_store *s, const char *a, const char *b,
                                    const annals_query *q, annals_event_cb cb, void *ctx)
{
    if (!a || !b)
        return store_errorf(s, ANNALS_EINVAL, "a timeline needs two actors");
    annals_query qq = {0};
    if (q)
        qq = *q;
    qq.actor = a;
    qq.actor2 = b;
    return annals_query_events(s, &qq, cb, ctx);
}

/* ----------------------------------------------------------------- series */

annals_status annals_period_parse(const char *name, annals_period *out)
{
    static const char *const names[] = {"day", "week", "month", "year"};
    for (int i = 0; i < 4; i++)
        if (name && strcasecmp(name, names[i]) == 0) {
            *out = (annals_period)i;
            return ANNALS_OK;
        }
    return ANNALS_EINVAL;
}

typedef struct series_acc {
    annals_series_row row;
    char period[16];
    double gsum;
    int open;
    annals_series_cb cb;
    void *ctx;
    int stop;
} series_acc;

static void series_flush(series_acc *a)
{
    if (!a->open || a->stop)
        return;
    a->row.period = a->period;
    a->row.goldstein_mean = a->row.events ? a->gsum / (double)a->row.events : 0.0;
    if (a->cb(&a->row, a->ctx))
        a->stop = 1;
    a->open = 0;
}

static void series_add(series_acc *a, const char *period, int quad, int64_t n, double gsum)
{
    if (a->stop)
        return;
    if (!a->open || strcmp(period, a->period) != 0) {
        series_flush(a);
        memset(&a->row, 0, sizeof a->row);
        a->gsum = 0;
        snprintf(a->period, sizeof a->period, "%s", period);
        a->open = 1;
    }
    a->row.events += (uint64_t)n;
    if (quad >= 1 && quad <= 4)
        a->row.quad[quad] += (uint64_t)n;
    a->gsum += gsum;
}

/* Can the summary tables answer q? */
static int summary_ok(const annals_query *q, const plan *p, int need_country)
{
    if ((q->code && *q->code) || (q->root && *q->root) || q->quad || (q->place && *q->place) ||
        (q->text && *q->text))
        return 0;
    if ((p->from[0] && p->from_parts == 3 && strcmp(p->from + 8, "01") != 0) ||
        (p->to[0] && p->to_parts == 3))
        return 0;   /* not whole months */
    if (need_country && (!p->has_a || p->a.kind != ACT_COUNTRY))
        return 0;
    if (p->has_b && p->b.kind != ACT_COUNTRY)
        return 0;
    return 1;
}

annals_status annals_query_series(annals_store *s, const annals_query *q, annals_period by,
                                  annals_series_cb cb, void *ctx)
{
    plan p;
    annals_status st = make_plan(s, &q, &p);
    if (st != ANNALS_OK)
        return st;
    sqlb b = {0};
    int summary = (by == ANNALS_PERIOD_MONTH || by == ANNALS_PERIOD_YEAR) && summary_ok(q, &p, 1);
    if (summary) {
        int pa = sb_text(&b, p.a.v);
        if (!p.has_b) {
            sb_add(&b, "SELECT month, quad, sum(n), sum(gsum) FROM sum_actor WHERE key = ?%d", pa);
        } else {
            int pb = sb_text(&b, p.b.v);
            sb_add(&b, "SELECT month, quad, sum(n), sum(gsum) FROM sum_dyad WHERE"
                       " ((skey = ?%d AND tkey = ?%d)", pa, pb);
            if (!q->directed)
                sb_add(&b, " OR (skey = ?%d AND tkey = ?%d AND skey <> tkey)", pb, pa);
            sb_add(&b, ")");
        }
        if (p.month_from)
            sb_add(&b, " AND month >= ?%d", sb_int(&b, p.month_from));
        if (p.month_to)
            sb_add(&b, " AND month <= ?%d", sb_int(&b, p.month_to));
        if (q->no_background)
            sb_add(&b, " AND bg = 0");
        sb_add(&b, " GROUP BY month, quad HAVING sum(n) <> 0 ORDER BY month, quad");
    } else {
        plan_bind(&b, &p, q);
        static const char *const pexpr[] = {
            "e.date", "date(e.date, 'weekday 0', '-6 days')", "substr(e.date, 1, 7)",
            "substr(e.date, 1, 4)"};
        char cols[160];
        snprintf(cols, sizeof cols, "%s AS period, e.quad AS quad, e.goldstein AS g", pexpr[by]);
        sb_add(&b, "SELECT period, quad, count(*), sum(g) FROM (");
        select_events(&b, &p, cols, " AND e.date IS NOT NULL");
        sb_add(&b, ") GROUP BY period, quad ORDER BY period, quad");
    }
    sqlite3_stmt *stq;
    st = sb_prepare(s, &b, &stq);
    if (st == ANNALS_OK) {
        series_acc acc = {0};
        acc.cb = cb;
        acc.ctx = ctx;
        int rc;
        while (!acc.stop && (rc = sqlite3_step(stq)) == SQLITE_ROW) {
            char period[16];
            if (summary) {
                int64_t m = sqlite3_column_int64(stq, 0);
                if (by == ANNALS_PERIOD_YEAR)
                    snprintf(period, sizeof period, "%04d", (int)(m / 100));
                else
                    snprintf(period, sizeof period, "%04d-%02d", (int)(m / 100), (int)(m % 100));
            } else {
                const char *t = col_text(stq, 0);
                snprintf(period, sizeof period, "%s", t ? t : "");
            }
            series_add(&acc, period, sqlite3_column_int(stq, 1), sqlite3_column_int64(stq, 2),
                       sqlite3_column_double(stq, 3));
        }
        if (!acc.stop && rc != SQLITE_DONE)
            st = step_fail(s, rc, q);
        else
            series_flush(&acc);
        sqlite3_finalize(stq);
    }
    free(b.sql);
    free(p.rest);
    return st;
}

/* --------------------------------------------------------- actors, dyads */

static annals_status ranking(annals_store *s, const annals_query *q, int dyads,
                             annals_actor_cb cb, void *ctx)
{
    plan p;
    annals_status st = make_plan(s, &q, &p);
    if (st != ANNALS_OK)
        return st;
    sqlb b = {0};
    size_t limit = q->limit ? q->limit : 20;
    if (dyads && !p.has_a && summary_ok(q, &p, 0) && !p.month_from && !p.month_to) {
        /* all dyads: their totals, one row each (sum_pair) */
        if (q->no_background)
            sb_add(&b, "SELECT skey, tkey, n - bn, m - bm, coop - bcoop, confl - bconfl,"
                       " gsum - bgsum FROM sum_pair WHERE n - bn > 0");
        else
            sb_add(&b, "SELECT skey, tkey, n, m, coop, confl, gsum FROM sum_pair WHERE n > 0");
        sb_add(&b, " ORDER BY 3 DESC, 1, 2 LIMIT %llu", (unsigned long long)limit);
    } else if (!p.has_a && summary_ok(q, &p, 0)) {
        sb_add(&b, "SELECT %s, sum(n), sum(m), sum(CASE WHEN quad IN (1, 2) THEN n END),"
                   " sum(CASE WHEN quad IN (3, 4) THEN n END), sum(gsum) FROM %s WHERE 1",
               dyads ? "skey, tkey" : "key, NULL", dyads ? "sum_dyad" : "sum_actor");
        if (p.month_from)
            sb_add(&b, " AND month >= ?%d", sb_int(&b, p.month_from));
        if (p.month_to)
            sb_add(&b, " AND month <= ?%d", sb_int(&b, p.month_to));
        if (q->no_background)
            sb_add(&b, " AND bg = 0");
        sb_add(&b, " GROUP BY %s HAVING sum(n) > 0 ORDER BY 3 DESC, 1, 2 LIMIT %llu",
               dyads ? "skey, tkey" : "key", (unsigned long long)limit);
    } else {
        plan_bind(&b, &p, q);
        if (dyads) {
            sb_add(&b, "SELECT k1, k2, count(*), sum(nm), sum(quad IN (1, 2)), sum(quad IN (3, 4)),"
                       " sum(g) FROM (");
            select_events(&b, &p, "e.skey AS k1, e.tkey AS k2, e.num_mentions AS nm,"
                                  " e.quad AS quad, e.goldstein AS g", " AND e.tkey IS NOT NULL");
            sb_add(&b, ") GROUP BY k1, k2");
        } else {
            sb_add(&b, "SELECT k1, NULL, count(*), sum(nm), sum(quad IN (1, 2)), sum(quad IN (3, 4)),"
                       " sum(g) FROM (SELECT e.skey AS k1, e.num_mentions AS nm, e.quad AS quad,"
                       " e.goldstein AS g FROM (");
            select_events(&b, &p, EV_COLS ", e.skey, e.tkey", "");
            sb_add(&b, ") e UNION ALL SELECT e.tkey, e.num_mentions, e.quad, e.goldstein FROM (");
            select_events(&b, &p, EV_COLS ", e.skey, e.tkey", "");
            sb_add(&b, ") e WHERE e.tkey IS NOT NULL AND e.tkey <> e.skey) GROUP BY k1");
        }
        sb_add(&b, " ORDER BY 3 DESC, 1, 2 LIMIT %llu", (unsigned long long)limit);
    }
    sqlite3_stmt *stq;
    st = sb_prepare(s, &b, &stq);
    if (st == ANNALS_OK) {
        int rc;
        while ((rc = sqlite3_step(stq)) == SQLITE_ROW) {
            annals_actor_row r = {0};
            r.actor = col_text(stq, 0);
            r.actor2 = col_text(stq, 1);
            r.events = (uint64_t)sqlite3_column_int64(stq, 2);
            r.mentions = (uint64_t)sqlite3_column_int64(stq, 3);
            r.cooperation = (uint64_t)sqlite3_column_int64(stq, 4);
            r.conflict = (uint64_t)sqlite3_column_int64(stq, 5);
            r.goldstein_mean = r.events ? sqlite3_column_double(stq, 6) / (double)r.events : 0.0;
            if (cb(&r, ctx))
                break;
        }
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            st = step_fail(s, rc, q);
        sqlite3_finalize(stq);
    }
    free(b.sql);
    free(p.rest);
    return st;
}

annals_status annals_query_actors(annals_store *s, const annals_query *q, annals_actor_cb cb,
                                  void *ctx)
{
    return ranking(s, q, 0, cb, ctx);
}

annals_status annals_query_dyads(annals_store *s, const annals_query *q, annals_actor_cb cb,
                                 void *ctx)
{
    return ranking(s, q, 1, cb, ctx);
}

/* ------------------------------------------------------------------- show */

annals_status annals_query_show(annals_store *s, int64_t id, annals_event_cb ev_cb,
                                annals_mention_cb m_cb, void *ctx)
{
    s->err[0] = '\0';
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, "SELECT x.* FROM (SELECT " EV_COLS
                                " FROM events e WHERE e.id = ?1) x", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return store_fail(s, rc, "showing an event");
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) {
        sqlite3_finalize(st);
        return store_errorf(s, ANNALS_ENOTFOUND, "no event %lld", (long long)id);
    }
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(st);
        return store_fail(s, rc, "showing an event");
    }
    int stop = 0;
    if (ev_cb) {
        annals_event_row r;
        fill_row(st, &r);
        stop = ev_cb(&r, ctx);
    }
    sqlite3_finalize(st);
    if (stop || !m_cb)
        return ANNALS_OK;
    rc = sqlite3_prepare_v2(s->db,
        "SELECT a.doc, a.date, a.title, a.url, a.outlet, a.cluster, m.sent_idx, s.text,"
        " m.span_start, m.span_end, m.trigger_start, m.trigger_end, m.trigger, m.source_name,"
        " m.target_name, m.date, m.date_precision"
        " FROM mentions m JOIN articles a ON a.id = m.article"
        " LEFT JOIN sentences s ON s.id = m.sentence"
        " WHERE m.event = ?1 ORDER BY a.date, a.doc, m.sent_idx, m.id", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return store_fail(s, rc, "showing an event");
    sqlite3_bind_int64(st, 1, id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        annals_mention_row m = {0};
        m.article_id = col_text(st, 0);
        m.article_date = col_text(st, 1);
        m.title = col_text(st, 2);
        m.url = col_text(st, 3);
        m.outlet = col_text(st, 4);
        m.cluster = sqlite3_column_int64(st, 5);
        m.sentence = (uint32_t)sqlite3_column_int64(st, 6);
        m.text = col_text(st, 7);
        int64_t ss = sqlite3_column_int64(st, 8), se = sqlite3_column_int64(st, 9);
        int64_t ts = sqlite3_column_int64(st, 10), te = sqlite3_column_int64(st, 11);
        size_t tl = m.text ? strlen(m.text) : 0;
        if (ts >= ss && te >= ts && te <= se && (size_t)(te - ss) <= tl) {
            m.trigger_start = (size_t)(ts - ss);
            m.trigger_end = (size_t)(te - ss);
        }
        m.trigger = col_text(st, 12);
        m.source_name = col_text(st, 13);
        m.target_name = col_text(st, 14);
        m.date = col_text(st, 15);
        m.date_precision = col_text(st, 16);
        if (m_cb(&m, ctx))
            break;
    }
    annals_status out = ANNALS_OK;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        out = store_fail(s, rc, "showing an event");
    sqlite3_finalize(st);
    return out;
}

/* ------------------------------------------------------------------ mark */

static int buf_put(annals_buf *b, const char *p, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t nc = b->cap ? b->cap : 256;
        while (nc < b->len + n + 1)
            nc *= 2;
        char *nd = realloc(b->data, nc);
        if (!nd)
            return -1;
        b->data = nd;
        b->cap = nc;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

static const char *find_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    if (!n)
        return NULL;
    for (const char *p = hay; *p; p++)
        if (strncasecmp(p, needle, n) == 0)
            return p;
    return NULL;
}

annals_status annals_mention_mark(const annals_mention_row *m, annals_buf *out)
{
    const char *t = m->text ? m->text : "";
    size_t len = strlen(t);
    struct mark { size_t s, e; const char *open, *close; } mk[3];
    int nm = 0;
    if (m->trigger_end > m->trigger_start && m->trigger_end <= len)
        mk[nm++] = (struct mark){m->trigger_start, m->trigger_end, "<<", ">>"};
    const char *names[2] = {m->source_name, m->target_name};
    const char *open[2] = {"[", "{"}, *close[2] = {"]", "}"};
    for (int k = 0; k < 2; k++) {
        if (!names[k])
            continue;
        const char *f = find_ci(t, names[k]);
        if (!f)
            continue;
        struct mark c = {(size_t)(f - t), (size_t)(f - t) + strlen(names[k]), open[k], close[k]};
        int clash = 0;
        for (int i = 0; i < nm; i++)
            if (c.s < mk[i].e && mk[i].s < c.e)
                clash = 1;
        if (!clash)
            mk[nm++] = c;
    }
    for (int i = 1; i < nm; i++)          /* sort by start */
        for (int j = i; j > 0 && mk[j].s < mk[j - 1].s; j--) {
            struct mark tmp = mk[j];
            mk[j] = mk[j - 1];
            mk[j - 1] = tmp;
        }
    size_t pos = 0;
    int bad = 0;
    for (int i = 0; i < nm; i++) {
        bad |= buf_put(out, t + pos, mk[i].s - pos);
        bad |= buf_put(out, mk[i].open, strlen(mk[i].open));
        bad |= buf_put(out, t + mk[i].s, mk[i].e - mk[i].s);
        bad |= buf_put(out, mk[i].close, strlen(mk[i].close));
        pos = mk[i].e;
    }
    bad |= buf_put(out, t + pos, len - pos);
    return bad ? ANNALS_ENOMEM : ANNALS_OK;
}
