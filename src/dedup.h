/*
 * dedup.h: near-duplicate detection of articles (MinHash over word 5-grams,
 * LSH banding).  Internal to the store; see dedup.c for the method.
 */
#ifndef ANNALS_DEDUP_H
#define ANNALS_DEDUP_H

#include <stddef.h>
#include <stdint.h>

#define DEDUP_HASHES 64       /* MinHash signature length */
#define DEDUP_BANDS 16        /* LSH bands of DEDUP_ROWS hashes each */
#define DEDUP_ROWS 4
#define DEDUP_THRESHOLD 0.5   /* estimated Jaccard to join a cluster */

typedef struct dedup_sig {
    uint64_t h[DEDUP_HASHES];
    size_t shingles;          /* 0: text had no words; signature unusable */
} dedup_sig;

/* MinHash signature of text (word 5-grams, ASCII case folded). */
void dedup_signature(const char *text, size_t len, dedup_sig *sig);
/* The DEDUP_BANDS LSH bucket keys of a signature. */
void dedup_buckets(const dedup_sig *sig, int64_t bucket[DEDUP_BANDS]);
/* Estimated Jaccard similarity of two signatures (0..1). */
double dedup_similarity(const dedup_sig *a, const dedup_sig *b);

#endif
