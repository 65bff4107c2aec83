/*
 * annals.h: the public API of annals, a political event coder.
 *
 * News in, events out: annals reads articles and writes down who did what
 * to whom, when and where (CAMEO event codes with Goldstein score, quad
 * class and PLOVER category), each event traceable to its sentence.
 *
 * Ownership, once for all: every handle is created by an annals_*_new or
 * annals_*_open call and released by the matching *_free/_close call.
 * Pointers handed out by a handle (events, strings, messages) stay valid
 * until the next call on the same handle or until it is freed, unless a
 * function says otherwise.  The library never prints and never exits;
 * every fallible call returns an annals_status and, where useful, fills an
 * annals_diag with a message naming the file, record/line and byte offset.
 *
 * Threads: an annals_lexicon is immutable once opened and may be shared by
 * any number of threads; an annals_coder, annals_reader or annals_store is
 * used by one thread at a time.
 */
#ifndef ANNALS_H
#define ANNALS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define ANNALS_API __attribute__((visibility("default")))
#else
#define ANNALS_API
#endif

#define ANNALS_VERSION "0.1.0"

typedef enum annals_status {
    ANNALS_OK = 0,
    ANNALS_EOF,          /* reader: no more records */
    ANNALS_SKIPPED,      /* reader: a bad record was skipped, diag says why */
    ANNALS_ENOMEM,
    ANNALS_EIO,          /* file could not be read or written */
    ANNALS_EPARSE,       /* malformed input (dictionary, JSON, date) */
    ANNALS_EINVAL,       /* bad argument */
    ANNALS_ENOTFOUND,    /* no such file, event or actor */
    ANNALS_EDB,          /* database error */
    ANNALS_EBUSY,        /* database locked by another writer */
    ANNALS_EVERSION      /* file or database from a newer version */
} annals_status;

/* Static English text for a status. */
ANNALS_API const char *annals_status_str(annals_status st);

/* A diagnostic: where and what.  file may be NULL (stdin: "-"). */
typedef struct annals_diag {
    char file[256];
    uint64_t line;      /* 1-based line or record number, 0 if none */
    uint64_t offset;    /* byte offset in the file */
    char msg[512];
} annals_diag;

/* Format "file:line: offset N: msg" into buf (always NUL-terminated). */
ANNALS_API void annals_diag_format(const annals_diag *d, char *buf, size_t size);

/* ---------------------------------------------------------------- articles */

/* An article as read by a reader.  All strings are NUL-terminated and owned
 * by the reader until its next call; date is "YYYY-MM-DD" or "" if unknown. */
typedef struct annals_article {
    const char *id;
    const char *date;
    const char *title;
    const char *url;
    const char *source;
    const char *text;
    size_t text_len;
    const char *file;       /* file the article came from ("-" for stdin) */
    uint64_t line;          /* its line (JSON lines) or 0 */
} annals_article;

typedef enum annals_input {
    ANNALS_INPUT_AUTO = 0,  /* by file extension; stdin: jsonl if the first
                               byte is '{', else text */
    ANNALS_INPUT_TEXT,
    ANNALS_INPUT_JSONL,
    ANNALS_INPUT_HTML
} annals_input;

typedef struct annals_reader annals_reader;

/* Open a reader over paths (files, directories read recursively, "-" for
 * stdin; .gz decompressed).  npaths == 0 reads stdin.  default_date
 * ("YYYY-MM-DD" or NULL) is given to articles without a date.  The reader
 * copies what it needs from the arguments. */
ANNALS_API annals_status annals_reader_open(const char *const *paths, size_t npaths,
                                            annals_input kind, const char *default_date,
                                            annals_reader **out);
/* Next article.  Returns ANNALS_OK (art filled), ANNALS_EOF, or
 * ANNALS_SKIPPED / another error with diag filled: the caller reports it
 * and calls again; the reader moves on to the next record or file.
 * Repaired input (invalid UTF-8 replaced, NUL bytes removed) returns
 * ANNALS_OK with diag->msg non-empty as a warning. */
ANNALS_API annals_status annals_reader_next(annals_reader *r, annals_article *art,
                                            annals_diag *diag);
ANNALS_API void annals_reader_free(annals_reader *r);

/* ------------------------------------------------------------- dictionaries */

typedef struct annals_lexicon annals_lexicon;

/* Load every dictionary from datadir (NULL: $ANNALS_DATA, else the directory
 * compiled in at build time).  On error diag names the file, line and what is
 * wrong.  Costs a few milliseconds; share one lexicon between threads. */
ANNALS_API annals_status annals_lexicon_open(const char *datadir, annals_lexicon **out,
                                             annals_diag *diag);
ANNALS_API void annals_lexicon_free(annals_lexicon *lex);
/* The data directory a NULL datadir resolves to. */
ANNALS_API const char *annals_default_datadir(void);

/* Validate the dictionary files in datadir: syntax, unknown codes, duplicate
 * and conflicting entries.  Calls report(msg, ctx) for each problem (msg is
 * "file:line: text") and returns the number of errors found (warnings are
 * reported but not counted) or -1 if the directory cannot be read. */
ANNALS_API int annals_dict_check(const char *datadir,
                                 void (*report)(const char *msg, void *ctx), void *ctx);

/* Counts of what a lexicon holds, for `annals dict stats` and tests. */
typedef struct annals_lexicon_stats {
    size_t countries, people, roles, organisations, agents, patterns, words;
} annals_lexicon_stats;
ANNALS_API void annals_lexicon_stats_get(const annals_lexicon *lex, annals_lexicon_stats *st);

/* ------------------------------------------------------------------- coding */

typedef struct annals_location {
    const char *name;         /* NULL when the event has no place */
    const char *country;      /* ISO 3166-1 alpha-3 */
    const char *admin1;
    double lat, lon;
    int64_t geonames_id;      /* 0 if none */
    const char *precision;    /* "city", "admin1", "country", "region" */
} annals_location;

/* One coded event.  Strings are owned by the coder (see annals_code). */
typedef struct annals_event {
    const char *doc;
    uint32_t sentence;        /* 0-based sentence index in the article */
    const char *story_date;   /* "YYYY-MM-DD" or NULL */
    const char *date;         /* event date, or NULL when story_date is NULL */
    const char *date_precision; /* "day","week","month","year","story" */
    const char *date_text;    /* words that dated it, or NULL */
    int background;           /* 1 if > 30 days before the story date */
    const char *source;       /* CAMEO actor code, e.g. "RUSGOV" */
    const char *source_country; /* ISO alpha-3, "IGO"/"NGO"/"IMG" for organisations, or NULL */
    const char *source_name;  /* words as found; NULL for unnamed attackers
                                 (source "<country>UAF": "killed by a roadside
                                 bomb" in that country) */
    const char *target;       /* may be NULL */
    const char *target_country;
    const char *target_name;
    const char *code;         /* CAMEO event code, 2-4 digits */
    const char *code_name;    /* its CAMEO name from codes.tsv ("Make a visit"), or NULL */
    const char *root;         /* first two digits */
    int quad_class;           /* 1-4 */
    double goldstein;
    const char *plover;       /* PLOVER category or NULL */
    const char *text;         /* the sentence (NUL-terminated copy) */
    size_t span_start, span_end; /* byte offsets of the sentence in the article text */
    const char *trigger;      /* words that carried the event */
    size_t trigger_start, trigger_end; /* byte offsets in the article text */
    annals_location location;
} annals_event;

typedef struct annals_options {
    int no_background;        /* leave out background events */
    int no_when;              /* do not resolve event dates (story date) */
    int no_where;             /* do not resolve places */
} annals_options;

typedef struct annals_coder annals_coder;

/* A coder: per-thread state (arena, scratch).  lex must outlive it. */
ANNALS_API annals_status annals_coder_new(const annals_lexicon *lex, const annals_options *opt,
                                          annals_coder **out);
ANNALS_API void annals_coder_free(annals_coder *c);

/* Code one article.  On success *events points to *nevents events owned by
 * the coder, valid until the next annals_code call on c or annals_coder_free.
 * diag gets a warning (e.g. no story date) with ANNALS_OK. */
ANNALS_API annals_status annals_code(annals_coder *c, const annals_article *art,
                                     const annals_event **events, size_t *nevents,
                                     annals_diag *diag);
/* Sentences in the last coded article (for throughput figures). */
ANNALS_API size_t annals_coder_sentences(const annals_coder *c);

typedef enum annals_format {
    ANNALS_FORMAT_JSONL = 0,
    ANNALS_FORMAT_TABLE,
    ANNALS_FORMAT_TSV,
    ANNALS_FORMAT_GDELT,
    ANNALS_FORMAT_CSV
} annals_format;

/* Parse "jsonl", "table", "tsv", "gdelt", "csv". */
ANNALS_API annals_status annals_format_parse(const char *name, annals_format *out);

/* A growable output buffer owned by the caller. */
typedef struct annals_buf {
    char *data;
    size_t len, cap;
} annals_buf;
ANNALS_API void annals_buf_free(annals_buf *b);

/* Append the header line of a format (jsonl, gdelt: nothing; table, tsv,
 * csv: column titles) and one line per event.  Every string is written as
 * valid UTF-8 (invalid bytes become U+FFFD); jsonl escapes control
 * characters, tsv/table/gdelt/csv replace tabs and line breaks inside a field
 * by spaces, csv quotes fields per RFC 4180 and ends records with CRLF.
 * Returns ANNALS_EINVAL for an unknown format, ANNALS_ENOMEM (out->len is
 * then unchanged).  The columns of each format are listed in src/output.c
 * and man/annals.1. */
ANNALS_API annals_status annals_format_header(annals_format f, annals_buf *out);
ANNALS_API annals_status annals_format_events(annals_format f, const annals_event *ev, size_t n,
                                              annals_buf *out);

/* ------------------------------------------------------------ store, query */
/* BEGIN store, query section (owner: store engineer; src/store.c, src/query.c)
 *
 * The events store: a SQLite database of articles, the sentences events were
 * coded from (full-text indexed), deduplicated events and their mentions.
 * One annals_store is used by one thread at a time; several processes may
 * share a database (WAL; writers wait up to busy_timeout_ms, then
 * ANNALS_EBUSY).  Every call returns a status; after an error
 * annals_store_errmsg() says what went wrong in one line.
 *
 * Deduplication rule (see src/store.c): mentions with the same source and
 * target states and the same CAMEO code merge into one event when their
 * dates are compatible, their places are compatible and their actor codes
 * are (CHN joins CHNGOV; the event shows the more specific code).  Mutual
 * codes (040, 041, 044, 046, 057) and a visit with its hosting (042/043)
 * coded from either side are one event.  A mention's date is
 * an interval of days given by its precision (day/story: that day, week: +-3
 * days, month: the month, year: the year); intervals that overlap are
 * compatible, so "2024-03-05" (day) and "March 2024" (month) merge, two
 * different days never do.  The event keeps the date of its most precise
 * mention.  Places are compatible unless both are known and name different
 * countries, or different cities of one country.
 * num_sources counts distinct outlets (article source, else URL host), where
 * every article of a near-duplicate cluster counts as the outlet of the
 * cluster's first article. */

typedef struct annals_store annals_store;

typedef struct annals_store_options {
    int readonly;            /* open read-only (queries only) */
    int busy_timeout_ms;     /* wait for a locked database; 0: 5000, <0: no wait */
} annals_store_options;

/* Open (creating if needed, unless readonly) the database at path and bring
 * its schema up to date.  opt may be NULL.  Errors: ANNALS_EVERSION (made by
 * a newer annals), ANNALS_EBUSY (locked), ANNALS_ENOTFOUND (readonly and
 * missing), ANNALS_EDB (not a database, read-only), ANNALS_EIO; diag (may be
 * NULL) gets the message.  Free with annals_store_close. */
ANNALS_API annals_status annals_store_open(const char *path, const annals_store_options *opt,
                                           annals_store **out, annals_diag *diag);
ANNALS_API void annals_store_close(annals_store *s);
/* One-line message for the last error on s ("" if none); valid until the
 * next call on s. */
ANNALS_API const char *annals_store_errmsg(const annals_store *s);
/* The schema version this library writes (PRAGMA user_version). */
ANNALS_API int annals_store_schema_version(void);

/* Store one coded article and its n events in one step: either all of it or
 * nothing.  Idempotent: an article already stored with the same id and the
 * same text (XXH64) adds nothing; one whose text changed replaces its old
 * sentences and mentions, and events left without mentions are removed.
 * Dates ("YYYY-MM-DD", "YYYY-MM" or "YYYY"; "" / NULL unknown) that do not
 * parse -> ANNALS_EPARSE, nothing stored.  Events are copied. */
ANNALS_API annals_status annals_store_add(annals_store *s, const annals_article *art,
                                          const annals_event *ev, size_t n);
/* 1 if an article with this id and exactly this text is stored (the CLI skips
 * coding it again), 0 if not, -1 on error. */
ANNALS_API int annals_store_known(annals_store *s, const annals_article *art);
/* Batching for speed: between begin and commit every add is its own
 * savepoint inside one transaction (a failed add leaves no trace; a crash
 * loses the uncommitted batch, whole articles only). */
ANNALS_API annals_status annals_store_begin(annals_store *s);
ANNALS_API annals_status annals_store_commit(annals_store *s);
/* Roll back the open batch, if any. */
ANNALS_API void annals_store_rollback(annals_store *s);

typedef struct annals_store_stats {
    uint64_t articles, sentences, events, mentions, clusters; /* in the database */
    uint64_t added, unchanged, replaced;  /* annals_store_add calls on this handle */
} annals_store_stats;
ANNALS_API annals_status annals_store_stats_get(annals_store *s, annals_store_stats *st);

/* Optional name resolver (e.g. the lexicon's): resolve(name, code, size, ctx)
 * writes the CAMEO actor code for a user-typed name and returns 1, or returns
 * 0.  A name is looked up through the resolver and also against the actor
 * names stored with events; both sets of matches are used.  The CLI sets a
 * resolver that codes the name with the lexicon. */
typedef int (*annals_name_resolver)(const char *name, char *code, size_t size, void *ctx);
ANNALS_API void annals_store_set_resolver(annals_store *s, annals_name_resolver fn, void *ctx);

/* ----- queries.  An actor as typed by a user: a country code ("RUS": events
 * whose source/target country is RUS), a CAMEO actor code (6+ letters:
 * exactly, "RUSGOV"; shorter: as a prefix, "IGO"), or a name ("Putin", "Russia"): resolved to the codes it was
 * stored with.  Unknown actors -> ANNALS_ENOTFOUND, errmsg suggests the
 * closest stored name ("did you mean ...").  Dates: "YYYY[-MM[-DD]]"; from
 * is the first day and to the last day of what they name. */
typedef struct annals_query {
    const char *actor;       /* NULL: any */
    const char *actor2;      /* with actor: the dyad actor/actor2 */
    int directed;            /* dyad: only actor -> actor2 */
    const char *code;        /* CAMEO event code prefix ("19", "193") */
    const char *root;        /* CAMEO root ("19") */
    int quad;                /* 1-4, 0 any */
    const char *from, *to;   /* date range, NULL open */
    const char *place;       /* location name (case-insensitive) or country code */
    const char *text;        /* FTS5 query over mention sentences */
    int no_background;
    size_t limit;            /* 0: no limit */
    int descending;          /* newest first */
} annals_query;

/* A deduplicated event.  Strings are NULL when unknown and valid only during
 * the callback. */
typedef struct annals_event_row {
    int64_t id;
    const char *date, *date_precision;
    int background;
    const char *source, *source_country, *target, *target_country;
    const char *code, *root;
    int quad_class;
    double goldstein;
    const char *plover;
    const char *location_name, *location_country;
    int has_coords;
    double lat, lon;
    uint32_t num_mentions, num_sources, num_articles;
    const char *first_seen, *last_seen;   /* earliest / latest article date */
    const char *source_name, *target_name; /* most frequent names in mentions */
} annals_event_row;

/* Callbacks return 0 to go on, non-zero to stop (the query then returns
 * ANNALS_OK). */
typedef int (*annals_event_cb)(const annals_event_row *row, void *ctx);

/* Events matching q, ordered by date (then id). */
ANNALS_API annals_status annals_query_events(annals_store *s, const annals_query *q,
                                             annals_event_cb cb, void *ctx);
/* Timeline of the dyad a, b (either direction unless directed): the same rows
 * as annals_query_events with q->actor = a, q->actor2 = b; q may be NULL. */
ANNALS_API annals_status annals_query_timeline(annals_store *s, const char *a, const char *b,
                                               const annals_query *q,
                                               annals_event_cb cb, void *ctx);

typedef enum annals_period {
    ANNALS_PERIOD_DAY = 0, ANNALS_PERIOD_WEEK, ANNALS_PERIOD_MONTH, ANNALS_PERIOD_YEAR
} annals_period;
/* Parse "day", "week", "month", "year". */
ANNALS_API annals_status annals_period_parse(const char *name, annals_period *out);

typedef struct annals_series_row {
    const char *period;      /* "2024-03-04" (day; week: its Monday), "2024-03", "2024" */
    uint64_t events;         /* distinct events */
    uint64_t quad[5];        /* quad[1..4]: events per quad class */
    double goldstein_mean;
} annals_series_row;
typedef int (*annals_series_cb)(const annals_series_row *row, void *ctx);
/* Counts per period of the events matching q (actor, actor2, dates, ...),
 * dated events only.  Country-level series by month or year are answered
 * from summary tables. */
ANNALS_API annals_status annals_query_series(annals_store *s, const annals_query *q,
                                             annals_period by, annals_series_cb cb, void *ctx);

typedef struct annals_actor_row {
    const char *actor;       /* country code, else the first 3 letters of the code */
    const char *actor2;      /* dyads: the target; NULL for actors */
    uint64_t events, mentions;
    uint64_t cooperation;    /* quad 1-2 */
    uint64_t conflict;       /* quad 3-4 */
    double goldstein_mean;
} annals_actor_row;
typedef int (*annals_actor_cb)(const annals_actor_row *row, void *ctx);
/* Most active actors / directed dyads (by events, descending) among the
 * events matching q; q->limit 0 means 20. */
ANNALS_API annals_status annals_query_actors(annals_store *s, const annals_query *q,
                                             annals_actor_cb cb, void *ctx);
ANNALS_API annals_status annals_query_dyads(annals_store *s, const annals_query *q,
                                            annals_actor_cb cb, void *ctx);

/* One mention of an event: the sentence, with offsets relative to it. */
typedef struct annals_mention_row {
    const char *article_id, *article_date, *title, *url, *outlet;
    int64_t cluster;
    uint32_t sentence;
    const char *text;                    /* the sentence */
    size_t trigger_start, trigger_end;   /* in text; equal when unknown */
    const char *trigger, *source_name, *target_name;
    const char *date, *date_precision;   /* as coded in this mention */
} annals_mention_row;
typedef int (*annals_mention_cb)(const annals_mention_row *row, void *ctx);
/* The event id (through ev_cb once) and each of its mentions (m_cb, by
 * article date).  ANNALS_ENOTFOUND if there is no such event. */
ANNALS_API annals_status annals_query_show(annals_store *s, int64_t id, annals_event_cb ev_cb,
                                           annals_mention_cb m_cb, void *ctx);
/* Append the mention's sentence to out with the actors and the trigger
 * marked: [source name], {target name}, <<trigger>>. */
ANNALS_API annals_status annals_mention_mark(const annals_mention_row *m, annals_buf *out);
/* END store, query section */

#ifdef __cplusplus
}
#endif
#endif
