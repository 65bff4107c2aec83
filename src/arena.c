/*
 * arena.c: bump allocator.  Blocks are malloc'ed with a header; a request
 * larger than the block size gets a block of its own.  arena_reset keeps the
 * largest-first block so steady-state coding does no malloc at all.
 */
#include "arena.h"
#include <stdlib.h>
#include <string.h>

struct arena_block {
    arena_block *next;
    size_t size, used;
    max_align_t data[];
};

void arena_init(arena *a, size_t block_size) {
    a->head = NULL;
    a->block_size = block_size ? block_size : 65536;
    a->failed = 0;
}

void *arena_alloc(arena *a, size_t n) {
    n = (n + 15u) & ~(size_t)15u;
    arena_block *b = a->head;
    if (!b || b->size - b->used < n) {
        size_t sz = n > a->block_size ? n : a->block_size;
        arena_block *nb = malloc(sizeof *nb + sz);
        if (!nb) {
            a->failed = 1;
            return NULL;
        }
        nb->size = sz;
        nb->used = 0;
        nb->next = b;
        a->head = nb;
        b = nb;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    return p;
}

void *arena_calloc(arena *a, size_t n) {
    void *p = arena_alloc(a, n);
    if (p) memset(p, 0, n);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n) {
    char *p = arena_alloc(a, n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

void arena_reset(arena *a) {
    arena_block *b = a->head, *keep = NULL;
    while (b) {
        arena_block *next = b->next;
        if (!keep && b->size == a->block_size) {
            keep = b;
        } else if (keep || b->size != a->block_size) {
            if (b != keep) free(b);
        }
        b = next;
    }
    if (keep) {
        keep->used = 0;
        keep->next = NULL;
    }
    a->head = keep;
    a->failed = 0;
}

void arena_free(arena *a) {
    arena_block *b = a->head;
    while (b) {
        arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}
