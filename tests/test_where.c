/*
 * test_where.c: tests of the "where" stage (src/where.c).
 *
 * The gazetteer is $ANNALS_DATA/gazetteer.bin with $ANNALS_DATA/regions.txt
 * (make sets ANNALS_DATA); without them the gazetteer tests are skipped with
 * a message.  tests/where_cases.tsv (or $WHERE_CASES) holds place mentions
 * in invented news sentences: every case is run through where_find() and
 * the figure "where: N/M exact (P%)" printed; below 95% fails (the same for
 * the held-out tests/where_cases_holdout.tsv), and a sentence read once
 * (where_sentence) must give the same answers.  The coder with a missing or
 * corrupt gazetteer and unusable dates still writes its events.  The other
 * tests feed broken gazetteers (missing, empty, bad magic, wrong version,
 * corrupt header, truncated, bad regions lines) and hostile input (empty,
 * NUL bytes, a very long sentence, NULL arguments), plus datelines, lookups
 * and the normaliser.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <time.h>
#include <unistd.h>

#include "annals.h"
#include "where.h"
#include <xxhash.h>

static char gaz_path[1024], reg_path[1024];
static where_gazetteer *G;

static int have_data(void)
{
    const char *d = getenv("ANNALS_DATA");
    if (!d) d = ANNALS_DATADIR;
    snprintf(gaz_path, sizeof gaz_path, "%s/gazetteer.bin", d);
    snprintf(reg_path, sizeof reg_path, "%s/regions.txt", d);
    return access(gaz_path, R_OK) == 0;
}

static int setup(void **state)
{
    (void)state;
    if (!have_data()) {
        fprintf(stderr, "test_where: %s missing: gazetteer tests skipped (run make first)\n", gaz_path);
        return 0;
    }
    char err[512];
    int rc = where_open(gaz_path, access(reg_path, R_OK) == 0 ? reg_path : NULL, &G, err, sizeof err);
    if (rc) {
        fprintf(stderr, "test_where: %s\n", err);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    where_close(G);
    G = NULL;
    return 0;
}

#define NEED_G() do { if (!G) { skip(); } } while (0)

/* ------------------------------------------------------------ the cases */

static char *field(char **p)
{
    char *s = *p;
    if (!s) return NULL;
    char *t = strchr(s, '\t');
    if (t) { *t = '\0'; *p = t + 1; } else *p = NULL;
    return s;
}

/* Run a case file through where_find() and, for the same cases, through a
 * sentence read once (where_sentence_read + where_find_in), which must
 * agree; returns the exact-match percentage. */
static double run_cases(const char *path, int min_cases, const char *label)
{
    where_sentence *ws = where_sentence_new();
    assert_non_null(ws);
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "test_where: cannot open %s\n", path);
        fail();
    }
    char line[4096];
    int total = 0, exact = 0, lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0') continue;
        char *p = line;
        char *sent = field(&p), *trig = field(&p), *ctxs = field(&p), *ename = field(&p),
             *eiso = field(&p), *eprec = field(&p), *excl = field(&p);
        if (!sent || !trig || !ctxs || !ename || !eiso || !eprec) {
            fprintf(stderr, "%s:%d: expected 6 tab-separated fields\n", path, lineno);
            fail();
        }
        char ctx[16][4];
        size_t nctx = 0;
        if (strcmp(ctxs, "-") != 0)
            for (char *c = strtok(ctxs, ","); c && nctx < 16; c = strtok(NULL, ","))
                snprintf(ctx[nctx++], 4, "%s", c);
        where_span ex[8];
        size_t nex = 0;
        if (excl && strcmp(excl, "-") != 0)
            for (char *c = strtok(excl, ","); c && nex < 8; c = strtok(NULL, ",")) {
                const char *at = strstr(sent, c);
                if (at) ex[nex++] = (where_span){ (size_t)(at - sent), (size_t)(at - sent) + strlen(c) };
            }
        const char *t = strstr(sent, trig);
        if (!t) {
            fprintf(stderr, "%s:%d: trigger '%s' not in the sentence\n", path, lineno, trig);
            fail();
        }
        size_t ts = (size_t)(t - sent);
        where_place pl;
        int r = where_find(G, sent, strlen(sent), ts, ts + strlen(trig), nctx ? ctx : NULL, nctx,
                           nex ? ex : NULL, nex, &pl);
        where_place pl2;
        where_sentence_read(G, ws, sent, strlen(sent));
        int r2 = where_find_in(ws, ts, ts + strlen(trig), nctx ? ctx : NULL, nctx, nex ? ex : NULL, nex, &pl2);
        assert_int_equal(r, r2);
        if (r) {
            assert_string_equal(pl.name, pl2.name);
            assert_true(pl.start == pl2.start && pl.end == pl2.end);
        }
        int ok;
        if (strcmp(eprec, "-") == 0) ok = !r;
        else
            ok = r && strcmp(pl.name, ename) == 0 && strcmp(pl.precision, eprec) == 0
              && strcmp(pl.country, strcmp(eiso, "-") == 0 ? "" : eiso) == 0;
        if (r) {
            assert_true(pl.start < pl.end);
            assert_true(pl.end <= strlen(sent));
        }
        total++;
        exact += ok;
        if (!ok)
            fprintf(stderr, "  miss %s:%d: %s\n     want %s/%s/%s got %s/%s/%s\n", path, lineno, sent,
                    ename, eiso, eprec, r ? pl.name : "-", r ? pl.country : "-", r ? pl.precision : "-");
    }
    fclose(f);
    where_sentence_free(ws);
    double pct = total ? 100.0 * exact / total : 0;
    printf("where: %d/%d exact (%.1f%%)%s\n", exact, total, pct, label);
    assert_true(total >= min_cases);
    return pct;
}

static void test_cases(void **state)
{
    (void)state;
    NEED_G();
    const char *path = getenv("WHERE_CASES");
    assert_true(run_cases(path ? path : "tests/where_cases.tsv", path ? 1 : 200, "") >= 95.0);
}

/* Place mentions written before the rules of issue 3 and never used to tune
 * them: reported, and held to the same bar. */
static void test_holdout(void **state)
{
    (void)state;
    NEED_G();
    if (getenv("WHERE_CASES")) skip();
    assert_true(run_cases("tests/where_cases_holdout.tsv", 40, " [held-out set]") >= 95.0);
}

/* ------------------------------------------------------------ datelines */

static void test_dateline(void **state)
{
    (void)state;
    NEED_G();
    static const struct { const char *text, *name, *iso; } c[] = {
        { "MOSCOW (Reuters) - Russia said on Monday", "Moscow", "RUS" },
        { "HONG KONG, March 3 (AP) -- Police fired", "Hong Kong", "HKG" },
        { "Kyiv, Ukraine \xE2\x80\x94 Officials said", "Kyiv", "UKR" },
        { "WASHINGTON \xE2\x80\x94 The Senate voted", "Washington", "USA" },
        { "BEIJING, Jan 5 (Xinhua) -- China's", "Beijing", "CHN" },
        { "PARIS, Texas (AP) - A tornado", "Paris", "USA" },
        { "NEW DELHI, May 2 (Reuters) - India", "New Delhi", "IND" },
        { "  RIO DE JANEIRO (AFP) - Police", "Rio de Janeiro", "BRA" },
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        where_place p;
        int r = where_dateline(G, c[i].text, strlen(c[i].text), &p);
        if (!r || strcmp(p.name, c[i].name) || strcmp(p.country, c[i].iso))
            fprintf(stderr, "dateline '%s': got %s %s\n", c[i].text, r ? p.name : "-", r ? p.country : "-");
        assert_int_equal(r, 1);
        assert_string_equal(p.name, c[i].name);
        assert_string_equal(p.country, c[i].iso);
    }
    static const char *const none[] = {
        "Russia said on Monday it would respond.",
        "The president, speaking in Paris, said",
        "March 3 (AP) - Police",
        "",
        "-",
    };
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
        where_place p;
        assert_int_equal(where_dateline(G, none[i], strlen(none[i]), &p), 0);
    }
}

/* ------------------------------------------------------------- lookups */

static void test_lookup(void **state)
{
    (void)state;
    NEED_G();
    where_place p;
    assert_int_equal(where_lookup(G, "Kiev", 4, NULL, 0, &p), 1);
    assert_string_equal(p.name, "Kyiv");
    assert_string_equal(p.precision, "city");
    assert_true(p.geonames_id == 703448);
    assert_int_equal(where_lookup(G, "KYIV", 4, NULL, 0, &p), 1);
    assert_string_equal(p.country, "UKR");
    assert_int_equal(where_lookup(G, "Paris", 5, NULL, 0, &p), 1);
    assert_string_equal(p.country, "FRA");
    const char usa[][4] = { "USA" };
    assert_int_equal(where_lookup(G, "Paris", 5, usa, 1, &p), 1);
    assert_string_equal(p.country, "USA");
    assert_string_equal(p.admin1, "TX");
    assert_int_equal(where_lookup(G, "Ukraine", 7, NULL, 0, &p), 1);
    assert_string_equal(p.precision, "country");
    assert_true(p.lat > 44 && p.lat < 53);
    assert_int_equal(where_lookup(G, "sant julia de loria", 19, NULL, 0, &p), 1);
    assert_string_equal(p.country, "AND");
    assert_int_equal(where_lookup(G, "Gulf of Oman", 12, NULL, 0, &p), 1);
    assert_string_equal(p.precision, "region");
    assert_int_equal(where_lookup(G, "Qwxzyvvq", 8, NULL, 0, &p), 0);
    assert_int_equal(where_lookup(G, "", 0, NULL, 0, &p), 0);
    /* demonyms are not places */
    assert_int_equal(where_lookup(G, "Ukrainian", 9, NULL, 0, &p), 0);
    where_stats st;
    where_stats_get(G, &st);
    assert_true(st.places > 150000 && st.countries > 200 && st.names > st.places);
}

static void test_normalise(void **state)
{
    (void)state;
    char out[64];
    static const struct { const char *in, *out; } c[] = {
        { "Sant Julià de Lòria", "sant julia de loria" },
        { "  KYIV ", "kyiv" },
        { "St. John's", "saint johns" },
        { "Port-au-Prince", "port au prince" },
        { "Łódź", "lodz" },
        { "Ürümqi", "urumqi" },
        { "Xi\xE2\x80\x99" "an", "xian" },
        { "Straße", "strasse" },
        { "Hồ Chí Minh", "ho chi minh" },
        { "", "" },
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        where_normalise(c[i].in, strlen(c[i].in), out, sizeof out);
        assert_string_equal(out, c[i].out);
    }
    /* output is bounded and terminated */
    char tiny[5];
    size_t n = where_normalise("Rio de Janeiro", 14, tiny, sizeof tiny);
    assert_true(n < sizeof tiny);
    assert_true(tiny[n] == '\0');
    /* invalid UTF-8 is not a crash */
    where_normalise("\xff\xfe\xc3", 3, out, sizeof out);
}

/* ------------------------------------------------------ broken gazetteers */

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *b = malloc((size_t)n);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) { free(b); b = NULL; }
    fclose(f);
    *len = (size_t)n;
    return b;
}

static void write_all(const char *path, const void *b, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    if (n) assert_int_equal(fwrite(b, 1, n, f), n);
    fclose(f);
}

static int try_open(const char *path, const char *regions, char *err, size_t errsz)
{
    where_gazetteer *g = NULL;
    int rc = where_open(path, regions, &g, err, errsz);
    if (rc == 0) where_close(g);
    else assert_null(g);
    return rc;
}

static void test_bad_files(void **state)
{
    (void)state;
    char err[512], tmp[] = "/tmp/test_where_XXXXXX";
    int fd = mkstemp(tmp);
    assert_true(fd >= 0);
    close(fd);

    assert_int_equal(try_open("/nonexistent/gazetteer.bin", NULL, err, sizeof err), ANNALS_ENOTFOUND);
    assert_non_null(strstr(err, "/nonexistent/gazetteer.bin"));

    write_all(tmp, "", 0);
    assert_int_equal(try_open(tmp, NULL, err, sizeof err), ANNALS_EPARSE);
    assert_non_null(strstr(err, tmp));
    assert_non_null(strstr(err, "empty"));

    char junk[4096];
    memset(junk, 'x', sizeof junk);
    write_all(tmp, junk, sizeof junk);
    assert_int_equal(try_open(tmp, NULL, err, sizeof err), ANNALS_EPARSE);
    assert_non_null(strstr(err, "bad magic"));

    if (!have_data()) {
        fprintf(stderr, "test_where: %s missing: truncation tests skipped\n", gaz_path);
        unlink(tmp);
        return;
    }
    size_t len = 0;
    char *b = read_all(gaz_path, &len);
    assert_non_null(b);
    assert_true(len > 4096);

    /* truncated: in the header, in the middle, one byte short */
    size_t cuts[] = { 10, sizeof(where_gaz_header), len / 2, len - 1 };
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        write_all(tmp, b, cuts[i]);
        assert_int_equal(try_open(tmp, NULL, err, sizeof err), ANNALS_EPARSE);
        assert_non_null(strstr(err, "truncated"));
    }
    /* a newer version */
    where_gaz_header h;
    memcpy(&h, b, sizeof h);
    where_gaz_header h2 = h;
    h2.version = WHERE_GAZ_VERSION + 1;
    h2.header_hash = XXH32(&h2, offsetof(where_gaz_header, header_hash), 0);
    memcpy(b, &h2, sizeof h2);
    write_all(tmp, b, len);
    assert_int_equal(try_open(tmp, NULL, err, sizeof err), ANNALS_EVERSION);
    assert_non_null(strstr(err, "version"));
    /* a corrupt header (checksum) */
    h2 = h;
    h2.nnames ^= 0x100;
    memcpy(b, &h2, sizeof h2);
    write_all(tmp, b, len);
    assert_int_equal(try_open(tmp, NULL, err, sizeof err), ANNALS_EPARSE);
    assert_non_null(strstr(err, "corrupt"));
    /* a section outside the file, checksum made to match */
    h2 = h;
    h2.off_pool = (uint32_t)len + 64;
    h2.header_hash = XXH32(&h2, offsetof(where_gaz_header, header_hash), 0);
    memcpy(b, &h2, sizeof h2);
    write_all(tmp, b, len);
    assert_int_equal(try_open(tmp, NULL, err, sizeof err), ANNALS_EPARSE);
    /* garbage in the name index: opens, lookups stay in bounds */
    memcpy(b, &h, sizeof h);
    memset(b + h.off_names, 0xff, (size_t)h.nnames * sizeof(where_gaz_name) / 2);
    write_all(tmp, b, len);
    where_gazetteer *g;
    assert_int_equal(where_open(tmp, NULL, &g, err, sizeof err), 0);
    where_place p;
    const char *s = "Officials met in Beijing and Kyiv and Paris and Lagos.";
    (void)where_find(g, s, strlen(s), 0, 9, NULL, 0, NULL, 0, &p);
    (void)where_lookup(g, "Kyiv", 4, NULL, 0, &p);
    where_close(g);
    free(b);

    /* regions.txt errors name the file and line */
    write_all(tmp, "# ok\n25.5 57.5 - Gulf of Oman\nnot a line\n", 41);
    assert_int_equal(try_open(gaz_path, tmp, err, sizeof err), ANNALS_EPARSE);
    assert_non_null(strstr(err, tmp));
    assert_non_null(strstr(err, "line 3"));
    write_all(tmp, "95 57.5 - Too Far North\n", 24);
    assert_int_equal(try_open(gaz_path, tmp, err, sizeof err), ANNALS_EPARSE);
    write_all(tmp, "10 10 Usa Name\n", 15);
    assert_int_equal(try_open(gaz_path, tmp, err, sizeof err), ANNALS_EPARSE);
    write_all(tmp, "[nonsense]\n", 11);
    assert_int_equal(try_open(gaz_path, tmp, err, sizeof err), ANNALS_EPARSE);
    write_all(tmp, "[seat]\n1 1 RUS Moscow\n", 22);
    assert_int_equal(try_open(gaz_path, tmp, err, sizeof err), ANNALS_EPARSE);
    assert_int_equal(try_open(gaz_path, "/nonexistent/regions.txt", err, sizeof err), ANNALS_ENOTFOUND);
    assert_int_equal(try_open(NULL, NULL, err, sizeof err), ANNALS_EINVAL);
    /* a tiny err buffer is still terminated */
    char small[8];
    assert_int_not_equal(try_open("/nonexistent/x", NULL, small, sizeof small), 0);
    assert_true(strlen(small) < sizeof small);
    unlink(tmp);
}

/* ------------------------------------------------------- hostile input */

static void test_hostile_input(void **state)
{
    (void)state;
    NEED_G();
    where_place p;
    assert_int_equal(where_find(G, "", 0, 0, 0, NULL, 0, NULL, 0, &p), 0);
    assert_int_equal(where_find(G, NULL, 5, 0, 0, NULL, 0, NULL, 0, &p), 0);
    assert_int_equal(where_find(NULL, "in Kyiv", 7, 0, 0, NULL, 0, NULL, 0, &p), 0);
    assert_int_equal(where_lookup(G, NULL, 3, NULL, 0, &p), 0);
    assert_int_equal(where_dateline(G, NULL, 3, &p), 0);
    /* NUL bytes inside the sentence are spaces */
    const char nul[] = "Troops\0massed\0in\0Kharkiv\0today.";
    assert_int_equal(where_find(G, nul, sizeof nul - 1, 0, 6, NULL, 0, NULL, 0, &p), 1);
    assert_string_equal(p.name, "Kharkiv");
    /* trigger out of range is clamped */
    const char *s = "Clashes erupted near Khabarovsk.";
    assert_int_equal(where_find(G, s, strlen(s), 5000, 9000, NULL, 0, NULL, 0, &p), 1);
    assert_string_equal(p.name, "Khabarovsk");
    /* every byte value, and lone punctuation */
    char all[256];
    for (int i = 0; i < 256; i++) all[i] = (char)i;
    (void)where_find(G, all, sizeof all, 10, 20, NULL, 0, NULL, 0, &p);
    /* sentence readers: NULL, empty, hostile bytes, the NUL sentence */
    where_sentence *ws = where_sentence_new();
    assert_non_null(ws);
    assert_int_equal(where_find_in(NULL, 0, 0, NULL, 0, NULL, 0, &p), 0);
    where_sentence_read(G, ws, NULL, 5);
    assert_int_equal(where_find_in(ws, 0, 0, NULL, 0, NULL, 0, &p), 0);
    where_sentence_read(G, ws, "", 0);
    assert_int_equal(where_find_in(ws, 0, 0, NULL, 0, NULL, 0, &p), 0);
    where_sentence_read(G, ws, all, sizeof all);
    (void)where_find_in(ws, 10, 20, NULL, 0, NULL, 0, &p);
    where_sentence_read(G, ws, nul, sizeof nul - 1);
    assert_int_equal(where_find_in(ws, 0, 6, NULL, 0, NULL, 0, &p), 1);
    assert_string_equal(p.name, "Kharkiv");
    assert_int_equal(where_find_in(ws, 9000, 5000, NULL, 0, NULL, 0, NULL), 0);
    where_sentence_free(ws);
    (void)where_dateline(G, all, sizeof all, &p);
    (void)where_find(G, "in", 2, 0, 2, NULL, 0, NULL, 0, &p);
    (void)where_find(G, "in the city of", 14, 0, 2, NULL, 0, NULL, 0, &p);
    (void)where_find(G, "in A, B, C, D,", 14, 0, 2, NULL, 0, NULL, 0, &p);
    /* a very long sentence: 1 MB of filler with the place near the trigger */
    size_t big = 1u << 20;
    char *l = malloc(big);
    assert_non_null(l);
    for (size_t i = 0; i < big; i++) l[i] = "word In Paris, "[i % 15];
    const char *mid = "Rebels attacked in Kandahar today.";
    size_t at = big / 2;
    memcpy(l + at, mid, strlen(mid));
    clock_t t0 = clock();
    int r = where_find(G, l, big, at + 7, at + 15, NULL, 0, NULL, 0, &p);
    double ms = 1000.0 * (double)(clock() - t0) / CLOCKS_PER_SEC;
    assert_int_equal(r, 1);
    assert_string_equal(p.name, "Kandah\xC4\x81r");
    assert_true(ms < 1000);
    /* a name longer than every buffer */
    memset(l, 'A', 4096);
    memcpy(l, "in ", 3);
    (void)where_find(G, l, 4096, 0, 2, NULL, 0, NULL, 0, &p);
    (void)where_lookup(G, l, 4096, NULL, 0, &p);
    free(l);
}

static void test_exclude_and_span(void **state)
{
    (void)state;
    NEED_G();
    where_place p;
    const char *s = "Officials met in Beijing on Monday.";
    assert_int_equal(where_find(G, s, strlen(s), 10, 13, NULL, 0, NULL, 0, &p), 1);
    assert_int_equal(p.start, 17);
    assert_int_equal(p.end, 24);
    where_span ex = { 17, 24 };
    assert_int_equal(where_find(G, s, strlen(s), 10, 13, NULL, 0, &ex, 1, &p), 0);
}

/* ------------------------------------------------ the coder's bad data */

/* A data directory like $ANNALS_DATA but for its gazetteer: links to every
 * other file. */
static void data_without_gazetteer(const char *from, const char *to)
{
    char *dir = realpath(from, NULL);
    assert_non_null(dir);
    DIR *d = opendir(dir);
    assert_non_null(d);
    for (struct dirent *de; (de = readdir(d));) {
        if (de->d_name[0] == '.' || !strcmp(de->d_name, "gazetteer.bin")) continue;
        char *a = malloc(strlen(dir) + strlen(de->d_name) + 2), b[1400];
        assert_non_null(a);
        sprintf(a, "%s/%s", dir, de->d_name);
        snprintf(b, sizeof b, "%s/%.255s", to, de->d_name);
        assert_int_equal(symlink(a, b), 0);
        free(a);
    }
    closedir(d);
    free(dir);
}

static void clear_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return;
    for (struct dirent *de; (de = readdir(d));) {
        if (de->d_name[0] == '.') continue;
        char a[1400];
        snprintf(a, sizeof a, "%s/%.255s", dir, de->d_name);
        unlink(a);
    }
    closedir(d);
    rmdir(dir);
}

/* Code an article whose places and dates are all unusable; every event is
 * still written, with location null and date precision "story"; the
 * coder's first diagnostic names the gazetteer when there is none. */
static void code_bad(const char *datadir, const char *want_diag)
{
    static const char text[] =
        "Russian and Chinese ministers met in Qwxzyvvq on Wednesday.\n"
        "Russian and Chinese ministers met in Moscow on February 30.\n"
        "Russian and Chinese ministers will meet in Geneva on 3 March 2350.\n"
        "Russian and Chinese ministers met in Kabul on May 5, 99999.\n";
    annals_lexicon *lex = NULL;
    annals_diag diag;
    if (annals_lexicon_open(datadir, &lex, &diag) != ANNALS_OK) fail_msg("%s: %s", datadir, diag.msg);
    annals_coder *c = NULL;
    assert_int_equal(annals_coder_new(lex, NULL, &c), ANNALS_OK);
    annals_article art = { .id = "bad", .date = "2022-02-03", .text = text, .text_len = sizeof text - 1,
                           .file = "bad.txt" };
    for (int round = 0; round < 2; round++) {
        const annals_event *ev;
        size_t n = 0;
        assert_int_equal(annals_code(c, &art, &ev, &n, &diag), ANNALS_OK);
        assert_true(n >= 4);
        for (size_t i = 0; i < n; i++) {
            if (want_diag || strstr(ev[i].text, "Qwxzyvvq")) assert_null(ev[i].location.name);
            if (!strstr(ev[i].text, "Qwxzyvvq")) assert_string_equal(ev[i].date_precision, "story");
        }
        if (want_diag && round == 0) {
            if (!strstr(diag.msg, want_diag)) fail_msg("diagnostic '%s' lacks '%s'", diag.msg, want_diag);
            assert_non_null(strstr(diag.msg, "gazetteer.bin"));
        } else {
            assert_string_equal(diag.msg, ""); /* reported once */
        }
    }
    annals_coder_free(c);
    annals_lexicon_free(lex);
}

static void test_coder_bad_data(void **state)
{
    (void)state;
    if (!have_data()) skip();
    const char *d = getenv("ANNALS_DATA");
    if (!d) d = ANNALS_DATADIR;
    code_bad(d, NULL);                              /* the gazetteer is fine */
    char tmp[] = "/tmp/test_where_data_XXXXXX";
    assert_non_null(mkdtemp(tmp));
    data_without_gazetteer(d, tmp);
    code_bad(tmp, "cannot open gazetteer");         /* missing */
    char gz[1200];
    snprintf(gz, sizeof gz, "%s/gazetteer.bin", tmp);
    char junk[4096];
    memset(junk, 'x', sizeof junk);
    write_all(gz, junk, sizeof junk);
    code_bad(tmp, "bad magic");                     /* corrupt */
    clear_dir(tmp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalise),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_lookup),
        cmocka_unit_test(test_dateline),
        cmocka_unit_test(test_hostile_input),
        cmocka_unit_test(test_exclude_and_span),
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_holdout),
        cmocka_unit_test(test_coder_bad_data),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
