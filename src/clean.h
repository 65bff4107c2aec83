/*
 * clean.h: scraped-news cleaning without copying the text (src/clean.c).
 *
 * clean_scan finds the byte ranges of web boilerplate (share buttons,
 * "Read more", cookie notices, photo credits, a video length stuck to a
 * headline...) so that a caller can skip them while keeping offsets into
 * the original article text.  clean_fold / clean_fold_at map typographic
 * quotes, dashes and spaces to ASCII for matching.
 */
#ifndef ANNALS_CLEAN_H
#define ANNALS_CLEAN_H

#include <stddef.h>
#include <stdint.h>

/* A half-open byte range [start, end) of the text. */
typedef struct clean_range {
    size_t start, end;
} clean_range;

/* Scan text[0..len) (UTF-8, need not be NUL-terminated) for boilerplate.
 * Writes at most max ranges to out, in increasing order and not
 * overlapping: a whole boilerplate line (its bytes without the '\n') or,
 * for a headline ending in a video length ("... into the war 3:00"), just
 * the " 3:00".  Returns the number of ranges found, which may exceed max
 * (call again with a larger array to get them all).  Costs one pass over
 * the text plus a table lookup per line; allocates nothing. */
size_t clean_scan(const char *text, size_t len, clean_range *out, size_t max);

/* 1 if the single line line[0..len) (no '\n') is boilerplate. */
int clean_is_boilerplate(const char *line, size_t len);

/* The ASCII character a code point folds to for matching: typographic
 * quotes to ' or ", dashes and the minus sign to -, Unicode spaces to ' '.
 * Other code points (and ASCII) are returned unchanged. */
uint32_t clean_fold(uint32_t cp);

/* Decode the UTF-8 sequence at s[i] (i < len).  *consumed gets its length
 * in bytes (1 for an invalid byte).  Returns 1 and sets *ascii if it is
 * ASCII or folds to ASCII, else 0 (*ascii untouched). */
int clean_fold_at(const char *s, size_t len, size_t i, char *ascii, size_t *consumed);

#endif
