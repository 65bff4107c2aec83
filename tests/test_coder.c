/* test_coder.c: golden test of the coder on sentences written for it
 * (tests/coder_cases.tsv), through the public API with the built data. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "annals.h"

static annals_lexicon *lex;

static int setup(void **state) {
    (void)state;
    annals_diag d;
    return annals_lexicon_open(NULL, &lex, &d) == ANNALS_OK ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    annals_lexicon_free(lex);
    return 0;
}

static int has(const annals_event *ev, size_t n, const char *src, const char *tgt, const char *root) {
    for (size_t i = 0; i < n; i++) {
        const char *s = ev[i].source_country ? ev[i].source_country : "-";
        const char *t = ev[i].target_country ? ev[i].target_country : "-";
        if (!strcmp(s, src) && !strcmp(t, tgt) && !strncmp(ev[i].code, root, 2)) return 1;
    }
    return 0;
}

static void test_cases(void **state) {
    (void)state;
    FILE *f = fopen(SRCDIR "/tests/coder_cases.tsv", "r");
    assert_non_null(f);
    annals_coder *c;
    annals_options opt = {0};
    assert_int_equal(annals_coder_new(lex, &opt, &c), ANNALS_OK);
    char line[4096];
    int cases = 0, ok = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n') continue;
        line[strcspn(line, "\n")] = 0;
        char *text = strtok(line, "\t"), *date = strtok(NULL, "\t"), *want = strtok(NULL, "\t");
        assert_non_null(want);
        annals_article art = {.id = "t", .date = date, .text = text, .text_len = strlen(text)};
        const annals_event *ev;
        size_t n;
        annals_diag d;
        assert_int_equal(annals_code(c, &art, &ev, &n, &d), ANNALS_OK);
        char *save, *w;
        for (w = strtok_r(want, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
            int neg = w[0] == '!';
            char src[8] = "", tgt[8] = "", root[4] = "";
            if (sscanf(w + neg, "%7[^>]>%7[^:]:%3s", src, tgt, root) != 3) fail_msg("bad case %s", w);
            cases++;
            if (has(ev, n, src, tgt, root) != neg) ok++;
            else {
                fprintf(stderr, "coder: miss %s in: %s\n", w, text);
                for (size_t i = 0; i < n; i++)
                    fprintf(stderr, "    coded %s>%s:%s\n", ev[i].source_country ? ev[i].source_country : "-",
                            ev[i].target_country ? ev[i].target_country : "-", ev[i].code);
            }
        }
    }
    fclose(f);
    annals_coder_free(c);
    printf("coder: %d/%d expected events right\n", ok, cases);
    assert_true(cases >= 15);
    assert_true(ok * 100 >= cases * 85);
}

static void test_bad_input(void **state) {
    (void)state;
    annals_coder *c;
    assert_int_equal(annals_coder_new(lex, NULL, &c), ANNALS_OK);
    const annals_event *ev;
    size_t n;
    annals_diag d;
    static const char junk[] = "\xff\xfe\x00 Iran \x00\x01 attacked\xc3 Iraq";
    annals_article art = {.id = "junk", .date = "", .text = junk, .text_len = sizeof junk - 1};
    assert_int_equal(annals_code(c, &art, &ev, &n, &d), ANNALS_OK);
    assert_true(d.msg[0] != 0); /* no date: a warning */
    for (size_t i = 0; i < n; i++) assert_null(ev[i].story_date);
    size_t big = 3 << 20;
    char *t = malloc(big + 1);
    for (size_t i = 0; i < big; i++) t[i] = "Russia criticized Japan. "[i % 25];
    t[big] = 0;
    annals_article a2 = {.id = "big", .date = "2020-01-01", .text = t, .text_len = big};
    assert_int_equal(annals_code(c, &a2, &ev, &n, &d), ANNALS_OK);
    assert_true(n > 1000);
    assert_true(annals_coder_sentences(c) > 100000);
    free(t);
    annals_coder_free(c);
}

static void test_dict_check_reports(void **state) {
    (void)state;
    assert_int_equal(annals_dict_check(NULL, NULL, NULL), 0);
    assert_int_equal(annals_dict_check("/nonexistent/annals", NULL, NULL) != 0, 1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_dict_check_reports),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
