/*
 * store.c: the events store, a SQLite database of coded articles.
 *
 * Schema (version in PRAGMA user_version; migrations[] brings an older
 * database up to date in one transaction, a newer one is refused):
 *   articles   one row per article id: date, title, url, source, outlet
 *              (source, else URL host), XXH64 of the text, near-duplicate
 *              cluster (id of the cluster's first article), source_key (the
 *              cluster's outlet: what num_sources counts), MinHash signature;
 *   lsh        LSH bucket -> article, to find near-duplicate candidates;
 *   sentences  the sentences events were coded from, FTS5-indexed
 *              (sentences_fts, external content, filled once per
 *              transaction by fts_flush: no triggers, see migration 1 -> 2);
 *   events     deduplicated events with their counts, most frequent names
 *              (sname, tname) and country keys (skey, tkey: the country, else
 *              the code's first three letters); date_lo/date_hi are the day
 *              interval its date stands for (see annals.h);
 *   mentions   one per coded event: event, article, sentence, trigger,
 *              names and codes (turned to the event's direction), the date
 *              as coded;
 *   names      actor names as found -> codes (name lookup, "did you mean");
 *              words that only refer back ("he", "the two men") are left out;
 *   sum_actor, sum_dyad  event counts per country key, month, quad class
 *              and background flag; sum_pair the totals per directed pair
 *              of country keys; all kept in step with events, so country
 *              series and the rankings read a few thousand rows at most.
 *
 * Merging (annals.h states the rule): a mention joins an event with the
 * same country keys and code whose date interval overlaps its own, whose
 * place is compatible and whose actor codes are compatible: equal, or one
 * side the bare country code of the other ("CHN" and "CHNGOV"; the event
 * shows the specific code).  Mutual codes (consult 040, telephone 041, meet
 * elsewhere 044, negotiate 046, sign 057) and a visit (042) with its hosting
 * (043) also join the event seen from the other side, so "Putin and Xi held
 * a summit", coded both ways, is one event; such mentions are stored turned
 * to the event's direction.  Mentions count distinct sentences.
 *
 * Adding an article: one SAVEPOINT (inside the caller's batch transaction, or
 * its own BEGIN IMMEDIATE ... COMMIT), so a crash or an error never leaves
 * half an article.  Known id + same hash: nothing to do.  Changed text: the
 * old mentions and sentences go, and the events they touched are recounted.
 * Each mention is matched through one index (skey, tkey, code, date_lo),
 * bounded below by the longest interval (a year); places and codes are
 * compared in C; no match inserts a new event with its final counts.  At
 * the end every other touched event is recounted from its mentions (counts,
 * best date, codes, names, first/last seen, background) and the summary
 * tables get the difference; an event with no mention left is deleted.  The
 * summary counts of new events and the names are gathered over the article
 * and written once per key.  Statements are prepared once and reused.
 * Journal: WAL, synchronous=NORMAL (kill -9 loses at most the open batch; a
 * power cut may lose the last commits, never consistency).  A read-only
 * open on read-only media, where WAL's shared-memory file cannot be made,
 * reads the file as immutable.
 */
#include "store.h"
#include "dedup.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

/* ------------------------------------------------------------------ schema */

/* The most frequent non-null value of a mentions column for an event,
 * names that only refer back ("he", "the two men": annals_refname(), see
 * is_reference_name) last. */
#define EVENT_NAME_SQL(col, ev) \
    "SELECT " col " FROM mentions WHERE event = " ev " AND " col " IS NOT NULL" \
    " GROUP BY " col " ORDER BY annals_refname(" col "), count(*) DESC, " col " LIMIT 1"

/* Summary tables from the events (schema upgrade; bench/gen_store.c has a
 * copy for its synthetic stores). */
#define SUMMARY_REBUILD_SQL \
    "INSERT INTO sum_actor(key, month, quad, bg, n, gsum, m)" \
    " SELECT key, month, quad, bg, count(*), sum(g), sum(m) FROM (" \
    "  SELECT skey AS key, CAST(substr(date, 1, 4) || substr(date, 6, 2) AS INTEGER) AS month," \
    "   quad, background AS bg, goldstein AS g, num_mentions AS m FROM events" \
    "   WHERE date IS NOT NULL AND skey IS NOT NULL" \
    "  UNION ALL SELECT tkey, CAST(substr(date, 1, 4) || substr(date, 6, 2) AS INTEGER)," \
    "   quad, background, goldstein, num_mentions FROM events" \
    "   WHERE date IS NOT NULL AND tkey IS NOT NULL AND skey IS NOT NULL AND tkey <> skey)" \
    " GROUP BY key, month, quad, bg;" \
    "INSERT INTO sum_dyad(skey, tkey, month, quad, bg, n, gsum, m)" \
    " SELECT skey, tkey, CAST(substr(date, 1, 4) || substr(date, 6, 2) AS INTEGER), quad," \
    "  background, count(*), sum(goldstein), sum(num_mentions) FROM events" \
    "  WHERE date IS NOT NULL AND skey IS NOT NULL AND tkey IS NOT NULL GROUP BY 1, 2, 3, 4, 5;" \
    "INSERT INTO sum_pair(skey, tkey, n, m, coop, confl, gsum, bn, bm, bcoop, bconfl, bgsum)" \
    " SELECT skey, tkey, count(*), sum(num_mentions), sum(quad IN (1, 2)), sum(quad IN (3, 4))," \
    "  sum(goldstein), sum(background), sum(background * num_mentions)," \
    "  sum(background * (quad IN (1, 2))), sum(background * (quad IN (3, 4)))," \
    "  sum(background * goldstein) FROM events" \
    "  WHERE skey IS NOT NULL AND tkey IS NOT NULL GROUP BY skey, tkey;"

static const char *const migrations[] = {
    /* 0 -> 1 */
    "CREATE TABLE articles("
    " id INTEGER PRIMARY KEY, doc TEXT NOT NULL UNIQUE, date TEXT, title TEXT,"
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
    " m INTEGER NOT NULL, PRIMARY KEY(skey, tkey, month, quad, bg)) WITHOUT ROWID;",
    /* 1 -> 2: full-text index filled per batch (no triggers: FTS5 flushes its
     * pending terms at every statement savepoint, which made each sentence
     * insert write a segment); matching by country keys (actor codes of one
     * country merge); mentions keep their codes; dyad totals; mention counts
     * are distinct sentences.  Counts and summaries are rebuilt. */
    "DROP TRIGGER IF EXISTS sentences_ai;"
    "DROP TRIGGER IF EXISTS sentences_ad;"
    "DROP INDEX IF EXISTS events_match;"
    "CREATE INDEX events_match ON events(skey, tkey, code, date_lo);"
    "CREATE INDEX events_st ON events(source, target, date);"
    "ALTER TABLE mentions ADD COLUMN source TEXT;"
    "ALTER TABLE mentions ADD COLUMN target TEXT;"
    "UPDATE mentions SET source = (SELECT source FROM events WHERE id = mentions.event),"
    " target = (SELECT target FROM events WHERE id = mentions.event);"
    "ALTER TABLE events ADD COLUMN sname TEXT;"
    "ALTER TABLE events ADD COLUMN tname TEXT;"
    "UPDATE events SET sname = (" EVENT_NAME_SQL("source_name", "events.id") "),"
    " tname = (" EVENT_NAME_SQL("target_name", "events.id") ");"
    "UPDATE events SET num_mentions = (SELECT count(DISTINCT article * 4294967296 + sent_idx)"
    " FROM mentions WHERE event = events.id);"
    "CREATE TABLE sum_pair(skey TEXT NOT NULL, tkey TEXT NOT NULL, n INTEGER NOT NULL,"
    " m INTEGER NOT NULL, coop INTEGER NOT NULL, confl INTEGER NOT NULL, gsum REAL NOT NULL,"
    " bn INTEGER NOT NULL, bm INTEGER NOT NULL, bcoop INTEGER NOT NULL, bconfl INTEGER NOT NULL,"
    " bgsum REAL NOT NULL, PRIMARY KEY(skey, tkey)) WITHOUT ROWID;"
    "DELETE FROM sum_actor; DELETE FROM sum_dyad;"
    SUMMARY_REBUILD_SQL,
};
#define NMIGRATIONS (sizeof migrations / sizeof migrations[0])

static const char *const stmt_sql[ST_COUNT] = {
    [ST_ARTICLE_GET] = "SELECT id, hash, cluster FROM articles WHERE doc = ?1",
    [ST_ARTICLE_INS] = "INSERT INTO articles(doc, date, title, url, source, outlet, hash,"
                       " cluster, source_key, minhash, nevents)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?6, ?8, ?9)",
    [ST_ARTICLE_UPD] = "UPDATE articles SET date = ?2, title = ?3, url = ?4, source = ?5,"
                       " outlet = ?6, hash = ?7, minhash = ?8, nevents = ?9, cluster = ?10,"
                       " source_key = ?11 WHERE id = ?1",
    [ST_ARTICLE_SIG] = "SELECT minhash, cluster, source_key FROM articles WHERE id = ?1",
    [ST_ARTICLE_CLU] = "UPDATE articles SET cluster = ?2, source_key = ?3 WHERE id = ?1",
    [ST_LSH_FIND] = "SELECT DISTINCT article FROM lsh WHERE bucket IN"
                    " (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16) LIMIT 200",
    [ST_LSH_INS] = "INSERT INTO lsh(bucket, article) VALUES (?1, ?2)",
    [ST_LSH_DEL] = "DELETE FROM lsh WHERE article = ?1",
    [ST_SENT_INS] = "INSERT INTO sentences(article, idx, start, end, text) VALUES (?1, ?2, ?3, ?4, ?5)",
    [ST_SENT_DEL] = "DELETE FROM sentences WHERE article = ?1",
    /* candidates: same country keys and code, overlapping dates; no
     * interval is longer than a year, so date_lo >= lo - 366 bounds the
     * index range from below */
    [ST_EV_MATCH] = "SELECT id, loc_name, loc_country, loc_precision, source, target FROM events"
                    " WHERE skey = ?1 AND tkey IS ?2 AND code = ?3 AND date_lo <= ?4"
                    " AND date_lo >= ?5 - 366 AND date_hi >= ?5"
                    " ORDER BY date_hi - date_lo, num_mentions DESC, id LIMIT 32",
    [ST_EV_MATCH_NODATE] = "SELECT id, loc_name, loc_country, loc_precision, source, target"
                    " FROM events WHERE skey = ?1 AND tkey IS ?2 AND code = ?3 AND date_lo IS NULL"
                    " ORDER BY num_mentions DESC, id LIMIT 32",
    [ST_EV_INS] = "INSERT INTO events(source, source_country, target, target_country, code, root,"
                  " quad, goldstein, plover, loc_name, loc_country, loc_precision, lat, lon,"
                  " skey, tkey, background, date, date_precision, date_lo, date_hi,"
                  " num_mentions, num_articles, num_sources, first_seen, last_seen, sname, tname)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
                  " ?18, ?19, ?20, ?21, 1, 1, 1, ?22, ?22, ?23, ?24)",
    [ST_EV_LOC] = "UPDATE events SET loc_name = ?2, loc_country = ?3, loc_precision = ?4,"
                  " lat = ?5, lon = ?6 WHERE id = ?1 AND loc_name IS NULL",
    [ST_MEN_INS] = "INSERT INTO mentions(event, article, sentence, sent_idx, span_start, span_end,"
                   " trigger, trigger_start, trigger_end, source_name, target_name, date,"
                   " date_precision, date_lo, date_hi, background, source, target)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
                   " ?17, ?18)",
    [ST_MEN_EVENTS_OF_ART] = "SELECT DISTINCT event FROM mentions WHERE article = ?1",
    [ST_MEN_DEL_ART] = "DELETE FROM mentions WHERE article = ?1",
    [ST_NAME_UPS] = "INSERT INTO names(lname, code, name, n) VALUES (lower(?1), ?2, ?1, ?3)"
                    " ON CONFLICT(lname, code) DO UPDATE SET n = n + excluded.n",
    [ST_RC_OLD] = "SELECT num_mentions, date, quad, goldstein, background, skey, tkey"
                  " FROM events WHERE id = ?1",
    /* mentions: distinct sentences (one sentence coded both ways counts
     * once); codes: of one country the specific code sorts after the bare
     * country code, and an event holds at most one specific code per side */
    [ST_RC_COUNTS] = "SELECT count(DISTINCT m.article * 4294967296 + m.sent_idx),"
                     " count(DISTINCT m.article), count(DISTINCT a.source_key),"
                     " min(nullif(a.date, '')), max(nullif(a.date, '')), min(m.background),"
                     " max(m.source), max(m.target), count(*)"
                     " FROM mentions m JOIN articles a ON a.id = m.article WHERE m.event = ?1",
    [ST_RC_BEST] = "SELECT date, date_precision, date_lo, date_hi FROM mentions WHERE event = ?1"
                   " ORDER BY date_lo IS NULL, date_hi - date_lo, date_precision = 'story', date_lo, id"
                   " LIMIT 1",
    [ST_RC_UPD] = "UPDATE events SET num_mentions = ?2, num_articles = ?3, num_sources = ?4,"
                  " first_seen = ?5, last_seen = ?6, background = ?7,"
                  " sname = (" EVENT_NAME_SQL("source_name", "?1") "),"
                  " tname = (" EVENT_NAME_SQL("target_name", "?1") ") WHERE id = ?1",
    /* separate, so that only a changed date or code rewrites the indexes */
    [ST_RC_DATE] = "UPDATE events SET date = ?2, date_precision = ?3, date_lo = ?4, date_hi = ?5,"
                   " source = coalesce(?6, source), target = coalesce(?7, target)"
                   " WHERE id = ?1 AND (date IS NOT ?2 OR date_precision IS NOT ?3"
                   " OR date_lo IS NOT ?4 OR date_hi IS NOT ?5 OR source IS NOT coalesce(?6, source)"
                   " OR target IS NOT coalesce(?7, target))",
    [ST_EV_DEL] = "DELETE FROM events WHERE id = ?1",
    [ST_SUM_ACTOR] = "INSERT INTO sum_actor(key, month, quad, bg, n, gsum, m)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                     " ON CONFLICT(key, month, quad, bg) DO UPDATE SET n = n + excluded.n,"
                     " gsum = gsum + excluded.gsum, m = m + excluded.m",
    [ST_SUM_DYAD] = "INSERT INTO sum_dyad(skey, tkey, month, quad, bg, n, gsum, m)"
                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                    " ON CONFLICT(skey, tkey, month, quad, bg) DO UPDATE SET n = n + excluded.n,"
                    " gsum = gsum + excluded.gsum, m = m + excluded.m",
    [ST_SUM_PAIR] = "INSERT INTO sum_pair(skey, tkey, n, m, coop, confl, gsum, bn, bm, bcoop, bconfl,"
                    " bgsum) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
                    " ON CONFLICT(skey, tkey) DO UPDATE SET n = n + excluded.n, m = m + excluded.m,"
                    " coop = coop + excluded.coop, confl = confl + excluded.confl,"
                    " gsum = gsum + excluded.gsum, bn = bn + excluded.bn, bm = bm + excluded.bm,"
                    " bcoop = bcoop + excluded.bcoop, bconfl = bconfl + excluded.bconfl,"
                    " bgsum = bgsum + excluded.bgsum",
    [ST_FTS_ADD] = "INSERT INTO sentences_fts(rowid, text) SELECT id, text FROM sentences"
                   " WHERE id >= ?1",
    /* only sentences already indexed (below the pending range) */
    [ST_FTS_DEL] = "INSERT INTO sentences_fts(sentences_fts, rowid, text)"
                   " SELECT 'delete', id, text FROM sentences WHERE article = ?1"
                   " AND (?2 = 0 OR id < ?2)",
};

/* ------------------------------------------------------------------ errors */

annals_status store_errorf(annals_store *s, annals_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->err, sizeof s->err, fmt, ap);
    va_end(ap);
    return st;
}

static annals_status map_rc(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_OK: return ANNALS_OK;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return ANNALS_EBUSY;
    case SQLITE_NOMEM: return ANNALS_ENOMEM;
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN: return ANNALS_EIO;
    default: return ANNALS_EDB;
    }
}

static const char *rc_hint(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return " (another process is writing; try again later)";
    case SQLITE_READONLY: return " (the database or its directory is read-only)";
    case SQLITE_FULL: return " (the disk is full)";
    case SQLITE_NOTADB: return " (not an annals database)";
    case SQLITE_CORRUPT: return " (the database is damaged)";
    default: return "";
    }
}

annals_status store_fail(annals_store *s, int rc, const char *what)
{
    const char *m = s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
    if (s->db && sqlite3_errcode(s->db) == SQLITE_OK)
        m = sqlite3_errstr(rc);
    return store_errorf(s, map_rc(rc), "%s: %s%s", what, m, rc_hint(rc));
}

const char *annals_store_errmsg(const annals_store *s)
{
    return s ? s->err : "no store";
}

int annals_store_schema_version(void)
{
    return STORE_SCHEMA_VERSION;
}

/* ------------------------------------------------------------------- dates */

int64_t store_days(int y, int m, int d)
{
    /* H. Hinnant's days_from_civil */
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void store_civil(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t yy = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t dd = doy - (153 * mp + 2) / 5 + 1;
    int64_t mm = mp < 10 ? mp + 3 : mp - 9;
    *y = (int)(yy + (mm <= 2));
    *m = (int)mm;
    *d = (int)dd;
}

static int mdays(int y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

void store_format_ymd(char out[11], int y, int m, int d)
{
    const int v[3] = {y % 10000, m, d};
    const int w[3] = {4, 2, 2};
    char *p = out;
    for (int i = 0; i < 3; i++) {
        if (i)
            *p++ = '-';
        for (int k = w[i] - 1, x = v[i]; k >= 0; k--, x /= 10)
            p[k] = (char)('0' + x % 10);
        p += w[i];
    }
    *p = '\0';
}

int store_parse_date(const char *s, int64_t *lo, int64_t *hi, char norm[11])
{
    int y, m = 1, d = 1, parts = 1;
    if (!s || !digits(s, 4, &y) || y < 1)
        return 0;
    const char *p = s + 4;
    if (*p == '-') {
        if (!digits(p + 1, 2, &m) || m < 1 || m > 12)
            return 0;
        parts = 2;
        p += 3;
        if (*p == '-') {
            if (!digits(p + 1, 2, &d) || d < 1 || d > mdays(y, m))
                return 0;
            parts = 3;
            p += 3;
        }
    }
    if (*p != '\0' && *p != 'T' && *p != ' ')
        return 0;
    if (parts == 1) {
        *lo = store_days(y, 1, 1);
        *hi = store_days(y, 12, 31);
    } else if (parts == 2) {
        *lo = store_days(y, m, 1);
        *hi = store_days(y, m, mdays(y, m));
    } else {
        *lo = *hi = store_days(y, m, d);
    }
    if (norm)
        store_format_ymd(norm, y, m, d);
    return parts;
}

/* The day interval a coded date stands for, given its precision. */
static int event_interval(const char *date, const char *prec, int64_t *lo, int64_t *hi, char norm[11])
{
    int parts = store_parse_date(date, lo, hi, norm);
    if (!parts)
        return 0;
    int y, m, d;
    store_civil(*lo, &y, &m, &d);
    if (prec && strcmp(prec, "year") == 0) {
        *lo = store_days(y, 1, 1);
        *hi = store_days(y, 12, 31);
    } else if (prec && strcmp(prec, "month") == 0) {
        *lo = store_days(y, m, 1);
        *hi = store_days(y, m, mdays(y, m));
    } else if (prec && strcmp(prec, "week") == 0 && parts == 3) {
        *hi = *lo + 3;
        *lo -= 3;
    }
    return parts;
}

/* ---------------------------------------------------------- open and close */

static annals_status exec(annals_store *s, const char *sql, const char *what)
{
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? ANNALS_OK : store_fail(s, rc, what);
}

static annals_status pragma_int(annals_store *s, const char *sql, int *out)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return store_fail(s, rc, "reading the schema version");
    rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(s, rc, "reading the schema version");
    return ANNALS_OK;
}

static annals_status migrate(annals_store *s, const char *path)
{
    int v;
    annals_status st = pragma_int(s, "PRAGMA user_version", &v);
    if (st != ANNALS_OK)
        return st;
    if (v > STORE_SCHEMA_VERSION)
        return store_errorf(s, ANNALS_EVERSION,
                            "%s: database schema version %d is newer than this annals %s "
                            "supports (%d); use a newer annals", path, v, ANNALS_VERSION,
                            STORE_SCHEMA_VERSION);
    if (v == STORE_SCHEMA_VERSION)
        return ANNALS_OK;
    if (s->readonly)
        return store_errorf(s, v == 0 ? ANNALS_ENOTFOUND : ANNALS_EDB,
                            v == 0 ? "%s: not an annals database (empty)"
                                   : "%s: schema version %d needs an upgrade; open it writable once",
                            path, v);
    if ((st = exec(s, "BEGIN IMMEDIATE", "upgrading the schema")) != ANNALS_OK)
        return st;
    /* re-read under the lock: another process may have migrated meanwhile */
    if ((st = pragma_int(s, "PRAGMA user_version", &v)) != ANNALS_OK)
        goto fail;
    if (v == 0) {
        int ntables;
        if ((st = pragma_int(s, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
                             &ntables)) != ANNALS_OK)
            goto fail;
        if (ntables > 0) {
            st = store_errorf(s, ANNALS_EDB, "%s: a SQLite database but not an annals one", path);
            goto fail;
        }
    }
    for (int i = v; i < STORE_SCHEMA_VERSION; i++)
        if ((st = exec(s, migrations[i], "upgrading the schema")) != ANNALS_OK)
            goto fail;
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", STORE_SCHEMA_VERSION);
    if ((st = exec(s, sql, "upgrading the schema")) != ANNALS_OK)
        goto fail;
    return exec(s, "COMMIT", "upgrading the schema");
fail:
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return st;
}

/* Why a database cannot be written, from the file system: "" if it can. */
static const char *unwritable(const char *path)
{
    if (access(path, F_OK) == 0 && access(path, W_OK) != 0)
        return errno == EROFS ? " (the file system is read-only)" : " (the database file is read-only)";
    char dir[1024];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash == dir)
        slash[1] = '\0';
    else if (slash)
        *slash = '\0';
    else
        snprintf(dir, sizeof dir, ".");
    if (access(dir, W_OK) != 0)
        return errno == EROFS ? " (the file system is read-only)"
                              : " (its directory is read-only: the journal is written next to it)";
    return "";
}

/* "file:PATH?immutable=1", for reading a database on read-only media, where
 * the shared-memory file of WAL mode cannot be made.  0 if it does not fit. */
static int immutable_uri(const char *path, char *out, size_t size)
{
    size_t k = (size_t)snprintf(out, size, "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (k + 4 >= size)
            return 0;
        if (*p == '?' || *p == '#' || *p == '%' || *p < 0x20)
            k += (size_t)snprintf(out + k, size - k, "%%%02X", *p);
        else
            out[k++] = (char)*p;
    }
    return snprintf(out + k, size - k, "?immutable=1") < (int)(size - k);
}

static int is_reference_name(const char *name);

static void refname_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const unsigned char *t = sqlite3_value_text(argv[0]);
    sqlite3_result_int(ctx, t ? is_reference_name((const char *)t) : 0);
}

/* Open the connection and bring the schema up to date (or check it). */
static annals_status open_conn(annals_store *s, const char *path, int timeout, int immutable)
{
    int flags = s->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    char uri[2100];
    if (immutable && !immutable_uri(path, uri, sizeof uri))
        return store_errorf(s, ANNALS_EINVAL, "%s: path too long", path);
    int rc = sqlite3_open_v2(immutable ? uri : path, &s->db,
                             flags | SQLITE_OPEN_NOMUTEX | (immutable ? SQLITE_OPEN_URI : 0), NULL);
    char what[300];
    snprintf(what, sizeof what, "%s: cannot open%s", path, s->readonly ? "" : unwritable(path));
    if (rc != SQLITE_OK)
        return store_fail(s, rc, what);
    sqlite3_extended_result_codes(s->db, 0);
    sqlite3_busy_timeout(s->db, timeout > 0 ? timeout : 0);
    if ((rc = sqlite3_create_function(s->db, "annals_refname", 1,
                                      SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
                                      NULL, refname_fn, NULL, NULL)) != SQLITE_OK)
        return store_fail(s, rc, what);
    annals_status st;
    if (!s->readonly) {
        /* WAL: readers never block the writer; NORMAL: fsync at checkpoints */
        sqlite3_stmt *jm;
        rc = sqlite3_prepare_v2(s->db, "PRAGMA journal_mode = WAL", -1, &jm, NULL);
        if (rc == SQLITE_OK) {
            rc = sqlite3_step(jm);
            sqlite3_finalize(jm);
        }
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return store_fail(s, rc, what);
        if ((st = exec(s, "PRAGMA synchronous = NORMAL", what)) != ANNALS_OK)
            return st;
    }
    exec(s, "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY", path);
    return migrate(s, path);
}

annals_status annals_store_open(const char *path, const annals_store_options *opt,
                                annals_store **out, annals_diag *diag)
{
    *out = NULL;
    if (!path || !*path)
        return ANNALS_EINVAL;
    annals_store *s = calloc(1, sizeof *s);
    if (!s)
        return ANNALS_ENOMEM;
    s->readonly = opt && opt->readonly;
    int timeout = opt && opt->busy_timeout_ms ? opt->busy_timeout_ms : 5000;
    annals_status st = ANNALS_OK;
    struct stat sb;
    if (s->readonly && stat(path, &sb) != 0) {
        st = store_errorf(s, ANNALS_ENOTFOUND, "%s: no such database", path);
        goto fail;
    }
    st = open_conn(s, path, timeout, 0);
    if (st != ANNALS_OK && s->readonly && s->db &&
        (sqlite3_errcode(s->db) & 0xff) == SQLITE_CANTOPEN && *unwritable(path)) {
        /* read-only media: WAL's shared-memory file cannot be made next to
         * the database; nobody can write it either, so read it as immutable */
        sqlite3_close(s->db);
        s->db = NULL;
        st = open_conn(s, path, timeout, 1);
    }
    if (st != ANNALS_OK)
        goto fail;
    s->err[0] = '\0';
    *out = s;
    return ANNALS_OK;
fail:
    if (diag) {
        memset(diag, 0, sizeof *diag);
        snprintf(diag->file, sizeof diag->file, "%s", path);
        snprintf(diag->msg, sizeof diag->msg, "%s", s->err);
    }
    annals_store_close(s);
    return st;
}

void annals_store_close(annals_store *s)
{
    if (!s)
        return;
    if (s->in_batch)
        annals_store_rollback(s);
    for (size_t i = 0; i < ST_COUNT; i++)
        sqlite3_finalize(s->st[i]);
    sqlite3_close(s->db);
    free(s->aff);
    free(s->sent_ids);
    free(s->names);
    free(s->sums);
    free(s);
}

void annals_store_set_resolver(annals_store *s, annals_name_resolver fn, void *ctx)
{
    s->resolver = fn;
    s->resolver_ctx = ctx;
}

static sqlite3_stmt *stmt(annals_store *s, enum store_stmt_id id, int *rc)
{
    sqlite3_stmt *st = s->st[id];
    if (!st) {
        *rc = sqlite3_prepare_v3(s->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &s->st[id], NULL);
        if (*rc != SQLITE_OK)
            return NULL;
        return s->st[id];
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    *rc = SQLITE_OK;
    return st;
}

/* ------------------------------------------------------------ transactions */

annals_status annals_store_begin(annals_store *s)
{
    if (s->in_batch)
        return store_errorf(s, ANNALS_EINVAL, "a batch is already open");
    annals_status st = exec(s, "BEGIN IMMEDIATE", "starting a batch");
    if (st == ANNALS_OK) {
        s->in_batch = 1;
        s->fts_lo = 0;
    }
    return st;
}

/* Index the sentences added since the transaction began: one statement per
 * transaction, so FTS5 writes one segment (see migration 1 -> 2). */
static annals_status fts_flush(annals_store *s)
{
    if (!s->fts_lo)
        return ANNALS_OK;
    int rc;
    sqlite3_stmt *f = stmt(s, ST_FTS_ADD, &rc);
    if (!f)
        return store_fail(s, rc, "indexing sentences");
    sqlite3_bind_int64(f, 1, s->fts_lo);
    rc = sqlite3_step(f);
    sqlite3_reset(f);
    if (rc != SQLITE_DONE)
        return store_fail(s, rc, "indexing sentences");
    s->fts_lo = 0;
    return ANNALS_OK;
}

annals_status annals_store_commit(annals_store *s)
{
    if (!s->in_batch)
        return ANNALS_OK;
    annals_status st = fts_flush(s);
    if (st == ANNALS_OK)
        st = exec(s, "COMMIT", "committing a batch");
    if (st == ANNALS_OK)
        s->in_batch = 0;
    return st;
}

void annals_store_rollback(annals_store *s)
{
    if (!s->in_batch)
        return;
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    s->in_batch = 0;
    s->fts_lo = 0;
}

/* -------------------------------------------------------------------- add */

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v && *v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

/* The outlet an article counts as: its source, else its URL host. */
static void outlet_of(const annals_article *art, char *out, size_t size)
{
    if (art->source && *art->source) {
        snprintf(out, size, "%s", art->source);
        for (char *p = out; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p + 32);
        return;
    }
    const char *u = art->url ? art->url : "";
    const char *h = strstr(u, "://");
    if (h && h[3]) {
        h += 3;
        if (strncasecmp(h, "www.", 4) == 0)
            h += 4;
        size_t n = strcspn(h, "/:?#");
        if (n >= size)
            n = size - 1;
        for (size_t i = 0; i < n; i++)
            out[i] = (char)((h[i] >= 'A' && h[i] <= 'Z') ? h[i] + 32 : h[i]);
        out[n] = '\0';
        return;
    }
    /* unknown outlet: the article stands for itself */
    snprintf(out, size, "doc:%s", art->id);
}

/* Note an event touched by the add in progress (see enum store_aff_state);
 * NULL when out of memory. */
static struct store_aff *aff_note(annals_store *s, int64_t id, enum store_aff_state state)
{
    for (size_t i = s->naff; i-- > 0;)
        if (s->aff[i].id == id) {
            if (s->aff[i].state == AFF_NEW)
                s->aff[i].state = AFF_NEW_MORE;
            return &s->aff[i];
        }
    if (s->naff == s->caff) {
        size_t nc = s->caff ? s->caff * 2 : 64;
        struct store_aff *na = realloc(s->aff, nc * sizeof *na);
        if (!na)
            return NULL;
        s->aff = na;
        s->caff = nc;
    }
    struct store_aff *a = &s->aff[s->naff++];
    memset(a, 0, sizeof *a);
    a->id = id;
    a->state = state;
    return a;
}

/* yyyymm of a "YYYY-MM-DD" date, 0 if none. */
static int64_t month_of(const char *date)
{
    int64_t lo, hi;
    char norm[11];
    if (!date || !store_parse_date(date, &lo, &hi, norm))
        return 0;
    return atoi(norm) * 100 + atoi(norm + 5);
}

/* Add dn events (Goldstein scores summing to gsum) and dm mentions of one
 * kind (month, quad class, background, country keys) to the summary tables:
 * sum_actor and sum_dyad for dated events, sum_pair for every event with a
 * target. */
static annals_status sum_delta(annals_store *s, int64_t month, int quad, double gsum, int bg,
                               const char *skey, const char *tkey, int dn, int dm)
{
    if (!skey || !*skey || (dn == 0 && dm == 0))
        return ANNALS_OK;
    if (tkey && !*tkey)
        tkey = NULL;
    int rc;
    sqlite3_stmt *st;
    if (month) {
        if (!(st = stmt(s, ST_SUM_ACTOR, &rc)))
            return store_fail(s, rc, "updating summaries");
        for (int k = 0; k < 2; k++) {
            const char *key = k == 0 ? skey : tkey;
            if (!key || (k == 1 && strcmp(key, skey) == 0))
                continue;
            sqlite3_reset(st);
            sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(st, 2, month);
            sqlite3_bind_int(st, 3, quad);
            sqlite3_bind_int(st, 4, bg);
            sqlite3_bind_int(st, 5, dn);
            sqlite3_bind_double(st, 6, gsum);
            sqlite3_bind_int(st, 7, dm);
            if ((rc = sqlite3_step(st)) != SQLITE_DONE)
                return store_fail(s, rc, "updating summaries");
        }
    }
    if (!tkey)
        return ANNALS_OK;
    if (month) {
        if (!(st = stmt(s, ST_SUM_DYAD, &rc)))
            return store_fail(s, rc, "updating summaries");
        sqlite3_bind_text(st, 1, skey, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, tkey, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 3, month);
        sqlite3_bind_int(st, 4, quad);
        sqlite3_bind_int(st, 5, bg);
        sqlite3_bind_int(st, 6, dn);
        sqlite3_bind_double(st, 7, gsum);
        sqlite3_bind_int(st, 8, dm);
        if ((rc = sqlite3_step(st)) != SQLITE_DONE)
            return store_fail(s, rc, "updating summaries");
    }
    if (!(st = stmt(s, ST_SUM_PAIR, &rc)))
        return store_fail(s, rc, "updating summaries");
    int coop = quad == 1 || quad == 2, confl = quad == 3 || quad == 4;
    sqlite3_bind_text(st, 1, skey, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, tkey, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 3, dn);
    sqlite3_bind_int(st, 4, dm);
    sqlite3_bind_int(st, 5, coop * dn);
    sqlite3_bind_int(st, 6, confl * dn);
    sqlite3_bind_double(st, 7, gsum);
    sqlite3_bind_int(st, 8, bg ? dn : 0);
    sqlite3_bind_int(st, 9, bg ? dm : 0);
    sqlite3_bind_int(st, 10, bg ? coop * dn : 0);
    sqlite3_bind_int(st, 11, bg ? confl * dn : 0);
    sqlite3_bind_double(st, 12, bg ? gsum : 0.0);
    if ((rc = sqlite3_step(st)) != SQLITE_DONE)
        return store_fail(s, rc, "updating summaries");
    return ANNALS_OK;
}

static void copy_col(sqlite3_stmt *st, int i, char *out, size_t size)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    snprintf(out, size, "%s", t ? (const char *)t : "");
}

/* Recount one event from its mentions (counts, best date, most specific
 * codes, first/last seen, background) and move its summary counts; delete
 * it when no mention is left. */
static annals_status recount(annals_store *s, const struct store_aff *a)
{
    int rc;
    annals_status st;
    int64_t id = a->id;
    sqlite3_stmt *o = stmt(s, ST_RC_OLD, &rc);
    if (!o)
        return store_fail(s, rc, "recounting an event");
    sqlite3_bind_int64(o, 1, id);
    if ((rc = sqlite3_step(o)) != SQLITE_ROW)
        return rc == SQLITE_DONE ? ANNALS_OK : store_fail(s, rc, "recounting an event");
    int old_n = sqlite3_column_int(o, 0);
    int64_t old_month = month_of((const char *)sqlite3_column_text(o, 1));
    int quad = sqlite3_column_int(o, 2);
    double g = sqlite3_column_double(o, 3);
    int old_bg = sqlite3_column_int(o, 4);
    char skey[64], tkey[64];
    copy_col(o, 5, skey, sizeof skey);
    copy_col(o, 6, tkey, sizeof tkey);
    sqlite3_reset(o);
    /* events inserted by this add have no summary counts yet */
    int counted = a->state == AFF_OLD && old_n > 0;

    sqlite3_stmt *c = stmt(s, ST_RC_COUNTS, &rc);
    if (!c)
        return store_fail(s, rc, "recounting an event");
    sqlite3_bind_int64(c, 1, id);
    if ((rc = sqlite3_step(c)) != SQLITE_ROW)
        return store_fail(s, rc, "recounting an event");
    int n = sqlite3_column_int(c, 0);
    if (n == 0) {
        sqlite3_reset(c);
        sqlite3_stmt *d = stmt(s, ST_EV_DEL, &rc);
        if (!d)
            return store_fail(s, rc, "deleting an event");
        sqlite3_bind_int64(d, 1, id);
        if ((rc = sqlite3_step(d)) != SQLITE_DONE)
            return store_fail(s, rc, "deleting an event");
        return counted ? sum_delta(s, old_month, quad, -g, old_bg, skey, tkey, -1, -old_n)
                       : ANNALS_OK;
    }
    sqlite3_stmt *u = stmt(s, ST_RC_UPD, &rc);
    if (!u)
        return store_fail(s, rc, "recounting an event");
    sqlite3_bind_int64(u, 1, id);
    sqlite3_bind_int(u, 2, n);
    sqlite3_bind_int(u, 3, sqlite3_column_int(c, 1));
    sqlite3_bind_int(u, 4, sqlite3_column_int(c, 2));
    sqlite3_bind_value(u, 5, sqlite3_column_value(c, 3));
    sqlite3_bind_value(u, 6, sqlite3_column_value(c, 4));
    int bg = sqlite3_column_int(c, 5);
    sqlite3_bind_int(u, 7, bg);
    rc = sqlite3_step(u);
    if (rc != SQLITE_DONE) {
        sqlite3_reset(c);
        return store_fail(s, rc, "recounting an event");
    }
    sqlite3_stmt *du = stmt(s, ST_RC_DATE, &rc);
    if (!du) {
        sqlite3_reset(c);
        return store_fail(s, rc, "recounting an event");
    }
    sqlite3_bind_int64(du, 1, id);
    sqlite3_bind_value(du, 6, sqlite3_column_value(c, 6));
    sqlite3_bind_value(du, 7, sqlite3_column_value(c, 7));
    sqlite3_reset(c);
    sqlite3_stmt *b = stmt(s, ST_RC_BEST, &rc);
    if (!b)
        return store_fail(s, rc, "recounting an event");
    sqlite3_bind_int64(b, 1, id);
    if ((rc = sqlite3_step(b)) != SQLITE_ROW)
        return store_fail(s, rc, "recounting an event");
    for (int i = 0; i < 4; i++)
        sqlite3_bind_value(du, 2 + i, sqlite3_column_value(b, i));
    int64_t month = month_of((const char *)sqlite3_column_text(b, 0));
    rc = sqlite3_step(du);
    sqlite3_reset(b);
    if (rc != SQLITE_DONE)
        return store_fail(s, rc, "recounting an event");
    if (!counted)
        return sum_delta(s, month, quad, g, bg, skey, tkey, 1, n);
    if (month == old_month && bg == old_bg)
        return sum_delta(s, month, quad, 0.0, bg, skey, tkey, 0, n - old_n);
    if ((st = sum_delta(s, old_month, quad, -g, old_bg, skey, tkey, -1, -old_n)) != ANNALS_OK)
        return st;
    return sum_delta(s, month, quad, g, bg, skey, tkey, 1, n);
}

/* Remove an article's sentences (and their full-text entries), mentions and
 * LSH rows; touched events go to s->aff for recounting. */
static annals_status remove_article_content(annals_store *s, int64_t art_id)
{
    int rc;
    sqlite3_stmt *q = stmt(s, ST_MEN_EVENTS_OF_ART, &rc);
    if (!q)
        return store_fail(s, rc, "replacing an article");
    sqlite3_bind_int64(q, 1, art_id);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW)
        if (!aff_note(s, sqlite3_column_int64(q, 0), AFF_OLD)) {
            sqlite3_reset(q);
            return store_errorf(s, ANNALS_ENOMEM, "out of memory");
        }
    sqlite3_reset(q);
    if (rc != SQLITE_DONE)
        return store_fail(s, rc, "replacing an article");
    const enum store_stmt_id dels[] = {ST_FTS_DEL, ST_MEN_DEL_ART, ST_SENT_DEL, ST_LSH_DEL};
    for (size_t i = 0; i < sizeof dels / sizeof dels[0]; i++) {
        sqlite3_stmt *d = stmt(s, dels[i], &rc);
        if (!d)
            return store_fail(s, rc, "replacing an article");
        sqlite3_bind_int64(d, 1, art_id);
        if (dels[i] == ST_FTS_DEL)
            sqlite3_bind_int64(d, 2, s->fts_lo);
        if ((rc = sqlite3_step(d)) != SQLITE_DONE)
            return store_fail(s, rc, "replacing an article");
    }
    return ANNALS_OK;
}

/* Find the cluster of a new signature: the most similar stored article at
 * or above the threshold.  Returns its cluster and source key, or 0. */
static annals_status find_cluster(annals_store *s, const dedup_sig *sig, int64_t self,
                                  int64_t *cluster, char *skey, size_t skey_size)
{
    *cluster = 0;
    if (sig->shingles == 0)
        return ANNALS_OK;
    int64_t bk[DEDUP_BANDS];
    dedup_buckets(sig, bk);
    int rc;
    sqlite3_stmt *q = stmt(s, ST_LSH_FIND, &rc);
    if (!q)
        return store_fail(s, rc, "finding near-duplicates");
    for (int i = 0; i < DEDUP_BANDS; i++)
        sqlite3_bind_int64(q, i + 1, bk[i]);
    double best = DEDUP_THRESHOLD - 1e-9;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        int64_t cand = sqlite3_column_int64(q, 0);
        if (cand == self)
            continue;
        int rc2;
        sqlite3_stmt *g = stmt(s, ST_ARTICLE_SIG, &rc2);
        if (!g) {
            sqlite3_reset(q);
            return store_fail(s, rc2, "finding near-duplicates");
        }
        sqlite3_bind_int64(g, 1, cand);
        if (sqlite3_step(g) == SQLITE_ROW &&
            sqlite3_column_bytes(g, 0) == (int)sizeof sig->h) {
            dedup_sig other;
            memcpy(other.h, sqlite3_column_blob(g, 0), sizeof other.h);
            other.shingles = 1;
            double sim = dedup_similarity(sig, &other);
            if (sim > best) {
                best = sim;
                *cluster = sqlite3_column_int64(g, 1);
                snprintf(skey, skey_size, "%s", (const char *)sqlite3_column_text(g, 2));
            }
        }
        sqlite3_reset(g);
    }
    sqlite3_reset(q);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return store_fail(s, rc, "finding near-duplicates");
    return ANNALS_OK;
}

static int place_compatible(sqlite3_stmt *c, const annals_location *l)
{
    const char *en = (const char *)sqlite3_column_text(c, 1);
    const char *ec = (const char *)sqlite3_column_text(c, 2);
    const char *ep = (const char *)sqlite3_column_text(c, 3);
    const char *mn = l->name, *mc = l->country, *mp = l->precision;
    if (ec && mc && *mc && strcmp(ec, mc) != 0)
        return 0;
    if (en && mn && *mn && strcasecmp(en, mn) != 0) {
        int coarse_e = ep && (strcmp(ep, "country") == 0 || strcmp(ep, "admin1") == 0 ||
                              strcmp(ep, "region") == 0);
        int coarse_m = mp && (strcmp(mp, "country") == 0 || strcmp(mp, "admin1") == 0 ||
                              strcmp(mp, "region") == 0);
        if (!coarse_e && !coarse_m)
            return 0;
    }
    return 1;
}

/* Actor codes a and b (of the same country key) can name one actor: equal,
 * or one is the bare three-letter code the other begins with ("CHN" and
 * "CHNGOV": the country, then its government).  "" only matches "". */
static int actor_compatible(const char *a, const char *b)
{
    if (strcmp(a, b) == 0)
        return 1;
    size_t la = strlen(a), lb = strlen(b);
    if (la == 3 && lb > 3)
        return strncmp(a, b, 3) == 0;
    if (lb == 3 && la > 3)
        return strncmp(a, b, 3) == 0;
    return 0;
}

/* The code by which the target reports the same event back: mutual events
 * (consult, telephone, meet elsewhere, negotiate, sign an agreement) are
 * their own mirror, a visit (042) is hosted (043).  NULL: directed. */
static const char *mirror_code(const char *code)
{
    static const char *const m[][2] = {{"040", "040"}, {"041", "041"}, {"042", "043"},
                                       {"043", "042"}, {"044", "044"}, {"046", "046"},
                                       {"057", "057"}};
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
        if (strcmp(code, m[i][0]) == 0)
            return m[i][1];
    return NULL;
}

static const char *country_key(const char *country, const char *code, char buf[4])
{
    if (country && *country)
        return country;
    if (!code || !*code)
        return NULL;
    snprintf(buf, 4, "%s", code);
    return buf;
}

/* Names that only point back at an actor ("he", "they", "the two leaders",
 * "both countries") are not kept in `names`: they would make `--actor he`
 * mean everyone and spoil suggestions. */
static int is_reference_name(const char *name)
{
    static const char *const first[] = {"he", "she", "it", "they", "them", "we", "i", "you",
                                        "his", "her", "its", "their", "both", "each", "either",
                                        "neither", "this", "that", "these", "those", "who",
                                        "which", "one", "another", "other"};
    static const char *const count[] = {"two", "three", "four", "five", "both", "other", "same"};
    char w[2][16];
    const char *p = name;
    for (int k = 0; k < 2; k++) {
        while (*p == ' ')
            p++;
        size_t n = 0;
        while (*p && *p != ' ' && n < sizeof w[k] - 1) {
            w[k][n++] = (char)((*p >= 'A' && *p <= 'Z') ? *p + 32 : *p);
            p++;
        }
        w[k][n] = '\0';
        while (*p && *p != ' ')
            p++;
    }
    for (size_t i = 0; i < sizeof first / sizeof first[0]; i++)
        if (strcmp(w[0], first[i]) == 0)
            return 1;
    if (strcmp(w[0], "the") == 0)
        for (size_t i = 0; i < sizeof count / sizeof count[0]; i++)
            if (strcmp(w[1], count[i]) == 0)
                return 1;
    return 0;
}

/* The stored event a mention joins: same country keys and code (for a
 * mirrored code: swapped keys and the mirror code, *reversed set), dates
 * that overlap, compatible actor codes and places; an event with exactly
 * the mention's codes is preferred.  *id 0: none. */
static annals_status match_event(annals_store *s, const annals_event *e, int dated, int64_t lo,
                                 int64_t hi, const char *skey, const char *tkey, int64_t *id,
                                 int *has_loc, int *reversed)
{
    const char *target = e->target ? e->target : "";
    const char *mirror = tkey ? mirror_code(e->code) : NULL;
    *id = 0;
    *reversed = 0;
    for (int pass = 0; pass < (mirror ? 2 : 1) && !*id; pass++) {
        int rc;
        sqlite3_stmt *m = stmt(s, dated ? ST_EV_MATCH : ST_EV_MATCH_NODATE, &rc);
        if (!m)
            return store_fail(s, rc, "matching events");
        const char *src = pass ? target : e->source, *tgt = pass ? e->source : target;
        sqlite3_bind_text(m, 1, pass ? tkey : skey, -1, SQLITE_STATIC);
        if (pass || tkey)
            sqlite3_bind_text(m, 2, pass ? skey : tkey, -1, SQLITE_STATIC);
        sqlite3_bind_text(m, 3, pass ? mirror : e->code, -1, SQLITE_STATIC);
        if (dated) {
            sqlite3_bind_int64(m, 4, hi);
            sqlite3_bind_int64(m, 5, lo);
        }
        int best = 0;
        while ((rc = sqlite3_step(m)) == SQLITE_ROW) {
            const char *es = (const char *)sqlite3_column_text(m, 4);
            const char *et = (const char *)sqlite3_column_text(m, 5);
            if (!es || !et || !actor_compatible(es, src) || !actor_compatible(et, tgt) ||
                !place_compatible(m, &e->location))
                continue;
            int score = 1 + (strcmp(es, src) == 0 && strcmp(et, tgt) == 0);
            if (score > best) {
                best = score;
                *id = sqlite3_column_int64(m, 0);
                *has_loc = sqlite3_column_type(m, 1) != SQLITE_NULL;
                *reversed = pass;
                if (score == 2)
                    break;
            }
        }
        sqlite3_reset(m);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return store_fail(s, rc, "matching events");
    }
    return ANNALS_OK;
}

static annals_status add_event(annals_store *s, int64_t art_id, const annals_article *art,
                               const annals_event *e)
{
    int rc;
    annals_status st;
    int64_t lo = 0, hi = 0;
    char norm[11];
    int dated = e->date && *e->date;
    if (dated && !event_interval(e->date, e->date_precision, &lo, &hi, norm))
        return store_errorf(s, ANNALS_EPARSE, "sentence %u: bad event date \"%s\"", e->sentence,
                            e->date);
    if (!e->source || !*e->source || !e->code || !*e->code)
        return store_errorf(s, ANNALS_EINVAL, "sentence %u: event without source or code",
                            e->sentence);
    const char *target = e->target ? e->target : "";
    const char *prec = e->date_precision && *e->date_precision ? e->date_precision : "day";

    /* sentence: stored once per add (the article had none before it: new,
     * or its old ones removed) */
    int64_t sent_id = 0;
    if (e->text) {
        if (e->sentence >= s->sent_cap) {
            size_t nc = s->sent_cap ? s->sent_cap : 256;
            while (nc <= e->sentence)
                nc *= 2;
            int64_t *ns = realloc(s->sent_ids, nc * sizeof *ns);
            if (!ns)
                return store_errorf(s, ANNALS_ENOMEM, "out of memory");
            memset(ns + s->sent_cap, 0, (nc - s->sent_cap) * sizeof *ns);
            s->sent_ids = ns;
            s->sent_cap = nc;
        }
        sent_id = s->sent_ids[e->sentence];
        if (!sent_id) {
            sqlite3_stmt *in = stmt(s, ST_SENT_INS, &rc);
            if (!in)
                return store_fail(s, rc, "storing a sentence");
            sqlite3_bind_int64(in, 1, art_id);
            sqlite3_bind_int64(in, 2, e->sentence);
            sqlite3_bind_int64(in, 3, (sqlite3_int64)e->span_start);
            sqlite3_bind_int64(in, 4, (sqlite3_int64)e->span_end);
            sqlite3_bind_text(in, 5, e->text, -1, SQLITE_STATIC);
            if ((rc = sqlite3_step(in)) != SQLITE_DONE)
                return store_fail(s, rc, "storing a sentence");
            sent_id = sqlite3_last_insert_rowid(s->db);
            s->sent_ids[e->sentence] = sent_id;
            if ((size_t)e->sentence + 1 > s->sent_hi)
                s->sent_hi = (size_t)e->sentence + 1;
            if (!s->fts_lo)
                s->fts_lo = sent_id;        /* indexed at commit (fts_flush) */
        }
    }

    /* matching event */
    char sb[4], tb[4];
    const char *skey = country_key(e->source_country, e->source, sb);
    const char *tkey = country_key(e->target_country, target, tb);
    int64_t ev_id = 0;
    int ev_has_loc = 1, reversed = 0;
    if ((st = match_event(s, e, dated, lo, hi, skey, tkey, &ev_id, &ev_has_loc, &reversed)) !=
        ANNALS_OK)
        return st;
    const annals_location *l = &e->location;
    int has_place = l->name && *l->name;
    if (!ev_id) {
        sqlite3_stmt *in = stmt(s, ST_EV_INS, &rc);
        if (!in)
            return store_fail(s, rc, "storing an event");
        sqlite3_bind_text(in, 1, e->source, -1, SQLITE_STATIC);
        bind_text(in, 2, e->source_country);
        sqlite3_bind_text(in, 3, target, -1, SQLITE_STATIC);
        bind_text(in, 4, e->target_country);
        sqlite3_bind_text(in, 5, e->code, -1, SQLITE_STATIC);
        char root[3];
        snprintf(root, sizeof root, "%s", e->code);
        sqlite3_bind_text(in, 6, e->root && *e->root ? e->root : root, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(in, 7, e->quad_class);
        sqlite3_bind_double(in, 8, e->goldstein);
        bind_text(in, 9, e->plover);
        bind_text(in, 10, has_place ? l->name : NULL);
        bind_text(in, 11, l->country);
        bind_text(in, 12, has_place || (l->country && *l->country) ? l->precision : NULL);
        if (has_place && (l->lat != 0.0 || l->lon != 0.0)) {
            sqlite3_bind_double(in, 13, l->lat);
            sqlite3_bind_double(in, 14, l->lon);
        }
        bind_text(in, 15, skey);
        bind_text(in, 16, tkey);
        sqlite3_bind_int(in, 17, e->background != 0);
        if (dated) {
            sqlite3_bind_text(in, 18, norm, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(in, 19, prec, -1, SQLITE_STATIC);
            sqlite3_bind_int64(in, 20, lo);
            sqlite3_bind_int64(in, 21, hi);
        }
        bind_text(in, 22, art->date);          /* first and last seen */
        bind_text(in, 23, e->source_name);
        bind_text(in, 24, e->target_name);
        if ((rc = sqlite3_step(in)) != SQLITE_DONE)
            return store_fail(s, rc, "storing an event");
        ev_id = sqlite3_last_insert_rowid(s->db);
        /* complete as inserted (one mention): only its summary counts are
         * added at the end of the add, unless another mention joins it */
        struct store_aff *a = aff_note(s, ev_id, AFF_NEW);
        if (!a)
            return store_errorf(s, ANNALS_ENOMEM, "out of memory");
        a->quad = e->quad_class;
        a->goldstein = e->goldstein;
        a->bg = e->background != 0;
        a->month = dated ? atoi(norm) * 100 + atoi(norm + 5) : 0;
        if (strlen(skey) < sizeof a->skey && (!tkey || strlen(tkey) < sizeof a->tkey)) {
            snprintf(a->skey, sizeof a->skey, "%s", skey);
            snprintf(a->tkey, sizeof a->tkey, "%s", tkey ? tkey : "");
        } else {
            a->state = AFF_NEW_MORE;         /* odd keys: recount from the row */
        }
    } else {
        if (!aff_note(s, ev_id, AFF_OLD))
            return store_errorf(s, ANNALS_ENOMEM, "out of memory");
        if (!ev_has_loc && has_place) {
            sqlite3_stmt *u = stmt(s, ST_EV_LOC, &rc);
            if (!u)
                return store_fail(s, rc, "storing an event");
            sqlite3_bind_int64(u, 1, ev_id);
            bind_text(u, 2, l->name);
            bind_text(u, 3, l->country);
            bind_text(u, 4, l->precision);
            if (l->lat != 0.0 || l->lon != 0.0) {
                sqlite3_bind_double(u, 5, l->lat);
                sqlite3_bind_double(u, 6, l->lon);
            }
            if ((rc = sqlite3_step(u)) != SQLITE_DONE)
                return store_fail(s, rc, "storing an event");
        }
    }

    /* mention, its codes and names turned to the event's direction */
    sqlite3_stmt *mi = stmt(s, ST_MEN_INS, &rc);
    if (!mi)
        return store_fail(s, rc, "storing a mention");
    sqlite3_bind_int64(mi, 1, ev_id);
    sqlite3_bind_int64(mi, 2, art_id);
    if (sent_id)
        sqlite3_bind_int64(mi, 3, sent_id);
    sqlite3_bind_int64(mi, 4, e->sentence);
    sqlite3_bind_int64(mi, 5, (sqlite3_int64)e->span_start);
    sqlite3_bind_int64(mi, 6, (sqlite3_int64)e->span_end);
    bind_text(mi, 7, e->trigger);
    sqlite3_bind_int64(mi, 8, (sqlite3_int64)e->trigger_start);
    sqlite3_bind_int64(mi, 9, (sqlite3_int64)e->trigger_end);
    bind_text(mi, 10, reversed ? e->target_name : e->source_name);
    bind_text(mi, 11, reversed ? e->source_name : e->target_name);
    if (dated) {
        sqlite3_bind_text(mi, 12, norm, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(mi, 13, prec, -1, SQLITE_STATIC);
        sqlite3_bind_int64(mi, 14, lo);
        sqlite3_bind_int64(mi, 15, hi);
    }
    sqlite3_bind_int(mi, 16, e->background != 0);
    sqlite3_bind_text(mi, 17, reversed ? target : e->source, -1, SQLITE_STATIC);
    sqlite3_bind_text(mi, 18, reversed ? e->source : target, -1, SQLITE_STATIC);
    if ((rc = sqlite3_step(mi)) != SQLITE_DONE)
        return store_fail(s, rc, "storing a mention");

    /* names, with the codes they were coded as: counted at the end */
    for (int k = 0; k < 2; k++) {
        const char *name = k == 0 ? e->source_name : e->target_name;
        const char *code = k == 0 ? e->source : e->target;
        if (!name || !*name || !code || !*code || is_reference_name(name))
            continue;
        if (s->nnames == s->cnames) {
            size_t nc = s->cnames ? s->cnames * 2 : 64;
            struct store_name *nn = realloc(s->names, nc * sizeof *nn);
            if (!nn)
                return store_errorf(s, ANNALS_ENOMEM, "out of memory");
            s->names = nn;
            s->cnames = nc;
        }
        s->names[s->nnames++] = (struct store_name){name, code};
    }
    return ANNALS_OK;
}

static int sums_grow(annals_store *s)
{
    size_t nc = s->csums ? s->csums * 2 : 64;
    struct store_sum *ns = realloc(s->sums, nc * sizeof *ns);
    if (!ns)
        return -1;
    s->sums = ns;
    s->csums = nc;
    return 0;
}

static int sum_cmp(const void *pa, const void *pb)
{
    const struct store_sum *a = pa, *b = pb;
    int c = strcmp(a->skey, b->skey);
    if (!c)
        c = strcmp(a->tkey, b->tkey);
    if (!c)
        c = (a->month > b->month) - (a->month < b->month);
    if (!c)
        c = a->quad - b->quad;
    if (!c)
        c = a->bg - b->bg;
    return c;
}

/* The summary counts of the events this add inserted, one write per kind. */
static annals_status flush_sums(annals_store *s)
{
    if (s->nsums > 1)
        qsort(s->sums, s->nsums, sizeof *s->sums, sum_cmp);
    for (size_t i = 0; i < s->nsums;) {
        struct store_sum t = s->sums[i];
        size_t j = i + 1;
        for (; j < s->nsums && sum_cmp(&s->sums[j], &t) == 0; j++) {
            t.dn += s->sums[j].dn;
            t.dm += s->sums[j].dm;
            t.gsum += s->sums[j].gsum;
        }
        annals_status st = sum_delta(s, t.month, t.quad, t.gsum, t.bg, t.skey, t.tkey, t.dn, t.dm);
        if (st != ANNALS_OK)
            return st;
        i = j;
    }
    return ANNALS_OK;
}

static int name_cmp(const void *pa, const void *pb)
{
    const struct store_name *a = pa, *b = pb;
    int c = strcmp(a->name, b->name);
    return c ? c : strcmp(a->code, b->code);
}

/* The names this add saw, one write per name and code. */
static annals_status flush_names(annals_store *s)
{
    if (s->nnames > 1)
        qsort(s->names, s->nnames, sizeof *s->names, name_cmp);
    for (size_t i = 0; i < s->nnames;) {
        size_t j = i + 1;
        while (j < s->nnames && name_cmp(&s->names[j], &s->names[i]) == 0)
            j++;
        int rc;
        sqlite3_stmt *nu = stmt(s, ST_NAME_UPS, &rc);
        if (!nu)
            return store_fail(s, rc, "storing names");
        sqlite3_bind_text(nu, 1, s->names[i].name, -1, SQLITE_STATIC);
        sqlite3_bind_text(nu, 2, s->names[i].code, -1, SQLITE_STATIC);
        sqlite3_bind_int64(nu, 3, (sqlite3_int64)(j - i));
        if ((rc = sqlite3_step(nu)) != SQLITE_DONE)
            return store_fail(s, rc, "storing names");
        i = j;
    }
    return ANNALS_OK;
}

static annals_status add_article(annals_store *s, const annals_article *art, const annals_event *ev,
                                 size_t n, uint64_t hash, int *outcome)
{
    int rc;
    annals_status st;
    *outcome = 0;
    sqlite3_stmt *g = stmt(s, ST_ARTICLE_GET, &rc);
    if (!g)
        return store_fail(s, rc, "looking up the article");
    sqlite3_bind_text(g, 1, art->id, -1, SQLITE_STATIC);
    int64_t art_id = 0;
    rc = sqlite3_step(g);
    if (rc == SQLITE_ROW) {
        art_id = sqlite3_column_int64(g, 0);
        uint64_t old = (uint64_t)sqlite3_column_int64(g, 1);
        sqlite3_reset(g);
        if (old == hash)
            return ANNALS_OK;               /* already stored, unchanged */
        if ((st = remove_article_content(s, art_id)) != ANNALS_OK)
            return st;
        *outcome = 2;
    } else if (rc != SQLITE_DONE) {
        return store_fail(s, rc, "looking up the article");
    } else {
        sqlite3_reset(g);
        *outcome = 1;
    }

    char outlet[256];
    outlet_of(art, outlet, sizeof outlet);
    dedup_sig sig;
    dedup_signature(art->text ? art->text : "", art->text ? art->text_len : 0, &sig);
    int64_t cluster = 0;
    char skey[256];
    if ((st = find_cluster(s, &sig, art_id, &cluster, skey, sizeof skey)) != ANNALS_OK)
        return st;

    sqlite3_stmt *w = stmt(s, art_id ? ST_ARTICLE_UPD : ST_ARTICLE_INS, &rc);
    if (!w)
        return store_fail(s, rc, "storing the article");
    int base = art_id ? 1 : 0;
    if (art_id)
        sqlite3_bind_int64(w, 1, art_id);
    else
        sqlite3_bind_text(w, 1, art->id, -1, SQLITE_STATIC);
    bind_text(w, 2, art->date);
    bind_text(w, 3, art->title);
    bind_text(w, 4, art->url);
    bind_text(w, 5, art->source);
    sqlite3_bind_text(w, 6, outlet, -1, SQLITE_STATIC);
    sqlite3_bind_int64(w, 7, (sqlite3_int64)hash);
    if (sig.shingles)
        sqlite3_bind_blob(w, 8, sig.h, sizeof sig.h, SQLITE_STATIC);
    sqlite3_bind_int64(w, 9, (sqlite3_int64)n);
    if (base) {
        sqlite3_bind_int64(w, 10, cluster ? cluster : art_id);
        sqlite3_bind_text(w, 11, cluster ? skey : outlet, -1, SQLITE_STATIC);
    }
    if ((rc = sqlite3_step(w)) != SQLITE_DONE)
        return store_fail(s, rc, "storing the article");
    if (!art_id) {
        art_id = sqlite3_last_insert_rowid(s->db);
        sqlite3_stmt *u = stmt(s, ST_ARTICLE_CLU, &rc);
        if (!u)
            return store_fail(s, rc, "storing the article");
        sqlite3_bind_int64(u, 1, art_id);
        sqlite3_bind_int64(u, 2, cluster ? cluster : art_id);
        sqlite3_bind_text(u, 3, cluster ? skey : outlet, -1, SQLITE_STATIC);
        if ((rc = sqlite3_step(u)) != SQLITE_DONE)
            return store_fail(s, rc, "storing the article");
    }
    if (sig.shingles) {
        int64_t bk[DEDUP_BANDS];
        dedup_buckets(&sig, bk);
        sqlite3_stmt *li = stmt(s, ST_LSH_INS, &rc);
        if (!li)
            return store_fail(s, rc, "storing the signature");
        for (int i = 0; i < DEDUP_BANDS; i++) {
            sqlite3_reset(li);
            sqlite3_bind_int64(li, 1, bk[i]);
            sqlite3_bind_int64(li, 2, art_id);
            if ((rc = sqlite3_step(li)) != SQLITE_DONE)
                return store_fail(s, rc, "storing the signature");
        }
    }
    for (size_t i = 0; i < n; i++)
        if ((st = add_event(s, art_id, art, &ev[i])) != ANNALS_OK)
            return st;
    for (size_t i = 0; i < s->naff; i++) {
        const struct store_aff *a = &s->aff[i];
        if (a->state != AFF_NEW) {
            if ((st = recount(s, a)) != ANNALS_OK)
                return st;
        } else if (s->nsums == s->csums && sums_grow(s) != 0) {
            return store_errorf(s, ANNALS_ENOMEM, "out of memory");
        } else {
            struct store_sum *u = &s->sums[s->nsums++];
            *u = (struct store_sum){.month = a->month, .quad = a->quad, .bg = a->bg, .dn = 1,
                                    .dm = 1, .gsum = a->goldstein};
            memcpy(u->skey, a->skey, sizeof u->skey);
            memcpy(u->tkey, a->tkey, sizeof u->tkey);
        }
    }
    if ((st = flush_sums(s)) != ANNALS_OK)
        return st;
    return flush_names(s);
    return ANNALS_OK;
}

annals_status annals_store_add(annals_store *s, const annals_article *art, const annals_event *ev,
                               size_t n)
{
    if (!s || !art || (n && !ev))
        return ANNALS_EINVAL;
    s->err[0] = '\0';
    if (!art->id || !*art->id)
        return store_errorf(s, ANNALS_EINVAL, "article without an id");
    int64_t lo, hi;
    if (art->date && *art->date && !store_parse_date(art->date, &lo, &hi, NULL))
        return store_errorf(s, ANNALS_EPARSE, "%s: bad article date \"%s\"", art->id, art->date);
    for (size_t i = 0; i < n; i++) {
        char norm[11];
        if (ev[i].date && *ev[i].date &&
            !event_interval(ev[i].date, ev[i].date_precision, &lo, &hi, norm))
            return store_errorf(s, ANNALS_EPARSE, "%s: sentence %u: bad event date \"%s\"",
                                art->id, ev[i].sentence, ev[i].date);
    }
    uint64_t hash = XXH64(art->text ? art->text : "", art->text ? art->text_len : 0, 0);
    s->naff = s->nnames = s->nsums = 0;
    if (s->sent_hi)
        memset(s->sent_ids, 0, s->sent_hi * sizeof *s->sent_ids);
    s->sent_hi = 0;

    annals_status st = exec(s, s->in_batch ? "SAVEPOINT article" : "BEGIN IMMEDIATE",
                            "storing an article");
    if (st != ANNALS_OK)
        return st;
    if (!s->in_batch)
        s->fts_lo = 0;
    int outcome = 0;
    st = add_article(s, art, ev, n, hash, &outcome);
    if (st == ANNALS_OK && !s->in_batch)
        st = fts_flush(s);
    if (st == ANNALS_OK) {
        st = exec(s, s->in_batch ? "RELEASE article" : "COMMIT", "storing an article");
        if (st == ANNALS_OK) {
            if (outcome == 0)
                s->unchanged++;
            else if (outcome == 1)
                s->added++;
            else
                s->replaced++;
            return ANNALS_OK;
        }
    }
    char keep[sizeof s->err];
    memcpy(keep, s->err, sizeof keep);
    if (s->in_batch) {
        sqlite3_exec(s->db, "ROLLBACK TO article; RELEASE article", NULL, NULL, NULL);
    } else {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        s->fts_lo = 0;
    }
    memcpy(s->err, keep, sizeof keep);
    return st;
}

int annals_store_known(annals_store *s, const annals_article *art)
{
    if (!art->id)
        return 0;
    int rc;
    sqlite3_stmt *g = stmt(s, ST_ARTICLE_GET, &rc);
    if (!g) {
        store_fail(s, rc, "looking up the article");
        return -1;
    }
    sqlite3_bind_text(g, 1, art->id, -1, SQLITE_STATIC);
    rc = sqlite3_step(g);
    int known = 0;
    if (rc == SQLITE_ROW) {
        uint64_t h = XXH64(art->text ? art->text : "", art->text ? art->text_len : 0, 0);
        known = (uint64_t)sqlite3_column_int64(g, 1) == h;
    } else if (rc != SQLITE_DONE) {
        store_fail(s, rc, "looking up the article");
        known = -1;
    }
    sqlite3_reset(g);
    return known;
}

annals_status annals_store_stats_get(annals_store *s, annals_store_stats *out)
{
    memset(out, 0, sizeof *out);
    static const char *const sql =
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM sentences),"
        " (SELECT count(*) FROM events), (SELECT count(*) FROM mentions),"
        " (SELECT count(DISTINCT cluster) FROM articles)";
    sqlite3_stmt *q;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &q, NULL);
    if (rc != SQLITE_OK)
        return store_fail(s, rc, "counting");
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        out->articles = (uint64_t)sqlite3_column_int64(q, 0);
        out->sentences = (uint64_t)sqlite3_column_int64(q, 1);
        out->events = (uint64_t)sqlite3_column_int64(q, 2);
        out->mentions = (uint64_t)sqlite3_column_int64(q, 3);
        out->clusters = (uint64_t)sqlite3_column_int64(q, 4);
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_ROW)
        return store_fail(s, rc, "counting");
    out->added = s->added;
    out->unchanged = s->unchanged;
    out->replaced = s->replaced;
    return ANNALS_OK;
}
