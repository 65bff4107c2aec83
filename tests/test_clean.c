/*
 * test_clean.c: unit tests for boilerplate detection and folding
 * (src/clean.c).  Each boilerplate kind is checked with lines written for
 * the test, and ordinary news lines (some close to the patterns) must be
 * kept.  clean_scan is checked for its ranges and offsets.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "clean.h"

static int bp(const char *s)
{
    return clean_is_boilerplate(s, strlen(s));
}

static void test_boilerplate_lines(void **state)
{
    (void)state;
    static const char *const drop[] = {
        "See also: Russia and China sign energy deal",
        "Read more: Putin says the West ignored Moscow's demands",
        "READ MORE \xe2\x80\x94 Biden warns of sanctions",
        "Leave a Reply",
        "Leave a Reply Cancel reply",
        "Your email address will not be published. Required fields are marked *",
        "Required fields are marked *",
        "Back to top button",
        "Related Articles",
        "Related:",
        "Related: Kremlin rejects claims",
        "Related Posts",
        "(Video: Leaders meet in Beijing)",
        "Click here to read the full report.",
        "Subscribe to our newsletter",
        "Subscribe",
        "Sign up for our daily briefing.",
        "Share this:",
        "Share on Facebook",
        "Tweet",
        "We use cookies to improve your experience on our site.",
        "Advertisement",
        "- Advertisement -",
        "Copyright \xc2\xa9 2022 Example News",
        "\xc2\xa9 2022 Example Media Group. All rights reserved.",
        "All rights reserved.",
        "Photo: Reuters",
        "(Photo by Jane Smith/AFP via Getty Images)",
        "Photo by John Doe",
        "  \xe2\x80\xa2 Share on Twitter",
        "Recep Tayyip Erdogan and Ilham Aliyev in Baku. Ozan Kose / AFP",
    };
    for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++) {
        if (!bp(drop[i]))
            fail_msg("not dropped: %s", drop[i]);
    }
}

static void test_news_lines_kept(void **state)
{
    (void)state;
    static const char *const keep[] = {
        "Ankara (CNN) \xe2\x80\x94 When Turkish President Recep Tayyip Erdogan hosts regional leaders, "
        "it will be the first time in 400 days.",
        "Subscribers to the state broadcaster saw the speech live.",
        "Related talks between the two sides will resume next week.",
        "Photographers were kept away from the summit venue.",
        "The minister said all rights reserved for the treaty partners would be respected, "
        "adding that negotiations would continue through the spring and that no one side "
        "could claim a veto over the outcome of the talks, which have dragged on for years "
        "and involve a dozen governments and several international organisations.",
        "Share prices fell in Moscow after the announcement.",
        "Tweets by the foreign ministry criticised the decision.",
        "Advertisements for the rally appeared across the capital.",
        "Copyright disputes between the two countries have grown.",
        "Read the full statement on the ministry website, officials said.",
        "Modi and Albanese hold video summit",
        "",
    };
    for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
        if (bp(keep[i]))
            fail_msg("dropped: %s", keep[i]);
    }
}

static void test_scan_ranges(void **state)
{
    (void)state;
    const char *t =
        "Lukashenko: Europe is the one that could drag Belarus into the crisis 3:00\n"
        "\n"
        "Ankara (CNN) \xe2\x80\x94 Erdogan hosts leaders.\n"
        "Advertisement\n"
        "The talks began at 3:00\n"
        "Read more: other story\n"
        "Last line without newline. Share this:";
    clean_range r[8];
    size_t n = clean_scan(t, strlen(t), r, 8);
    assert_int_equal(n, 3);
    /* " 3:00" at the end of the headline */
    const char *hl_end = strchr(t, '\n');
    assert_int_equal(r[0].end, (size_t)(hl_end - t));
    assert_int_equal(r[0].end - r[0].start, 5);
    assert_memory_equal(t + r[0].start, " 3:00", 5);
    const char *adv = strstr(t, "Advertisement");
    assert_int_equal(r[1].start, (size_t)(adv - t));
    assert_int_equal(r[1].end, (size_t)(adv - t) + strlen("Advertisement"));
    const char *rm = strstr(t, "Read more");
    assert_int_equal(r[2].start, (size_t)(rm - t));
    assert_int_equal(t[r[2].end], '\n');

    /* counting beyond max */
    assert_int_equal(clean_scan(t, strlen(t), r, 1), 3);
    assert_int_equal(clean_scan(t, strlen(t), NULL, 0), 3);
    assert_int_equal(clean_scan("", 0, r, 8), 0);

    /* long durations, and clock times kept */
    const char *v = "Ukraine crisis explained 1:02:30\nShelling stopped by 10:30\nLast 12:45";
    n = clean_scan(v, strlen(v), r, 8);
    assert_int_equal(n, 2);
    assert_memory_equal(v + r[0].start, " 1:02:30", 8);
    assert_memory_equal(v + r[1].start, " 12:45", 6);
}

static void test_fold(void **state)
{
    (void)state;
    assert_int_equal(clean_fold(0x2018), '\'');
    assert_int_equal(clean_fold(0x2019), '\'');
    assert_int_equal(clean_fold(0x201A), '\'');
    assert_int_equal(clean_fold(0x201B), '\'');
    assert_int_equal(clean_fold(0x2032), '\'');
    assert_int_equal(clean_fold(0x201C), '"');
    assert_int_equal(clean_fold(0x201D), '"');
    assert_int_equal(clean_fold(0x201E), '"');
    assert_int_equal(clean_fold(0x2033), '"');
    for (uint32_t c = 0x2010; c <= 0x2015; c++)
        assert_int_equal(clean_fold(c), '-');
    assert_int_equal(clean_fold(0x00A0), ' ');
    assert_int_equal(clean_fold(0x2009), ' ');
    assert_int_equal(clean_fold(0x202F), ' ');
    assert_int_equal(clean_fold('a'), 'a');
    assert_int_equal(clean_fold(0x00E9), 0x00E9);

    const char *s = "\xe2\x80\x9cHi\xe2\x80\x9d \xe2\x80\x94 caf\xc3\xa9\xc2\xa0x\xff";
    size_t len = strlen(s), i = 0, used;
    char out[32], c;
    size_t k = 0;
    while (i < len) {
        if (clean_fold_at(s, len, i, &c, &used))
            out[k++] = c;
        else
            out[k++] = '?';
        i += used;
    }
    out[k] = '\0';
    assert_string_equal(out, "\"Hi\" - caf? x?");
    /* a truncated sequence consumes one byte */
    assert_int_equal(clean_fold_at("\xe2\x80", 2, 0, &c, &used), 0);
    assert_int_equal(used, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_boilerplate_lines),
        cmocka_unit_test(test_news_lines_kept),
        cmocka_unit_test(test_scan_ranges),
        cmocka_unit_test(test_fold),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
