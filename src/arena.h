/*
 * arena.h: bump allocator, one per article (or per loaded lexicon).
 *
 * Memory is taken from a chain of blocks and given back all at once with
 * arena_reset() (keeps the first block for reuse) or arena_free().  No
 * per-object free.  Allocation failure returns NULL and sets a sticky flag
 * the owner checks once (SQLite's mallocFailed idea).
 */
#ifndef ARENA_H
#define ARENA_H
#include <stddef.h>

typedef struct arena_block arena_block;
typedef struct arena {
    arena_block *head;   /* current block (newest) */
    size_t block_size;   /* size of new blocks */
    int failed;          /* an allocation failed since the last reset */
} arena;

void arena_init(arena *a, size_t block_size);
void *arena_alloc(arena *a, size_t n);             /* 8-byte aligned, uninitialised */
void *arena_calloc(arena *a, size_t n);            /* zeroed */
char *arena_strndup(arena *a, const char *s, size_t n); /* NUL-terminated copy */
void arena_reset(arena *a);                        /* free all but one block */
void arena_free(arena *a);
#endif
