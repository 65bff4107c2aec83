/*
 * gazbuild.c: compile GeoNames' cities500 and the country table into the
 * memory-mappable gazetteer annals' "where" stage reads (format: where.h).
 *
 * usage: gazbuild cities500.txt countries.tsv countries.json out.bin
 *
 * countries.tsv (scripts/gen_countries.py) gives every country's names and
 * demonyms; countries.json (npm world-countries) its alpha-2 code, common
 * name and representative latitude/longitude.  Each country becomes a place
 * of kind country, then every cities500 line a city.  A city is indexed by
 * its name, its ASCII name and its Latin-script alternate names (names in
 * other scripts, names under 3 bytes, all-capital codes up to 5 letters such
 * as airport codes, and names with digits are skipped), all normalised by
 * where_normalise().  The name index is sorted by XXH3 hash with a 65536-way
 * bucket table on the hash's top bits; strings are stored once in a pool.
 * Runs in a few seconds; prints counts on success, "file:line: message" on
 * error, and exits nonzero.
 */
#include "where.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

typedef struct country { char iso3[4], iso2[3]; char name[96]; double lat, lon; int have_ll; } country;

static country *C;
static size_t nC, capC;
static where_gaz_place *P;
static size_t nP, capP;
static where_gaz_name *N;
static size_t nN, capN;
static char *pool;
static size_t npool, cappool;
/* string pool dedup: open addressing on XXH3 */
static uint32_t *ptab;
static size_t ptab_cap, ptab_used;

static void die(const char *file, size_t line, const char *msg)
{
    if (line) fprintf(stderr, "gazbuild: %s:%zu: %s\n", file, line, msg);
    else fprintf(stderr, "gazbuild: %s: %s\n", file, msg);
    exit(1);
}

static void *grow(void *p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) return p;
    size_t nc = *cap ? *cap : 1024;
    while (nc < need) nc *= 2;
    void *q = realloc(p, nc * elem);
    if (!q) die("gazbuild", 0, "out of memory");
    *cap = nc;
    return q;
}

static uint32_t pool_add(const char *s, size_t n)
{
    if (n == 0) return 0;
    if (!ptab) {
        ptab_cap = 1u << 20;
        ptab = calloc(ptab_cap, sizeof *ptab);
        if (!ptab) die("gazbuild", 0, "out of memory");
    }
    uint64_t h = XXH3_64bits(s, n);
    size_t i = (size_t)h & (ptab_cap - 1);
    while (ptab[i]) {
        const char *q = pool + ptab[i];
        if (strlen(q) == n && memcmp(q, s, n) == 0) return ptab[i];
        i = (i + 1) & (ptab_cap - 1);
    }
    if (++ptab_used > ptab_cap / 2) die("gazbuild", 0, "string pool table full");
    pool = grow(pool, &cappool, npool + n + 1, 1);
    uint32_t off = (uint32_t)npool;
    memcpy(pool + npool, s, n);
    pool[npool + n] = '\0';
    npool += n + 1;
    ptab[i] = off;
    return off;
}

static int country_index(const char *iso3)
{
    for (size_t i = 0; i < nC; i++)
        if (memcmp(C[i].iso3, iso3, 3) == 0) return (int)i;
    return -1;
}

static int country_by_iso2(const char *iso2)
{
    for (size_t i = 0; i < nC; i++)
        if (C[i].iso2[0] == iso2[0] && C[i].iso2[1] == iso2[1]) return (int)i;
    return -1;
}

static country *country_add(const char *iso3)
{
    int i = country_index(iso3);
    if (i >= 0) return &C[i];
    C = grow(C, &capC, nC + 1, sizeof *C);
    country *c = &C[nC++];
    memset(c, 0, sizeof *c);
    memcpy(c->iso3, iso3, 3);
    return c;
}

/* Add a name of place pi (normalised here); dups of the same place skipped
 * by the caller's small list. */
static void name_add(const char *s, size_t n, uint32_t pi, uint8_t type, uint64_t *seen, size_t *nseen)
{
    char key[256];
    size_t k = where_normalise(s, n, key, sizeof key);
    if (k < 2) return;
    for (size_t i = 0; i < k; i++)
        if ((unsigned char)key[i] >= 0x80) return;      /* not Latin script */
    uint64_t h = XXH3_64bits(key, k);
    for (size_t i = 0; i < *nseen; i++)
        if (seen[i] == h) return;
    if (*nseen < 256) seen[(*nseen)++] = h;
    N = grow(N, &capN, nN + 1, sizeof *N);
    N[nN++] = (where_gaz_name){ h, pi, (uint16_t)k, type, 0 };
}

static int cmp_country(const void *a, const void *b)
{
    return memcmp(((const country *)a)->iso3, ((const country *)b)->iso3, 3);
}

static int cmp_name(const void *a, const void *b)
{
    const where_gaz_name *x = a, *y = b;
    if (x->hash != y->hash) return x->hash < y->hash ? -1 : 1;
    if (x->place != y->place) return x->place < y->place ? -1 : 1;
    return (x->type > y->type) - (x->type < y->type);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) die(path, 0, "cannot open");
    if (fseek(f, 0, SEEK_END) != 0) die(path, 0, "cannot seek");
    long sz = ftell(f);
    if (sz < 0) die(path, 0, "cannot size");
    rewind(f);
    char *b = malloc((size_t)sz + 1);
    if (!b) die(path, 0, "out of memory");
    if (fread(b, 1, (size_t)sz, f) != (size_t)sz) die(path, 0, "read error");
    fclose(f);
    b[sz] = '\0';
    *len = (size_t)sz;
    return b;
}

static void read_world(const char *path)
{
    json_object *root = json_object_from_file(path);
    if (!root || !json_object_is_type(root, json_type_array)) die(path, 0, "not a JSON array of countries");
    size_t n = json_object_array_length(root);
    for (size_t i = 0; i < n; i++) {
        json_object *c = json_object_array_get_idx(root, i), *v, *nm, *ll;
        if (!json_object_object_get_ex(c, "cca3", &v)) continue;
        const char *iso3 = json_object_get_string(v);
        if (!iso3 || strlen(iso3) != 3) continue;
        country *k = country_add(iso3);
        if (json_object_object_get_ex(c, "cca2", &v)) {
            const char *a2 = json_object_get_string(v);
            if (a2 && strlen(a2) == 2) memcpy(k->iso2, a2, 2);
        }
        if (json_object_object_get_ex(c, "name", &nm) && json_object_object_get_ex(nm, "common", &v)) {
            const char *s = json_object_get_string(v);
            if (s) snprintf(k->name, sizeof k->name, "%s", s);
        }
        if (json_object_object_get_ex(c, "latlng", &ll) && json_object_is_type(ll, json_type_array)
            && json_object_array_length(ll) == 2) {
            k->lat = json_object_get_double(json_object_array_get_idx(ll, 0));
            k->lon = json_object_get_double(json_object_array_get_idx(ll, 1));
            k->have_ll = 1;
        }
    }
    json_object_put(root);
}

/* countries.tsv, pass 1: make sure every code is a country. */
static void tsv_countries(char *buf, const char *path)
{
    size_t line = 0;
    for (char *p = buf; *p;) {
        char *e = strchr(p, '\n');
        if (!e) e = p + strlen(p);
        line++;
        if (*p != '#' && e > p) {
            char *t1 = memchr(p, '\t', (size_t)(e - p));
            if (!t1 || t1 - p != 3) die(path, line, "expected ISO3<TAB>kind<TAB>phrase");
            char iso[4] = { p[0], p[1], p[2], 0 };
            country *c = country_add(iso);
            char *t2 = memchr(t1 + 1, '\t', (size_t)(e - t1 - 1));
            if (!t2) die(path, line, "expected ISO3<TAB>kind<TAB>phrase");
            if (!c->name[0] && (size_t)(t2 - t1 - 1) == 4 && memcmp(t1 + 1, "name", 4) == 0) {
                size_t n = (size_t)(e - t2 - 1);
                if (n >= sizeof c->name) n = sizeof c->name - 1;
                memcpy(c->name, t2 + 1, n);
                c->name[n] = '\0';
            }
        }
        p = *e ? e + 1 : e;
    }
}

/* countries.tsv, pass 2: names and demonyms of the country places. */
static void tsv_names(char *buf)
{
    uint64_t seen[256];
    size_t nseen = 0;
    int last = -1;
    for (char *p = buf; *p;) {
        char *e = strchr(p, '\n');
        if (!e) e = p + strlen(p);
        if (*p != '#' && e > p) {
            char iso[4] = { p[0], p[1], p[2], 0 };
            int ci = country_index(iso);
            char *t2 = memchr(p + 4, '\t', (size_t)(e - p - 4));
            if (ci != last) { nseen = 0; last = ci; }
            if (t2 && ci >= 0) {
                const char *ph = t2 + 1;
                size_t n = (size_t)(e - ph);
                if (n > 4 && (memcmp(ph, "the ", 4) == 0 || memcmp(ph, "The ", 4) == 0)) { ph += 4; n -= 4; }
                size_t kl = (size_t)(t2 - p - 4);
                if (kl == 4 && memcmp(p + 4, "name", 4) == 0)
                    name_add(ph, n, (uint32_t)ci, WHERE_NAME_PRIMARY, seen, &nseen);
                else if (kl == 7 && memcmp(p + 4, "demonym", 7) == 0)
                    name_add(ph, n, (uint32_t)ci, WHERE_NAME_DEMONYM, seen, &nseen);
            }
        }
        p = *e ? e + 1 : e;
    }
}

static int rank_of(const char *fc)
{
    if (!strcmp(fc, "PPLC")) return 0;
    if (!strcmp(fc, "PPLA")) return 1;
    if (!strcmp(fc, "PPLA2")) return 2;
    if (!strcmp(fc, "PPLA3") || !strcmp(fc, "PPLA4") || !strcmp(fc, "PPLG")) return 3;
    return 4;
}

/* An alternate name worth indexing: no digits, not an all-capital code. */
static int alt_ok(const char *s, size_t n)
{
    if (n < 3) return 0;
    int lower = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= '0' && c <= '9') return 0;
        if ((c >= 'a' && c <= 'z') || c >= 0x80) lower = 1;
    }
    if (!lower && n <= 5) return 0;
    if (n >= 4 && memcmp(s, "http", 4) == 0) return 0;
    return 1;
}

static void read_cities(char *buf, const char *path)
{
    size_t line = 0, skipped = 0;
    for (char *p = buf; *p;) {
        char *e = strchr(p, '\n');
        if (!e) e = p + strlen(p);
        line++;
        char *f[19];
        size_t nf = 0;
        char *q = p;
        while (nf < 19) {
            f[nf++] = q;
            char *t = memchr(q, '\t', (size_t)(e - q));
            if (!t) break;
            *t = '\0';
            q = t + 1;
        }
        char *next = *e ? e + 1 : e;
        *e = '\0';
        if (e > p && e[-1] == '\r') e[-1] = '\0';
        if (nf < 15) {
            if (e > p) die(path, line, "expected 19 tab-separated GeoNames fields");
            p = next;
            continue;
        }
        int ci = strlen(f[8]) == 2 ? country_by_iso2(f[8]) : -1;
        if (ci < 0) { skipped++; p = next; continue; }
        char *end;
        double lat = strtod(f[4], &end);
        if (*end || lat < -90 || lat > 90) die(path, line, "bad latitude");
        double lon = strtod(f[5], &end);
        if (*end || lon < -180 || lon > 180) die(path, line, "bad longitude");
        P = grow(P, &capP, nP + 1, sizeof *P);
        where_gaz_place *pl = &P[nP];
        memset(pl, 0, sizeof *pl);
        pl->geonames_id = (uint32_t)strtoul(f[0], NULL, 10);
        pl->lat_e6 = (int32_t)(lat * 1e6 + (lat < 0 ? -0.5 : 0.5));
        pl->lon_e6 = (int32_t)(lon * 1e6 + (lon < 0 ? -0.5 : 0.5));
        unsigned long pop = strtoul(f[14], NULL, 10);
        pl->population = pop > 0xFFFFFFFFul ? 0xFFFFFFFFu : (uint32_t)pop;
        pl->name_off = pool_add(f[1], strlen(f[1]));
        pl->admin1_off = pool_add(f[10], strlen(f[10]) < 23 ? strlen(f[10]) : 23);
        snprintf(pl->fcode, sizeof pl->fcode, "%.7s", f[7]);
        pl->country = (uint16_t)ci;
        pl->kind = WHERE_KIND_CITY;
        pl->rank = (uint8_t)rank_of(f[7]);
        uint32_t pi = (uint32_t)nP++;
        uint64_t seen[256];
        size_t nseen = 0;
        name_add(f[1], strlen(f[1]), pi, WHERE_NAME_PRIMARY, seen, &nseen);
        name_add(f[2], strlen(f[2]), pi, WHERE_NAME_ASCII, seen, &nseen);
        for (char *a = f[3]; *a;) {
            char *c = strchr(a, ',');
            size_t n = c ? (size_t)(c - a) : strlen(a);
            if (alt_ok(a, n)) name_add(a, n, pi, WHERE_NAME_ALT, seen, &nseen);
            a = c ? c + 1 : a + n;
        }
        p = next;
    }
    if (skipped) fprintf(stderr, "gazbuild: %s: %zu places with an unknown country code skipped\n", path, skipped);
}

static void put(FILE *f, const void *p, size_t n, const char *path)
{
    if (n && fwrite(p, 1, n, f) != n) die(path, 0, "write error");
}

static void pad8(FILE *f, uint64_t *off, const char *path)
{
    static const char z[8];
    size_t n = (size_t)((8 - *off % 8) % 8);
    put(f, z, n, path);
    *off += n;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: gazbuild cities500.txt countries.tsv countries.json out.bin\n");
        return 2;
    }
    size_t len;
    pool_add("", 0);
    pool = grow(pool, &cappool, 1, 1);
    pool[0] = '\0';
    npool = 1;
    read_world(argv[3]);
    char *tsv = slurp(argv[2], &len);
    tsv_countries(tsv, argv[2]);
    qsort(C, nC, sizeof *C, cmp_country);
    if (nC >= 0xFFFF) die(argv[2], 0, "too many countries");
    /* country places first: place i is country i */
    for (size_t i = 0; i < nC; i++) {
        P = grow(P, &capP, nP + 1, sizeof *P);
        where_gaz_place *pl = &P[nP++];
        memset(pl, 0, sizeof *pl);
        if (!C[i].have_ll) fprintf(stderr, "gazbuild: %s: no coordinates for %s\n", argv[3], C[i].iso3);
        pl->lat_e6 = (int32_t)(C[i].lat * 1e6);
        pl->lon_e6 = (int32_t)(C[i].lon * 1e6);
        pl->name_off = pool_add(C[i].name[0] ? C[i].name : C[i].iso3, strlen(C[i].name[0] ? C[i].name : C[i].iso3));
        pl->country = (uint16_t)i;
        pl->kind = WHERE_KIND_COUNTRY;
        pl->rank = 4;
    }
    tsv_names(tsv);
    for (size_t i = 0; i < nC; i++) {       /* world-countries' common name too */
        uint64_t seen[1];
        size_t ns = 0;
        if (C[i].name[0]) name_add(C[i].name, strlen(C[i].name), (uint32_t)i, WHERE_NAME_PRIMARY, seen, &ns);
    }
    size_t clen;
    char *cities = slurp(argv[1], &clen);
    read_cities(cities, argv[1]);
    qsort(N, nN, sizeof *N, cmp_name);
    /* drop exact duplicates (same hash and place), keeping the best type */
    size_t w = 0;
    for (size_t i = 0; i < nN; i++) {
        if (w > 0 && N[w - 1].hash == N[i].hash && N[w - 1].place == N[i].place
            && (N[w - 1].type == WHERE_NAME_DEMONYM) == (N[i].type == WHERE_NAME_DEMONYM))
            continue;
        N[w++] = N[i];
    }
    nN = w;
    uint32_t *buckets = calloc(WHERE_GAZ_NBUCKET + 1, sizeof *buckets);
    if (!buckets) die("gazbuild", 0, "out of memory");
    for (size_t b = 0, i = 0; b <= WHERE_GAZ_NBUCKET; b++) {
        while (i < nN && (N[i].hash >> 48) < b) i++;
        buckets[b] = (uint32_t)i;
    }
    buckets[WHERE_GAZ_NBUCKET] = (uint32_t)nN;
    where_gaz_country *wc = calloc(nC, sizeof *wc);
    if (!wc) die("gazbuild", 0, "out of memory");
    for (size_t i = 0; i < nC; i++) {
        memcpy(wc[i].iso3, C[i].iso3, 4);
        wc[i].place = (uint32_t)i;
    }

    where_gaz_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, WHERE_GAZ_MAGIC, 8);
    h.version = WHERE_GAZ_VERSION;
    h.bom = WHERE_GAZ_BOM;
    h.nplaces = (uint32_t)nP;
    h.ncountries = (uint32_t)nC;
    h.nnames = (uint32_t)nN;
    h.pool_size = (uint32_t)npool;
    uint64_t off = sizeof h;
    h.off_places = (uint32_t)off;      off += nP * sizeof *P;             off = (off + 7) & ~7ull;
    h.off_countries = (uint32_t)off;   off += nC * sizeof *wc;            off = (off + 7) & ~7ull;
    h.off_names = (uint32_t)off;       off += nN * sizeof *N;             off = (off + 7) & ~7ull;
    h.off_buckets = (uint32_t)off;     off += (WHERE_GAZ_NBUCKET + 1) * 4; off = (off + 7) & ~7ull;
    h.off_pool = (uint32_t)off;        off += npool;
    if (off > 0xFFFFFFFFull) die(argv[4], 0, "gazetteer over 4 GB");
    h.file_size = off;
    h.header_hash = XXH32(&h, offsetof(where_gaz_header, header_hash), 0);

    FILE *f = fopen(argv[4], "wb");
    if (!f) die(argv[4], 0, "cannot create");
    uint64_t o = 0;
    put(f, &h, sizeof h, argv[4]);              o += sizeof h;
    put(f, P, nP * sizeof *P, argv[4]);         o += nP * sizeof *P;  pad8(f, &o, argv[4]);
    put(f, wc, nC * sizeof *wc, argv[4]);       o += nC * sizeof *wc; pad8(f, &o, argv[4]);
    put(f, N, nN * sizeof *N, argv[4]);         o += nN * sizeof *N;  pad8(f, &o, argv[4]);
    put(f, buckets, (WHERE_GAZ_NBUCKET + 1) * 4, argv[4]); o += (WHERE_GAZ_NBUCKET + 1) * 4; pad8(f, &o, argv[4]);
    put(f, pool, npool, argv[4]);
    if (fclose(f) != 0) die(argv[4], 0, "write error");
    fprintf(stderr, "gazbuild: %zu places (%zu countries), %zu names, %zu bytes of strings -> %s\n",
            nP, nC, nN, npool, argv[4]);
    free(tsv); free(cities); free(buckets); free(wc); free(C); free(P); free(N); free(pool); free(ptab);
    return 0;
}
