/*
 * where.c: the place an event happens, from a memory-mapped gazetteer.
 *
 * The gazetteer (format in where.h, written by tools/gazbuild) is mapped
 * read-only and used in place: a name is normalised (lower case, Latin
 * letters folded to ASCII by the tables below, punctuation dropped), hashed
 * with XXH3 and found by binary search in the name index, inside the bucket
 * the hash's top 16 bits select.  Candidates sharing a name are ranked: a
 * country's own name, then a place in a context country, then national
 * capitals and admin seats, then population.  regions.txt (seas, regions,
 * disputed areas, first-level regions, seats of government) is read at
 * open into a small sorted table searched the same way.
 *
 * where_find() tokenises a sentence into spans on the stack (no malloc),
 * looks for locative cues ("in", "near", "visited", "flew to") and after
 * each skips articles, direction adjectives, demonyms and place nouns ("in
 * the southern port city of Odesa") before matching the longest
 * capitalised name sequence (up to seven words, with "of", "de", "al"
 * inside).  A demonym ("Uzbek city of") or a qualifier after a comma
 * ("Paris, Texas"; "Kyiv, Ukraine") restricts the candidates.  Months,
 * weekdays, institutions, actor spans and small places before a possessive
 * ("in Xi's words") are refused.  Of the mentions found, the one nearest
 * the trigger with no clause boundary between them wins (where.h lists
 * them).  Word lists are looked up once per token, through a hash table
 * built at open; a sentence with several events is tokenised once
 * (where_sentence).  where_dateline() reads
 * "MOSCOW (Reuters) -" style openings with the same lookup.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "where.h"
#include "annals.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

/* ------------------------------------------------------------ byte classes */
enum { C_LO = 1, C_UP = 2, C_DI = 4, C_SP = 8, C_HI = 16, C_DROP = 32 };
#define SP_ C_SP
#define LO_ C_LO
#define UP_ C_UP
#define DI_ C_DI
#define HI_ C_HI
#define DR_ C_DROP
static const uint8_t where_cls[256] = {
    0,0,0,0,0,0,0,0,0,SP_,SP_,SP_,SP_,SP_,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    /* space ! " # $ % & ' ( ) * + , - . / */
    SP_,0,0,0,0,0,0,DR_,0,0,0,0,0,0,DR_,0,
    DI_,DI_,DI_,DI_,DI_,DI_,DI_,DI_,DI_,DI_,0,0,0,0,0,0,
    0,UP_,UP_,UP_,UP_,UP_,UP_,UP_,UP_,UP_,UP_,UP_,UP_,UP_,UP_,UP_,
    UP_,UP_,UP_,UP_,UP_,UP_,UP_,UP_,UP_,UP_,UP_,0,0,0,0,0,
    DR_,LO_,LO_,LO_,LO_,LO_,LO_,LO_,LO_,LO_,LO_,LO_,LO_,LO_,LO_,LO_,
    LO_,LO_,LO_,LO_,LO_,LO_,LO_,LO_,LO_,LO_,LO_,0,0,0,0,0,
    HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,
    HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,
    HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,
    HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,
    HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,
    HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,
    HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,
    HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,HI_,
};
#define CLS(b) where_cls[(unsigned char)(b)]

/* Latin letters folded to ASCII: generated once with Python's unicodedata
 * (NFKD, combining marks dropped, lower case; a few letters without a
 * decomposition -- ß æ œ ø đ ł þ ı -- written by hand).  "" is not a letter. */
static const char where_fold_latin[400][3] = {
    /* U+00C0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    /* U+00D0 */ "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
    /* U+00E0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    /* U+00F0 */ "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
    /* U+0100 */ "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
    /* U+0110 */ "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
    /* U+0120 */ "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
    /* U+0130 */ "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
    /* U+0140 */ "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "ng", "ng", "o", "o", "o", "o",
    /* U+0150 */ "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
    /* U+0160 */ "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
    /* U+0170 */ "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
    /* U+0180 */ "b", "b", "", "", "", "", "o", "", "", "", "", "", "", "", "e", "e",
    /* U+0190 */ "e", "", "f", "", "", "", "", "i", "", "", "l", "", "", "", "", "",
    /* U+01A0 */ "o", "o", "", "", "", "", "", "", "", "", "", "", "", "", "", "u",
    /* U+01B0 */ "u", "", "", "", "", "z", "z", "z", "", "", "", "", "", "", "", "",
    /* U+01C0 */ "", "", "", "", "dz", "dz", "dz", "lj", "lj", "lj", "nj", "nj", "nj", "a", "a", "i",
    /* U+01D0 */ "i", "o", "o", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "e", "a", "a",
    /* U+01E0 */ "a", "a", "", "", "g", "g", "g", "g", "k", "k", "o", "o", "o", "o", "", "",
    /* U+01F0 */ "j", "dz", "dz", "dz", "g", "g", "", "", "n", "n", "a", "a", "", "", "", "",
    /* U+0200 */ "a", "a", "a", "a", "e", "e", "e", "e", "i", "i", "i", "i", "o", "o", "o", "o",
    /* U+0210 */ "r", "r", "r", "r", "u", "u", "u", "u", "s", "s", "t", "t", "", "", "h", "h",
    /* U+0220 */ "", "", "", "", "", "", "a", "a", "e", "e", "o", "o", "o", "o", "o", "o",
    /* U+0230 */ "o", "o", "y", "y", "", "", "", "", "", "", "", "", "", "l", "", "",
    /* U+0240 */ "", "", "", "b", "u", "", "e", "e", "", "", "", "", "", "", "", "",
};
static const char where_fold_latin_ext[256][3] = {
    /* U+1E00 */ "a", "a", "b", "b", "b", "b", "b", "b", "c", "c", "d", "d", "d", "d", "d", "d",
    /* U+1E10 */ "d", "d", "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "f", "f",
    /* U+1E20 */ "g", "g", "h", "h", "h", "h", "h", "h", "h", "h", "h", "h", "i", "i", "i", "i",
    /* U+1E30 */ "k", "k", "k", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l", "l", "m", "m",
    /* U+1E40 */ "m", "m", "m", "m", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
    /* U+1E50 */ "o", "o", "o", "o", "p", "p", "p", "p", "r", "r", "r", "r", "r", "r", "r", "r",
    /* U+1E60 */ "s", "s", "s", "s", "s", "s", "s", "s", "s", "s", "t", "t", "t", "t", "t", "t",
    /* U+1E70 */ "t", "t", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "v", "v", "v", "v",
    /* U+1E80 */ "w", "w", "w", "w", "w", "w", "w", "w", "w", "w", "x", "x", "x", "x", "y", "y",
    /* U+1E90 */ "z", "z", "z", "z", "z", "z", "h", "t", "w", "y", "", "s", "", "", "", "",
    /* U+1EA0 */ "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a",
    /* U+1EB0 */ "a", "a", "a", "a", "a", "a", "a", "a", "e", "e", "e", "e", "e", "e", "e", "e",
    /* U+1EC0 */ "e", "e", "e", "e", "e", "e", "e", "e", "i", "i", "i", "i", "o", "o", "o", "o",
    /* U+1ED0 */ "o", "o", "o", "o", "o", "o", "o", "o", "o", "o", "o", "o", "o", "o", "o", "o",
    /* U+1EE0 */ "o", "o", "o", "o", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u",
    /* U+1EF0 */ "u", "u", "y", "y", "y", "y", "y", "y", "y", "y", "", "", "", "", "", "",
};

/* ----------------------------------------------------------- normalising */

/* Decode one UTF-8 sequence at s[0..n); returns its length (0: invalid). */
static size_t utf8_dec(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned char b = s[0];
    if (b < 0x80) { *cp = b; return 1; }
    if (b >= 0xC2 && b <= 0xDF && n >= 2 && (s[1] & 0xC0) == 0x80) {
        *cp = ((uint32_t)(b & 0x1F) << 6) | (s[1] & 0x3Fu);
        return 2;
    }
    if (b >= 0xE0 && b <= 0xEF && n >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
        *cp = ((uint32_t)(b & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3Fu);
        return *cp >= 0x800 ? 3 : 0;
    }
    if (b >= 0xF0 && b <= 0xF4 && n >= 4 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80
        && (s[3] & 0xC0) == 0x80) {
        *cp = ((uint32_t)(b & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12)
            | ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3Fu);
        return *cp >= 0x10000 ? 4 : 0;
    }
    return 0;
}

/* What a code point becomes: a folded string, "" dropped, NULL a space;
 * *raw set when the code point is kept as it is (another script). */
static const char *fold_cp(uint32_t cp, int *raw)
{
    *raw = 0;
    if (cp >= 0xC0 && cp <= 0x24F)
        return where_fold_latin[cp - 0xC0][0] ? where_fold_latin[cp - 0xC0] : NULL;
    if (cp >= 0x1E00 && cp <= 0x1EFF)
        return where_fold_latin_ext[cp - 0x1E00][0] ? where_fold_latin_ext[cp - 0x1E00] : NULL;
    if ((cp >= 0x300 && cp <= 0x36F) || cp == 0x2018 || cp == 0x2019 || cp == 0x2BC
        || cp == 0x2BB || cp == 0x2B9 || cp == 0x2032 || cp == 0xB4 || cp == 0x200B)
        return "";
    if (cp < 0xC0 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x2212 || cp == 0x3000)
        return NULL;
    *raw = 1;
    return "";
}

typedef struct nbuf { char *p; size_t n, cap; int space, full; size_t word; } nbuf;

static void nb_endword(nbuf *b)
{
    static const char *const abbr[][2] = {
        {"st", "saint"}, {"ste", "sainte"}, {"mt", "mount"}, {"ft", "fort"},
    };
    size_t wl = b->n - b->word;
    for (size_t i = 0; i < sizeof abbr / sizeof abbr[0]; i++) {
        size_t al = strlen(abbr[i][0]), rl = strlen(abbr[i][1]);
        if (wl == al && memcmp(b->p + b->word, abbr[i][0], al) == 0 && b->word + rl < b->cap) {
            memcpy(b->p + b->word, abbr[i][1], rl);
            b->n = b->word + rl;
            return;
        }
    }
}

static void nb_put(nbuf *b, const char *s, size_t n)
{
    if (b->n > 0 && b->space) {
        nb_endword(b);
        if (b->n + 1 >= b->cap) { b->full = 1; return; }
        b->p[b->n++] = ' ';
        b->word = b->n;
    }
    b->space = 0;
    if (b->n + n >= b->cap) { b->full = 1; return; }
    memcpy(b->p + b->n, s, n);
    b->n += n;
}

size_t where_normalise(const char *name, size_t len, char *out, size_t outsz)
{
    if (!out || outsz == 0) return 0;
    nbuf b = { out, 0, outsz, 0, 0, 0 };
    const unsigned char *s = (const unsigned char *)name;
    size_t i = 0;
    while (name && i < len && !b.full) {
        unsigned char c = s[i];
        uint8_t k = CLS(c);
        if (k & (C_LO | C_DI)) { char ch = (char)c; nb_put(&b, &ch, 1); i++; continue; }
        if (k & C_UP) { char ch = (char)(c | 0x20); nb_put(&b, &ch, 1); i++; continue; }
        if (k & C_DROP) { i++; continue; }
        if (!(k & C_HI)) { b.space = 1; i++; continue; }
        uint32_t cp;
        size_t l = utf8_dec(s + i, len - i, &cp);
        if (l == 0) { b.space = 1; i++; continue; }
        int raw;
        const char *f = fold_cp(cp, &raw);
        if (raw) nb_put(&b, name + i, l);
        else if (!f) b.space = 1;
        else if (*f) nb_put(&b, f, strlen(f));
        i += l;
    }
    if (b.n > 0) nb_endword(&b);
    if (b.n >= outsz) b.n = outsz - 1;
    out[b.n] = '\0';
    return b.n;
}

static uint64_t key_hash(const char *k, size_t n) { return XXH3_64bits(k, n); }

/* ------------------------------------------------------------- the handle */

enum { RK_REGION = 0, RK_ADMIN1, RK_SEAT };

typedef struct wregion {
    char name[96], iso3[4], admin1[24];
    double lat, lon;
    int64_t gid;
    int kind;
} wregion;

typedef struct wrkey { uint64_t hash; uint32_t region; uint16_t keylen; } wrkey;

/* The classes of the small word lists of where_find() (W_* below): each
 * word token is looked up once, when tokenised, in an open-addressing table
 * built at open, and carries the bits of every list holding it. */
#define WCLASS_SLOTS 2048u
#define WCLASS_MAXLEN 23u
typedef struct wclass_slot { char w[WCLASS_MAXLEN + 1]; uint32_t bits; } wclass_slot;

struct where_gazetteer {
    const unsigned char *map;
    size_t map_size;
    const where_gaz_header *h;
    const where_gaz_place *places;
    const where_gaz_country *countries;
    const where_gaz_name *names;
    const uint32_t *buckets;
    const char *pool;
    wregion *regs;
    size_t nregs;
    wrkey *rkeys;
    size_t nrkeys;
    wclass_slot wclass[WCLASS_SLOTS];   /* word lists below, by hash (built at open) */
};

static void seterr(char *err, size_t errsz, const char *fmt, const char *path, const char *what)
{
    if (err && errsz) snprintf(err, errsz, fmt, path, what);
}

static int open_map(where_gazetteer *g, const char *path, char *err, size_t errsz)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        seterr(err, errsz, "%s: cannot open gazetteer: %s", path, strerror(errno));
        return errno == ENOENT ? ANNALS_ENOTFOUND : ANNALS_EIO;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        seterr(err, errsz, "%s: %s", path, "not a regular file");
        return ANNALS_EIO;
    }
    if ((uint64_t)st.st_size < sizeof(where_gaz_header)) {
        close(fd);
        seterr(err, errsz, "%s: %s", path, st.st_size == 0 ? "empty gazetteer file"
                                                            : "truncated gazetteer (no header)");
        return ANNALS_EPARSE;
    }
    void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (m == MAP_FAILED) {
        seterr(err, errsz, "%s: cannot map gazetteer: %s", path, strerror(errno));
        return ANNALS_EIO;
    }
    g->map = m;
    g->map_size = (size_t)st.st_size;
    return 0;
}

static int check_section(uint64_t off, uint64_t count, uint64_t size, uint64_t fsz)
{
    return off % 8 == 0 && off >= sizeof(where_gaz_header) && off <= fsz
        && count <= (fsz - off) / size;
}

static int check_header(where_gazetteer *g, const char *path, char *err, size_t errsz)
{
    where_gaz_header h;
    memcpy(&h, g->map, sizeof h);
    if (memcmp(h.magic, WHERE_GAZ_MAGIC, 8) != 0) {
        seterr(err, errsz, "%s: %s", path, "not an annals gazetteer (bad magic)");
        return ANNALS_EPARSE;
    }
    if (h.bom != WHERE_GAZ_BOM) {
        seterr(err, errsz, "%s: %s", path, "gazetteer written with another byte order");
        return ANNALS_EPARSE;
    }
    if (XXH32(&h, offsetof(where_gaz_header, header_hash), 0) != h.header_hash) {
        seterr(err, errsz, "%s: %s", path, "corrupt gazetteer header (checksum mismatch)");
        return ANNALS_EPARSE;
    }
    if (h.version != WHERE_GAZ_VERSION) {
        char msg[96];
        snprintf(msg, sizeof msg, "gazetteer version %u, this annals reads version %u: rebuild it",
                 h.version, WHERE_GAZ_VERSION);
        seterr(err, errsz, "%s: %s", path, msg);
        return h.version > WHERE_GAZ_VERSION ? ANNALS_EVERSION : ANNALS_EPARSE;
    }
    if (h.file_size != g->map_size) {
        char msg[128];
        snprintf(msg, sizeof msg, "truncated or padded gazetteer: %llu bytes, header says %llu",
                 (unsigned long long)g->map_size, (unsigned long long)h.file_size);
        seterr(err, errsz, "%s: %s", path, msg);
        return ANNALS_EPARSE;
    }
    uint64_t fsz = g->map_size;
    if (!check_section(h.off_places, h.nplaces, sizeof(where_gaz_place), fsz)
        || !check_section(h.off_countries, h.ncountries, sizeof(where_gaz_country), fsz)
        || !check_section(h.off_names, h.nnames, sizeof(where_gaz_name), fsz)
        || !check_section(h.off_buckets, WHERE_GAZ_NBUCKET + 1, 4, fsz)
        || !check_section(h.off_pool, h.pool_size, 1, fsz) || h.pool_size == 0
        || h.ncountries >= 0xFFFF) {
        seterr(err, errsz, "%s: %s", path, "corrupt gazetteer (section outside the file)");
        return ANNALS_EPARSE;
    }
    g->h = (const where_gaz_header *)g->map;
    g->places = (const where_gaz_place *)(g->map + h.off_places);
    g->countries = (const where_gaz_country *)(g->map + h.off_countries);
    g->names = (const where_gaz_name *)(g->map + h.off_names);
    g->buckets = (const uint32_t *)(g->map + h.off_buckets);
    g->pool = (const char *)(g->map + h.off_pool);
    if (g->pool[h.pool_size - 1] != '\0' || g->pool[0] != '\0'
        || g->buckets[WHERE_GAZ_NBUCKET] != h.nnames) {
        seterr(err, errsz, "%s: %s", path, "corrupt gazetteer (string pool or name index)");
        return ANNALS_EPARSE;
    }
    return 0;
}

static const char *pool_str(const where_gazetteer *g, uint32_t off)
{
    return off < g->h->pool_size ? g->pool + off : "";
}

static const char *country_iso(const where_gazetteer *g, uint16_t c)
{
    return c < g->h->ncountries ? g->countries[c].iso3 : "";
}

static int rkey_cmp(const void *a, const void *b)
{
    const wrkey *x = a, *y = b;
    if (x->hash != y->hash) return x->hash < y->hash ? -1 : 1;
    return (x->region > y->region) - (x->region < y->region);
}

/* Trim spaces and tabs from both ends of [*b, *e). */
static void trim(const char **b, const char **e)
{
    while (*b < *e && (CLS(**b) & C_SP)) (*b)++;
    while (*e > *b && (CLS((*e)[-1]) & C_SP)) (*e)--;
}

static int next_field(const char **p, const char *e, const char **fb, const char **fe)
{
    while (*p < e && (CLS(**p) & C_SP)) (*p)++;
    if (*p >= e) return 0;
    *fb = *p;
    while (*p < e && !(CLS(**p) & C_SP)) (*p)++;
    *fe = *p;
    return 1;
}

static int parse_double(const char *b, const char *e, double lo, double hi, double *v)
{
    char tmp[32];
    size_t n = (size_t)(e - b);
    if (n == 0 || n >= sizeof tmp) return 0;
    memcpy(tmp, b, n);
    tmp[n] = '\0';
    char *end;
    *v = strtod(tmp, &end);
    return *end == '\0' && *v >= lo && *v <= hi;
}

static int add_rkey(where_gazetteer *g, size_t *cap, const char *b, const char *e, uint32_t reg)
{
    char key[256];
    size_t n = where_normalise(b, (size_t)(e - b), key, sizeof key);
    if (n == 0) return 0;
    if (g->nrkeys == *cap) {
        size_t nc = *cap ? *cap * 2 : 256;
        wrkey *k = realloc(g->rkeys, nc * sizeof *k);
        if (!k) return -1;
        g->rkeys = k;
        *cap = nc;
    }
    g->rkeys[g->nrkeys++] = (wrkey){ key_hash(key, n), reg, (uint16_t)n };
    return 0;
}

static int load_regions(where_gazetteer *g, const char *path, char *err, size_t errsz)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        seterr(err, errsz, "%s: cannot open regions list: %s", path, strerror(errno));
        return errno == ENOENT ? ANNALS_ENOTFOUND : ANNALS_EIO;
    }
    char line[1024], msg[160];
    size_t lineno = 0, rcap = 0, kcap = 0;
    int kind = RK_REGION, rc = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        const char *b = line, *e = line + strlen(line);
        const char *hash = memchr(b, '#', (size_t)(e - b));
        if (hash) e = hash;
        trim(&b, &e);
        if (b == e) continue;
        if (*b == '[') {
            size_t n = (size_t)(e - b);
            if (n == 8 && memcmp(b, "[region]", 8) == 0) kind = RK_REGION;
            else if (n == 8 && memcmp(b, "[admin1]", 8) == 0) kind = RK_ADMIN1;
            else if (n == 6 && memcmp(b, "[seat]", 6) == 0) kind = RK_SEAT;
            else { snprintf(msg, sizeof msg, "line %zu: unknown section", lineno); rc = ANNALS_EPARSE; break; }
            continue;
        }
        wregion r;
        memset(&r, 0, sizeof r);
        r.kind = kind;
        const char *fb, *fe, *p = b;
        if (!next_field(&p, e, &fb, &fe) || !parse_double(fb, fe, -90, 90, &r.lat)
            || !next_field(&p, e, &fb, &fe) || !parse_double(fb, fe, -180, 180, &r.lon)) {
            snprintf(msg, sizeof msg, "line %zu: expected latitude and longitude", lineno);
            rc = ANNALS_EPARSE;
            break;
        }
        if (!next_field(&p, e, &fb, &fe)
            || !((fe - fb == 3 && (CLS(fb[0]) & C_UP) && (CLS(fb[1]) & C_UP) && (CLS(fb[2]) & C_UP))
                 || (fe - fb == 1 && *fb == '-'))) {
            snprintf(msg, sizeof msg, "line %zu: expected an ISO3 country code or '-'", lineno);
            rc = ANNALS_EPARSE;
            break;
        }
        if (*fb != '-') memcpy(r.iso3, fb, 3);
        if (kind == RK_ADMIN1) {
            if (!next_field(&p, e, &fb, &fe) || (size_t)(fe - fb) >= sizeof r.admin1) {
                snprintf(msg, sizeof msg, "line %zu: expected an admin1 code", lineno);
                rc = ANNALS_EPARSE;
                break;
            }
            if (*fb != '-') memcpy(r.admin1, fb, (size_t)(fe - fb));
        }
        /* names: "Name | alias | alias" */
        int nnames = 0;
        while (p < e) {
            const char *bar = memchr(p, '|', (size_t)(e - p));
            const char *nb = p, *ne = bar ? bar : e;
            trim(&nb, &ne);
            if (nb == ne) { nnames = -1; break; }
            if (nnames == 0) {
                size_t n = (size_t)(ne - nb);
                if (n >= sizeof r.name) n = sizeof r.name - 1;
                memcpy(r.name, nb, n);
            }
            if (kind != RK_SEAT || nnames > 0) {
                if (add_rkey(g, &kcap, nb, ne, (uint32_t)g->nregs) != 0) { rc = ANNALS_ENOMEM; break; }
            }
            nnames++;
            p = bar ? bar + 1 : e;
        }
        if (rc) { snprintf(msg, sizeof msg, "out of memory"); break; }
        if (nnames <= 0 || (kind == RK_SEAT && nnames < 2)) {
            snprintf(msg, sizeof msg, "line %zu: expected 'Name | alias ...'%s", lineno,
                     kind == RK_SEAT ? " (a seat needs its city and at least one alias)" : "");
            rc = ANNALS_EPARSE;
            break;
        }
        if (g->nregs == rcap) {
            size_t nc = rcap ? rcap * 2 : 64;
            wregion *nr = realloc(g->regs, nc * sizeof *nr);
            if (!nr) { snprintf(msg, sizeof msg, "out of memory"); rc = ANNALS_ENOMEM; break; }
            g->regs = nr;
            rcap = nc;
        }
        g->regs[g->nregs++] = r;
    }
    if (!rc && ferror(f)) { snprintf(msg, sizeof msg, "read error"); rc = ANNALS_EIO; }
    fclose(f);
    if (rc) {
        seterr(err, errsz, "%s:%s", path, msg);
        return rc;
    }
    if (g->nrkeys) qsort(g->rkeys, g->nrkeys, sizeof *g->rkeys, rkey_cmp);
    return 0;
}

void where_close(where_gazetteer *g)
{
    if (!g) return;
    if (g->map) munmap((void *)g->map, g->map_size);
    free(g->regs);
    free(g->rkeys);
    free(g);
}

static int lookup_ex(const where_gazetteer *g, const char *key, size_t klen,
                     const char (*ctx)[4], size_t nctx, const char *want_iso,
                     const char *want_admin1, unsigned kinds, where_place *out);
static void wclass_build(where_gazetteer *g);

int where_open(const char *gaz_path, const char *regions_path, where_gazetteer **out,
               char *err, size_t errsz)
{
    if (err && errsz) err[0] = '\0';
    if (!out) return ANNALS_EINVAL;
    *out = NULL;
    if (!gaz_path) {
        seterr(err, errsz, "%s%s", "", "no gazetteer path given");
        return ANNALS_EINVAL;
    }
    where_gazetteer *g = calloc(1, sizeof *g);
    if (!g) {
        seterr(err, errsz, "%s: %s", gaz_path, "out of memory");
        return ANNALS_ENOMEM;
    }
    int rc = open_map(g, gaz_path, err, errsz);
    if (!rc) rc = check_header(g, gaz_path, err, errsz);
    if (!rc && regions_path) rc = load_regions(g, regions_path, err, errsz);
    if (rc) {
        where_close(g);
        return rc;
    }
    wclass_build(g);
    /* a seat takes its city's GeoNames id */
    for (size_t i = 0; i < g->nregs; i++) {
        wregion *r = &g->regs[i];
        if (r->kind != RK_SEAT) continue;
        char key[256];
        size_t n = where_normalise(r->name, strlen(r->name), key, sizeof key);
        where_place p;
        if (lookup_ex(g, key, n, NULL, 0, r->iso3, NULL, 1u << WHERE_KIND_CITY, &p))
            r->gid = p.geonames_id;
    }
    *out = g;
    return 0;
}

void where_stats_get(const where_gazetteer *g, where_stats *st)
{
    memset(st, 0, sizeof *st);
    if (!g) return;
    st->places = g->h->nplaces;
    st->countries = g->h->ncountries;
    st->names = g->h->nnames;
    st->regions = g->nregs;
}

/* --------------------------------------------------------------- lookups */

typedef struct cand {
    int kind;                   /* WHERE_KIND_*; a seat is a city */
    const char *name, *iso3, *admin1;
    double lat, lon;
    int64_t gid;
    uint32_t pop;
    int rank, ntype;
} cand;

/* Countries that are one city: their PPLC city is the better answer. */
static int city_state(const char *iso3)
{
    static const char cs[][4] = { "HKG", "SGP", "MAC", "MCO", "VAT", "GIB" };
    for (size_t i = 0; i < sizeof cs / sizeof cs[0]; i++)
        if (memcmp(iso3, cs[i], 4) == 0) return 1;
    return 0;
}

static int in_ctx(const char *iso3, const char (*ctx)[4], size_t nctx)
{
    if (!iso3[0] || !ctx) return 0;
    for (size_t i = 0; i < nctx; i++)
        if (memcmp(ctx[i], iso3, 3) == 0) return 1;
    return 0;
}

static double cand_score(const cand *c, const char (*ctx)[4], size_t nctx)
{
    int inc = in_ctx(c->iso3, ctx, nctx);
    switch (c->kind) {
    case WHERE_KIND_COUNTRY: return city_state(c->iso3) ? 100 : 1000 + 200 * inc;
    case WHERE_KIND_ADMIN1:
    case WHERE_KIND_REGION: return 900 + 200 * inc;
    default: break;
    }
    if (c->gid < 0) return 950 + 200 * inc;   /* a seat of government */
    static const int rank_score[5] = { 60, 40, 20, 10, 0 };
    return 300 * inc + (c->ntype <= WHERE_NAME_ASCII ? 15 : 0)
         + rank_score[c->rank < 5 ? c->rank : 4] + 12.0 * log10(1.0 + c->pop);
}

static void place_cand(const where_gazetteer *g, uint32_t pi, int ntype, cand *c)
{
    const where_gaz_place *p = &g->places[pi];
    c->kind = p->kind;
    c->name = pool_str(g, p->name_off);
    c->iso3 = country_iso(g, p->country);
    c->admin1 = pool_str(g, p->admin1_off);
    c->lat = p->lat_e6 / 1e6;
    c->lon = p->lon_e6 / 1e6;
    c->gid = p->geonames_id;
    c->pop = p->population;
    c->rank = p->rank;
    c->ntype = ntype;
}

static void region_cand(const wregion *r, cand *c)
{
    c->kind = r->kind == RK_ADMIN1 ? WHERE_KIND_ADMIN1
            : r->kind == RK_SEAT ? WHERE_KIND_CITY : WHERE_KIND_REGION;
    c->name = r->name;
    c->iso3 = r->iso3;
    c->admin1 = r->admin1;
    c->lat = r->lat;
    c->lon = r->lon;
    c->gid = r->kind == RK_SEAT ? (r->gid ? -r->gid : -1) : 0;
    c->pop = 0;
    c->rank = 4;
    c->ntype = WHERE_NAME_PRIMARY;
}

static void copy_str(char *dst, size_t dsz, const char *src)
{
    size_t n = strlen(src);
    if (n >= dsz) {
        n = dsz - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80) n--;   /* whole characters */
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static void fill_place(const cand *c, where_place *out)
{
    static const char *const prec[] = { "city", "admin1", "country", "region" };
    memset(out, 0, sizeof *out);
    copy_str(out->name, sizeof out->name, c->name);
    copy_str(out->country, sizeof out->country, c->iso3);
    copy_str(out->admin1, sizeof out->admin1, c->admin1);
    out->lat = c->lat;
    out->lon = c->lon;
    out->geonames_id = c->gid < 0 ? (c->gid == -1 ? 0 : -c->gid) : c->gid;
    out->precision = prec[c->kind >= 0 && c->kind <= 3 ? c->kind : 0];
}

/* Index range [*lo, *hi) of the names with hash h (bounds-checked). */
static void name_range(const where_gazetteer *g, uint64_t h, size_t *lo, size_t *hi)
{
    uint32_t b = (uint32_t)(h >> 48);
    size_t a = g->buckets[b], z = g->buckets[b + 1], n = g->h->nnames;
    *lo = *hi = 0;
    if (a > z || z > n) return;
    while (a < z) {                 /* first entry with hash >= h */
        size_t m = a + (z - a) / 2;
        if (g->names[m].hash < h) a = m + 1; else z = m;
    }
    z = a;
    while (z < g->buckets[b + 1] && z < n && g->names[z].hash == h) z++;
    *lo = a;
    *hi = z;
}

#define PRIMARY_CITIES 0x10u   /* kinds flag: a city only by its own name */
#define NOT_OBSCURE    0x20u   /* kinds flag: no hamlets outside the context */

static int cand_ok(const cand *c, unsigned kinds)
{
    if (!(kinds & (1u << c->kind))) return 0;
    if ((kinds & PRIMARY_CITIES) && c->kind == WHERE_KIND_CITY && c->ntype == WHERE_NAME_ALT) return 0;
    return 1;
}

/* A city too obscure to be meant without context: under 1,000 people, or
 * under 10,000 and known by that name only as an alternate name. */
static int obscure(const cand *c, const char (*ctx)[4], size_t nctx)
{
    if (c->kind != WHERE_KIND_CITY || c->gid <= 0 || c->rank <= 1 || in_ctx(c->iso3, ctx, nctx))
        return 0;
    return c->pop < 1000 || (c->ntype == WHERE_NAME_ALT && c->pop < 10000);
}

static int cand_ok_ctx(const cand *c, const char *want_iso, const char *want_admin1,
                       unsigned kinds, const char (*ctx)[4], size_t nctx)
{
    if (!cand_ok(c, kinds)) return 0;
    if ((kinds & NOT_OBSCURE) && !want_iso && obscure(c, ctx, nctx)) return 0;
    if (want_iso && memcmp(c->iso3, want_iso, 3) != 0) return 0;
    if (want_admin1 && want_admin1[0] && strcmp(c->admin1, want_admin1) != 0) return 0;
    return 1;
}

static int lookup_ex(const where_gazetteer *g, const char *key, size_t klen,
                     const char (*ctx)[4], size_t nctx, const char *want_iso,
                     const char *want_admin1, unsigned kinds, where_place *out)
{
    if (klen == 0 || klen > 0xFFFF) return 0;
    uint64_t h = key_hash(key, klen);
    cand best = { 0 }, c;
    double best_score = -1;
    size_t lo, hi;
    name_range(g, h, &lo, &hi);
    for (size_t i = lo; i < hi; i++) {
        const where_gaz_name *nm = &g->names[i];
        if (nm->keylen != klen || nm->type == WHERE_NAME_DEMONYM || nm->place >= g->h->nplaces)
            continue;
        place_cand(g, nm->place, nm->type, &c);
        if (!cand_ok_ctx(&c, want_iso, want_admin1, kinds, ctx, nctx)) continue;
        double s = cand_score(&c, ctx, nctx);
        if (s > best_score) { best_score = s; best = c; }
    }
    size_t a = 0, z = g->nrkeys;
    while (a < z) {
        size_t m = a + (z - a) / 2;
        if (g->rkeys[m].hash < h) a = m + 1; else z = m;
    }
    for (; a < g->nrkeys && g->rkeys[a].hash == h; a++) {
        if (g->rkeys[a].keylen != klen) continue;
        region_cand(&g->regs[g->rkeys[a].region], &c);
        if (!cand_ok_ctx(&c, want_iso, want_admin1, kinds, ctx, nctx)) continue;
        double s = cand_score(&c, ctx, nctx);
        if (s > best_score) { best_score = s; best = c; }
    }
    if (best_score < 0) return 0;
    fill_place(&best, out);
    return 1;
}

/* The country a demonym names ("Uzbek" -> UZB), or NULL. */
static const char *demonym_iso(const where_gazetteer *g, const char *key, size_t klen)
{
    size_t lo, hi;
    name_range(g, key_hash(key, klen), &lo, &hi);
    for (size_t i = lo; i < hi; i++) {
        const where_gaz_name *nm = &g->names[i];
        if (nm->type == WHERE_NAME_DEMONYM && nm->keylen == klen && nm->place < g->h->nplaces)
            return country_iso(g, g->places[nm->place].country);
    }
    return NULL;
}

#define ALL_KINDS 0xFu

/* The gazetteer's own copy of an ISO3 code (a pointer that outlives p). */
static const char *country_iso_of(const where_gazetteer *g, const char *iso3)
{
    for (uint32_t i = 0; i < g->h->ncountries; i++)
        if (memcmp(g->countries[i].iso3, iso3, 4) == 0) return g->countries[i].iso3;
    return NULL;
}

int where_lookup(const where_gazetteer *g, const char *name, size_t len,
                 const char (*ctx)[4], size_t nctx, where_place *out)
{
    if (!g || !name || !out) return 0;
    char key[256];
    size_t n = where_normalise(name, len, key, sizeof key);
    if (!lookup_ex(g, key, n, ctx, nctx, NULL, NULL, ALL_KINDS, out)) return 0;
    out->start = 0;
    out->end = len;
    return 1;
}

/* ------------------------------------------------------------ tokenising */

enum { TK_WORD = 1, TK_CAP = 2, TK_POSS = 4, TK_PUNCT = 8, TK_ALLCAP = 16 };
typedef struct wtok { uint32_t s, e; uint32_t m; uint16_t f; } wtok;   /* m: WB_* bits */

/* Word-list bits (the lists are below, wclass_build() indexes them). */
enum {
    WB_LOC = 1u << 0, WB_ON = 1u << 1, WB_TO = 1u << 2, WB_MOTION = 1u << 3, WB_VERB = 1u << 4,
    WB_DET = 1u << 5, WB_ADJ = 1u << 6, WB_NOUN = 1u << 7, WB_NOUN_LINK = 1u << 8,
    WB_NOUN_OF = 1u << 9, WB_INSTITUTION = 1u << 10, WB_NOPLACE = 1u << 11,
    WB_CONNECT = 1u << 12, WB_BOUND = 1u << 13, WB_ADMIN_NOUN = 1u << 14, WB_OF = 1u << 15,
    WB_REPORT = 1u << 16, WB_TITLE = 1u << 17, WB_REL = 1u << 18, WB_EVENT = 1u << 19,
    WB_EVENT_CUE = 1u << 20, WB_ACCORDING = 1u << 21, WB_SOFT_BOUND = 1u << 22,
    WB_PREP = 1u << 23, WB_OWNED = 1u << 24
};

static uint32_t wclass_hash(const char *w, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)w[i]) * 16777619u;
    return h;
}

/* The WB_* bits of the word s[0..n) (ASCII, any case); 0 if in no list. */
static uint32_t wclass_get(const where_gazetteer *g, const char *s, size_t n)
{
    char w[WCLASS_MAXLEN + 1];
    if (n == 0 || n > WCLASS_MAXLEN) return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) return 0;
        w[i] = (char)((CLS(c) & C_UP) ? c | 0x20 : c);
    }
    for (uint32_t h = wclass_hash(w, n) & (WCLASS_SLOTS - 1);; h = (h + 1) & (WCLASS_SLOTS - 1)) {
        const wclass_slot *e = &g->wclass[h];
        if (!e->w[0]) return 0;
        if (memcmp(e->w, w, n) == 0 && e->w[n] == '\0') return e->bits;
    }
}
#define WHERE_MAXTOK 1024
#define WHERE_WINDOW 1000   /* bytes of a long sentence read each side of the trigger */

/* Is the code point at s[i] (length l) a letter for tokenising? */
static int cp_letter(uint32_t cp)
{
    return !(cp < 0xC0 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x3000 || cp == 0xFEFF
             || (cp >= 0x2190 && cp <= 0x2BFF) || cp == 0xD7 || cp == 0xF7);
}

static int is_upper_at(const unsigned char *s, size_t n)
{
    if (CLS(s[0]) & C_UP) return 1;
    uint32_t cp;
    size_t l = utf8_dec(s, n, &cp);
    if (!l) return 0;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return 1;
    if (cp >= 0x100 && cp <= 0x137) return (cp & 1) == 0;
    if (cp >= 0x139 && cp <= 0x148) return (cp & 1) == 1;
    if (cp >= 0x14A && cp <= 0x177) return (cp & 1) == 0;
    if (cp == 0x178) return 1;
    if (cp >= 0x179 && cp <= 0x17E) return (cp & 1) == 1;
    return 0;
}

/* Tokenise s[lo..hi) into toks; returns the count. */
static size_t tokenise(const where_gazetteer *g, const char *str, size_t lo, size_t hi,
                       wtok *toks, size_t max)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t n = 0, i = lo;
    while (i < hi && n < max) {
        unsigned char c = s[i];
        uint8_t k = CLS(c);
        if ((k & C_SP) || c == 0) { i++; continue; }
        uint32_t cp = c;
        size_t l = 1;
        if (k & C_HI) {
            l = utf8_dec(s + i, hi - i, &cp);
            if (!l) { i++; continue; }
            if (cp == 0xA0 || cp == 0x200B || (cp >= 0x2000 && cp <= 0x200A)) { i += l; continue; }
        }
        if ((k & (C_LO | C_UP | C_DI)) || ((k & C_HI) && cp_letter(cp))) {
            size_t j = i;
            while (j < hi) {
                unsigned char d = s[j];
                if (CLS(d) & (C_LO | C_UP | C_DI)) { j++; continue; }
                if (CLS(d) & C_HI) {
                    uint32_t q;
                    size_t m = utf8_dec(s + j, hi - j, &q);
                    if (m && cp_letter(q)) { j += m; continue; }
                    if (m && q == 0x2019 && j + m < hi && (CLS(s[j + m]) & (C_LO | C_UP))) { j += m; continue; }
                    break;
                }
                if ((d == '-' || d == '\'' || d == '.') && j + 1 < hi
                    && (CLS(s[j + 1]) & (C_LO | C_UP | C_DI | C_HI))) { j++; continue; }
                break;
            }
            wtok t = { (uint32_t)i, (uint32_t)j, 0, TK_WORD };
            size_t e = j;
            if (e - i >= 3 && (s[e - 1] == 's' || s[e - 1] == 'S') && s[e - 2] == '\'') {
                t.e = (uint32_t)(e - 2); t.f |= TK_POSS;
            } else if (e - i >= 5 && (s[e - 1] == 's' || s[e - 1] == 'S') && s[e - 2] == 0x99
                       && s[e - 3] == 0x80 && s[e - 4] == 0xE2) {
                t.e = (uint32_t)(e - 4); t.f |= TK_POSS;
            }
            if (is_upper_at(s + i, hi - i)) {
                t.f |= TK_CAP;
                int all = 1, letters = 0;
                for (size_t q = t.s; q < t.e; q++) {
                    if (CLS(s[q]) & C_LO) all = 0;
                    if (CLS(s[q]) & (C_UP | C_LO)) letters++;
                }
                if (all && letters >= 2) t.f |= TK_ALLCAP;
            }
            t.m = wclass_get(g, str + t.s, t.e - t.s);
            toks[n++] = t;
            i = j;
            continue;
        }
        /* punctuation: one character, "--" as one */
        size_t e = i + l;
        if (c == '-' && e < hi && s[e] == '-') e++;
        toks[n++] = (wtok){ (uint32_t)i, (uint32_t)e, 0, TK_PUNCT };
        i = e;
    }
    return n;
}

/* Case-insensitive: is token t the ASCII word w? */
static int tok_is(const char *s, const wtok *t, const char *w)
{
    size_t n = t->e - t->s;
    if (!(t->f & TK_WORD) || strlen(w) != n) return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[t->s + i];
        if (CLS(c) & C_UP) c = (unsigned char)(c | 0x20);
        if (c != (unsigned char)w[i]) return 0;
    }
    return 1;
}

static int tok_punct(const char *s, const wtok *t, const char *p)
{
    size_t n = strlen(p);
    return (t->f & TK_PUNCT) && t->e - t->s == n && memcmp(s + t->s, p, n) == 0;
}

static const char *const W_LOC[] = { "in", "at", "near", "outside", "inside", "across",
    "throughout", "within", "into", "around", "off", "along", "nearby", "through", NULL };
static const char *const W_ON[] = { "on", "upon", NULL };
static const char *const W_TO[] = { "to", "towards", "toward", NULL };
static const char *const W_MOTION[] = { "fly", "flew", "flown", "flies", "flying", "travel",
    "travels", "traveled", "travelled", "traveling", "travelling", "trip", "trips", "visit",
    "visits", "journey", "went", "go", "goes", "going", "gone", "came", "come", "comes",
    "coming", "return", "returns", "returned", "returning", "head", "heads", "headed",
    "heading", "sail", "sailed", "deploy", "deployed", "deploying", "deployment", "sent",
    "send", "sends", "rushed", "evacuated", "fled", "flee", "drove", "marched", "arrived",
    "delegation", "tour", "dispatched", "moved", "relocated", "transferred", "back",
    "voyage", "pilgrimage", "mission", "expedition", "sailing", "troops", "forces", NULL };
static const char *const W_VERB[] = { "visit", "visits", "visited", "visiting", "toured",
    "tours", "shelled", "shelling", "shells", "bombed", "bombing", "bombarded", "struck",
    "pounded", "raided", "stormed", "captured", "captures", "seized", "recaptured",
    "liberated", "besieged", "entered", "enters", "reached", "evacuated", "hit", "hits",
    "attacked", "invaded", NULL };
static const char *const W_DET[] = { "the", "a", "an", "its", "their", "his", "her", NULL };
static const char *const W_ADJ[] = { "eastern", "western", "northern", "southern", "central",
    "northeastern", "northwestern", "southeastern", "southwestern", "north", "south", "east",
    "west", "far", "occupied", "disputed", "restive", "besieged", "embattled", "breakaway",
    "coastal", "remote", "neighbouring", "neighboring", "nearby", "frontline", "annexed",
    "mainland", "southernmost", "northernmost", "troubled", "volatile", "mountainous",
    "strategic", "key", "contested", "divided", "tiny", "small", "major", "largest", "big",
    "industrial", "ancient", "historic", "flooded", "devastated", "shattered", "sprawling",
    "bustling", "capital's", "same", "nearby", "other", "whole", "entire", "vast",
    "impoverished", "densely", "populated", "oil-rich", "semi-autonomous", "autonomous",
    "tense", "heavily", "fortified", "rebel", "separatist", "government", "opposition",
    "seaside", "resort", "desert", "northeast", "northwest", "southeast",
    "southwest", "upper", "lower", "old", "new", NULL };
static const char *const W_NOUN[] = { "city", "cities", "town", "towns", "village",
    "villages", "capital", "port", "region", "regions", "province", "provinces", "state",
    "district", "county", "area", "areas", "territory", "territories", "enclave", "island",
    "islands", "peninsula", "oblast", "governorate", "prefecture", "municipality",
    "settlement", "suburb", "suburbs", "outskirts", "border", "borders", "coast", "coastline",
    "waters", "neighborhood", "neighbourhood", "streets", "center", "centre", "heart",
    "part", "parts", "hub", "camp", "shores", "banks", "countryside", "interior", "north",
    "south", "east", "west", "nation", "country", "kingdom", "emirate", "republic", "strait",
    "straits", "gulf", "sea", "archipelago", "base", "facility", "mountains", "hills",
    "valley", "desert", "capitals", "enclaves", "towns", NULL };
/* Words that may follow a place noun before the name: "outskirts of", "a
 * village near", "the border with". */
static const char *const W_NOUN_LINK[] = { "of", "near", "outside", "with", "in", NULL };
/* Place nouns that introduce a name with "of" without a preposition:
 * "the border town of Rafah". */
static const char *const W_NOUN_OF[] = { "city", "town", "village", "port", "province",
    "region", "state", "district", "county", "island", "enclave", "territory", "capital",
    "oblast", "governorate", "prefecture", "settlement", "hamlet", "municipality", NULL };
/* A capitalised word after a name making it an institution or building. */
static const char *const W_INSTITUTION[] = { "court", "council", "assembly", "parliament",
    "airport", "square", "hospital", "university", "street", "palace", "stadium", "hotel",
    "church", "mosque", "cathedral", "bridge", "house", "park", "prison", "college",
    "school", "times", "post", "company", "corp", "bank", "club", "fc", "united", "city",
    "county", "party", "accord", "accords", "agreement", "protocol", "treaty", "summit",
    "convention", "declaration", "process", "format", "group", "forum", "club", NULL };
/* Lower-case nouns after a country name that make it an owner, not a place:
 * "near a US convoy", "in a US air strike", "outside the Indonesian
 * embassy". */
static const char *const W_OWNED[] = { "convoy", "convoys", "embassy", "consulate", "base", "bases",
    "troops", "soldiers", "forces", "patrol", "patrols", "air", "military", "officials", "official",
    "diplomats", "diplomat", "citizens", "nationals", "citizen", "national", "company", "firm",
    "ship", "warship", "plane", "aircraft", "envoy", "ambassador", "checkpoint", "outpost",
    "helicopter", "drone", "jet", "jets", "strike", "strikes", "raid", "raids", "tanks", NULL };
/* Capitalised words that are never the place an event happens. */
static const char *const W_NOPLACE[] = { "january", "february", "march", "april", "may",
    "june", "july", "august", "september", "october", "november", "december", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "congress",
    "parliament", "senate", "court", "council", "assembly", "cabinet", "house", "government",
    "police", "army", "navy", "ministry", "office", "reuters", "president", "minister",
    "prime", "god", "christmas", "easter", "ramadan", "west", "east", "north", "south",
    "twitter", "addition", "response", "particular", "general", "total", "public",
    "private", "english", "french", "spanish", "arabic", "russian", "chinese", "german",
    "mr", "mrs", "ms", "dr", "i", "we", "they", "he", "she", "it", "this", "that", "these",
    "those", "there", "here", "his", "her", "its", "our", "their", "the", "a", "an",
    "parliament's", "union", "nato", "un", "eu", "party", "opposition", "republicans",
    "democrats", "state", "states", "court's", "white", NULL };
static const char *const W_CONNECT[] = { "of", "de", "del", "da", "do", "dos", "das", "la",
    "le", "les", "al", "el", "en", "sur", "am", "an", "im", "upon", "and", "the", "di",
    "du", "des", "y", "i", "es", "ul", "ad", "aan", "van", "von", "der", "den", "on", NULL };
/* Words opening a clause of another thought (contrast, cause): a place
 * across one is not the event's. */
static const char *const W_BOUND[] = { "but", "whereas", "although", "though", "because",
    "whereupon", NULL };
/* Words opening a clause of the same scene ("killed when a drone struck an
 * apartment block in Odesa") or another sentence's thought: a place across
 * one only if none is nearer. */
static const char *const W_SOFT_BOUND[] = { "while", "whilst", "after", "before", "when",
    "since", "until", "meanwhile", "however", "later", "earlier", "also", NULL };
static const char *const W_ADMIN_NOUN[] = { "region", "province", "oblast", "state",
    "governorate", "prefecture", "district", "county", NULL };
static const char *const W_OF[] = { "of", NULL };
/* Reporting verbs of a tail clause (", the ministry said."). */
static const char *const W_REPORT[] = { "said", "says", "say", "told", "tells", "added",
    "adds", "according", "stated", "noted", "insisted", "explained", "wrote", "reported",
    "quoted", "warned", NULL };
/* Titles opening an apposition (", a professor at ..."): an affiliation, not a place. */
static const char *const W_TITLE[] = { "professor", "fellow", "lecturer", "researcher",
    "analyst", "expert", "director", "chair", "chairman", "chairwoman", "dean", "scholar",
    "spokesman", "spokeswoman", "spokesperson", "editor", "correspondent", "economist",
    "historian", "adviser", "advisor", "founder", "specialist", "associate", "student",
    "author", NULL };
/* Relative pronouns: a clause of its own unless they follow the place. */
static const char *const W_REL[] = { "that", "which", "who", "whom", "whose", NULL };
/* Event nouns a place name may modify: "the Beijing Olympics", "the Geneva talks". */
static const char *const W_EVENT[] = { "olympics", "paralympics", "games", "summit",
    "summits", "talks", "conference", "meeting", "meetings", "ceremony", "negotiations",
    "festival", "parade", "funeral", "inauguration", "marathon", "expo", "championships",
    "olympiad", "rally", "commemoration", "commemorations", "celebrations", NULL };
/* Prepositions that give an event noun phrase its place ("for the Beijing Olympics",
 * "during the Geneva talks"); "of" only after an event noun ("the opening
 * ceremony of the Beijing Olympics"). */
static const char *const W_EVENT_CUE[] = { "for", "during", "of", "attend", "attends",
    "attended", "attending", NULL };
static const char *const W_ACCORDING[] = { "according", NULL };
/* Other prepositions ("by that time", "with which"): "that" after one is a determiner. */
static const char *const W_PREP[] = { "from", "by", "with", "about", "under", "over",
    "against", "without", "like", "upon", "within", NULL };

static void wclass_build(where_gazetteer *g)
{
    static const struct { const char *const *list; uint32_t bit; } lists[] = {
        { W_LOC, WB_LOC }, { W_ON, WB_ON }, { W_TO, WB_TO }, { W_MOTION, WB_MOTION },
        { W_VERB, WB_VERB }, { W_DET, WB_DET }, { W_ADJ, WB_ADJ }, { W_NOUN, WB_NOUN },
        { W_NOUN_LINK, WB_NOUN_LINK }, { W_NOUN_OF, WB_NOUN_OF },
        { W_INSTITUTION, WB_INSTITUTION }, { W_OWNED, WB_OWNED }, { W_NOPLACE, WB_NOPLACE }, { W_CONNECT, WB_CONNECT },
        { W_BOUND, WB_BOUND }, { W_ADMIN_NOUN, WB_ADMIN_NOUN }, { W_OF, WB_OF },
        { W_REPORT, WB_REPORT }, { W_TITLE, WB_TITLE }, { W_REL, WB_REL }, { W_EVENT, WB_EVENT },
        { W_EVENT_CUE, WB_EVENT_CUE }, { W_ACCORDING, WB_ACCORDING },
        { W_SOFT_BOUND, WB_SOFT_BOUND }, { W_PREP, WB_PREP },
    };
    for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++)
        for (const char *const *w = lists[l].list; *w; w++) {
            size_t n = strlen(*w);
            if (n > WCLASS_MAXLEN) continue;
            uint32_t h = wclass_hash(*w, n) & (WCLASS_SLOTS - 1);
            while (g->wclass[h].w[0] && strcmp(g->wclass[h].w, *w) != 0) h = (h + 1) & (WCLASS_SLOTS - 1);
            memcpy(g->wclass[h].w, *w, n + 1);
            g->wclass[h].bits |= lists[l].bit;
        }
}

static int is_quote(const char *s, const wtok *t)
{
    return (t->f & TK_PUNCT) && (tok_punct(s, t, "\"") || tok_punct(s, t, "\xE2\x80\x9C")
                                 || tok_punct(s, t, "\xE2\x80\x9D") || tok_punct(s, t, "\xC2\xAB")
                                 || tok_punct(s, t, "\xC2\xBB"));
}

/* Hyphenated adjectives: "Russian-held", "rebel-controlled", "war-torn",
 * and any lower-case compound ("low-lying", "flood-prone"). */
static int hyphen_adj(const char *s, const wtok *t)
{
    if (!(t->f & TK_CAP) && memchr(s + t->s, '-', t->e - t->s)) return 1;
    static const char *const suf[] = { "-held", "-controlled", "-occupied", "-backed",
        "-run", "-administered", "-torn", "-hit", "-ravaged", "-affected", "-rich",
        "-dominated", "-speaking", "-based", "-stricken", NULL };
    size_t n = t->e - t->s;
    for (const char *const *p = suf; *p; p++) {
        size_t m = strlen(*p);
        if (n > m && memcmp(s + t->s + n - m, *p, m) == 0) return 1;
    }
    return 0;
}

typedef struct wctx {
    const where_gazetteer *g;
    const char *s;
    const wtok *t;
    size_t n;
    const char (*ctx)[4];
    size_t nctx;
    const where_span *ex;
    size_t nex;
} wctx;

static int overlaps_ex(const wctx *w, size_t a, size_t b)
{
    for (size_t i = 0; i < w->nex; i++)
        if (w->ex[i].start < b && a < w->ex[i].end) return 1;
    return 0;
}

/* Longest capitalised name at token j: fills out and *last (its last
 * token).  want_iso restricts to one country, kinds to some precisions. */
static int match_name(const wctx *w, size_t j, const char *want_iso, unsigned kinds,
                      size_t *last, where_place *out)
{
    const wtok *t = w->t;
    if (j >= w->n || !(t[j].f & TK_CAP)) return 0;
    size_t end = j;             /* furthest token a name may reach */
    for (size_t k = j + 1; k < w->n && k < j + 7; k++) {
        if (t[k].f & TK_CAP) { end = k; continue; }
        if ((t[k].m & WB_CONNECT) && k + 1 < w->n && (t[k + 1].f & (TK_CAP | TK_WORD))
            && !(t[k - 1].f & TK_POSS)) continue;
        if (tok_punct(w->s, &t[k], ".") && t[k - 1].e - t[k - 1].s <= 3 && (t[k - 1].f & TK_CAP)
            && k + 1 < w->n && t[k + 1].s == t[k].e + 1 && (t[k + 1].f & TK_CAP)) continue;
        break;
    }
    char key[256];
    for (size_t k = end + 1; k-- > j;) {
        if (!(t[k].f & TK_CAP)) continue;
        if (k > j && (t[k - 1].f & TK_POSS)) continue;  /* not across "Russia's Belgorod" */
        int poss_inside = 0;
        for (size_t q = j; q < k; q++) if (t[q].f & TK_POSS) poss_inside = 1;
        if (poss_inside) continue;
        size_t n = where_normalise(w->s + t[j].s, t[k].e - t[j].s, key, sizeof key);
        if (n == 0 || n + 16 >= sizeof key) continue;
        /* "the Donetsk region": the region by its name if regions.txt has it */
        if (k + 1 < w->n && !(t[k].f & TK_POSS) && (t[k + 1].m & WB_ADMIN_NOUN)) {
            size_t n2 = where_normalise(w->s + t[j].s, t[k + 1].e - t[j].s, key, sizeof key);
            if (lookup_ex(w->g, key, n2, w->ctx, w->nctx, want_iso, NULL,
                          kinds & ((1u << WHERE_KIND_ADMIN1) | (1u << WHERE_KIND_REGION)), out)) {
                *last = k + 1;
                return 1;
            }
            n = where_normalise(w->s + t[j].s, t[k].e - t[j].s, key, sizeof key);
        }
        if (k == j && (t[j].m & WB_NOPLACE)) return 0;
        if (lookup_ex(w->g, key, n, w->ctx, w->nctx, want_iso, NULL, kinds, out)) {
            *last = k;
            return 1;
        }
    }
    return 0;
}

/* A qualifier after a name: "Paris, Texas", "Kyiv, Ukraine".  Re-ranks the
 * name at tokens [j, k] inside that country / admin1. */
static void qualify(const wctx *w, size_t j, size_t k, where_place *p)
{
    const wtok *t = w->t;
    if (k + 2 >= w->n || !tok_punct(w->s, &t[k + 1], ",") || !(t[k + 2].f & TK_CAP)) return;
    where_place q, r;
    size_t last;
    if (!match_name(w, k + 2, NULL, (1u << WHERE_KIND_COUNTRY) | (1u << WHERE_KIND_ADMIN1), &last, &q))
        return;
    if (strcmp(q.country, p->country) == 0 && (!q.admin1[0] || strcmp(q.admin1, p->admin1) == 0))
        return;     /* already there */
    char key[256];
    size_t n = where_normalise(w->s + t[j].s, t[k].e - t[j].s, key, sizeof key);
    if (lookup_ex(w->g, key, n, w->ctx, w->nctx, q.country, q.admin1,
                  (1u << WHERE_KIND_CITY) | (1u << WHERE_KIND_ADMIN1), &r)
        || lookup_ex(w->g, key, n, w->ctx, w->nctx, q.country, NULL,
                     (1u << WHERE_KIND_CITY) | (1u << WHERE_KIND_ADMIN1), &r)) {
        r.start = p->start;
        r.end = p->end;
        *p = r;
    }
}

/* Skip what may stand between a cue and a name; returns the token index of
 * the name and sets *want to a demonym's country, *noun if a place noun. */
static size_t skip_to_name(const wctx *w, size_t j, const char **want, int *noun)
{
    const wtok *t = w->t;
    char key[64];
    for (int steps = 0; j < w->n && steps < 10; steps++) {
        const wtok *x = &t[j];
        if (x->f & TK_CAP) {
            /* a demonym before a lower-case word: "the Uzbek city of" */
            if (j + 1 < w->n && !(t[j + 1].f & TK_CAP) && (t[j + 1].f & TK_WORD)
                && !(x->f & TK_POSS)) {
                size_t n = where_normalise(w->s + x->s, x->e - x->s, key, sizeof key);
                const char *iso = n ? demonym_iso(w->g, key, n) : NULL;
                if (!iso && n > 0 && n + 6 < sizeof key) {
                    /* "Uzbek" -> Uzbekistan, "Kazakh" -> Kazakhstan */
                    static const char *const stan[] = { "istan", "stan" };
                    where_place cp;
                    for (size_t q = 0; q < 2 && !iso; q++) {
                        size_t m = strlen(stan[q]);
                        memcpy(key + n, stan[q], m + 1);
                        if (lookup_ex(w->g, key, n + m, NULL, 0, NULL, NULL,
                                      1u << WHERE_KIND_COUNTRY, &cp))
                            iso = country_iso_of(w->g, cp.country);
                    }
                }
                if (iso && !(t[j + 1].m & WB_CONNECT)) { *want = iso; j++; continue; }
                if (j + 2 < w->n && (t[j + 1].m & WB_NOUN_OF)
                    && (t[j + 2].m & WB_OF)) { j++; continue; }
            }
            return j;
        }
        if (x->f & TK_WORD) {
            /* "east" is a noun before "of" ("in the east of the Gaza Strip") */
            int noun_of = (x->m & WB_NOUN) && j + 1 < w->n && (t[j + 1].m & WB_NOUN_LINK);
            if (!noun_of && ((x->m & WB_DET) || (x->m & WB_ADJ) || hyphen_adj(w->s, x))) { j++; continue; }
            if ((x->m & WB_NOUN)) {
                *noun = 1;
                if ((x->m & WB_ADMIN_NOUN) && j + 1 < w->n && (t[j + 1].m & WB_OF))
                    *noun = 2;
                j++;
                continue;
            }
            if (*noun && (x->m & WB_NOUN_LINK)) { j++; continue; }
            return w->n;
        }
        if (*noun && tok_punct(w->s, x, ",")) { j++; continue; }
        return w->n;
    }
    return w->n;
}

typedef struct found { where_place p; size_t tok, last; } found;

/* Is the name ending at token last followed by an event noun, with at most
 * two capitalised words between ("the Beijing Winter Olympics")? */
static size_t event_noun_after(const wctx *w, size_t last)
{
    for (size_t k = last + 1; k < w->n && k <= last + 3; k++) {
        if (w->t[k].m & WB_EVENT) return k;
        if (!(w->t[k].f & TK_CAP) || (w->t[k].f & TK_POSS)) break;
    }
    return 0;
}

/* A comma at token k that opens a reporting tail (", the ministry said.",
 * "...,\" said X", ", according to X") or an apposition naming a post
 * (", a professor at ..."): what stands after it is not where the clause
 * before it happens, nor the other way round. */
static int tail_comma(const wctx *w, size_t k)
{
    const wtok *t = w->t;
    size_t q = k + 1;
    int quote = k > 0 && is_quote(w->s, &t[k - 1]);
    while (q < w->n && is_quote(w->s, &t[q])) { quote = 1; q++; }
    if (q >= w->n) return 0;
    if (t[q].m & WB_ACCORDING) return 1;
    if (t[q].m & WB_REPORT) return quote;   /* "Putin, speaking in Moscow, said" is no tail */
    for (size_t j = q; j < w->n && j < q + 4 && (t[j].f & TK_WORD); j++)
        if (t[j].m & WB_TITLE) return 1;
    if (tok_is(w->s, &t[q], "and") || tok_is(w->s, &t[q], "or") || tok_is(w->s, &t[q], "but"))
        return 0;   /* ", and Dumbarton Oaks each added a stone" */
    for (size_t j = q, words = 0; j < w->n && words <= 5; j++) {
        if (t[j].f & TK_PUNCT) {
            if (!tok_punct(w->s, &t[j], ".")) return 0;   /* "Mr." */
            continue;
        }
        if (t[j].m & WB_REPORT) {
            size_t rest = 0;
            for (size_t r = j + 1; r < w->n && !tok_punct(w->s, &t[r], ","); r++) {
                if (t[r].m & WB_REL) return 0;              /* "said that ..." */
                rest++;
            }
            return rest <= 6;
        }
        words++;
    }
    return 0;
}

enum { BD_NONE = 0, BD_SOFT, BD_HARD, BD_REL };

/* What kind of clause boundary token k is. */
static int bound_kind(const wctx *w, size_t k)
{
    const wtok *t = &w->t[k];
    if (t->f & TK_PUNCT) {
        if (tok_punct(w->s, t, ";") || tok_punct(w->s, t, ":")) return BD_HARD;
        if (tok_punct(w->s, t, ",")) return tail_comma(w, k) ? BD_HARD : BD_NONE;
        if (tok_punct(w->s, t, "--") || tok_punct(w->s, t, "\xE2\x80\x94")
            || tok_punct(w->s, t, "\xE2\x80\x93"))
            return BD_SOFT;
        return BD_NONE;
    }
    if (t->m & WB_BOUND) return BD_HARD;
    /* "as well as" joins another event ("the invasion of Georgia, as well as
     * the seizure of Crimea") */
    if (k > 0 && k + 1 < w->n && tok_is(w->s, t, "well") && tok_is(w->s, t - 1, "as")
        && tok_is(w->s, t + 1, "as"))
        return BD_HARD;
    /* "on that station", "in that year": a determiner */
    if (t->m & WB_REL)
        return k > 0 && (t[-1].m & (WB_LOC | WB_ON | WB_TO | WB_OF | WB_EVENT_CUE | WB_PREP))
               && tok_is(w->s, t, "that") ? BD_NONE : BD_REL;
    if (t->m & WB_SOFT_BOUND) return BD_SOFT;
    return BD_NONE;
}

/* Does a city of at least 100,000 people carry this name as its own? */
static int big_city(const where_gazetteer *g, const char *key, size_t klen)
{
    size_t lo, hi;
    name_range(g, key_hash(key, klen), &lo, &hi);
    for (size_t i = lo; i < hi; i++) {
        const where_gaz_name *nm = &g->names[i];
        if (nm->keylen == klen && nm->type <= WHERE_NAME_ASCII && nm->place < g->h->nplaces
            && g->places[nm->place].kind == WHERE_KIND_CITY
            && g->places[nm->place].population >= 100000)
            return 1;
    }
    return 0;
}

/* Is precision a finer than b (city < admin1 < country, region)? */
static int finer(const char *a, const char *b)
{
    int ra = a[0] == 'c' && a[1] == 'i' ? 0 : a[0] == 'a' ? 1 : 2;
    int rb = b[0] == 'c' && b[1] == 'i' ? 0 : b[0] == 'a' ? 1 : 2;
    return ra < rb;
}

/* "X's conflicts with", "X's relations between", "X's war against": a
 * relation of X's, not a place in X (unlike "X's presidential election"). */
static int relation_after(const wctx *w, size_t k)
{
    for (size_t q = k + 1; q < w->n && q <= k + 3 && (w->t[q].f & TK_WORD) && !(w->t[q].f & TK_CAP); q++)
        if (q > k + 1 && (tok_is(w->s, &w->t[q], "with") || tok_is(w->s, &w->t[q], "between")
                          || tok_is(w->s, &w->t[q], "against")))
            return 1;
    return 0;
}

/* The place a cue at token i introduces, if any. */
static int place_after_cue(const wctx *w, size_t i, found *f)
{
    const wtok *t = w->t;
    const char *s = w->s;
    int cue = 0;
    if (t[i].m & WB_LOC) cue = 1;
    else if (t[i].m & WB_ON) cue = 2;
    else if (t[i].m & WB_TO) {
        if ((i >= 1 && (t[i - 1].m & WB_MOTION)) || (i >= 2 && (t[i - 2].m & WB_MOTION))
            || (i >= 3 && (t[i - 3].m & WB_MOTION)))
            cue = 3;
    } else if (t[i].m & WB_VERB) cue = 4;
    else if ((t[i].m & WB_NOUN_OF) && i + 1 < w->n && (t[i + 1].m & WB_OF)) cue = 5;
    else if ((t[i].m & WB_EVENT_CUE) && (!(t[i].m & WB_OF) || (i > 0 && (t[i - 1].m & WB_EVENT))))
        cue = 6;
    if (!cue) return 0;
    const char *want = NULL;
    int noun = 0;
    size_t j = skip_to_name(w, cue == 5 ? i + 2 : i + 1, &want, &noun);
    if (j >= w->n) return 0;
    if (cue == 5) noun = (t[i].m & WB_ADMIN_NOUN) ? 2 : 1;
    size_t last;
    where_place p;
    /* "the province of X": a region, not a city known by X as another name */
    unsigned kinds = (noun == 2 ? ALL_KINDS | PRIMARY_CITIES : ALL_KINDS) | NOT_OBSCURE;
    if (!(want && match_name(w, j, want, kinds, &last, &p))
        && !match_name(w, j, NULL, kinds, &last, &p))
        return 0;
    if (overlaps_ex(w, t[j].s, t[last].e)) return 0;
    /* "for the Beijing Olympics", "of the Geneva talks": only a name that
     * modifies an event noun */
    if (cue == 6 && !event_noun_after(w, last)) return 0;
    /* "on Russia" is a target, "on the Korean Peninsula" a place */
    if (cue == 2 && !noun && strcmp(p.precision, "region") != 0) return 0;
    /* "in the Supreme Court", "in Kyiv Post": an institution */
    if (last + 1 < w->n && (t[last + 1].f & TK_CAP) && !(t[last].f & TK_POSS)
        && (t[last + 1].m & WB_INSTITUTION))
        return 0;
    /* "near a US convoy", "in a US air strike": the country owns it */
    if (last + 1 < w->n && !(t[last + 1].f & TK_CAP) && !(t[last].f & TK_POSS) && (t[last + 1].m & WB_OWNED)
        && !strcmp(p.precision, "country"))
        return 0;
    p.start = t[j].s;
    p.end = t[last].e;
    if (t[last].f & TK_POSS) {
        /* "in Russia's Belgorod region" / "in Ukraine's east" / "in Xi's words" */
        const char *w2 = NULL;
        int noun2 = 0;
        size_t j2 = skip_to_name(w, last + 1, &w2, &noun2);
        where_place p2;
        size_t last2;
        if (j2 < w->n && strcmp(p.precision, "city") != 0
            && match_name(w, j2, p.country, ALL_KINDS, &last2, &p2)
            && !overlaps_ex(w, t[j2].s, t[last2].e)) {
            p2.start = t[j2].s;
            p2.end = t[last2].e;
            p = p2;
            last = last2;
            j = j2;
        } else if (j2 >= w->n && relation_after(w, last)) {
            return 0;   /* "in Russia's conflicts with NATO": a relation, not a place */
        } else if (!strcmp(p.precision, "city") && p.geonames_id > 0) {
            /* "in Beirut's suburbs" is a place; "in Xi's words" a person */
            char key[256];
            size_t kn = where_normalise(s + t[j].s, t[last].e - t[j].s, key, sizeof key);
            if (!big_city(w->g, key, kn)) return 0;
        }
    }
    qualify(w, j, last, &p);
    f->p = p;
    f->tok = j;
    f->last = last;
    return 1;
}

/* The place of the trigger [trig_start, trig_end) in the tokens of s; bd
 * caches the tokens' clause boundaries (*have_bd once filled). */
static int find_in(const where_gazetteer *g, const char *s, const wtok *toks, size_t n, uint8_t *bd,
                   int *have_bd, size_t trig_start, size_t trig_end, const char (*ctx)[4], size_t nctx,
                   const where_span *exclude, size_t nexclude, where_place *out)
{
    wctx w = { g, s, toks, n, ctx, nctx, exclude, nexclude };
    /* the trigger's first and last tokens */
    size_t trig = n, tlast = n;
    for (size_t i = 0; i < n; i++)
        if (toks[i].e > trig_start) { trig = i; break; }
    for (tlast = trig; tlast + 1 < n && toks[tlast + 1].s < trig_end; tlast++) {}
    found best, f;
    memset(&best, 0, sizeof best);
    long best_score = -1;
    /* "the Geneva talks": a place naming the trigger's own event noun */
    if (trig < n && (toks[trig].m & WB_EVENT))
        for (size_t j = trig > 3 ? trig - 3 : 0; j < trig && best_score < 0; j++) {
            if (!(toks[j].f & TK_CAP) || (j > 0 && (toks[j - 1].f & TK_CAP) && !(toks[j - 1].m & WB_DET)))
                continue;
            if (match_name(&w, j, NULL, ALL_KINDS | NOT_OBSCURE, &f.last, &f.p)
                && event_noun_after(&w, f.last) == trig && !overlaps_ex(&w, toks[j].s, toks[f.last].e)) {
                f.p.start = toks[j].s;
                f.p.end = toks[f.last].e;
                best = f;
                best_score = 0;
            }
        }
    /* else the mention nearest the trigger with no clause boundary between */
    for (size_t i = 0; i < n && best_score != 0; i++) {
        if (!place_after_cue(&w, i, &f)) continue;
        i = f.tok;
        if (!*have_bd) {
            for (size_t k = 0; k < n; k++) bd[k] = (uint8_t)bound_kind(&w, k);
            *have_bd = 1;
        }
        size_t a = f.tok < trig ? f.last + 1 : tlast + 1, b = f.tok < trig ? trig : f.tok;
        long soft = 0;
        int hard = 0;
        for (size_t k = a; k < b && k < n && !hard; k++) {
            if (bd[k] == BD_REL) /* "in Odesa, which was hit": the clause is about the place */
                hard = !(f.tok < trig && (k == f.last + 1 || (k == f.last + 2 && tok_punct(s, &toks[k - 1], ","))));
            else if (bd[k] == BD_HARD) hard = 1;
            else if (bd[k] == BD_SOFT) soft++;
        }
        /* "Ushakov, who briefed reporters in Moscow, said": a place inside a
         * relative clause set off by commas is not the main clause's */
        if (!hard && f.tok < trig) {
            size_t k = f.tok;
            while (k > 0 && !tok_punct(s, &toks[k - 1], ",") && bd[k - 1] != BD_HARD && bd[k] != BD_REL) k--;
            if (k > 0 && bd[k] == BD_REL && tok_punct(s, &toks[k - 1], ",") && !tok_is(s, &toks[k], "that"))
                for (size_t q = f.last + 1; q < trig && !hard; q++)
                    hard = tok_punct(s, &toks[q], ",");
        }
        if (hard) continue;
        size_t dist = f.p.start >= trig_end ? f.p.start - trig_end
                    : trig_start >= f.p.end ? trig_start - f.p.end : 0;
        long sc = soft * 1000000L + (long)(dist > 999999 ? 999998 : dist) + 1;
        /* "in the Andes near Cusco", "in eastern Ukraine, near Bakhmut": a
         * finer place straight after the chosen one narrows it down */
        int chain = best_score > 0 && f.tok > best.last && f.tok <= best.last + 4 && !soft
                 && finer(f.p.precision, best.p.precision)
                 && (!best.p.country[0] || strcmp(best.p.country, f.p.country) == 0);
        if (best_score < 0 || sc < best_score || chain) {
            best_score = sc;
            best = f;
        }
    }
    if (best_score < 0) return 0;
    *out = best.p;
    return 1;
}


int where_find(const where_gazetteer *g, const char *s, size_t len,
               size_t trig_start, size_t trig_end,
               const char (*ctx)[4], size_t nctx,
               const where_span *exclude, size_t nexclude, where_place *out)
{
    if (!g || !s || !out || len == 0) return 0;
    if (trig_start > len) trig_start = len;
    if (trig_end < trig_start) trig_end = trig_start;
    if (trig_end > len) trig_end = len;
    size_t lo = 0, hi = len;
    if (len > 2 * WHERE_WINDOW) {       /* a very long "sentence": a window */
        lo = trig_start > WHERE_WINDOW ? trig_start - WHERE_WINDOW : 0;
        hi = trig_end + WHERE_WINDOW < len ? trig_end + WHERE_WINDOW : len;
        while (lo > 0 && lo < len && !(CLS(s[lo]) & C_SP)) lo++;
    }
    wtok toks[WHERE_MAXTOK];
    size_t n = tokenise(g, s, lo, hi, toks, WHERE_MAXTOK);
    if (n == WHERE_MAXTOK && toks[n - 1].e <= trig_start) {
        /* dense punctuation filled the window before the trigger */
        lo = trig_start > 200 ? trig_start - 200 : 0;
        n = tokenise(g, s, lo, hi, toks, WHERE_MAXTOK);
    }
    uint8_t bd[WHERE_MAXTOK];
    int have_bd = 0;
    return find_in(g, s, toks, n, bd, &have_bd, trig_start, trig_end, ctx, nctx, exclude, nexclude, out);
}

/* A sentence tokenised once for all its triggers: only one short enough to
 * be read whole by where_find() (no window, no token overflow), so that the
 * results are where_find()'s; a longer one is read per trigger. */
struct where_sentence {
    const where_gazetteer *g;
    const char *s;
    size_t len, n;
    int whole, have_bd;
    wtok toks[WHERE_MAXTOK];
    uint8_t bd[WHERE_MAXTOK];
};

where_sentence *where_sentence_new(void)
{
    where_sentence *ws = malloc(sizeof *ws);
    if (ws) ws->g = NULL, ws->s = NULL, ws->len = ws->n = 0, ws->whole = ws->have_bd = 0;
    return ws;
}

void where_sentence_free(where_sentence *ws) { free(ws); }

void where_sentence_read(const where_gazetteer *g, where_sentence *ws, const char *s, size_t len)
{
    if (!ws) return;
    ws->g = g, ws->s = s, ws->len = len, ws->whole = ws->have_bd = 0, ws->n = 0;
    if (!g || !s || len == 0 || len > 2 * WHERE_WINDOW) return;
    ws->n = tokenise(g, s, 0, len, ws->toks, WHERE_MAXTOK);
    ws->whole = ws->n < WHERE_MAXTOK;
}

int where_find_in(where_sentence *ws, size_t trig_start, size_t trig_end,
                  const char (*ctx)[4], size_t nctx,
                  const where_span *exclude, size_t nexclude, where_place *out)
{
    if (!ws) return 0;
    if (!ws->whole)
        return where_find(ws->g, ws->s, ws->len, trig_start, trig_end, ctx, nctx, exclude, nexclude, out);
    if (!out) return 0;
    if (trig_start > ws->len) trig_start = ws->len;
    if (trig_end < trig_start) trig_end = trig_start;
    if (trig_end > ws->len) trig_end = ws->len;
    return find_in(ws->g, ws->s, ws->toks, ws->n, ws->bd, &ws->have_bd, trig_start, trig_end, ctx, nctx,
                   exclude, nexclude, out);
}

/* ------------------------------------------------------------- datelines */

int where_dateline(const where_gazetteer *g, const char *text, size_t len, where_place *out)
{
    if (!g || !text || !out || len == 0) return 0;
    size_t hi = len < 200 ? len : 200;
    wtok toks[64];
    size_t n = tokenise(g, text, 0, hi, toks, 64);
    if (n < 2 || !(toks[0].f & TK_CAP)) return 0;
    wctx w = { g, text, toks, n, NULL, 0, NULL, 0 };
    size_t last;
    where_place p;
    if (!match_name(&w, 0, NULL, ALL_KINDS, &last, &p)) return 0;
    /* the name is the whole opening: a comma, "(", or a dash follows */
    size_t k = last + 1;
    if (k >= n || !(toks[k].f & TK_PUNCT)) return 0;
    p.start = toks[0].s;
    p.end = toks[last].e;
    int allcaps = 1;
    for (size_t i = 0; i <= last; i++)
        if ((toks[i].f & TK_WORD) && !(toks[i].f & TK_ALLCAP) && !(toks[i].m & WB_CONNECT))
            allcaps = 0;
    int qualified = 0;
    if (tok_punct(text, &toks[k], ",") && k + 1 < n && (toks[k + 1].f & TK_CAP)) {
        where_place q;
        size_t l2;
        if (match_name(&w, k + 1, NULL, (1u << WHERE_KIND_COUNTRY) | (1u << WHERE_KIND_ADMIN1), &l2, &q)) {
            qualified = 1;
            qualify(&w, 0, last, &p);
            k = l2 + 1;
        }
    }
    /* then a date, an agency in brackets, and a dash within a few tokens */
    for (size_t i = k; i < n && i < k + 12; i++) {
        if (tok_punct(text, &toks[i], "-") || tok_punct(text, &toks[i], "--")
            || tok_punct(text, &toks[i], "\xE2\x80\x94") || tok_punct(text, &toks[i], "\xE2\x80\x93")) {
            if (!allcaps && !qualified && i != k) {
                /* a title-case name needs its dash straight after or a "(Agency)" */
                int agency = 0;
                for (size_t q = k; q < i; q++) if (tok_punct(text, &toks[q], "(")) agency = 1;
                if (!agency) return 0;
            }
            *out = p;
            return 1;
        }
        if (tok_punct(text, &toks[i], ".") || tok_punct(text, &toks[i], ";")) return 0;
    }
    return 0;
}
