/*
 * where.h: the "where" stage -- the place an event happens.
 *
 * A gazetteer is GeoNames' cities500 plus the world's countries, compiled by
 * tools/gazbuild into one binary file (gazetteer.bin) that where_open()
 * memory-maps and uses in place, plus a small text list of named seas,
 * regions, disputed areas, first-level regions (US states, Chinese
 * provinces...) and seats of government (data/regions.txt) read at open.
 *
 * Names are matched after where_normalise(): lower case, Latin letters
 * folded to ASCII ("Sant Julià" -> "sant julia"), hyphens and runs of spaces
 * to one space, dots and apostrophes dropped ("St. John's" -> "st johns").
 *
 * Cost: where_open() maps the file, reads regions.txt and indexes the small
 * word lists of where_find() by hash (about 1 ms); lookups allocate nothing
 * (a binary search over 64-bit name hashes), and each word of a sentence is
 * classified once, when tokenised.  A gazetteer is immutable once opened and
 * may be shared between threads.
 *
 * Ownership: where_place is filled by value (strings copied into its
 * arrays); precision points to a static string.
 */
#ifndef WHERE_H
#define WHERE_H

#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------ file format
 * gazetteer.bin, written by tools/gazbuild, host byte order (little-endian
 * on every platform annals builds on; the header's byte-order mark says):
 *   header        64 bytes (where_gaz_header)
 *   places        nplaces x where_gaz_place (36 bytes), countries first
 *   countries     ncountries x where_gaz_country (8 bytes), by ISO3
 *   names         nnames x where_gaz_name (16 bytes), sorted by hash
 *   buckets       65537 x uint32: first name whose hash >> 48 is >= i
 *   pool          NUL-terminated UTF-8 strings; offset 0 is ""
 * Every section starts on an 8-byte boundary and lies inside the file;
 * where_open() checks that, the magic, version, byte order, header hash
 * (XXH32 of its first 60 bytes) and total size, so a truncated or foreign
 * file is refused, and lookups bounds-check each index they follow. */
#define WHERE_GAZ_MAGIC   "ANNLGAZ\n"
#define WHERE_GAZ_VERSION 1u
#define WHERE_GAZ_BOM     0x01020304u
#define WHERE_GAZ_NBUCKET 65536u

enum { WHERE_KIND_CITY = 0, WHERE_KIND_ADMIN1, WHERE_KIND_COUNTRY, WHERE_KIND_REGION };
enum { WHERE_NAME_PRIMARY = 0, WHERE_NAME_ASCII, WHERE_NAME_ALT, WHERE_NAME_DEMONYM };

typedef struct where_gaz_header {
    char magic[8];
    uint32_t version, bom;
    uint32_t nplaces, ncountries, nnames, pool_size;
    uint64_t file_size;
    uint32_t off_places, off_countries, off_names, off_buckets, off_pool;
    uint32_t header_hash;
} where_gaz_header;

typedef struct where_gaz_place {
    uint32_t geonames_id;
    int32_t lat_e6, lon_e6;     /* degrees x 1e6 */
    uint32_t population;
    uint32_t name_off;          /* display name in the pool */
    uint32_t admin1_off;        /* GeoNames admin1 code in the pool */
    char fcode[8];              /* GeoNames feature code, "" for countries */
    uint16_t country;           /* index into countries, 0xFFFF none */
    uint8_t kind;               /* WHERE_KIND_* */
    uint8_t rank;               /* 0 PPLC 1 PPLA 2 PPLA2 3 PPLA3/4 4 other */
} where_gaz_place;

typedef struct where_gaz_country {
    char iso3[4];
    uint32_t place;             /* its WHERE_KIND_COUNTRY place */
} where_gaz_country;

typedef struct where_gaz_name {
    uint64_t hash;              /* XXH3_64bits of the normalised name */
    uint32_t place;
    uint16_t keylen;
    uint8_t type;               /* WHERE_NAME_* */
    uint8_t pad;
} where_gaz_name;

typedef struct where_gazetteer where_gazetteer;

typedef struct where_place {
    char name[96];          /* display name (UTF-8), e.g. "Kyiv" */
    char country[4];        /* ISO 3166-1 alpha-3, "" for an open sea */
    char admin1[24];        /* GeoNames admin1 code ("TX", "05"), or "" */
    double lat, lon;
    int64_t geonames_id;    /* 0 for countries and regions */
    const char *precision;  /* "city", "admin1", "country", "region" */
    size_t start, end;      /* byte span of the mention in the sentence */
} where_place;

typedef struct where_span { size_t start, end; } where_span;

/* Counts of what a gazetteer holds (tests, `annals dict stats`). */
typedef struct where_stats {
    size_t places, countries, names, regions;
} where_stats;

/* Open (mmap) the gazetteer at gaz_path; regions_path (data/regions.txt)
 * may be NULL.  Returns 0 and sets *out, or nonzero (an annals_status:
 * ANNALS_ENOTFOUND, ANNALS_EIO, ANNALS_EPARSE for a bad magic or truncated
 * file or a bad regions line, ANNALS_EVERSION, ANNALS_ENOMEM) and writes a
 * message naming the file and what is wrong into err (always terminated). */
int where_open(const char *gaz_path, const char *regions_path, where_gazetteer **out,
               char *err, size_t errsz);
void where_close(where_gazetteer *g);
void where_stats_get(const where_gazetteer *g, where_stats *st);

/* Normalise name[0..len) into out (size outsz, always terminated) as the
 * index keys are normalised.  Returns the length written. */
size_t where_normalise(const char *name, size_t len, char *out, size_t outsz);

/* Exact lookup of a name (normalised here; raw text is fine): the best
 * candidate given the context countries ctx (ISO3 codes, may be NULL).
 * Ranking: a country's own name first; then candidates in a context
 * country; then national capitals, admin seats; then population.  Returns 1
 * and fills out (start = 0, end = len), or 0 if nothing has that name. */
int where_lookup(const where_gazetteer *g, const char *name, size_t len,
                 const char (*ctx)[4], size_t nctx, where_place *out);

/* The place a sentence puts an event in: s[0..len), trigger at
 * [trig_start, trig_end); ctx: ISO3 codes of the event's actors and the
 * article's places; exclude: byte spans of actor mentions ("Beijing said"
 * is not a place).  Place mentions are capitalised names after a locative
 * cue ("in", "at", "near", "outside", "across", "inside", "into",
 * "throughout", "visit", "to" after a verb of motion; "from" never: an
 * origin is not where the event happens), optionally through "the",
 * direction adjectives, demonyms and place nouns ("in the Uzbek city of
 * Samarkand", "in eastern Ukraine"), with an optional qualifier ("Paris,
 * Texas").  A place name before an event noun names that event's place
 * ("the Geneva talks", "for the opening ceremony of the Beijing Olympics").
 * The mention nearest the trigger wins, but none across a clause boundary:
 * "but", "although", "because", ";", a relative clause ("which", "that",
 * "who", unless the place is what it is about: "Odesa, which was hit"), a
 * reporting tail (", the ministry said", "...," said X", ", according to
 * X"), an apposition naming a post (", a professor at ..."), "as well as";
 * "when", "after", "while" and the like only weigh against.  A finer place
 * right after the chosen one narrows it ("in the Andes near Cusco").
 * Returns 1 and fills out, or 0. */
int where_find(const where_gazetteer *g, const char *s, size_t len,
               size_t trig_start, size_t trig_end,
               const char (*ctx)[4], size_t nctx,
               const where_span *exclude, size_t nexclude, where_place *out);

/* A sentence tokenised once for several triggers (an event coder's
 * sentence with more than one event): where_find_in() gives exactly what
 * where_find() gives on s[0..len).  s and g must stay unchanged while the
 * reading is used; a reading is not shared between threads.
 * where_sentence_new() returns NULL if out of memory. */
typedef struct where_sentence where_sentence;
where_sentence *where_sentence_new(void);
void where_sentence_free(where_sentence *ws);
void where_sentence_read(const where_gazetteer *g, where_sentence *ws, const char *s, size_t len);
int where_find_in(where_sentence *ws, size_t trig_start, size_t trig_end,
                  const char (*ctx)[4], size_t nctx,
                  const where_span *exclude, size_t nexclude, where_place *out);

/* A dateline at the start of an article ("MOSCOW (Reuters) -",
 * "HONG KONG, March 3 (AP) --", "Kyiv, Ukraine —").  Returns 1 and fills
 * out (span within text), or 0. */
int where_dateline(const where_gazetteer *g, const char *text, size_t len,
                   where_place *out);

#endif
