/*
 * store.h: internals shared by the store (store.c) and its queries
 * (query.c): the handle, error mapping, cached statements, date helpers.
 */
#ifndef ANNALS_STORE_H
#define ANNALS_STORE_H

#include "annals.h"

#include <sqlite3.h>

#define STORE_SCHEMA_VERSION 2

enum store_stmt_id {
    ST_ARTICLE_GET, ST_ARTICLE_INS, ST_ARTICLE_UPD, ST_ARTICLE_SIG, ST_ARTICLE_CLU, ST_LSH_FIND,
    ST_LSH_INS, ST_LSH_DEL, ST_SENT_INS, ST_SENT_DEL,
    ST_EV_MATCH, ST_EV_MATCH_NODATE, ST_EV_INS, ST_EV_LOC, ST_MEN_INS,
    ST_MEN_EVENTS_OF_ART, ST_MEN_DEL_ART, ST_NAME_UPS,
    ST_RC_OLD, ST_RC_COUNTS, ST_RC_BEST, ST_RC_UPD, ST_RC_DATE, ST_EV_DEL,
    ST_SUM_ACTOR, ST_SUM_DYAD, ST_SUM_PAIR, ST_FTS_ADD, ST_FTS_DEL,
    ST_COUNT
};

struct annals_store {
    sqlite3 *db;
    char err[512];
    int in_batch;
    int readonly;
    sqlite3_stmt *st[ST_COUNT];
    annals_name_resolver resolver;
    void *resolver_ctx;
    uint64_t added, unchanged, replaced;
    struct store_aff *aff;   /* events touched by the current add */
    size_t naff, caff;
    int64_t fts_lo;          /* first sentence id not yet in sentences_fts, 0: none */
    /* scratch of the current add: sentence ids by index (0: not stored),
     * names and summary counts gathered, written once each at its end */
    int64_t *sent_ids;
    size_t sent_cap, sent_hi;
    struct store_name *names;
    size_t nnames, cnames;
    struct store_sum *sums;
    size_t nsums, csums;
};

struct store_name {
    const char *name, *code;  /* the caller's strings, valid during the add */
};
struct store_sum {
    int64_t month;
    int quad, bg, dn, dm;
    double gsum;
    char skey[8], tkey[8];
};

/* An event touched by the add in progress: AFF_OLD existed before (recount
 * it, moving its old summary counts), AFF_NEW was inserted by this add with
 * its final counts (one mention: only its summary counts to add), AFF_NEW_MORE
 * was inserted by this add and got more mentions (recount, nothing to move). */
enum store_aff_state { AFF_OLD, AFF_NEW, AFF_NEW_MORE };
struct store_aff {
    int64_t id;
    enum store_aff_state state;
    int quad, bg;
    double goldstein;
    int64_t month;           /* yyyymm, 0 undated */
    char skey[8], tkey[8];   /* country keys; tkey "" when no target */
};

/* Record a SQLite failure (rc) while doing `what`; returns the status. */
annals_status store_fail(annals_store *s, int rc, const char *what);
/* Record an error message of our own; returns st. */
annals_status store_errorf(annals_store *s, annals_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Parse "YYYY", "YYYY-MM", "YYYY-MM-DD" (prefix of a longer timestamp
 * allowed: "2024-03-05T10:00").  Returns the number of parts (1-3) or 0 if
 * invalid; fills the first/last day numbers of what it names. */
int store_parse_date(const char *s, int64_t *lo, int64_t *hi, char norm[11]);
/* "YYYY-MM-DD" into out. */
void store_format_ymd(char out[11], int y, int m, int d);
/* Day number (days since 1970-01-01) and back. */
int64_t store_days(int y, int m, int d);
void store_civil(int64_t days, int *y, int *m, int *d);

#endif
