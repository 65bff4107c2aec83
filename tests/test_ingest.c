/*
 * test_ingest.c: unit tests for the article reader (src/ingest.c).
 *
 * Every fixture is written by the test into a fresh mkdtemp directory:
 * plain text with and without a date line, JSON lines (good, malformed,
 * without text, a 100 MB line), .json arrays, HTML, gzip files, nested
 * directories, binary and empty files, invalid UTF-8 and NUL bytes.  Each
 * test opens a reader over its paths and walks the records, checking the
 * fields and the diagnostics (file, line, byte offset).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <zlib.h>

#include "annals.h"
#include "ingest.h"

static char tmpdir[256];

static const char *path_of(const char *name)
{
    static char buf[4][512];
    static int k;
    k = (k + 1) & 3;
    snprintf(buf[k], sizeof buf[k], "%s/%s", tmpdir, name);
    return buf[k];
}

static void wfile(const char *name, const void *data, size_t n)
{
    FILE *f = fopen(path_of(name), "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    fclose(f);
}

static void wstr(const char *name, const char *s)
{
    wfile(name, s, strlen(s));
}

static void wgz(const char *name, const char *s)
{
    gzFile g = gzopen(path_of(name), "wb");
    assert_non_null(g);
    assert_int_equal(gzwrite(g, s, (unsigned)strlen(s)), (int)strlen(s));
    gzclose(g);
}

static void mkdir_t(const char *name)
{
    assert_int_equal(mkdir(path_of(name), 0755), 0);
}

static annals_reader *open1(const char *name, const char *ddate)
{
    const char *p = path_of(name);
    annals_reader *r = NULL;
    assert_int_equal(annals_reader_open(&p, 1, ANNALS_INPUT_AUTO, ddate, &r), ANNALS_OK);
    return r;
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/annals-ingest-XXXXXX");
    assert_non_null(mkdtemp(tmpdir));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* ------------------------------------------------------------ plain text */

static void test_text_date_headline(void **state)
{
    (void)state;
    wstr("000_abc.txt", " date 2022-02-03 Lukashenko: a headline 3:00\n\nAnkara (CNN) - text.\n"
                        "Second line.\n");
    annals_reader *r = open1("000_abc.txt", NULL);
    annals_article a;
    annals_diag d;
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_OK);
    assert_string_equal(a.id, "000_abc");
    assert_string_equal(a.date, "2022-02-03");
    assert_string_equal(a.title, "Lukashenko: a headline 3:00");
    assert_string_equal(a.text, "Ankara (CNN) - text.\nSecond line.");
    assert_int_equal(a.text_len, strlen(a.text));
    assert_string_equal(a.file, path_of("000_abc.txt"));
    assert_null(a.url);
    assert_string_equal(d.msg, "");
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_EOF);
    annals_reader_free(r);
}

static void test_text_no_leading_space_no_headline(void **state)
{
    (void)state;
    wstr("b.txt", "date 2021-12-15\r\nBody line one.\r\nBody two.\r\n");
    annals_reader *r = open1("b.txt", NULL);
    annals_article a;
    annals_diag d;
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_OK);
    assert_string_equal(a.date, "2021-12-15");
    assert_null(a.title);
    assert_string_equal(a.text, "Body line one.\nBody two.");
    annals_reader_free(r);
}

static void test_text_default_date(void **state)
{
    (void)state;
    wstr("nodate.txt", "Date palms were planted in Baghdad.\n");
    annals_reader *r = open1("nodate.txt", "2020-05-06");
    annals_article a;
    annals_diag d;
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_OK);
    assert_string_equal(a.date, "2020-05-06");
    assert_string_equal(a.text, "Date palms were planted in Baghdad.");
    annals_reader_free(r);

    r = open1("nodate.txt", NULL);
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_OK);
    assert_string_equal(a.date, "");
    annals_reader_free(r);

    /* a bad default date is a bad argument */
    const char *p = path_of("nodate.txt");
    assert_int_equal(annals_reader_open(&p, 1, ANNALS_INPUT_AUTO, "2020-13-01", &r), ANNALS_EINVAL);
}

static void test_text_malformed_date(void **state)
{
    (void)state;
    wstr("bad.txt", "date 2022-02-30 Headline\nText here.\n");
    annals_reader *r = open1("bad.txt", NULL);
    annals_article a;
    annals_diag d;
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_OK);
    assert_string_equal(a.date, "");
    assert_string_equal(a.title, "Headline");
    assert_non_null(strstr(d.msg, "malformed date"));
    assert_non_null(strstr(d.file, "bad.txt"));
    annals_reader_free(r);
}

static void test_text_invalid_utf8_and_nul(void **state)
{
    (void)state;
    static const char data[] = "date 2022-01-01 H\nabc\xff\xfe" "def \xe2\x80 x\x00y caf\xc3\xa9\n";
    wfile("u.txt", data, sizeof data - 1);
    annals_reader *r = open1("u.txt", NULL);
    annals_article a;
    annals_diag d;
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_OK);
    assert_string_equal(a.text, "abc\xef\xbf\xbd\xef\xbf\xbd" "def \xef\xbf\xbd xy caf\xc3\xa9");
    assert_int_equal(a.text_len, strlen(a.text));
    assert_non_null(strstr(d.msg, "U+FFFD"));
    assert_non_null(strstr(d.msg, "NUL"));
    assert_int_equal(d.offset, 21); /* the \xff */
    annals_reader_free(r);
}

static void test_empty_and_binary(void **state)
{
    (void)state;
    wstr("empty.txt", "");
    wstr("blank.jsonl", "\n  \n");
    unsigned char bin[5000];
    for (size_t i = 0; i < sizeof bin; i++)
        bin[i] = (unsigned char)((i * 7) % 32);
    wfile("bin.txt", bin, sizeof bin);
    wstr("after.txt", "Still read.\n");
    const char *p[] = {path_of("empty.txt"), path_of("blank.jsonl"), path_of("bin.txt"),
                       path_of("after.txt")};
    annals_reader *r = NULL;
    assert_int_equal(annals_reader_open(p, 4, ANNALS_INPUT_AUTO, NULL, &r), ANNALS_OK);
    annals_article a;
    annals_diag d;
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_SKIPPED);
    assert_non_null(strstr(d.msg, "empty"));
    assert_non_null(strstr(d.file, "empty.txt"));
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_SKIPPED);
    assert_non_null(strstr(d.file, "blank.jsonl"));
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_SKIPPED);
    assert_non_null(strstr(d.msg, "binary"));
    assert_non_null(strstr(d.file, "bin.txt"));
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_OK);
    assert_string_equal(a.text, "Still read.");
    assert_string_equal(a.id, "after");
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_EOF);
    annals_reader_free(r);
}

/* ------------------------------------------------------------ JSON lines */

static void test_jsonl_fields(void **state)
{
    (void)state;
    wstr("feed.jsonl",
         "{\"id\": \"a1\", \"date\": \"2022-02-03\", \"text\": \"First \\u201cquoted\\u201d.\", "
         "\"title\": \"T\", \"url\": \"http://x/1\", \"source\": \"CNN\", \"events\": [1,2], "
         "\"extra\": {\"k\": null}}\n"
         "{\"id\": 42, \"date\": \"2021-06-01T12:30:00Z\", \"text\": \"Second.\"}\r\n"
         "\n"
         "{\"date\": \"June 1\", \"text\": \"Third.\"}\n");
    annals_reader *r = open1("feed.jsonl", "1999-01-01");
    annals_article a;
    annals_diag d;
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_OK);
    assert_string_equal(a.id, "a1");
    assert_string_equal(a.date, "2022-02-03");
    assert_string_equal(a.text, "First \xe2\x80\x9cquoted\xe2\x80\x9d.");
    assert_string_equal(a.title, "T");
    assert_string_equal(a.url, "http://x/1");
    assert_string_equal(a.source, "CNN");
    assert_int_equal(a.line, 1);
    assert_string_equal(d.msg, "");
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_OK);
    assert_string_equal(a.id, "42");
    assert_string_equal(a.date, "2021-06-01");
    assert_null(a.title);
    assert_int_equal(a.line, 2);
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_OK);
    assert_string_equal(a.id, "feed:4");
    assert_string_equal(a.text, "Third.");
    assert_string_equal(a.date, "1999-01-01");
    assert_non_null(strstr(d.msg, "malformed date"));
    assert_int_equal(d.line, 4);
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_EOF);
    annals_reader_free(r);
}

static void test_jsonl_bad_lines(void **state)
{
    (void)state;
    static const char data[] =
        "{\"id\": \"ok1\", \"text\": \"One.\"}\n"    /* 31 bytes + \n = 32 */
        "{\"id\": \"broken\", \"text\": \"no end\n" /* line 2 */
        "{\"id\": \"nt\", \"title\": \"no text\"}\n"
        "[1, 2, 3]\n"
        "{\"id\": \"ok2\", \"text\": \"Two \xff.\"} trailing\n"
        "{\"id\": \"ok3\", \"text\": \"Thr\\u0000ee \xc3\x28.\"}\n";
    wfile("bad.jsonl", data, sizeof data - 1);
    annals_reader *r = open1("bad.jsonl", NULL);
    annals_article a;
    annals_diag d;
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_OK);
    assert_string_equal(a.id, "ok1");
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_SKIPPED);
    assert_int_equal(d.line, 2);
    assert_true(d.offset >= 32);
    assert_non_null(strstr(d.msg, "malformed JSON"));
    assert_non_null(strstr(d.file, "bad.jsonl"));
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_SKIPPED);
    assert_int_equal(d.line, 3);
    assert_non_null(strstr(d.msg, "text"));
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_SKIPPED);
    assert_int_equal(d.line, 4);
    assert_non_null(strstr(d.msg, "not a JSON object"));
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_SKIPPED);
    assert_int_equal(d.line, 5);
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_OK);
    assert_string_equal(a.id, "ok3");
    assert_string_equal(a.text, "Three \xef\xbf\xbd(.");
    assert_non_null(strstr(d.msg, "U+FFFD"));
    assert_non_null(strstr(d.msg, "NUL"));
    assert_int_equal(d.line, 6);
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_EOF);
    annals_reader_free(r);
}

static void test_jsonl_invalid_utf8_offset(void **state)
{
    (void)state;
    static const char data[] = "{\"id\": \"x\", \"text\": \"bad \xc0\xaf here\"}\n"
                               "{\"id\": \"y\", \"text\": \"raw\0nul\"}\n";
    wfile("u8.jsonl", data, sizeof data - 1);
    annals_reader *r = open1("u8.jsonl", NULL);
    annals_article a;
    annals_diag d;
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_OK);
    assert_string_equal(a.text, "bad \xef\xbf\xbd\xef\xbf\xbd here");
    assert_int_equal(d.offset, 25);
    assert_int_equal(d.line, 1);
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_OK);
    assert_string_equal(a.text, "rawnul");
    assert_non_null(strstr(d.msg, "1 NUL byte removed"));
    assert_int_equal(d.line, 2);
    assert_int_equal(d.offset, 35 + 24);
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_EOF);
    annals_reader_free(r);
}

static void test_jsonl_huge_line(void **state)
{
    (void)state;
    const char *p = path_of("huge.jsonl");
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    fputs("{\"id\": \"before\", \"text\": \"Before.\"}\n", f);
    fputs("{\"id\": \"huge\", \"text\": \"", f);
    size_t chunk = 1 << 20;
    char *buf = malloc(chunk);
    assert_non_null(buf);
    memset(buf, 'a', chunk);
    for (int i = 0; i < 100; i++)
        assert_int_equal(fwrite(buf, 1, chunk, f), chunk);
    free(buf);
    fputs("\"}\n{\"id\": \"after\", \"text\": \"After.\"}\n", f);
    fclose(f);

    struct timespec t0, t1;
    struct rusage ru0, ru1;
    getrusage(RUSAGE_SELF, &ru0);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    annals_reader *r = open1("huge.jsonl", NULL);
    annals_article a;
    annals_diag d;
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_OK);
    assert_string_equal(a.id, "before");
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_SKIPPED);
    assert_int_equal(d.line, 2);
    assert_int_equal(d.offset, 36);
    assert_non_null(strstr(d.msg, "limit"));
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_OK);
    assert_string_equal(a.id, "after");
    assert_int_equal(a.line, 3);
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_EOF);
    annals_reader_free(r);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    assert_true(secs < 20.0); /* typically well under a second */
    getrusage(RUSAGE_SELF, &ru1);
    /* peak memory did not grow by the size of the line: about 17 MB plain,
     * about 70 MB under ASan (its quarantine keeps the buffers realloc
     * freed); storing the 100 MB line would exceed 96 MB either way */
    assert_true(ru1.ru_maxrss - ru0.ru_maxrss < 96 * 1024);
    unlink(p);
}

static void test_text_too_long(void **state)
{
    (void)state;
    const char *p = path_of("long.txt");
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    fputs("date 2020-01-01 Long\n", f);
    for (int i = 0; i < 2 * 1024 * 1024 + 10; i++)
        fputs("caf\xc3\xa9 x ", f); /* 8 bytes: a cut may fall inside the e-acute */
    fclose(f);
    annals_reader *r = open1("long.txt", NULL);
    annals_article a;
    annals_diag d;
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_OK);
    assert_true(a.text_len <= INGEST_MAX_RECORD);
    assert_true(a.text_len > INGEST_MAX_RECORD - 100);
    assert_non_null(strstr(d.msg, "truncated"));
    assert_null(strstr(a.text, "\xef\xbf\xbd"));
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_EOF);
    annals_reader_free(r);
    unlink(p);
}

static void test_json_array(void **state)
{
    (void)state;
    wstr("arr.json", "[\n {\"id\": \"j1\", \"text\": \"One.\"},\n {\"id\": \"j2\"},\n"
                     " {\"id\": \"j3\", \"text\": \"Three.\", \"date\": \"2020-01-02\"}\n]\n");
    annals_reader *r = open1("arr.json", NULL);
    annals_article a;
    annals_diag d;
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_OK);
    assert_string_equal(a.id, "j1");
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_SKIPPED);
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_OK);
    assert_string_equal(a.id, "j3");
    assert_string_equal(a.date, "2020-01-02");
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_EOF);
    annals_reader_free(r);
}

/* ------------------------------------------------------------ HTML */

static void test_html(void **state)
{
    (void)state;
    wstr("page.html",
         "<!DOCTYPE html><html><head><title>Site | Story title</title>"
         "<meta property=\"og:title\" content=\"Story  title\">"
         "<meta property=\"article:published_time\" content=\"2023-04-05T06:07:08Z\">"
         "<meta property=\"og:site_name\" content=\"The Paper\">"
         "<style>p{color:red}</style><script>var x = 1;</script></head><body>"
         "<header><a href=\"/\">Home</a></header><nav><ul><li>World</li></ul></nav>"
         "<article><h1>Story title</h1><p>Leaders   met in\n <b>Paris</b> on Monday.</p>"
         "<p>They agreed &amp; signed.<br>New line.</p><aside>Related stuff</aside>"
         "<form><input name=q></form><noscript>Enable JS</noscript>"
         "<script>alert(1)</script></article><footer>Copyright</footer></body></html>");
    annals_reader *r = open1("page.html", NULL);
    annals_article a;
    annals_diag d;
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_OK);
    assert_string_equal(a.id, "page");
    assert_string_equal(a.title, "Story title");
    assert_string_equal(a.date, "2023-04-05");
    assert_string_equal(a.source, "The Paper");
    assert_string_equal(a.text,
                        "Story title\nLeaders met in Paris on Monday.\nThey agreed & signed.\n"
                        "New line.");
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_EOF);
    annals_reader_free(r);

    wstr("t.htm", "<html><head><title> Only title </title></head><body>"
                  "<p>Text <time datetime=\"2019-09-09\">today</time>.</p></body></html>");
    r = open1("t.htm", NULL);
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_OK);
    assert_string_equal(a.title, "Only title");
    assert_string_equal(a.date, "2019-09-09");
    assert_string_equal(a.text, "Text today.");
    annals_reader_free(r);
}

/* ------------------------------------------------------------ gzip, ids */

static void test_gzip_and_ids(void **state)
{
    (void)state;
    wgz("zipped.txt.gz", "date 2022-03-04 Head\nZipped body.\n");
    wgz("lines.jsonl.gz", "{\"text\": \"Z1.\"}\n{\"id\": \"z2\", \"text\": \"Z2.\"}\n");
    const char *p[] = {path_of("zipped.txt.gz"), path_of("lines.jsonl.gz")};
    annals_reader *r = NULL;
    assert_int_equal(annals_reader_open(p, 2, ANNALS_INPUT_AUTO, NULL, &r), ANNALS_OK);
    annals_article a;
    annals_diag d;
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_OK);
    assert_string_equal(a.id, "zipped");
    assert_string_equal(a.title, "Head");
    assert_string_equal(a.text, "Zipped body.");
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_OK);
    assert_string_equal(a.id, "lines:1");
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_OK);
    assert_string_equal(a.id, "z2");
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_EOF);
    annals_reader_free(r);

    char stem[64];
    ingest_path_stem("/a/b/x.y.txt.gz", stem, sizeof stem);
    assert_string_equal(stem, "x.y");
    ingest_path_stem("plain", stem, sizeof stem);
    assert_string_equal(stem, "plain");
    ingest_path_stem("dir.d/file.html", stem, sizeof stem);
    assert_string_equal(stem, "file");
}

static void test_truncated_gzip(void **state)
{
    (void)state;
    wgz("full.txt.gz", "Some text that will be cut off somewhere in the middle of it all.\n");
    FILE *f = fopen(path_of("full.txt.gz"), "rb");
    assert_non_null(f);
    char buf[256];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    wfile("cut.txt.gz", buf, n - 12);
    annals_reader *r = open1("cut.txt.gz", NULL);
    annals_article a;
    annals_diag d;
    annals_status st;
    int eio = 0;
    while ((st = annals_reader_next(r, &a, &d)) != ANNALS_EOF)
        if (st == ANNALS_EIO)
            eio = 1;
    assert_true(eio);
    annals_reader_free(r);
}

/* ------------------------------------------------------------ directories */

static void test_directory(void **state)
{
    (void)state;
    mkdir_t("tree");
    mkdir_t("tree/sub");
    mkdir_t("tree/.git");
    wstr("tree/b.txt", "B.\n");
    wstr("tree/a.jsonl", "{\"id\": \"a1\", \"text\": \"A1.\"}\n{\"id\": \"a2\", \"text\": \"A2.\"}\n");
    wstr("tree/sub/c.txt", "C.\n");
    wgz("tree/sub/d.htm.gz", "<p>D.</p>");
    wstr("tree/.hidden.txt", "hidden\n");
    wstr("tree/.git/e.txt", "hidden too\n");
    wstr("tree/notes.md", "not ours\n");
    wstr("tree/z.html", "<html><body><p>Z.</p></body></html>");
    assert_int_equal(symlink("..", path_of("tree/sub/loop")), 0);
    const char *p[] = {path_of("tree"), path_of("missing.txt"), path_of("tree/b.txt")};
    annals_reader *r = NULL;
    assert_int_equal(annals_reader_open(p, 3, ANNALS_INPUT_AUTO, NULL, &r), ANNALS_OK);
    static const char *want[] = {"a1", "a2", "b", "c", "d", "z"};
    annals_article a;
    annals_diag d;
    for (size_t i = 0; i < 6; i++) {
        if (i == 5) { /* tree/sub/loop -> tree */
            assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_SKIPPED);
            assert_non_null(strstr(d.msg, "loop"));
            assert_non_null(strstr(d.file, "sub/loop"));
        }
        assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_OK);
        assert_string_equal(a.id, want[i]);
    }
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_ENOTFOUND);
    assert_non_null(strstr(d.file, "missing.txt"));
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_OK);
    assert_string_equal(a.id, "b");
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_EOF);
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_EOF);
    annals_reader_free(r);
}

static void test_unreadable_directory(void **state)
{
    (void)state;
    if (geteuid() == 0)
        skip(); /* root reads everything */
    mkdir_t("locked");
    wstr("ok.txt", "Ok.\n");
    chmod(path_of("locked"), 0);
    const char *p[] = {path_of("locked"), path_of("ok.txt")};
    annals_reader *r = NULL;
    assert_int_equal(annals_reader_open(p, 2, ANNALS_INPUT_AUTO, NULL, &r), ANNALS_OK);
    annals_article a;
    annals_diag d;
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_EIO);
    assert_non_null(strstr(d.file, "locked"));
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_OK);
    annals_reader_free(r);
    chmod(path_of("locked"), 0755);
}

/* ------------------------------------------------------------ stdin */

static void read_stdin_from(const char *name, annals_input kind, const char *want_id,
                            const char *want_text)
{
    int saved = dup(0);
    assert_true(saved >= 0);
    assert_non_null(freopen(path_of(name), "rb", stdin));
    annals_reader *r = NULL;
    assert_int_equal(annals_reader_open(NULL, 0, kind, NULL, &r), ANNALS_OK);
    annals_article a;
    annals_diag d;
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_OK);
    assert_string_equal(a.id, want_id);
    assert_string_equal(a.text, want_text);
    assert_string_equal(a.file, "-");
    assert_int_equal(annals_reader_next(r, &a, &d), ANNALS_EOF);
    annals_reader_free(r);
    assert_int_equal(dup2(saved, 0), 0);
    close(saved);
}

static void test_stdin(void **state)
{
    (void)state;
    wstr("in1", "  {\"id\": \"s1\", \"text\": \"From stdin.\"}\n");
    read_stdin_from("in1", ANNALS_INPUT_AUTO, "s1", "From stdin.");
    wstr("in2", "Plain stdin text.\n");
    read_stdin_from("in2", ANNALS_INPUT_AUTO, "stdin", "Plain stdin text.");
}

/* ------------------------------------------------------------ helpers */

static void test_helpers(void **state)
{
    (void)state;
    char d[11];
    assert_true(ingest_parse_date("2024-02-29", 10, d));
    assert_string_equal(d, "2024-02-29");
    assert_false(ingest_parse_date("2023-02-29", 10, d));
    assert_true(ingest_parse_date("2023-12-31T23:59:59+02:00", 25, d));
    assert_false(ingest_parse_date("2023-12-31x", 11, d));
    assert_false(ingest_parse_date("23-12-31", 8, d));
    assert_false(ingest_parse_date("2023/12/31", 10, d));

    char *out = NULL;
    size_t len = 0, cap = 0, nbad = 0, nnul = 0, first = 0;
    /* overlong, surrogate, truncated 4-byte, > U+10FFFF */
    static const char in[] = "a\xc0\x80" "b\xed\xa0\x80" "c\xf0\x9f\x98" "d\xf4\x90\x80\x80" "e";
    assert_int_equal(ingest_utf8_repair(in, sizeof in - 1, &out, &len, &cap, &nbad, &nnul, &first), 0);
    assert_int_equal(first, 1);
    assert_string_equal(out, "a\xef\xbf\xbd\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
                             "c\xef\xbf\xbd" "d\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" "e");
    free(out);

    unsigned char txt[100];
    memset(txt, 'x', sizeof txt);
    txt[10] = 0;
    assert_false(ingest_looks_binary(txt, sizeof txt));
    memset(txt, 0, 50);
    assert_true(ingest_looks_binary(txt, sizeof txt));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_date_headline),
        cmocka_unit_test(test_text_no_leading_space_no_headline),
        cmocka_unit_test(test_text_default_date),
        cmocka_unit_test(test_text_malformed_date),
        cmocka_unit_test(test_text_invalid_utf8_and_nul),
        cmocka_unit_test(test_empty_and_binary),
        cmocka_unit_test(test_jsonl_fields),
        cmocka_unit_test(test_jsonl_bad_lines),
        cmocka_unit_test(test_jsonl_invalid_utf8_offset),
        cmocka_unit_test(test_jsonl_huge_line),
        cmocka_unit_test(test_text_too_long),
        cmocka_unit_test(test_json_array),
        cmocka_unit_test(test_html),
        cmocka_unit_test(test_gzip_and_ids),
        cmocka_unit_test(test_truncated_gzip),
        cmocka_unit_test(test_directory),
        cmocka_unit_test(test_unreadable_directory),
        cmocka_unit_test(test_stdin),
        cmocka_unit_test(test_helpers),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
