/* test_text.c: tokenizer and sentence splitter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "text.h"

static size_t tok(const char *s, txt_token *t, size_t cap) {
    size_t pos = 0;
    return txt_tokenize(s, strlen(s), &pos, t, cap);
}

static void assert_tok(const char *s, const txt_token *t, const char *want) {
    size_t n = strlen(want);
    assert_int_equal(t->end - t->start, n);
    assert_memory_equal(s + t->start, want, n);
}

static void test_words_and_abbreviations(void **state) {
    (void)state;
    const char *s = "Mr. Lee met U.S. envoys in São Paulo, didn't he?";
    txt_token t[64];
    size_t n = tok(s, t, 64);
    assert_tok(s, &t[0], "Mr.");
    assert_true(t[0].flags & TXT_ABBR);
    assert_tok(s, &t[1], "Lee");
    assert_true(t[1].flags & TXT_CAP);
    assert_tok(s, &t[3], "U.S.");
    assert_true(t[3].flags & TXT_UPPER);
    assert_tok(s, &t[6], "São");
    assert_tok(s, &t[9], "did");
    assert_tok(s, &t[10], "n't");
    assert_int_equal(t[n - 1].kind, TXT_PUNCT);
    assert_int_equal(t[n - 1].punct, '?');
    /* a capital inside a word makes a name ("iSrael", "eBay"), none does not */
    const char *s2 = "help iSrael and eBay, not israel";
    n = tok(s2, t, 64);
    assert_int_equal(n, 7);
    assert_false(t[0].flags & TXT_CAP);
    assert_true(t[1].flags & TXT_CAP);
    assert_true(t[3].flags & TXT_CAP);
    assert_false(t[6].flags & TXT_CAP);
    assert_true(t[6].flags & TXT_ASCII);
}

static void test_possessive_and_curly(void **state) {
    (void)state;
    const char *s = "Ankara\xE2\x80\x99s envoy \xE2\x80\x94 and Tokyo's \xE2\x80\x9C" "friend\xE2\x80\x9D";
    txt_token t[32];
    size_t n = tok(s, t, 32);
    assert_tok(s, &t[0], "Ankara");
    assert_tok(s, &t[1], "\xE2\x80\x99s");
    char buf[16];
    assert_int_equal(txt_norm(s, &t[1], buf, sizeof buf), 2);
    assert_string_equal(buf, "'s");
    assert_int_equal(t[3].kind, TXT_PUNCT);
    assert_true(t[3].flags & TXT_DASH);
    assert_tok(s, &t[5], "Tokyo");
    assert_tok(s, &t[6], "'s");
    assert_int_equal(t[7].punct, '"');
    assert_int_equal(n, 10);
    /* wire copy: "Council 's resolution" is a possessive; a quote opened
     * with an apostrophe is not ('sorry') */
    const char *s2 = "the Council 's resolution and 'sorry'";
    n = tok(s2, t, 32);
    assert_tok(s2, &t[2], "'s");
    assert_int_equal(t[2].kind, TXT_WORD);
    assert_tok(s2, &t[3], "resolution");
    assert_int_equal(t[5].kind, TXT_PUNCT);
    assert_tok(s2, &t[6], "sorry");
}

static void test_hyphen_numbers(void **state) {
    (void)state;
    const char *s = "A 4,000-kilometre border, 3:00 and face-to-face.";
    txt_token t[32];
    size_t n = tok(s, t, 32);
    assert_tok(s, &t[1], "4,000");
    assert_int_equal(t[1].kind, TXT_NUM);
    assert_int_equal(t[2].punct, '-');
    assert_tok(s, &t[3], "kilometre");
    assert_tok(s, &t[6], "3:00");
    assert_true(n > 10);
}

static void test_sentences(void **state) {
    (void)state;
    const char *s = "Mr. Wang arrived in the U.S. on Monday. He met officials.\n"
                    "A headline without a stop\n"
                    "The talks ended \"well.\" Both sides agreed.";
    txt_token t[128];
    size_t n = tok(s, t, 128);
    txt_sentence sv[16];
    size_t ns = txt_sentences(s, t, n, sv, 16, 200);
    assert_int_equal(ns, 5);
    assert_memory_equal(s + sv[0].start, "Mr. Wang", 8);
    assert_memory_equal(s + sv[1].start, "He met", 6);
    assert_memory_equal(s + sv[2].start, "A headline", 10);
    assert_memory_equal(s + sv[4].start, "Both sides", 10);
}

static void test_wrapped_line_joins(void **state) {
    (void)state;
    const char *s = "The minister said the talks\nwould resume next week.";
    txt_token t[32];
    size_t n = tok(s, t, 32);
    txt_sentence sv[4];
    assert_int_equal(txt_sentences(s, t, n, sv, 4, 200), 1);
}

static void test_long_sentence_is_cut(void **state) {
    (void)state;
    char *s = malloc(40001);
    for (int i = 0; i < 10000; i++) memcpy(s + i * 4, "war ", 4);
    s[40000] = 0;
    txt_token *t = malloc(20000 * sizeof *t);
    size_t n = tok(s, t, 20000);
    assert_int_equal(n, 10000);
    txt_sentence *sv = malloc(20001 * sizeof *sv);
    size_t ns = txt_sentences(s, t, n, sv, 20001, 200);
    assert_int_equal(ns, 50);
    free(s);
    free(t);
    free(sv);
}

static void test_chunked_tokenize(void **state) {
    (void)state;
    const char *s = "one two three four five";
    txt_token t[2];
    size_t pos = 0, total = 0, n;
    while ((n = txt_tokenize(s, strlen(s), &pos, t, 2)) > 0) total += n;
    assert_int_equal(total, 5);
    assert_int_equal(pos, strlen(s));
}

static void test_nul_and_invalid_bytes(void **state) {
    (void)state;
    const char s[] = "Iran\0 and \xff\xfe Iraq";
    txt_token t[16];
    size_t pos = 0;
    size_t n = txt_tokenize(s, sizeof s - 1, &pos, t, 16);
    assert_true(n >= 3);
    assert_int_equal(pos, sizeof s - 1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_and_abbreviations), cmocka_unit_test(test_possessive_and_curly),
        cmocka_unit_test(test_hyphen_numbers),          cmocka_unit_test(test_sentences),
        cmocka_unit_test(test_wrapped_line_joins),      cmocka_unit_test(test_long_sentence_is_cut),
        cmocka_unit_test(test_chunked_tokenize),        cmocka_unit_test(test_nul_and_invalid_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
