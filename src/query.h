/*
 * query.h: internals of the store's queries (query.c): actor resolution,
 * shared with tests through the public API only.  Nothing here is public.
 */
#ifndef ANNALS_QUERY_H
#define ANNALS_QUERY_H

#include "store.h"

/* Levenshtein distance between a and b, ASCII case folded, capped at cap+1. */
size_t query_edit_distance(const char *a, const char *b, size_t cap);

#endif
