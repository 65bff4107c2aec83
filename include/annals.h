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
    const char *source_country; /* ISO alpha-3 or NULL */
    const char *source_name;  /* words as found */
    const char *target;       /* may be NULL */
    const char *target_country;
    const char *target_name;
    const char *code;         /* CAMEO event code, 2-4 digits */
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

/* Append the header line of a format (tsv, gdelt: nothing; table: column
 * titles) and one line per event. */
ANNALS_API annals_status annals_format_header(annals_format f, annals_buf *out);
ANNALS_API annals_status annals_format_events(annals_format f, const annals_event *ev, size_t n,
                                              annals_buf *out);

/* ------------------------------------------------------------ store, query */
/* (see the store section below) */

#ifdef __cplusplus
}
#endif
#endif
