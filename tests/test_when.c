/*
 * test_when.c: tests of the "when" stage (src/when.c).
 *
 * Two parts.  The golden set: tests/when_cases.tsv, hand-written sentences
 * with their trigger, story date and expected date, precision and
 * (optionally) date text; every case is resolved, exact matches counted and
 * "when: N/M exact (P%)" printed; the test fails below 95%.  Mismatches are
 * listed so a regression is easy to read.  The file is found through
 * $WHEN_CASES, else next to this source file (__FILE__), else relative to
 * the test binary or the current directory; every case is also resolved
 * through a sentence read once (when_sentence), which must agree.  Two
 * held-out files (when_cases_holdout*.tsv) are reported and held to the
 * same bar.  Then cmocka unit tests: the
 * ISO parser, calendar arithmetic across month, year and leap-day
 * boundaries, and hostile input (empty, NULL, huge, invalid UTF-8, NUL
 * bytes, random bytes, triggers out of range).  A throughput figure (ns
 * per call) is printed, never asserted.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "when.h"

static const char *g_argv0 = "";

/* ------------------------------------------------------------ golden set */

typedef struct wcase {
    char *sent, *trig, *story, *exp, *prec, *text;
} wcase;

static FILE *open_cases(const char *name, char *path, size_t cap)
{
    const char *env = getenv("WHEN_CASES");
    if (env && *env && strcmp(name, "when_cases.tsv") == 0) {
        snprintf(path, cap, "%s", env);
        return fopen(path, "r");
    }
    const char *cands[4];
    (void)cap;
    char a[1024], b[1024];
    int nc = 0;
    const char *f = __FILE__, *sl = strrchr(f, '/');
    snprintf(a, sizeof a, "%.*s%s", sl ? (int)(sl - f + 1) : 0, f, name);
    cands[nc++] = a;
    const char *bs = strrchr(g_argv0, '/');
    snprintf(b, sizeof b, "%.*s../../tests/%s", bs ? (int)(bs - g_argv0 + 1) : 0, g_argv0, name);
    cands[nc++] = b;
    char c3[300], c4[300];
    snprintf(c3, sizeof c3, "tests/%s", name);
    snprintf(c4, sizeof c4, "%s", name);
    cands[nc++] = c3;
    cands[nc++] = c4;
    for (int i = 0; i < nc; i++) {
        FILE *fp = fopen(cands[i], "r");
        if (fp) {
            snprintf(path, cap, "%s", cands[i]);
            return fp;
        }
    }
    snprintf(path, cap, "%s", a);
    return NULL;
}

static int split_tabs(char *line, char **f, int max)
{
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') *p = '\0', f[n++] = p + 1;
    return n;
}

static int is_alnum_byte(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* First whole-word occurrence of w in s, or -1. */
static long find_word(const char *s, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = strstr(s, w); p; p = strstr(p + 1, w)) {
        if (p > s && is_alnum_byte((unsigned char)p[-1])) continue;
        if (is_alnum_byte((unsigned char)p[n])) continue;
        return (long)(p - s);
    }
    return -1;
}

/* Run one case file; returns the exact-match percentage. */
static double run_cases(const char *name, int min_cases, int timing)
{
    char path[1200];
    FILE *fp = open_cases(name, path, sizeof path);
    if (!fp) fail_msg("cannot open %s (set WHEN_CASES)", path);
    char line[4096];
    int total = 0, exact = 0, lineno = 0;
    static wcase cases[2000];
    static char store[2000][1024];
    int ncases = 0;
    when_sentence *ws = when_sentence_new();
    assert_non_null(ws);
    while (fgets(line, sizeof line, fp)) {
        lineno++;
        size_t l = strlen(line);
        while (l && (line[l - 1] == '\n' || line[l - 1] == '\r')) line[--l] = '\0';
        if (!l || line[0] == '#') continue;
        char *f[7];
        int nf = split_tabs(line, f, 7);
        if (nf < 5) fail_msg("%s:%d: %d columns, want 5 or 6", path, lineno, nf);
        total++;
        when_date story = {0, 0, 0};
        if (strcmp(f[2], "-") != 0 && when_parse_iso(f[2], strlen(f[2]), &story) != 0)
            fail_msg("%s:%d: bad story date %s", path, lineno, f[2]);
        long ts = find_word(f[0], f[1]);
        if (ts < 0) fail_msg("%s:%d: trigger '%s' not in sentence", path, lineno, f[1]);
        when_result r, r2;
        assert_int_equal(when_resolve(f[0], strlen(f[0]), (size_t)ts, (size_t)ts + strlen(f[1]), story, &r), 0);
        /* the sentence read once gives the same */
        when_sentence_read(ws, f[0], strlen(f[0]));
        assert_int_equal(when_resolve_in(ws, (size_t)ts, (size_t)ts + strlen(f[1]), story, &r2), 0);
        assert_memory_equal(&r, &r2, sizeof r);
        char got[11];
        when_format(r.date, got);
        const char *gp = r.span ? "span" : when_precision_name(r.precision);
        int ok = strcmp(gp, f[4]) == 0;
        if (strcmp(f[3], "-") == 0) ok = ok && r.date.y == 0;
        else ok = ok && strcmp(got, f[3]) == 0;
        if (nf >= 6 && f[5][0]) {
            size_t tl = r.text_end - r.text_start;
            ok = ok && tl == strlen(f[5]) && memcmp(f[0] + r.text_start, f[5], tl) == 0;
        }
        if (r.span && r.precision != WHEN_STORY) ok = 0;
        if (ok) {
            exact++;
        } else {
            printf("  MISS %s:%d  [%s] story %s: want %s %s%s%s, got %s %s '%.*s'\n", path, lineno, f[1], f[2],
                   f[3], f[4], nf >= 6 && f[5][0] ? " text " : "", nf >= 6 ? f[5] : "", got, gp,
                   (int)(r.text_end - r.text_start), f[0] + r.text_start);
            printf("        %s\n", f[0]);
        }
        if (ncases < 2000 && l < sizeof store[0]) { /* keep a copy for the timing loop */
            memcpy(store[ncases], f[0], strlen(f[0]) + 1);
            cases[ncases].sent = store[ncases];
            cases[ncases].trig = (char *)(intptr_t)ts;
            cases[ncases].story = (char *)(intptr_t)(ts + (long)strlen(f[1]));
            cases[ncases].exp = (char *)(intptr_t)(story.y * 10000 + story.m * 100 + story.d);
            ncases++;
        }
    }
    fclose(fp);
    when_sentence_free(ws);
    double pct = total ? 100.0 * exact / total : 0;
    printf("when: %d/%d exact (%.1f%%)%s\n", exact, total, pct, timing ? "" : " [held-out set]");
    assert_true(total >= min_cases);
    if (!timing) return pct;

    /* throughput, printed only */
    struct timespec t0, t1;
    int reps = 50;
    volatile long sink = 0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int r = 0; r < reps; r++)
        for (int i = 0; i < ncases; i++) {
            int packed = (int)(intptr_t)cases[i].exp;
            when_date st = {packed / 10000, packed / 100 % 100, packed % 100};
            when_result wr;
            when_resolve(cases[i].sent, strlen(cases[i].sent), (size_t)(intptr_t)cases[i].trig,
                         (size_t)(intptr_t)cases[i].story, st, &wr);
            sink += wr.date.d;
        }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ns = ((double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec)) /
                ((double)reps * (ncases ? ncases : 1));
    printf("when: %.0f ns per call (%d sentences x %d)\n", ns, ncases, reps + (int)(sink & 0));
    return pct;
}

static void test_golden(void **state)
{
    (void)state;
    double pct = run_cases("when_cases.tsv", 300, 1);
    assert_true(pct >= 95.0);
}

/* Cases written after the code and never used to tune it: reported, and
 * held to the same bar. */
static void test_holdout(void **state)
{
    (void)state;
    if (getenv("WHEN_CASES")) skip();
    double pct = run_cases("when_cases_holdout.tsv", 50, 0);
    assert_true(pct >= 95.0);
}

/* A second held-out batch, written before the rules of issue 3. */
static void test_holdout2(void **state)
{
    (void)state;
    if (getenv("WHEN_CASES")) skip();
    double pct = run_cases("when_cases_holdout2.tsv", 40, 0);
    assert_true(pct >= 95.0);
}

/* ------------------------------------------------------------ unit tests */

static when_date D(int y, int m, int d) { when_date r = {y, m, d}; return r; }

static void check_date(when_date got, int y, int m, int d)
{
    if (got.y != y || got.m != m || got.d != d)
        fail_msg("got %04d-%02d-%02d, want %04d-%02d-%02d", got.y, got.m, got.d, y, m, d);
}

static void test_parse_iso(void **state)
{
    (void)state;
    when_date d = {0, 0, 0};
    assert_int_equal(when_parse_iso("2022-02-24", 10, &d), 0);
    check_date(d, 2022, 2, 24);
    assert_int_equal(when_parse_iso("2024-02-29T10:00:00Z", 20, &d), 0);
    check_date(d, 2024, 2, 29);
    assert_int_equal(when_parse_iso("2021-12-31 23:59", 16, &d), 0);
    check_date(d, 2021, 12, 31);
    d = D(1, 1, 1);
    assert_int_equal(when_parse_iso("2023-02-29", 10, &d), -1);
    check_date(d, 1, 1, 1); /* untouched on error */
    assert_int_equal(when_parse_iso("1900-02-29", 10, &d), -1);
    assert_int_equal(when_parse_iso("2000-02-29", 10, &d), 0);
    assert_int_equal(when_parse_iso("2022-13-01", 10, &d), -1);
    assert_int_equal(when_parse_iso("2022-00-10", 10, &d), -1);
    assert_int_equal(when_parse_iso("2022-04-31", 10, &d), -1);
    assert_int_equal(when_parse_iso("2022-04-00", 10, &d), -1);
    assert_int_equal(when_parse_iso("0000-01-01", 10, &d), -1);
    assert_int_equal(when_parse_iso("2022-2-24", 9, &d), -1);
    assert_int_equal(when_parse_iso("2022/02/24", 10, &d), -1);
    assert_int_equal(when_parse_iso("2022-02-24x", 11, &d), -1);
    assert_int_equal(when_parse_iso("20220224", 8, &d), -1);
    assert_int_equal(when_parse_iso("", 0, &d), -1);
    assert_int_equal(when_parse_iso(NULL, 10, &d), -1);
    assert_int_equal(when_parse_iso("2022-02-24", 10, NULL), -1);
    assert_int_equal(when_parse_iso("2022-02-2\0", 10, &d), -1);
    assert_int_equal(when_parse_iso("99999-01-01", 11, &d), -1);
}

static void test_calendar(void **state)
{
    (void)state;
    assert_int_equal(when_weekday(D(1970, 1, 1)), 3);
    assert_int_equal(when_weekday(D(2022, 2, 24)), 3);  /* Thursday */
    assert_int_equal(when_weekday(D(2024, 2, 29)), 3);  /* Thursday */
    assert_int_equal(when_weekday(D(2000, 1, 1)), 5);   /* Saturday */
    assert_int_equal(when_weekday(D(1969, 7, 20)), 6);  /* Sunday */
    assert_int_equal(when_weekday(D(1, 1, 1)), 0);      /* Monday, proleptic */
    check_date(when_add_days(D(2024, 2, 28), 1), 2024, 2, 29);
    check_date(when_add_days(D(2023, 2, 28), 1), 2023, 3, 1);
    check_date(when_add_days(D(2021, 12, 31), 1), 2022, 1, 1);
    check_date(when_add_days(D(2022, 1, 1), -1), 2021, 12, 31);
    check_date(when_add_days(D(2024, 3, 1), -1), 2024, 2, 29);
    check_date(when_add_days(D(2100, 3, 1), -1), 2100, 2, 28);
    check_date(when_add_days(D(2000, 3, 1), -1), 2000, 2, 29);
    check_date(when_add_days(D(9999, 12, 31), 5), 9999, 12, 31); /* clamped */
    check_date(when_add_days(D(1, 1, 1), -5), 1, 1, 1);
    assert_int_equal(when_days_between(D(2022, 1, 1), D(2023, 1, 1)), 365);
    assert_int_equal(when_days_between(D(2024, 1, 1), D(2025, 1, 1)), 366);
    assert_int_equal(when_days_between(D(2022, 3, 1), D(2022, 2, 1)), -28);
    assert_int_equal(when_days_between(D(0, 0, 0), D(2022, 2, 1)), 0);
    /* every day of four centuries round-trips and weekdays advance by one */
    when_date d = D(1899, 12, 25);
    int wd = when_weekday(d);
    for (int i = 0; i < 146097; i++) {
        when_date n = when_add_days(d, 1);
        assert_true(when_valid(n));
        assert_int_equal(when_weekday(n), (wd + 1) % 7);
        assert_int_equal(when_days_between(d, n), 1);
        d = n, wd = (wd + 1) % 7;
    }
    char buf[11];
    when_format(D(2022, 2, 4), buf);
    assert_string_equal(buf, "2022-02-04");
    when_format(D(0, 0, 0), buf);
    assert_string_equal(buf, "0000-00-00");
    assert_string_equal(when_precision_name(WHEN_DAY), "day");
    assert_string_equal(when_precision_name(WHEN_WEEK), "week");
    assert_string_equal(when_precision_name(WHEN_MONTH), "month");
    assert_string_equal(when_precision_name(WHEN_YEAR), "year");
    assert_string_equal(when_precision_name(WHEN_STORY), "story");
    assert_int_equal(when_selfcheck(), 0);
}

static when_result R(const char *s, const char *trig, when_date story)
{
    when_result r;
    long t = find_word(s, trig);
    assert_true(t >= 0);
    assert_int_equal(when_resolve(s, strlen(s), (size_t)t, (size_t)t + strlen(trig), story, &r), 0);
    return r;
}

static void test_weekday_boundaries(void **state)
{
    (void)state;
    /* past across a leap day, a month and a year */
    check_date(R("The envoys met on Thursday.", "met", D(2024, 3, 1)).date, 2024, 2, 29);
    check_date(R("The envoys met on Monday.", "met", D(2021, 1, 1)).date, 2020, 12, 28);
    check_date(R("The envoys met on Sunday.", "met", D(2023, 3, 1)).date, 2023, 2, 26);
    /* future across a year and a leap day */
    check_date(R("The envoys will meet on Monday.", "meet", D(2020, 12, 31)).date, 2021, 1, 4);
    check_date(R("The envoys will meet on Thursday.", "meet", D(2024, 2, 27)).date, 2024, 2, 29);
    check_date(R("The envoys will meet on Friday.", "meet", D(2100, 2, 27)).date, 2100, 3, 5);
    /* same day counts both ways */
    check_date(R("The envoys met on Friday.", "met", D(2022, 2, 4)).date, 2022, 2, 4);
    check_date(R("The envoys will meet on Friday.", "meet", D(2022, 2, 4)).date, 2022, 2, 4);
    /* a week: the Monday, across a year */
    when_result r = R("The envoys met last week.", "met", D(2022, 1, 2));
    check_date(r.date, 2021, 12, 20);
    assert_int_equal(r.precision, WHEN_WEEK);
    /* month and day without a year across the new year */
    check_date(R("The envoys met on December 30.", "met", D(2022, 1, 3)).date, 2021, 12, 30);
    check_date(R("The envoys will meet on January 3.", "meet", D(2021, 12, 30)).date, 2022, 1, 3);
    /* Feb 29 without a year needs a leap year nearby */
    check_date(R("The envoys met on February 29.", "met", D(2024, 3, 10)).date, 2024, 2, 29);
    assert_int_equal(R("The envoys met on February 29.", "met", D(2022, 3, 10)).precision, WHEN_STORY);
    /* unknown story date: only absolute dates */
    assert_int_equal(R("The envoys met on Friday.", "met", D(0, 0, 0)).precision, WHEN_STORY);
    check_date(R("The envoys met on 4 February 2022.", "met", D(0, 0, 0)).date, 2022, 2, 4);
    /* an impossible story date is treated as unknown */
    assert_int_equal(R("The envoys met yesterday.", "met", D(2022, 2, 30)).precision, WHEN_STORY);
    /* extreme years do not overflow */
    r = R("The envoys will meet next year.", "meet", D(9999, 6, 1));
    assert_int_equal(r.precision, WHEN_STORY);
    r = R("The envoys met 999 years ago.", "met", D(500, 6, 1));
    assert_int_equal(r.precision, WHEN_STORY);
    r = R("The envoys met 999 days ago.", "met", D(1, 1, 2));
    check_date(r.date, 1, 1, 1);
}

static void test_bad_input(void **state)
{
    (void)state;
    when_result r;
    when_date story = D(2022, 2, 4);
    assert_int_equal(when_resolve("", 0, 0, 0, story, &r), 0);
    assert_int_equal(r.precision, WHEN_STORY);
    check_date(r.date, 2022, 2, 4);
    assert_int_equal(r.text_start, r.text_end);
    assert_int_equal(when_resolve(NULL, 0, 0, 0, story, &r), 0);
    assert_int_equal(when_resolve(NULL, 5, 0, 0, story, &r), -1);
    assert_int_equal(when_resolve("x", 1, 0, 1, story, NULL), -1);
    /* trigger out of range */
    const char *s = "They met on Wednesday.";
    assert_int_equal(when_resolve(s, strlen(s), 1000, 2000, story, &r), 0);
    assert_int_equal(when_resolve(s, strlen(s), 9, 3, story, &r), 0);
    /* NUL bytes and invalid UTF-8 in the middle */
    const char nul[] = "They\0met \xff\xfe\xc3 on \xe2\x80 Wednesday\0 in\x80 Geneva.";
    assert_int_equal(when_resolve(nul, sizeof nul - 1, 5, 8, story, &r), 0);
    check_date(r.date, 2022, 2, 2);
    assert_int_equal(r.precision, WHEN_DAY);
    /* truncated UTF-8 at the very end */
    const char tr[] = "They met on Wednesday \xe2\x80";
    assert_int_equal(when_resolve(tr, sizeof tr - 1, 5, 8, story, &r), 0);
    assert_int_equal(r.precision, WHEN_DAY);
    /* huge input: a 4 MB sentence, trigger in the middle */
    size_t n = 4u << 20;
    char *big = malloc(n);
    assert_non_null(big);
    for (size_t i = 0; i < n; i++) big[i] = "the talks went on and on, "[i % 26];
    const char *mid = " ministers met on Friday in Doha ";
    size_t at = n / 2;
    memcpy(big + at, mid, strlen(mid));
    assert_int_equal(when_resolve(big, n, at + 11, at + 14, story, &r), 0);
    check_date(r.date, 2022, 2, 4);
    assert_int_equal(r.precision, WHEN_DAY);
    assert_true(r.text_start > at && r.text_end < at + strlen(mid));
    /* digits, punctuation and unbroken letters */
    memset(big, '9', n);
    assert_int_equal(when_resolve(big, n, n / 2, n / 2 + 1, story, &r), 0);
    memset(big, ',', n);
    assert_int_equal(when_resolve(big, n, n / 2, n / 2 + 1, story, &r), 0);
    memset(big, 'a', n);
    assert_int_equal(when_resolve(big, n, 0, n, story, &r), 0);
    assert_int_equal(r.precision, WHEN_STORY);
    /* random bytes: must not crash (run under ASan/UBSan); a sentence read
     * once agrees */
    when_sentence *ws = when_sentence_new();
    assert_non_null(ws);
    uint32_t x = 2463534242u;
    for (int it = 0; it < 20000; it++) {
        size_t len = 0;
        size_t want = 1 + (size_t)(it % 300);
        for (; len < want; len++) {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            static const char *const frag[] = {"on ", "Friday", "May ", "last ", "week", "'s ", ", ",
                                               "since ", "2014", "12/", "-", "\xe2\x80\x94", "the ", "15th ",
                                               "ago ", "two ", "will ", "met ", "\"", "\xe2\x80\x9c"};
            if (x % 3 == 0) {
                big[len] = (char)(x >> 8);
            } else {
                const char *f = frag[(x >> 8) % 20];
                size_t fl = strlen(f);
                if (len + fl > want) break;
                memcpy(big + len, f, fl);
                len += fl - 1;
            }
        }
        size_t a = len ? (x >> 3) % len : 0, b = a + (len ? (x >> 11) % (len - a + 1) : 0);
        assert_int_equal(when_resolve(big, len, a, b, story, &r), 0);
        assert_true(r.text_start <= r.text_end && r.text_end <= len);
        assert_true(r.precision == WHEN_STORY || when_valid(r.date));
        when_result r2;
        when_sentence_read(ws, big, len);
        assert_int_equal(when_resolve_in(ws, a, b, story, &r2), 0);
        assert_memory_equal(&r, &r2, sizeof r);
    }
    when_sentence_free(ws);
    free(big);
}

/* The words a caller may look for before reading a sentence: every
 * expression the golden set dates needs one of them. */
static void test_date_words(void **state)
{
    (void)state;
    static const char *const yes[] = { "Friday", "february", "Feb", "yesterday", "Tonight", "week",
                                       "years", "weekend", "ago", "morning", "2014", "24th", "mid-2021" };
    static const char *const no[] = { "met", "the", "Beijing", "last", "next", "", "recently",
                                      "extraordinarily" };
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) assert_true(when_date_word(yes[i], strlen(yes[i])));
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) assert_false(when_date_word(no[i], strlen(no[i])));
    assert_false(when_date_word(NULL, 3));
    /* a sentence without any of them dates nothing */
    when_result r;
    const char *s = "The envoys met in Geneva and agreed to talk again soon.";
    assert_int_equal(when_resolve(s, strlen(s), 11, 14, D(2022, 2, 4), &r), 0);
    assert_int_equal(r.precision, WHEN_STORY);
    /* NULL sentence readers */
    assert_int_equal(when_resolve_in(NULL, 0, 0, D(2022, 2, 4), &r), -1);
    when_sentence_read(NULL, s, strlen(s));
}

int main(int argc, char **argv)
{
    (void)argc;
    g_argv0 = argv[0];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_iso),
        cmocka_unit_test(test_calendar),
        cmocka_unit_test(test_weekday_boundaries),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_golden),
        cmocka_unit_test(test_holdout),
        cmocka_unit_test(test_holdout2),
        cmocka_unit_test(test_date_words),
    };
    return cmocka_run_group_tests_name("when", tests, NULL, NULL);
}
