/*
 * ingest.h: internal interface of the article reader (src/ingest.c).
 *
 * The public reader API (annals_reader_open/next/free) is declared in
 * include/annals.h; this header adds the limits the reader enforces and a
 * few helpers other modules and the tests may use.  Everything here returns
 * a status or a value; nothing prints or exits.
 *
 * Article fields: id, date and text are never NULL (date is "" when
 * unknown); title, url and source are NULL when the input has none.
 */
#ifndef ANNALS_INGEST_H
#define ANNALS_INGEST_H

#include <stddef.h>
#include <stdint.h>

#include "annals.h"

/* A JSON line, or the text of one article, longer than this is skipped
 * (JSON lines) or truncated (text/HTML files), with a diagnostic. */
#define INGEST_MAX_RECORD ((size_t)16 << 20)
/* A whole .json file (array, single object or concatenated objects) is
 * parsed in memory: larger files are skipped with a diagnostic. */
#define INGEST_MAX_JSON_FILE ((size_t)64 << 20)
/* Bytes examined at the start of a file to decide whether it is binary. */
#define INGEST_SNIFF 4096
/* Directory recursion depth limit (guards against symlink loops). */
#define INGEST_MAX_DEPTH 64

/* Validate and repair UTF-8 in in[0..n): append the result to a growable
 * buffer (*out, *len, *cap; realloc'd as needed).  Each maximal invalid
 * subsequence becomes U+FFFD; NUL bytes are dropped.  *nbad / *nnul count
 * them, *first_bad gets the offset in `in` of the first problem (or n).
 * Returns 0, or -1 on out of memory. */
int ingest_utf8_repair(const char *in, size_t n, char **out, size_t *len, size_t *cap,
                       size_t *nbad, size_t *nnul, size_t *first_bad);

/* Parse the date at the start of s (length n): "YYYY-MM-DD" alone or
 * followed by 'T', 't' or ' ' and a time (ISO 8601).  On success copies
 * "YYYY-MM-DD" to out (11 bytes) and returns 1; returns 0 if malformed
 * (including impossible days such as 2021-02-30). */
int ingest_parse_date(const char *s, size_t n, char out[11]);

/* The article id derived from a path: the file name without directory,
 * ".gz" and one further extension ("a/b/x.txt.gz" -> "x").  Writes at most
 * size-1 bytes to out, always NUL-terminated. */
void ingest_path_stem(const char *path, char *out, size_t size);

/* 1 if the sample looks binary (many NULs / control bytes), else 0. */
int ingest_looks_binary(const unsigned char *p, size_t n);

#endif
