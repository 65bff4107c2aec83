/*
 * dedup.c: near-duplicate articles (syndicated copies, light rewrites).
 *
 * Text is split into words (runs of ASCII letters and digits and of non-ASCII
 * bytes, ASCII folded to lower case); every run of 5 consecutive words is a
 * shingle, hashed with XXH64 over the 5 word hashes.  The MinHash signature
 * is built by one permutation hashing (Li, Owen, Zhang 2012): each shingle
 * hash (re-mixed by a splitmix64 finaliser) falls in one of 64 bins by its
 * top bits and each bin keeps its minimum, one operation per shingle
 * instead of 64; empty bins are filled by rotation densification (Shrivastava
 * 2017).  The fraction of equal bins in two signatures estimates the Jaccard
 * similarity of their shingle sets.  For lookup the signature is cut
 * into 16 bands of 4 hashes; each band hashes to a bucket key the store
 * indexes, so candidates are the articles sharing at least one bucket
 * (probability 1-(1-J^4)^16: 0.64 at J=0.5, 0.99 at J=0.7, 0.05 at J=0.25)
 * and only they are compared.  Texts of 1-4 words make a single shingle.
 * Everything here is deterministic: signatures stored in a database stay
 * comparable, so changing the method needs a schema migration.
 */
#include "dedup.h"

#include <string.h>
#include <xxhash.h>

#define SHINGLE 5

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

/* Byte classes: 0 separator, 1 word byte, 2 upper-case ASCII letter. */
static const unsigned char byte_class[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
    ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
    ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
    ['y'] = 1, ['z'] = 1,
    ['A'] = 2, ['B'] = 2, ['C'] = 2, ['D'] = 2, ['E'] = 2, ['F'] = 2, ['G'] = 2, ['H'] = 2,
    ['I'] = 2, ['J'] = 2, ['K'] = 2, ['L'] = 2, ['M'] = 2, ['N'] = 2, ['O'] = 2, ['P'] = 2,
    ['Q'] = 2, ['R'] = 2, ['S'] = 2, ['T'] = 2, ['U'] = 2, ['V'] = 2, ['W'] = 2, ['X'] = 2,
    ['Y'] = 2, ['Z'] = 2,
    [0x80] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

/* One permutation hashing: the shingle's hash picks a bin by its top 6
 * bits and competes for that bin's minimum with the other 58. */
static void add_shingle(dedup_sig *sig, uint64_t x)
{
    uint64_t v = mix64(x);
    size_t bin = (size_t)(v >> 58);
    v &= (UINT64_C(1) << 58) - 1;
    if (v < sig->h[bin])
        sig->h[bin] = v;
    sig->shingles++;
}

/* Rotation densification: an empty bin borrows the value of the next
 * non-empty bin to its right, offset by the distance, so short texts
 * still give comparable signatures. */
static void densify(dedup_sig *sig)
{
    if (sig->shingles == 0)
        return;
    for (size_t i = 0; i < DEDUP_HASHES; i++) {
        if (sig->h[i] != UINT64_MAX && sig->h[i] < (UINT64_C(1) << 58))
            continue;
        for (size_t d = 1; d < DEDUP_HASHES; d++) {
            uint64_t o = sig->h[(i + d) % DEDUP_HASHES];
            if (o < (UINT64_C(1) << 58)) {
                sig->h[i] = (UINT64_C(1) << 58) + o + d * 0x9e3779b97f4a7c15ULL % (UINT64_C(1) << 58);
                break;
            }
        }
    }
}

void dedup_signature(const char *text, size_t len, dedup_sig *sig)
{
    for (size_t i = 0; i < DEDUP_HASHES; i++)
        sig->h[i] = UINT64_MAX;
    sig->shingles = 0;

    uint64_t ring[SHINGLE];
    size_t nwords = 0;
    char word[64];
    const unsigned char *t = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        while (i < len && !byte_class[t[i]])
            i++;
        if (i >= len)
            break;
        size_t start = i;
        unsigned upper = 0;
        while (i < len && byte_class[t[i]])
            upper |= byte_class[t[i++]];
        size_t wl = i - start;
        XXH64_hash_t wh;
        if (wl > sizeof word) {          /* very long token: hash it whole */
            wh = XXH64(text + start, wl, 1);
        } else if (!(upper & 2)) {       /* nothing to fold: hash in place */
            wh = XXH64(text + start, wl, 0);
        } else {
            for (size_t k = 0; k < wl; k++)
                word[k] = (char)(byte_class[t[start + k]] == 2 ? t[start + k] + 32 : t[start + k]);
            wh = XXH64(word, wl, 0);
        }
        ring[nwords % SHINGLE] = wh;
        nwords++;
        if (nwords >= SHINGLE) {
            uint64_t w[SHINGLE];
            for (size_t k = 0; k < SHINGLE; k++)
                w[k] = ring[(nwords + k) % SHINGLE];   /* oldest first */
            add_shingle(sig, XXH64(w, sizeof w, 0));
        }
    }
    if (nwords > 0 && nwords < SHINGLE) {
        uint64_t w[SHINGLE] = {0};
        for (size_t k = 0; k < nwords; k++)
            w[k] = ring[k];
        add_shingle(sig, XXH64(w, sizeof w, 0));
    }
    densify(sig);
}

void dedup_buckets(const dedup_sig *sig, int64_t bucket[DEDUP_BANDS])
{
    for (size_t b = 0; b < DEDUP_BANDS; b++) {
        uint64_t k = XXH64(&sig->h[b * DEDUP_ROWS], DEDUP_ROWS * sizeof(uint64_t), b + 1);
        bucket[b] = (int64_t)k;
    }
}

double dedup_similarity(const dedup_sig *a, const dedup_sig *b)
{
    if (a->shingles == 0 || b->shingles == 0)
        return 0.0;
    size_t same = 0;
    for (size_t i = 0; i < DEDUP_HASHES; i++)
        same += a->h[i] == b->h[i];
    return (double)same / DEDUP_HASHES;
}
