/*
 * test_output.c: unit tests of the output formats (src/output.c) and of the
 * diagnostics (src/diag.c).
 *
 * Events are built by hand, formatted, and the text checked exactly where
 * the format is a contract (jsonl fields and escaping, csv quoting, gdelt's
 * 61 columns) and by structure elsewhere (table alignment).  JSON output is
 * parsed back with json-c so that escaping is judged by a real parser, not
 * by the code under test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "annals.h"

static annals_event full_event(void)
{
    annals_event e;
    memset(&e, 0, sizeof e);
    e.doc = "000";
    e.sentence = 2;
    e.story_date = "2022-02-03";
    e.date = "2022-02-02";
    e.date_precision = "day";
    e.date_text = "yesterday";
    e.background = 0;
    e.source = "RUSGOV";
    e.source_country = "RUS";
    e.source_name = "Vladimir Putin";
    e.target = "CHNGOV";
    e.target_country = "CHN";
    e.target_name = "Xi Jinping";
    e.code = "042";
    e.code_name = "Make a visit";
    e.root = "04";
    e.quad_class = 1;
    e.goldstein = 1.9;
    e.plover = "CONSULT";
    e.text = "Putin visited Beijing yesterday.";
    e.span_start = 100;
    e.span_end = 132;
    e.trigger = "visited";
    e.trigger_start = 106;
    e.trigger_end = 113;
    e.location.name = "Beijing";
    e.location.country = "CHN";
    e.location.admin1 = "Beijing";
    e.location.lat = 39.9075;
    e.location.lon = 116.39723;
    e.location.geonames_id = 1816670;
    e.location.precision = "city";
    return e;
}

static annals_event null_event(void)
{
    annals_event e;
    memset(&e, 0, sizeof e);
    e.doc = "d";
    e.source = "USA";
    e.code = "010";
    e.root = "01";
    e.quad_class = 1;
    e.text = "";
    return e;
}

/* Format n events into a fresh NUL-terminated string (caller frees). */
static char *fmt(annals_format f, const annals_event *ev, size_t n, int header)
{
    annals_buf b = {0};
    if (header)
        assert_int_equal(annals_format_header(f, &b), ANNALS_OK);
    assert_int_equal(annals_format_events(f, ev, n, &b), ANNALS_OK);
    char *s = malloc(b.len + 1);
    assert_non_null(s);
    if (b.len)
        memcpy(s, b.data, b.len);
    s[b.len] = '\0';
    annals_buf_free(&b);
    return s;
}

static size_t count_char(const char *s, size_t n, char c)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += s[i] == c;
    return k;
}

static void test_parse(void **state)
{
    (void)state;
    annals_format f;
    assert_int_equal(annals_format_parse("jsonl", &f), ANNALS_OK);
    assert_int_equal(f, ANNALS_FORMAT_JSONL);
    assert_int_equal(annals_format_parse("table", &f), ANNALS_OK);
    assert_int_equal(f, ANNALS_FORMAT_TABLE);
    assert_int_equal(annals_format_parse("tsv", &f), ANNALS_OK);
    assert_int_equal(f, ANNALS_FORMAT_TSV);
    assert_int_equal(annals_format_parse("csv", &f), ANNALS_OK);
    assert_int_equal(f, ANNALS_FORMAT_CSV);
    assert_int_equal(annals_format_parse("gdelt", &f), ANNALS_OK);
    assert_int_equal(f, ANNALS_FORMAT_GDELT);
    assert_int_equal(annals_format_parse("xml", &f), ANNALS_EINVAL);
    assert_int_equal(annals_format_parse("", &f), ANNALS_EINVAL);
    assert_int_equal(annals_format_parse(NULL, &f), ANNALS_EINVAL);
    annals_buf b = {0};
    assert_int_equal(annals_format_events((annals_format)99, NULL, 0, &b), ANNALS_EINVAL);
    assert_int_equal(annals_format_header(ANNALS_FORMAT_JSONL, &b), ANNALS_OK);
    assert_int_equal(b.len, 0);
    assert_int_equal(annals_format_header(ANNALS_FORMAT_GDELT, &b), ANNALS_OK);
    assert_int_equal(b.len, 0);
    annals_buf_free(&b);
    annals_buf_free(NULL);
}

static void test_jsonl_exact(void **state)
{
    (void)state;
    annals_event e = full_event();
    char *s = fmt(ANNALS_FORMAT_JSONL, &e, 1, 1);
    assert_string_equal(s,
        "{\"doc\":\"000\",\"sentence\":2,\"story_date\":\"2022-02-03\",\"date\":\"2022-02-02\","
        "\"date_precision\":\"day\",\"date_text\":\"yesterday\",\"background\":false,"
        "\"source\":\"RUSGOV\",\"source_country\":\"RUS\",\"source_name\":\"Vladimir Putin\","
        "\"target\":\"CHNGOV\",\"target_country\":\"CHN\",\"target_name\":\"Xi Jinping\","
        "\"code\":\"042\",\"code_name\":\"Make a visit\",\"root\":\"04\",\"quad_class\":1,"
        "\"goldstein\":1.9,\"plover\":\"CONSULT\",\"text\":\"Putin visited Beijing yesterday.\","
        "\"span\":[100,132],\"trigger\":\"visited\",\"trigger_span\":[106,113],"
        "\"location\":{\"name\":\"Beijing\",\"country\":\"CHN\",\"admin1\":\"Beijing\","
        "\"lat\":39.9075,\"lon\":116.39723,\"geonames_id\":1816670,\"precision\":\"city\"}}\n");
    free(s);
}

static void test_jsonl_parse_back(void **state)
{
    (void)state;
    annals_event ev[2] = {full_event(), null_event()};
    ev[0].goldstein = -10.0;
    ev[0].background = 1;
    ev[0].location.lat = -33.86785;
    char *s = fmt(ANNALS_FORMAT_JSONL, ev, 2, 0);
    assert_int_equal(count_char(s, strlen(s), '\n'), 2);
    char *nl = strchr(s, '\n');
    *nl = '\0';
    json_object *o = json_tokener_parse(s);
    assert_non_null(o);
    json_object *v;
    assert_true(json_object_object_get_ex(o, "goldstein", &v));
    assert_true(json_object_get_double(v) == -10.0);
    assert_true(json_object_object_get_ex(o, "background", &v));
    assert_true(json_object_is_type(v, json_type_boolean));
    assert_true(json_object_get_boolean(v));
    assert_true(json_object_object_get_ex(o, "location", &v));
    json_object *lat;
    assert_true(json_object_object_get_ex(v, "lat", &lat));
    assert_true(json_object_get_double(lat) == -33.86785);
    assert_true(json_object_object_get_ex(o, "span", &v));
    assert_int_equal(json_object_array_length(v), 2);
    json_object_put(o);

    o = json_tokener_parse(nl + 1);
    assert_non_null(o);
    static const char *const nulls[] = {"story_date", "date", "date_precision", "date_text",
                                        "source_country", "source_name", "target",
                                        "target_country", "target_name", "code_name",
                                        "plover", "trigger", "location"};
    for (size_t i = 0; i < sizeof nulls / sizeof nulls[0]; i++) {
        assert_true(json_object_object_get_ex(o, nulls[i], &v));
        assert_null(v);
    }
    static const char *const req[] = {
        "doc", "sentence", "story_date", "date", "date_precision", "date_text", "background",
        "source", "source_country", "source_name", "target", "target_country", "target_name",
        "code", "root", "quad_class", "goldstein", "plover", "text", "span", "trigger",
        "location"};
    for (size_t i = 0; i < sizeof req / sizeof req[0]; i++)
        assert_true(json_object_object_get_ex(o, req[i], NULL));
    assert_true(json_object_object_get_ex(o, "text", &v));
    assert_string_equal(json_object_get_string(v), "");
    json_object_put(o);
    free(s);
}

static void check_json_text(const char *in, const char *expect_escaped, const char *expect_decoded)
{
    annals_event e = null_event();
    e.text = in;
    char *s = fmt(ANNALS_FORMAT_JSONL, &e, 1, 0);
    if (expect_escaped) {
        char want[512];
        snprintf(want, sizeof want, "\"text\":\"%s\"", expect_escaped);
        if (!strstr(s, want))
            fail_msg("want %s in %s", want, s);
    }
    json_object *o = json_tokener_parse(s);
    if (!o)
        fail_msg("not JSON: %s", s);
    json_object *v;
    assert_true(json_object_object_get_ex(o, "text", &v));
    assert_string_equal(json_object_get_string(v), expect_decoded);
    json_object_put(o);
    free(s);
}

static void test_jsonl_escaping(void **state)
{
    (void)state;
    check_json_text("say \"hi\" \\ there", "say \\\"hi\\\" \\\\ there", "say \"hi\" \\ there");
    check_json_text("a\nb\tc\rd\be\ff", "a\\nb\\tc\\rd\\be\\ff", "a\nb\tc\rd\be\ff");
    check_json_text("\x01\x1f\x7f", "\\u0001\\u001f\x7f", "\x01\x1f\x7f");
    check_json_text("caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80 /", NULL,
                    "caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80 /");
    /* invalid UTF-8: lone bytes, overlong, surrogate, truncated, too big */
    check_json_text("a\xff" "b", "a\xef\xbf\xbd" "b", "a\xef\xbf\xbd" "b");
    check_json_text("\xc0\xaf", NULL, "\xef\xbf\xbd\xef\xbf\xbd");
    check_json_text("\xed\xa0\x80", NULL, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    check_json_text("x\xe2\x82", NULL, "x\xef\xbf\xbd\xef\xbf\xbd");
    check_json_text("\xf4\x90\x80\x80", NULL,
                    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    check_json_text("\x80\xbf", NULL, "\xef\xbf\xbd\xef\xbf\xbd");
    /* every byte value once */
    char all[256];
    for (int i = 1; i < 256; i++)
        all[i - 1] = (char)i;
    all[255] = '\0';
    annals_event e = null_event();
    e.text = all;
    e.doc = all;
    e.source_name = all;
    e.location.name = all;
    char *s = fmt(ANNALS_FORMAT_JSONL, &e, 1, 0);
    json_object *o = json_tokener_parse(s);
    assert_non_null(o);
    json_object_put(o);
    free(s);
}

static void test_jsonl_nan(void **state)
{
    (void)state;
    annals_event e = full_event();
    e.goldstein = 0.0 / 0.0;
    e.location.lat = 1.0 / 0.0;
    char *s = fmt(ANNALS_FORMAT_JSONL, &e, 1, 0);
    assert_non_null(strstr(s, "\"goldstein\":null"));
    assert_non_null(strstr(s, "\"lat\":null"));
    json_object *o = json_tokener_parse(s);
    assert_non_null(o);
    json_object_put(o);
    free(s);
}

static void test_jsonl_large(void **state)
{
    (void)state;
    size_t n = 1 << 20;
    char *big = malloc(n + 1);
    assert_non_null(big);
    for (size_t i = 0; i < n; i++)
        big[i] = (char)(i % 7 == 0 ? '\n' : 'a' + (int)(i % 26));
    big[n] = '\0';
    annals_event e = null_event();
    e.text = big;
    char *s = fmt(ANNALS_FORMAT_JSONL, &e, 1, 0);
    json_object *o = json_tokener_parse(s);
    assert_non_null(o);
    json_object *v;
    assert_true(json_object_object_get_ex(o, "text", &v));
    assert_string_equal(json_object_get_string(v), big);
    json_object_put(o);
    free(s);
    free(big);
}

/* Split line into fields on sep (no quoting); returns count. */
static size_t split(const char *line, char sep)
{
    size_t k = 1;
    for (; *line && *line != '\n' && *line != '\r'; line++)
        k += *line == sep;
    return k;
}

static void test_tsv(void **state)
{
    (void)state;
    annals_event ev[2] = {full_event(), null_event()};
    ev[0].text = "a\tb\nc\r";
    ev[0].source_name = "tab\there";
    char *s = fmt(ANNALS_FORMAT_TSV, ev, 2, 1);
    assert_int_equal(count_char(s, strlen(s), '\n'), 3);
    assert_true(strncmp(s, "doc\tsentence\tstory_date\t", 24) == 0);
    size_t cols = split(s, '\t');
    assert_int_equal(cols, 32);
    char *l1 = strchr(s, '\n') + 1;
    char *l2 = strchr(l1, '\n') + 1;
    assert_int_equal(split(l1, '\t'), cols);
    assert_int_equal(split(l2, '\t'), cols);
    assert_true(strncmp(l1, "000\t2\t2022-02-03\t2022-02-02\tday\tyesterday\t0\tRUSGOV\tRUS\ttab here\t",
                        63) == 0);
    assert_non_null(strstr(l1, "\ta b c \n"));
    assert_non_null(strstr(l1, "\t39.9075\t116.39723\t1816670\tcity\t"));
    static const char want2[] = "d\t0\t\t\t\t\t0\tUSA\t\t\t\t\t\t010\t\t01\t1\t0.0\t";
    assert_true(strncmp(l2, want2, sizeof want2 - 1) == 0);
    free(s);
}

static void test_csv(void **state)
{
    (void)state;
    annals_event e = full_event();
    e.text = "He said \"no\", twice.";
    e.source_name = "Smith, John";
    e.target_name = " padded ";
    e.date_text = "line\nbreak";
    char *s = fmt(ANNALS_FORMAT_CSV, &e, 1, 1);
    assert_true(strncmp(s, "doc,sentence,story_date,", 24) == 0);
    char *l1 = strstr(s, "\r\n");
    assert_non_null(l1);
    l1 += 2;
    assert_non_null(strstr(l1, ",\"Smith, John\","));
    assert_non_null(strstr(l1, ",\" padded \","));
    assert_non_null(strstr(l1, ",line break,"));
    assert_non_null(strstr(l1, ",\"He said \"\"no\"\", twice.\"\r\n"));
    assert_int_equal(count_char(s, strlen(s), '\n'), 2);
    assert_int_equal(count_char(s, strlen(s), '\r'), 2);
    free(s);
}

/* Field i (0-based) of a tab-separated line, copied into out. */
static void field(const char *line, int i, char *out, size_t size)
{
    while (i-- > 0) {
        line = strchr(line, '\t');
        assert_non_null(line);
        line++;
    }
    size_t n = strcspn(line, "\t\n");
    assert_true(n < size);
    memcpy(out, line, n);
    out[n] = '\0';
}

static void test_gdelt(void **state)
{
    (void)state;
    annals_event ev[4] = {full_event(), full_event(), null_event(), full_event()};
    ev[0].sentence = 0;
    ev[1].sentence = 0;
    ev[1].target = "IGOUNO";
    ev[1].target_country = NULL;
    ev[1].code = "1711";
    ev[1].root = "17";
    ev[1].location.precision = "country";
    ev[1].location.name = "China";
    ev[3].source = "USAMILREB";
    ev[3].source_country = "USA";
    ev[3].location.country = "USA";
    ev[3].location.precision = "admin1";
    ev[3].text = "tab\tin text";
    ev[3].doc = "http://x/a\tb";
    char *s = fmt(ANNALS_FORMAT_GDELT, ev, 4, 1);
    size_t len = strlen(s);
    assert_int_equal(count_char(s, len, '\n'), 4);
    const char *lines[4];
    lines[0] = s;
    for (int i = 1; i < 4; i++)
        lines[i] = strchr(lines[i - 1], '\n') + 1;
    for (int i = 0; i < 4; i++)
        assert_int_equal(split(lines[i], '\t'), 61);
    char f[128], g[128];
    const char *l = lines[0];
    field(l, 1, f, sizeof f); assert_string_equal(f, "20220202");
    field(l, 2, f, sizeof f); assert_string_equal(f, "202202");
    field(l, 3, f, sizeof f); assert_string_equal(f, "2022");
    field(l, 4, f, sizeof f); assert_string_equal(f, "2022.1699");
    field(l, 5, f, sizeof f); assert_string_equal(f, "RUSGOV");
    field(l, 6, f, sizeof f); assert_string_equal(f, "Vladimir Putin");
    field(l, 7, f, sizeof f); assert_string_equal(f, "RUS");
    field(l, 8, f, sizeof f); assert_string_equal(f, "");
    field(l, 12, f, sizeof f); assert_string_equal(f, "GOV");
    field(l, 15, f, sizeof f); assert_string_equal(f, "CHNGOV");
    field(l, 17, f, sizeof f); assert_string_equal(f, "CHN");
    field(l, 22, f, sizeof f); assert_string_equal(f, "GOV");
    field(l, 25, f, sizeof f); assert_string_equal(f, "1");
    field(l, 26, f, sizeof f); assert_string_equal(f, "042");
    field(l, 27, f, sizeof f); assert_string_equal(f, "042");
    field(l, 28, f, sizeof f); assert_string_equal(f, "04");
    field(l, 29, f, sizeof f); assert_string_equal(f, "1");
    field(l, 30, f, sizeof f); assert_string_equal(f, "1.9");
    field(l, 31, f, sizeof f); assert_string_equal(f, "1");
    field(l, 32, f, sizeof f); assert_string_equal(f, "1");
    field(l, 33, f, sizeof f); assert_string_equal(f, "1");
    field(l, 34, f, sizeof f); assert_string_equal(f, "");
    field(l, 51, f, sizeof f); assert_string_equal(f, "4");
    field(l, 52, f, sizeof f); assert_string_equal(f, "Beijing");
    field(l, 53, f, sizeof f); assert_string_equal(f, "CHN");
    field(l, 56, f, sizeof f); assert_string_equal(f, "39.9075");
    field(l, 57, f, sizeof f); assert_string_equal(f, "116.3972");
    field(l, 58, f, sizeof f); assert_string_equal(f, "1816670");
    field(l, 59, f, sizeof f); assert_string_equal(f, "20220203000000");
    field(l, 60, f, sizeof f); assert_string_equal(f, "000");
    /* ids: two events of one sentence differ; the same event is stable */
    field(lines[0], 0, f, sizeof f);
    field(lines[1], 0, g, sizeof g);
    assert_string_not_equal(f, g);
    assert_true(strspn(f, "0123456789") == strlen(f) && strlen(f) > 0);
    char *again = fmt(ANNALS_FORMAT_GDELT, ev, 1, 0);
    assert_true(strncmp(again, f, strlen(f)) == 0);
    free(again);
    l = lines[1];
    field(l, 15, f, sizeof f); assert_string_equal(f, "IGOUNO");
    field(l, 17, f, sizeof f); assert_string_equal(f, "");
    field(l, 18, f, sizeof f); assert_string_equal(f, "UNO");
    field(l, 22, f, sizeof f); assert_string_equal(f, "IGO");
    field(l, 27, f, sizeof f); assert_string_equal(f, "171");
    field(l, 51, f, sizeof f); assert_string_equal(f, "1");
    l = lines[2]; /* no dates, no target, no place */
    field(l, 1, f, sizeof f); assert_string_equal(f, "");
    field(l, 7, f, sizeof f); assert_string_equal(f, "USA");
    field(l, 25, f, sizeof f); assert_string_equal(f, "1");
    field(l, 52, f, sizeof f); assert_string_equal(f, "");
    field(l, 59, f, sizeof f); assert_string_equal(f, "");
    l = lines[3];
    field(l, 7, f, sizeof f); assert_string_equal(f, "USA");
    field(l, 12, f, sizeof f); assert_string_equal(f, "MIL");
    field(l, 13, f, sizeof f); assert_string_equal(f, "REB");
    field(l, 25, f, sizeof f); assert_string_equal(f, "0");
    field(l, 51, f, sizeof f); assert_string_equal(f, "2");
    field(l, 60, f, sizeof f); assert_string_equal(f, "http://x/a b");
    free(s);
}

/* Code points before byte offset n. */
static size_t cps(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

static void test_table(void **state)
{
    (void)state;
    annals_event ev[2] = {full_event(), null_event()};
    ev[0].source_name = "Президент Владимир Владимирович Путин";
    ev[0].code_name = "Express intent to engage in diplomatic cooperation (such as policy support)";
    char *s = fmt(ANNALS_FORMAT_TABLE, ev, 2, 1);
    assert_int_equal(count_char(s, strlen(s), '\n'), 3);
    char *l0 = s, *l1 = strchr(l0, '\n') + 1, *l2 = strchr(l1, '\n') + 1;
    assert_true(strncmp(l0, "DATE        SOURCE", 18) == 0);
    assert_true(strncmp(l1, "2022-02-02  RUSGOV Президент", 12 + 7 + 18) == 0);
    assert_non_null(strstr(l1, "\xE2\x80\xA6"));
    /* columns start at the same code point on every line */
    const char *heads[] = {"SOURCE", "EVENT", "TARGET", "TRIGGER"};
    size_t col[4];
    for (int i = 0; i < 4; i++)
        col[i] = cps(l0, (size_t)(strstr(l0, heads[i]) - l0));
    size_t p1 = cps(l1, (size_t)(strstr(l1, "042 Express") - l1));
    assert_int_equal(p1, col[1]);
    size_t p2 = cps(l1, (size_t)(strstr(l1, "CHNGOV") - l1));
    assert_int_equal(p2, col[2]);
    size_t p3 = cps(l1, (size_t)(strstr(l1, "visited") - l1));
    assert_int_equal(p3, col[3]);
    /* NULL cells show "-"; no date at all */
    assert_true(strncmp(l2, "-           USA", 15) == 0);
    size_t q = cps(l2, (size_t)(strstr(l2, "010") - l2));
    assert_int_equal(q, col[1]);
    free(s);
}

static void test_append(void **state)
{
    (void)state;
    /* events append to what the buffer holds */
    annals_buf b = {0};
    annals_event e = null_event();
    for (int i = 0; i < 1000; i++)
        assert_int_equal(annals_format_events(ANNALS_FORMAT_JSONL, &e, 1, &b), ANNALS_OK);
    assert_int_equal(count_char(b.data, b.len, '\n'), 1000);
    size_t one = b.len / 1000;
    assert_int_equal(b.len, one * 1000);
    assert_int_equal(annals_format_events(ANNALS_FORMAT_JSONL, NULL, 0, &b), ANNALS_OK);
    assert_int_equal(b.len, one * 1000);
    annals_buf_free(&b);
    assert_null(b.data);
}

static void test_diag(void **state)
{
    (void)state;
    annals_diag d;
    memset(&d, 0, sizeof d);
    char buf[1024];
    strcpy(d.file, "in.jsonl");
    d.line = 3;
    d.offset = 120;
    strcpy(d.msg, "malformed JSON");
    annals_diag_format(&d, buf, sizeof buf);
    assert_string_equal(buf, "in.jsonl:3: offset 120: malformed JSON");
    d.line = 0;
    annals_diag_format(&d, buf, sizeof buf);
    assert_string_equal(buf, "in.jsonl: offset 120: malformed JSON");
    d.offset = 0;
    annals_diag_format(&d, buf, sizeof buf);
    assert_string_equal(buf, "in.jsonl: malformed JSON");
    d.file[0] = '\0';
    annals_diag_format(&d, buf, sizeof buf);
    assert_string_equal(buf, "malformed JSON");
    annals_diag_format(&d, buf, 5);
    assert_string_equal(buf, "malf");
    /* unterminated arrays are not overread */
    memset(d.file, 'f', sizeof d.file);
    memset(d.msg, 'm', sizeof d.msg);
    d.line = 1;
    annals_diag_format(&d, buf, sizeof buf);
    assert_int_equal(strlen(buf), 256 + 3 + 11 + 512);
    for (int st = ANNALS_OK; st <= ANNALS_EVERSION; st++) {
        const char *t = annals_status_str((annals_status)st);
        assert_non_null(t);
        assert_true(strlen(t) > 0);
    }
    assert_string_equal(annals_status_str((annals_status)999), "unknown status");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_jsonl_exact),
        cmocka_unit_test(test_jsonl_parse_back),
        cmocka_unit_test(test_jsonl_escaping),
        cmocka_unit_test(test_jsonl_nan),
        cmocka_unit_test(test_jsonl_large),
        cmocka_unit_test(test_tsv),
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_gdelt),
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_append),
        cmocka_unit_test(test_diag),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
