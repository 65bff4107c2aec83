/*
 * when.c: the "when" stage -- resolve an event's date from its sentence.
 *
 * How it works, in four passes over a window of at most 2 x WHEN_WINDOW
 * bytes around the trigger (so a huge "sentence" costs no more than a
 * normal one):
 *   1. tokenise with a 256-entry byte-class table into words, numbers,
 *      numeric dates and punctuation (curly quotes and dashes recognised as
 *      UTF-8 sequences; any other byte >= 0x80 is part of a word, NUL and
 *      control bytes are spaces), and look each word up, lower-cased, in a
 *      sorted constant keyword table (weekdays, months, units, tense and
 *      clause words);
 *   2. match temporal expressions left to right, each with its leading
 *      preposition: span (since/from/between), deadline (by/until/before/
 *      after: never an event date), modifier (bare year, possessive,
 *      "the March 18 vote": only for a trigger in the noun phrase after it);
 *   3. give each token a clause id with a small stack: subordinators (when,
 *      while, as, after, before, because, although, which, who, that ...)
 *      open a clause that a comma closes; ", and" / ", but", semicolons and
 *      colons start a new main clause; dashes, brackets and quotes nest;
 *   4. keep the expressions of the trigger's clause, prefer event dates to
 *      spans, take the nearest in tokens (ties: the one after the trigger),
 *      find the tense of the trigger's verb group and resolve against the
 *      story date (rules in when.h).
 * Date arithmetic is done on day numbers (days since 1970-01-01, proleptic
 * Gregorian, Howard Hinnant's civil-from-days algorithm).
 */
#include "when.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- calendar */

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int mdays(int y, int m)
{
    static const signed char n[13] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12) return 0;
    return m == 2 && is_leap(y) ? 29 : n[m];
}

int when_valid(when_date d)
{
    return d.y >= 1 && d.y <= 9999 && d.m >= 1 && d.m <= 12 && d.d >= 1 && d.d <= mdays(d.y, d.m);
}

static long days_from_civil(int y0, int m, int d)
{
    long y = (long)y0 - (m <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static when_date civil_from_days(long z)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    when_date r = {(int)(y + (m <= 2)), (int)m, (int)d};
    return r;
}

static long dnum(when_date d) { return days_from_civil(d.y, d.m, d.d); }

#define DNUM_MIN (-719162L) /* 0001-01-01 */
#define DNUM_MAX 2932896L   /* 9999-12-31 */

when_date when_add_days(when_date d, long n)
{
    long z = dnum(d);
    if (n > DNUM_MAX - z) z = DNUM_MAX;
    else if (n < DNUM_MIN - z) z = DNUM_MIN;
    else z += n;
    return civil_from_days(z);
}

long when_days_between(when_date a, when_date b)
{
    if (!when_valid(a) || !when_valid(b)) return 0;
    return dnum(b) - dnum(a);
}

int when_weekday(when_date d)
{
    long z = dnum(d); /* 1970-01-01 was a Thursday (3) */
    long w = (z + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

const char *when_precision_name(when_precision p)
{
    switch (p) {
    case WHEN_DAY: return "day";
    case WHEN_WEEK: return "week";
    case WHEN_MONTH: return "month";
    case WHEN_YEAR: return "year";
    default: return "story";
    }
}

void when_format(when_date d, char buf[11])
{
    int v[3] = {d.y, d.m, d.d}, w[3] = {4, 2, 2};
    size_t k = 0;
    for (int i = 0; i < 3; i++) {
        int x = v[i] < 0 ? 0 : v[i];
        if (i) buf[k++] = '-';
        for (int j = w[i] - 1; j >= 0; j--) {
            buf[k + (size_t)j] = (char)('0' + x % 10);
            x /= 10;
        }
        k += (size_t)w[i];
    }
    buf[10] = '\0';
}

/* ------------------------------------------------------------ byte classes */

enum { C_SP = 0, C_LO, C_UP, C_DG, C_HI, C_AP, C_PU };

static const unsigned char bclass[256] = {
    /* 0x00-0x1f: controls and NUL count as space */
    [' '] = C_SP, ['\''] = C_AP,
    ['!'] = C_PU, ['"'] = C_PU, ['#'] = C_PU, ['$'] = C_PU, ['%'] = C_PU, ['&'] = C_PU,
    ['('] = C_PU, [')'] = C_PU, ['*'] = C_PU, ['+'] = C_PU, [','] = C_PU, ['-'] = C_PU,
    ['.'] = C_PU, ['/'] = C_PU, [':'] = C_PU, [';'] = C_PU, ['<'] = C_PU, ['='] = C_PU,
    ['>'] = C_PU, ['?'] = C_PU, ['@'] = C_PU, ['['] = C_PU, ['\\'] = C_PU, [']'] = C_PU,
    ['^'] = C_PU, ['_'] = C_PU, ['`'] = C_PU, ['{'] = C_PU, ['|'] = C_PU, ['}'] = C_PU,
    ['~'] = C_PU, [0x7f] = C_SP,
    ['0'] = C_DG, ['1'] = C_DG, ['2'] = C_DG, ['3'] = C_DG, ['4'] = C_DG,
    ['5'] = C_DG, ['6'] = C_DG, ['7'] = C_DG, ['8'] = C_DG, ['9'] = C_DG,
    ['a'] = C_LO, ['b'] = C_LO, ['c'] = C_LO, ['d'] = C_LO, ['e'] = C_LO, ['f'] = C_LO,
    ['g'] = C_LO, ['h'] = C_LO, ['i'] = C_LO, ['j'] = C_LO, ['k'] = C_LO, ['l'] = C_LO,
    ['m'] = C_LO, ['n'] = C_LO, ['o'] = C_LO, ['p'] = C_LO, ['q'] = C_LO, ['r'] = C_LO,
    ['s'] = C_LO, ['t'] = C_LO, ['u'] = C_LO, ['v'] = C_LO, ['w'] = C_LO, ['x'] = C_LO,
    ['y'] = C_LO, ['z'] = C_LO,
    ['A'] = C_UP, ['B'] = C_UP, ['C'] = C_UP, ['D'] = C_UP, ['E'] = C_UP, ['F'] = C_UP,
    ['G'] = C_UP, ['H'] = C_UP, ['I'] = C_UP, ['J'] = C_UP, ['K'] = C_UP, ['L'] = C_UP,
    ['M'] = C_UP, ['N'] = C_UP, ['O'] = C_UP, ['P'] = C_UP, ['Q'] = C_UP, ['R'] = C_UP,
    ['S'] = C_UP, ['T'] = C_UP, ['U'] = C_UP, ['V'] = C_UP, ['W'] = C_UP, ['X'] = C_UP,
    ['Y'] = C_UP, ['Z'] = C_UP,
#define HI4(x) [x] = C_HI, [x + 1] = C_HI, [x + 2] = C_HI, [x + 3] = C_HI
#define HI16(x) HI4(x), HI4(x + 4), HI4(x + 8), HI4(x + 12)
    HI16(0x80), HI16(0x90), HI16(0xa0), HI16(0xb0), HI16(0xc0), HI16(0xd0), HI16(0xe0), HI16(0xf0),
#undef HI16
#undef HI4
};

static unsigned char lower_ascii(unsigned char c) { return bclass[c] == C_UP ? (unsigned char)(c + 32) : c; }

/* ------------------------------------------------------------- keywords */

enum kcls {
    K_NONE = 0, K_WDAY, K_MONTH, K_MONABBR, K_DAYREL, K_PARTDAY, K_UNIT, K_NUMW, K_A,
    K_AGO, K_LAST, K_NEXT, K_THIS, K_EARLIER, K_LATER, K_EARLY, K_LATE, K_MID, K_RECENT,
    K_RECENTLY, K_COMING, K_OF, K_BEFORE, K_AFTER, K_SINCE, K_FROM, K_TO, K_BETWEEN, K_AND,
    K_BUT, K_THE, K_AS, K_PREP, K_DEADLINE, K_SUB, K_FUT, K_WOULD, K_PASTAUX, K_PRES,
    K_FUTV, K_FUTTO, K_PASTV, K_NOTPAST, K_EXCL_AS, K_REPORT, K_EVERY, K_FOR
};
enum { U_DAY = 1, U_WEEK, U_MONTH, U_YEAR, U_WEEKEND };

typedef struct kword { const char *w; unsigned char cls; signed char val; } kword;

/* Sorted by strcmp (tests check it). */
static const kword kwords[] = {
    {"a", K_A, 1},
    {"added", K_REPORT, 0},
    {"after", K_AFTER, 0},
    {"afternoon", K_PARTDAY, 0},
    {"ago", K_AGO, 0},
    {"aim", K_FUTTO, 0},
    {"aiming", K_FUTTO, 0},
    {"aims", K_FUTTO, 0},
    {"although", K_SUB, 0},
    {"am", K_PRES, 0},
    {"an", K_A, 1},
    {"and", K_AND, 0},
    {"announced", K_REPORT, 0},
    {"apr", K_MONABBR, 4},
    {"april", K_MONTH, 4},
    {"are", K_PRES, 0},
    {"aren't", K_PRES, 0},
    {"as", K_AS, 0},
    {"at", K_PREP, 0},
    {"aug", K_MONABBR, 8},
    {"august", K_MONTH, 8},
    {"beat", K_PASTV, 0},
    {"became", K_PASTV, 0},
    {"because", K_SUB, 0},
    {"bed", K_NOTPAST, 0},
    {"before", K_BEFORE, 0},
    {"began", K_PASTV, 0},
    {"bent", K_PASTV, 0},
    {"between", K_BETWEEN, 0},
    {"beyond", K_DEADLINE, 0},
    {"bit", K_PASTV, 0},
    {"bled", K_PASTV, 0},
    {"bleed", K_NOTPAST, 0},
    {"blew", K_PASTV, 0},
    {"bore", K_PASTV, 0},
    {"bought", K_PASTV, 0},
    {"breed", K_NOTPAST, 0},
    {"broke", K_PASTV, 0},
    {"brought", K_PASTV, 0},
    {"built", K_PASTV, 0},
    {"but", K_BUT, 0},
    {"by", K_DEADLINE, 0},
    {"came", K_PASTV, 0},
    {"can", K_WOULD, 0},
    {"cannot", K_WOULD, 0},
    {"caught", K_PASTV, 0},
    {"chose", K_PASTV, 0},
    {"claimed", K_REPORT, 0},
    {"coming", K_COMING, 0},
    {"confirmed", K_REPORT, 0},
    {"consecutive", K_EVERY, 0},
    {"could", K_WOULD, 0},
    {"couldn't", K_WOULD, 0},
    {"creed", K_NOTPAST, 0},
    {"cut", K_PASTV, 0},
    {"day", K_UNIT, 1},
    {"days", K_UNIT, 1},
    {"dealt", K_PASTV, 0},
    {"dec", K_MONABBR, 12},
    {"december", K_MONTH, 12},
    {"deed", K_NOTPAST, 0},
    {"did", K_PASTAUX, 0},
    {"didn't", K_PASTAUX, 0},
    {"do", K_PRES, 0},
    {"does", K_PRES, 0},
    {"doesn't", K_PRES, 0},
    {"don't", K_PRES, 0},
    {"drew", K_PASTV, 0},
    {"drove", K_PASTV, 0},
    {"due", K_FUTV, 0},
    {"during", K_PREP, 0},
    {"each", K_EVERY, 0},
    {"earlier", K_EARLIER, 0},
    {"early", K_EARLY, 0},
    {"eight", K_NUMW, 8},
    {"eleven", K_NUMW, 11},
    {"embed", K_NOTPAST, 0},
    {"evening", K_PARTDAY, 0},
    {"every", K_EVERY, 0},
    {"exceed", K_NOTPAST, 0},
    {"expected", K_FUTV, 0},
    {"explained", K_REPORT, 0},
    {"far", K_EXCL_AS, 0},
    {"feb", K_MONABBR, 2},
    {"february", K_MONTH, 2},
    {"fed", K_PASTV, 0},
    {"feed", K_NOTPAST, 0},
    {"fell", K_PASTV, 0},
    {"felt", K_PASTV, 0},
    {"five", K_NUMW, 5},
    {"fled", K_PASTV, 0},
    {"flew", K_PASTV, 0},
    {"for", K_FOR, 0},
    {"forbade", K_PASTV, 0},
    {"forgave", K_PASTV, 0},
    {"forgot", K_PASTV, 0},
    {"fought", K_PASTV, 0},
    {"found", K_PASTV, 0},
    {"four", K_NUMW, 4},
    {"friday", K_WDAY, 4},
    {"from", K_FROM, 0},
    {"froze", K_PASTV, 0},
    {"gave", K_PASTV, 0},
    {"going", K_FUTTO, 0},
    {"got", K_PASTV, 0},
    {"greed", K_NOTPAST, 0},
    {"grew", K_PASTV, 0},
    {"had", K_PASTAUX, 0},
    {"hadn't", K_PASTAUX, 0},
    {"has", K_PASTAUX, 0},
    {"hasn't", K_PASTAUX, 0},
    {"hatred", K_NOTPAST, 0},
    {"have", K_PASTAUX, 0},
    {"haven't", K_PASTAUX, 0},
    {"heard", K_PASTV, 0},
    {"heed", K_NOTPAST, 0},
    {"held", K_PASTV, 0},
    {"hid", K_PASTV, 0},
    {"hit", K_PASTV, 0},
    {"hope", K_FUTTO, 0},
    {"hopes", K_FUTTO, 0},
    {"hoping", K_FUTTO, 0},
    {"hundred", K_NOTPAST, 0},
    {"hung", K_PASTV, 0},
    {"if", K_SUB, 0},
    {"in", K_PREP, 0},
    {"indeed", K_NOTPAST, 0},
    {"insisted", K_REPORT, 0},
    {"intend", K_FUTTO, 0},
    {"intending", K_FUTTO, 0},
    {"intends", K_FUTTO, 0},
    {"is", K_PRES, 0},
    {"isn't", K_PRES, 0},
    {"jan", K_MONABBR, 1},
    {"january", K_MONTH, 1},
    {"jul", K_MONABBR, 7},
    {"july", K_MONTH, 7},
    {"jun", K_MONABBR, 6},
    {"june", K_MONTH, 6},
    {"kept", K_PASTV, 0},
    {"kindred", K_NOTPAST, 0},
    {"knew", K_PASTV, 0},
    {"laid", K_PASTV, 0},
    {"last", K_LAST, 0},
    {"late", K_LATE, 0},
    {"later", K_LATER, 0},
    {"led", K_PASTV, 0},
    {"left", K_PASTV, 0},
    {"lent", K_PASTV, 0},
    {"lit", K_PASTV, 0},
    {"long", K_EXCL_AS, 0},
    {"lost", K_PASTV, 0},
    {"made", K_PASTV, 0},
    {"many", K_EXCL_AS, 0},
    {"mar", K_MONABBR, 3},
    {"march", K_MONTH, 3},
    {"may", K_MONTH, 5},
    {"meant", K_PASTV, 0},
    {"met", K_PASTV, 0},
    {"mid", K_MID, 0},
    {"might", K_WOULD, 0},
    {"monday", K_WDAY, 0},
    {"month", K_UNIT, 3},
    {"months", K_UNIT, 3},
    {"morning", K_PARTDAY, 0},
    {"much", K_EXCL_AS, 0},
    {"must", K_WOULD, 0},
    {"naked", K_NOTPAST, 0},
    {"need", K_NOTPAST, 0},
    {"next", K_NEXT, 0},
    {"night", K_PARTDAY, 1},
    {"nine", K_NUMW, 9},
    {"noted", K_REPORT, 0},
    {"nov", K_MONABBR, 11},
    {"november", K_MONTH, 11},
    {"oct", K_MONABBR, 10},
    {"october", K_MONTH, 10},
    {"of", K_OF, 0},
    {"on", K_PREP, 0},
    {"one", K_NUMW, 1},
    {"over", K_PREP, 0},
    {"overcame", K_PASTV, 0},
    {"overran", K_PASTV, 0},
    {"oversaw", K_PASTV, 0},
    {"overthrew", K_PASTV, 0},
    {"overtook", K_PASTV, 0},
    {"paid", K_PASTV, 0},
    {"part", K_EXCL_AS, 0},
    {"plan", K_FUTTO, 0},
    {"planning", K_FUTTO, 0},
    {"plans", K_FUTTO, 0},
    {"poised", K_FUTTO, 0},
    {"preparing", K_FUTTO, 0},
    {"proceed", K_NOTPAST, 0},
    {"put", K_PASTV, 0},
    {"quit", K_PASTV, 0},
    {"ran", K_PASTV, 0},
    {"rang", K_PASTV, 0},
    {"ready", K_FUTTO, 0},
    {"rebuilt", K_PASTV, 0},
    {"recent", K_RECENT, 0},
    {"recently", K_RECENTLY, 0},
    {"red", K_NOTPAST, 0},
    {"reported", K_REPORT, 0},
    {"retook", K_PASTV, 0},
    {"rode", K_PASTV, 0},
    {"rose", K_PASTV, 0},
    {"rugged", K_NOTPAST, 0},
    {"sacred", K_NOTPAST, 0},
    {"said", K_REPORT, 0},
    {"sank", K_PASTV, 0},
    {"sat", K_PASTV, 0},
    {"saturday", K_WDAY, 5},
    {"saw", K_PASTV, 0},
    {"say", K_REPORT, 0},
    {"says", K_REPORT, 0},
    {"scheduled", K_FUTV, 0},
    {"seed", K_NOTPAST, 0},
    {"seek", K_FUTTO, 0},
    {"seeks", K_FUTTO, 0},
    {"sent", K_PASTV, 0},
    {"sep", K_MONABBR, 9},
    {"sept", K_MONABBR, 9},
    {"september", K_MONTH, 9},
    {"set", K_FUTTO, 0},
    {"seven", K_NUMW, 7},
    {"shall", K_FUT, 0},
    {"shed", K_NOTPAST, 0},
    {"shone", K_PASTV, 0},
    {"shook", K_PASTV, 0},
    {"shot", K_PASTV, 0},
    {"should", K_WOULD, 0},
    {"shouldn't", K_WOULD, 0},
    {"shred", K_NOTPAST, 0},
    {"shut", K_PASTV, 0},
    {"since", K_SINCE, 0},
    {"six", K_NUMW, 6},
    {"slated", K_FUTV, 0},
    {"slept", K_PASTV, 0},
    {"slid", K_PASTV, 0},
    {"sold", K_PASTV, 0},
    {"soon", K_EXCL_AS, 0},
    {"sought", K_PASTV, 0},
    {"speed", K_NOTPAST, 0},
    {"spent", K_PASTV, 0},
    {"split", K_PASTV, 0},
    {"spoke", K_PASTV, 0},
    {"sprang", K_PASTV, 0},
    {"spread", K_PASTV, 0},
    {"spun", K_PASTV, 0},
    {"stated", K_REPORT, 0},
    {"stole", K_PASTV, 0},
    {"stood", K_PASTV, 0},
    {"strode", K_PASTV, 0},
    {"struck", K_PASTV, 0},
    {"stuck", K_PASTV, 0},
    {"succeed", K_NOTPAST, 0},
    {"such", K_EXCL_AS, 0},
    {"sunday", K_WDAY, 6},
    {"swam", K_PASTV, 0},
    {"swept", K_PASTV, 0},
    {"swore", K_PASTV, 0},
    {"swung", K_PASTV, 0},
    {"taught", K_PASTV, 0},
    {"ten", K_NUMW, 10},
    {"that", K_SUB, 0},
    {"the", K_THE, 0},
    {"this", K_THIS, 0},
    {"though", K_SUB, 0},
    {"thought", K_PASTV, 0},
    {"three", K_NUMW, 3},
    {"threw", K_PASTV, 0},
    {"through", K_DEADLINE, 0},
    {"thrust", K_PASTV, 0},
    {"thursday", K_WDAY, 3},
    {"till", K_DEADLINE, 0},
    {"to", K_TO, 0},
    {"today", K_DAYREL, 0},
    {"told", K_REPORT, 0},
    {"tomorrow", K_DAYREL, 1},
    {"tonight", K_DAYREL, 0},
    {"took", K_PASTV, 0},
    {"tore", K_PASTV, 0},
    {"tuesday", K_WDAY, 1},
    {"twelve", K_NUMW, 12},
    {"two", K_NUMW, 2},
    {"understood", K_PASTV, 0},
    {"undertook", K_PASTV, 0},
    {"underwent", K_PASTV, 0},
    {"unless", K_SUB, 0},
    {"until", K_DEADLINE, 0},
    {"upheld", K_PASTV, 0},
    {"want", K_FUTTO, 0},
    {"wants", K_FUTTO, 0},
    {"warned", K_REPORT, 0},
    {"was", K_PASTAUX, 0},
    {"wasn't", K_PASTAUX, 0},
    {"wednesday", K_WDAY, 2},
    {"weed", K_NOTPAST, 0},
    {"week", K_UNIT, 2},
    {"weekend", K_UNIT, 5},
    {"weeks", K_UNIT, 2},
    {"well", K_EXCL_AS, 0},
    {"went", K_PASTV, 0},
    {"wept", K_PASTV, 0},
    {"were", K_PASTAUX, 0},
    {"weren't", K_PASTAUX, 0},
    {"when", K_SUB, 0},
    {"where", K_SUB, 0},
    {"whereas", K_SUB, 0},
    {"whether", K_SUB, 0},
    {"which", K_SUB, 0},
    {"while", K_SUB, 0},
    {"who", K_SUB, 0},
    {"whom", K_SUB, 0},
    {"whose", K_SUB, 0},
    {"wicked", K_NOTPAST, 0},
    {"will", K_FUT, 0},
    {"withdrew", K_PASTV, 0},
    {"withheld", K_PASTV, 0},
    {"woke", K_PASTV, 0},
    {"won", K_PASTV, 0},
    {"won't", K_FUT, 0},
    {"wore", K_PASTV, 0},
    {"would", K_WOULD, 0},
    {"wouldn't", K_WOULD, 0},
    {"wound", K_PASTV, 0},
    {"wrote", K_PASTV, 0},
    {"year", K_UNIT, 4},
    {"years", K_UNIT, 4},
    {"yesterday", K_DAYREL, -1},

};
#define NKW (sizeof kwords / sizeof kwords[0])

/* Keyword lookup: an open-addressing table of the indexes of kwords, built
 * once (pthread_once) -- a word costs one hash and a probe or two. */
#define KW_SLOTS 1024u
static uint16_t kw_table[KW_SLOTS]; /* keyword index + 1, 0 empty */
static pthread_once_t kw_once = PTHREAD_ONCE_INIT;

static uint32_t kw_hash(const char *w, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)w[i]) * 16777619u;
    return h;
}

static void kw_build(void)
{
    for (size_t i = 0; i < NKW; i++) {
        uint32_t h = kw_hash(kwords[i].w, strlen(kwords[i].w)) & (KW_SLOTS - 1);
        while (kw_table[h]) h = (h + 1) & (KW_SLOTS - 1);
        kw_table[h] = (uint16_t)(i + 1);
    }
}

/* The lower-cased word w[0..n): its index in kwords + 1, or 0. */
static unsigned kw_find(const char *w, size_t n)
{
    pthread_once(&kw_once, kw_build);
    for (uint32_t h = kw_hash(w, n) & (KW_SLOTS - 1);; h = (h + 1) & (KW_SLOTS - 1)) {
        unsigned k = kw_table[h];
        if (!k) return 0;
        const char *kw = kwords[k - 1].w;
        if (strncmp(kw, w, n) == 0 && kw[n] == '\0') return k;
    }
}

/* --------------------------------------------------------------- tokens */

#define WHEN_WINDOW 1500
#define MAXTOK 1024
#define MAXEXPR 64
#define MAXDEPTH 16

enum { T_WORD = 1, T_NUM, T_DATE, T_PUNCT };
enum { F_CAP = 1, F_POSS = 2, F_ORD = 4, F_USED = 8, F_LOWER = 16, F_SPBEFORE = 32, F_PASTFORM = 64 };

typedef struct wtok {
    uint32_t start, end;  /* offsets in the sentence; end excludes a possessive 's */
    int32_t num;          /* T_NUM: value (-1 if long); T_DATE: y*10000+m*100+d, 0 if invalid */
    uint16_t kw;          /* keyword index + 1, or 0 */
    uint8_t type, flags, ndig;
    char p;               /* T_PUNCT: ',' ';' ':' 'D' dash '(' ')' 'Q' open quote 'q' close quote
                             '"' straight quote '.' '-' hyphen, '?' other */
    int16_t clause, expr;
} wtok;

enum { X_ABS = 1, X_DAYS, X_WEEK, X_WEEKSAGO, X_MONTHREL, X_YEARREL, X_WDAY, X_MD, X_MONTH,
       X_NTH, X_WEEKEND, X_VAGUE };
enum { M_TENSE = 0, M_LAST, M_NEXT, M_THIS, M_YOFF };
enum { XF_SPAN = 1, XF_IGNORE = 2, XF_MOD = 4, XF_SCHED = 8 };

typedef struct wexpr {
    int first, last, core;
    unsigned char kind, mode, flags;
    when_precision prec; /* X_ABS */
    int a, b, c;         /* X_ABS: y m d; X_WDAY: weekday; X_MD: m d; X_MONTH: m, yoff; others: n */
} wexpr;

typedef struct wctx {
    const char *s;
    size_t len;
    wtok t[MAXTOK];
    int n;
    wexpr x[MAXEXPR];
    int nx;
} wctx;

static int cls(const wctx *c, int i)
{
    if (i < 0 || i >= c->n || c->t[i].type != T_WORD || !c->t[i].kw) return K_NONE;
    return kwords[c->t[i].kw - 1].cls;
}
static int val(const wctx *c, int i) { return c->t[i].kw ? kwords[c->t[i].kw - 1].val : 0; }
static int cap(const wctx *c, int i) { return i >= 0 && i < c->n && (c->t[i].flags & F_CAP); }
static int punct(const wctx *c, int i, char p)
{
    return i >= 0 && i < c->n && c->t[i].type == T_PUNCT && c->t[i].p == p;
}
static int is_num(const wctx *c, int i, int mindig, int maxdig)
{
    return i >= 0 && i < c->n && c->t[i].type == T_NUM && c->t[i].ndig >= mindig && c->t[i].ndig <= maxdig;
}

/* Read up to maxd digits at s[*p]; returns the value or -1. */
static int digits(const char *s, size_t len, size_t *p, int mind, int maxd)
{
    int v = 0, k = 0;
    while (*p < len && bclass[(unsigned char)s[*p]] == C_DG && k < maxd) {
        v = v * 10 + (s[*p] - '0');
        (*p)++, k++;
    }
    if (k < mind || (*p < len && bclass[(unsigned char)s[*p]] == C_DG)) return -1;
    return v;
}

/* A numeric date at s[p] (a digit not preceded by a letter or digit):
 * YYYY-MM-DD, YYYY/MM/DD, DD/MM/YYYY, MM/DD/YYYY (also with '.' or '-').
 * Returns its end (0 if no date shape) and *packed (0 if impossible or
 * ambiguous). */
static size_t numeric_date(const char *s, size_t len, size_t p, int32_t *packed)
{
    size_t q = p;
    int a = digits(s, len, &q, 1, 4);
    if (a < 0 || q >= len) return 0;
    char sep = s[q];
    if (sep != '-' && sep != '/' && sep != '.') return 0;
    int wa = (int)(q - p);
    q++;
    int b = digits(s, len, &q, 1, 2);
    if (b < 0 || q >= len || s[q] != sep) return 0;
    q++;
    size_t r = q;
    int y, m, d;
    if (wa == 4) {
        d = digits(s, len, &q, 1, 2);
        if (d < 0) return 0;
        y = a, m = b;
    } else if (wa <= 2) {
        y = digits(s, len, &q, 4, 4);
        if (y < 0 || q - r != 4) return 0;
        if (a > 12 && b <= 12) d = a, m = b;
        else if (b > 12 && a <= 12) m = a, d = b;
        else if (a == b) m = d = a;
        else m = d = 0; /* ambiguous: consumed, not a date */
    } else {
        return 0;
    }
    if (q < len) { /* a letter or digit right after: not a date, unless ISO time */
        int k = bclass[(unsigned char)s[q]];
        if (k == C_DG || ((k == C_LO || k == C_UP) && !(wa == 4 && (s[q] == 'T' || s[q] == 't')))) return 0;
    }
    when_date w = {y, m, d};
    *packed = when_valid(w) ? y * 10000 + m * 100 + d : 0;
    return q;
}

static void tokenize(wctx *c, size_t lo, size_t hi)
{
    const char *s = c->s;
    size_t p = lo;
    int spbefore = 1;
    c->n = 0;
    while (p < hi && c->n < MAXTOK) {
        unsigned char ch = (unsigned char)s[p];
        int k = bclass[ch];
        wtok *t = &c->t[c->n];
        memset(t, 0, sizeof *t);
        t->expr = -1;
        t->start = (uint32_t)p;
        if (spbefore) t->flags |= F_SPBEFORE;
        if (k == C_SP) { p++; spbefore = 1; continue; }
        spbefore = 0;
        /* three-byte punctuation: quotes, dashes, apostrophe */
        if (ch == 0xe2 && p + 2 < hi && (unsigned char)s[p + 1] == 0x80) {
            unsigned char c3 = (unsigned char)s[p + 2];
            char pc = 0;
            if (c3 == 0x93 || c3 == 0x94) pc = 'D';
            else if (c3 == 0x9c) pc = 'Q';
            else if (c3 == 0x9d) pc = 'q';
            else if (c3 == 0x98 || c3 == 0x99) pc = '?';
            if (pc) {
                t->type = T_PUNCT, t->p = pc, t->end = (uint32_t)(p + 3);
                p += 3, c->n++;
                continue;
            }
        }
        if (ch == 0xc2 && p + 1 < hi && ((unsigned char)s[p + 1] == 0xab || (unsigned char)s[p + 1] == 0xbb)) {
            t->type = T_PUNCT, t->p = (unsigned char)s[p + 1] == 0xab ? 'Q' : 'q';
            t->end = (uint32_t)(p + 2), p += 2, c->n++;
            continue;
        }
        if (k == C_PU || k == C_AP) {
            char pc = (char)ch;
            if (ch == '-') {
                int sp_after = p + 1 >= hi || bclass[(unsigned char)s[p + 1]] == C_SP;
                if (p + 1 < hi && s[p + 1] == '-') pc = 'D', p++;
                else if ((t->flags & F_SPBEFORE) && sp_after) pc = 'D';
            } else if (!strchr(",;:()\".", ch)) {
                pc = ch == '[' ? '(' : ch == ']' ? ')' : ch == '!' || ch == '?' ? ';' : '?';
            }
            t->type = T_PUNCT, t->p = pc, t->end = (uint32_t)(p + 1);
            p++, c->n++;
            continue;
        }
        if (k == C_DG) {
            int prev_alnum = p > 0 && (bclass[(unsigned char)s[p - 1]] == C_LO ||
                                       bclass[(unsigned char)s[p - 1]] == C_UP ||
                                       bclass[(unsigned char)s[p - 1]] == C_DG);
            int32_t packed = 0;
            size_t e = prev_alnum ? 0 : numeric_date(s, hi, p, &packed);
            if (e) {
                t->type = T_DATE, t->num = packed, t->end = (uint32_t)e;
                p = e, c->n++;
                continue;
            }
            size_t q = p;
            int64_t v = 0;
            while (q < hi && bclass[(unsigned char)s[q]] == C_DG) {
                if (v < 1000000000) v = v * 10 + (s[q] - '0');
                q++;
            }
            size_t nd = q - p;
            int kq = q < hi ? bclass[(unsigned char)s[q]] : C_SP;
            if (kq != C_LO && kq != C_UP && kq != C_HI) {
                t->type = T_NUM, t->num = v >= 1000000000 ? -1 : (int32_t)v;
                t->ndig = (uint8_t)(nd > 255 ? 255 : nd), t->end = (uint32_t)q;
                p = q, c->n++;
                continue;
            }
            if (q + 2 <= hi && kq == C_LO) {
                char a = s[q], b = s[q + 1];
                int k3 = q + 2 < hi ? bclass[(unsigned char)s[q + 2]] : C_SP;
                if (((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
                     (a == 't' && b == 'h')) && k3 != C_LO && k3 != C_UP && k3 != C_DG && k3 != C_HI) {
                    t->type = T_NUM, t->flags |= F_ORD;
                    t->num = v >= 1000000000 ? -1 : (int32_t)v;
                    t->ndig = (uint8_t)(nd > 255 ? 255 : nd), t->end = (uint32_t)(q + 2);
                    p = q + 2, c->n++;
                    continue;
                }
            }
            /* digits glued to letters ("1990s", "30T23"): a word */
        }
        /* a word: letters, digits, high bytes, inner apostrophes */
        size_t q = p;
        char low[24];
        size_t nl = 0;
        int all_lower = 1;
        if (k == C_UP) t->flags |= F_CAP;
        while (q < hi) {
            unsigned char b = (unsigned char)s[q];
            int kb = bclass[b];
            size_t ap = 0; /* apostrophe length */
            if (kb == C_AP) ap = 1;
            else if (b == 0xe2 && q + 2 < hi && (unsigned char)s[q + 1] == 0x80 && (unsigned char)s[q + 2] == 0x99) ap = 3;
            if (ap) {
                size_t r = q + ap;
                int kr = r < hi ? bclass[(unsigned char)s[r]] : C_SP;
                if (kr != C_LO && kr != C_UP) break;
                /* possessive 's ends the word */
                int after = r + 1 < hi ? bclass[(unsigned char)s[r + 1]] : C_SP;
                if ((s[r] == 's' || s[r] == 'S') && after != C_LO && after != C_UP && after != C_DG) {
                    t->flags |= F_POSS;
                    t->end = (uint32_t)q;
                    q = r + 1;
                    goto word_done;
                }
                if (nl < sizeof low) low[nl++] = '\'';
                q = r;
                continue;
            }
            if (b == 0xe2 && q > p && q + 2 < hi && (unsigned char)s[q + 1] == 0x80 &&
                ((unsigned char)s[q + 2] == 0x93 || (unsigned char)s[q + 2] == 0x94 ||
                 (unsigned char)s[q + 2] == 0x9c || (unsigned char)s[q + 2] == 0x9d ||
                 (unsigned char)s[q + 2] == 0x98))
                break; /* quote or dash */
            if (b == 0xc2 && q > p && q + 1 < hi && ((unsigned char)s[q + 1] == 0xab || (unsigned char)s[q + 1] == 0xbb)) break;
            if (kb != C_LO && kb != C_UP && kb != C_DG && kb != C_HI && q > p) break;
            if (kb == C_UP || kb == C_HI || kb == C_DG) all_lower = 0;
            if (nl < sizeof low) low[nl++] = (char)lower_ascii(b);
            q++;
        }
        t->end = (uint32_t)q;
    word_done:
        t->type = T_WORD;
        if (all_lower) t->flags |= F_LOWER;
        if (nl < sizeof low) {
            size_t wl = nl;
            if (wl > 3 && low[wl - 3] == '\'' && low[wl - 2] == 'l' && low[wl - 1] == 'l') {
                t->kw = (uint16_t)kw_find("will", 4); /* we'll, they'll */
            } else {
                t->kw = (uint16_t)kw_find(low, wl);
            }
            if (!t->kw && all_lower && wl >= 4 && low[wl - 2] == 'e' && low[wl - 1] == 'd')
                t->flags |= F_PASTFORM;
            if (t->kw && (kwords[t->kw - 1].cls == K_PASTV || (kwords[t->kw - 1].cls == K_REPORT && low[wl - 1] == 'd')) && all_lower)
                t->flags |= F_PASTFORM;
            /* lower-case "may"/"march" are a modal and a verb, not months */
            if (t->kw && kwords[t->kw - 1].cls == K_MONTH && !(t->flags & F_CAP))
                t->kw = (uint16_t)(low[0] == 'm' && low[1] == 'a' && wl == 3 && low[2] == 'y' ? kw_find("might", 5) : 0);
            if (t->kw && (kwords[t->kw - 1].cls == K_WDAY || kwords[t->kw - 1].cls == K_MONABBR) && !(t->flags & F_CAP))
                t->kw = 0;
        }
        p = q, c->n++;
    }
}

/* ----------------------------------------------------------- expressions */

static wexpr *new_expr(wctx *c, int first, int last, int kind)
{
    if (c->nx >= MAXEXPR) return NULL;
    wexpr *e = &c->x[c->nx++];
    memset(e, 0, sizeof *e);
    e->first = first, e->last = last, e->core = first, e->kind = (unsigned char)kind;
    return e;
}

/* Mark tokens [a..b] as used by an expression (or by an impossible date). */
static void use(wctx *c, int a, int b, int xi)
{
    for (int i = a; i <= b && i < c->n; i++) c->t[i].flags |= F_USED, c->t[i].expr = (int16_t)xi;
}

/* Is token i the ASCII word w (any case)? */
static int word_is(const wctx *c, int i, const char *w)
{
    if (i < 0 || i >= c->n || c->t[i].type != T_WORD) return 0;
    size_t n = c->t[i].end - c->t[i].start;
    if (strlen(w) != n) return 0;
    for (size_t k = 0; k < n; k++)
        if ((char)lower_ascii((unsigned char)c->s[c->t[i].start + k]) != w[k]) return 0;
    return 1;
}

/* "scheduled for", "set for", "planned for": the date of what is planned. */
static int sched_word(const wctx *c, int i)
{
    static const char *const w[] = { "scheduled", "rescheduled", "set", "planned", "slated",
                                     "due", "timed", "pencilled", "penciled", "earmarked" };
    for (size_t k = 0; k < sizeof w / sizeof w[0]; k++)
        if (word_is(c, i, w[k])) return 1;
    return 0;
}

/* The year of the last absolute date before token i ("in March of that year"), or 0. */
static int prev_year(const wctx *c, int i)
{
    for (int k = c->nx - 1; k >= 0; k--)
        if (c->x[k].kind == X_ABS && c->x[k].a > 0 && c->x[k].last < i) return c->x[k].a;
    return 0;
}

/* Leading modifiers and preposition of expression e; sets span/ignore. */
static void prefix(wctx *c, wexpr *e, int allow_mid)
{
    int j = e->first - 1;
    if (allow_mid && punct(c, j, '-') && cls(c, j - 1) == K_MID) e->first = j - 1, j -= 2;
    else if (cls(c, j) == K_EARLY || cls(c, j) == K_LATE || cls(c, j) == K_MID ||
             cls(c, j) == K_EARLIER || cls(c, j) == K_LATER)
        e->first = j, j--;
    switch (cls(c, j)) {
    case K_PREP: case K_OF:
        e->first = j;
        break;
    case K_SINCE: case K_FROM: case K_BETWEEN:
        e->first = j, e->flags |= XF_SPAN;
        break;
    case K_TO: case K_AND:
        if (j - 1 >= 0 && c->t[j - 1].expr >= 0 && (c->x[c->t[j - 1].expr].flags & XF_SPAN))
            e->first = j, e->flags |= XF_SPAN;
        else if (cls(c, j) == K_TO && j - 1 >= 0 && c->t[j - 1].expr >= 0)
            e->first = j, e->flags |= XF_SPAN;
        break;
    case K_DEADLINE: case K_BEFORE: case K_AFTER:
        e->first = j, e->flags |= XF_IGNORE;
        break;
    case K_FOR: /* "the vote, set for Sunday": dates the vote, not the clause */
        if (sched_word(c, j - 1)) e->first = j, e->flags |= XF_SCHED;
        break;
    default:
        break;
    }
}

static int has_prep(const wctx *c, const wexpr *e)
{
    int k = cls(c, e->first);
    return e->first < e->core && (k == K_PREP || k == K_OF || k == K_SINCE || k == K_FROM ||
                                  k == K_BETWEEN || k == K_TO || k == K_AND || k == K_DEADLINE ||
                                  k == K_BEFORE || k == K_AFTER || k == K_FOR);
}

static int unit_after(const wctx *c, int i) { return cls(c, i) == K_UNIT ? val(c, i) : 0; }

/* Month (and day, and year) starting at the month word i; day_first: the
 * day number already read before it (0 if none), its index dfi. */
static int match_month(wctx *c, int i, int day, int dfi)
{
    int m = val(c, i), abbr = cls(c, i) == K_MONABBR;
    int k = i + 1, last = i, first = dfi >= 0 ? dfi : i;
    int y = 0, has_day = day > 0;
    if (abbr && punct(c, k, '.') && !(c->t[k].flags & F_SPBEFORE)) last = k, k++;
    if (!has_day && is_num(c, k, 1, 2) && c->t[k].num >= 0) {
        day = c->t[k].num, last = k, k++, has_day = 1;
    } else if (!has_day && cls(c, k) == K_THE && is_num(c, k + 1, 1, 2) && (c->t[k + 1].flags & F_ORD)) {
        day = c->t[k + 1].num, last = k + 1, k += 2, has_day = 1;
    }
    if (has_day) {
        int kk = k;
        if (punct(c, kk, ',')) kk++;
        if (is_num(c, kk, 4, 4) && !(c->t[kk].flags & F_ORD)) y = c->t[kk].num, last = kk;
        else if (is_num(c, kk, 5, 255) && !(c->t[kk].flags & F_ORD)) { /* "May 5, 99999" */
            use(c, first, kk, -1);
            return kk;
        }
        when_date w = {y ? y : 2000, m, day}; /* 2000: a leap year */
        if (!when_valid(w)) { use(c, first, last, -1); return last; }
        wexpr *e = new_expr(c, first, last, y ? X_ABS : X_MD);
        if (!e) return last;
        e->a = y, e->b = m, e->c = day, e->prec = WHEN_DAY;
        if (y) e->a = y, e->b = m, e->c = day;
        prefix(c, e, 0);
        /* "the March 18 vote", "the April 6 Youth Movement": a modifier */
        if (!has_prep(c, e) && (cls(c, e->first - 1) == K_THE || cls(c, e->first - 1) == K_A ||
                                (e->first > 0 && (c->t[e->first - 1].flags & F_POSS))) &&
            last + 1 < c->n && c->t[last + 1].type == T_WORD)
            e->flags |= XF_MOD;
        use(c, e->first, e->last, (int)(e - c->x));
        return last;
    }
    if (abbr) return -1;
    /* "in March of that (same) year": the year of the date before it */
    if (cls(c, k) == K_OF && word_is(c, k + 1, "that")) {
        int yk = word_is(c, k + 2, "same") ? k + 3 : k + 2;
        if (word_is(c, yk, "year") && !(c->t[yk].flags & F_POSS)) {
            int py = prev_year(c, i);
            wexpr *e = new_expr(c, i, yk, X_ABS);
            if (!e) return yk;
            e->a = py, e->b = m, e->c = 1, e->prec = WHEN_MONTH;
            if (!py) e->kind = X_VAGUE, e->flags |= XF_IGNORE;
            prefix(c, e, 1);
            use(c, e->first, e->last, (int)(e - c->x));
            return yk;
        }
    }
    if (is_num(c, k, 4, 4) || (cls(c, k) == K_OF && is_num(c, k + 1, 4, 4))) {
        if (cls(c, k) == K_OF) k++;
        wexpr *e = new_expr(c, i, k, X_ABS);
        if (!e) return k;
        e->a = c->t[k].num, e->b = m, e->c = 1, e->prec = WHEN_MONTH;
        if (e->a < 1) e->kind = X_VAGUE, e->flags |= XF_IGNORE;
        prefix(c, e, 1);
        use(c, e->first, e->last, (int)(e - c->x));
        return k;
    }
    int yoff = 0, has_yoff = 0;
    if (unit_after(c, k + 1) == U_YEAR && (cls(c, k) == K_NEXT || cls(c, k) == K_LAST || cls(c, k) == K_THIS)) {
        has_yoff = 1, yoff = cls(c, k) == K_NEXT ? 1 : cls(c, k) == K_LAST ? -1 : 0;
        last = k + 1;
    }
    wexpr tmp = {0};
    tmp.first = tmp.core = i, tmp.last = last;
    prefix(c, &tmp, 1);
    if (!has_yoff && !has_prep(c, &tmp)) return -1; /* "Theresa May said" */
    wexpr *e = new_expr(c, i, last, X_MONTH);
    if (!e) return last;
    e->a = m, e->b = yoff, e->mode = has_yoff ? M_YOFF : M_TENSE;
    prefix(c, e, 1);
    use(c, e->first, e->last, (int)(e - c->x));
    return last;
}

/* Weekday word at i; mode from a preceding last/next/this at first. */
static int match_weekday(wctx *c, int i, int first, int mode)
{
    int last = i;
    /* "Friday, February 4": the date decides */
    if (punct(c, i + 1, ',') && (cls(c, i + 2) == K_MONTH || cls(c, i + 2) == K_MONABBR)) {
        int nx = c->nx, r = match_month(c, i + 2, 0, -1);
        if (r >= 0 && c->nx > nx) {
            wexpr *e = &c->x[nx];
            if (e->first == i + 2) {
                e->first = e->core = first;
                prefix(c, e, 0);
                use(c, e->first, e->last, nx);
                return e->last;
            }
        }
        if (r >= 0) return r;
    }
    if (!(c->t[i].flags & F_POSS) && cls(c, i + 1) == K_PARTDAY) last = i + 1;
    wexpr *e = new_expr(c, first, last, X_WDAY);
    if (!e) return last;
    e->a = val(c, i), e->mode = (unsigned char)mode;
    if (c->t[i].flags & F_POSS) e->flags |= XF_MOD;
    if (mode == M_TENSE) {
        prefix(c, e, 0);
        /* "every Friday", "the tenth consecutive Saturday": not one day */
        if (!has_prep(c, e) && !(e->flags & XF_MOD))
            for (int j = i - 1; j >= 0 && j >= i - 3 && c->t[j].type == T_WORD && !(c->t[j].flags & F_PASTFORM); j--)
                if (cls(c, j) == K_THE || cls(c, j) == K_A || cls(c, j) == K_EVERY) {
                    c->nx--;
                    return i;
                }
        /* "The Sunday Times", "the Good Friday Agreement" */
        if (!has_prep(c, e) && !(e->flags & XF_MOD) && cap(c, i + 1) &&
            cls(c, i + 1) != K_MONTH && cls(c, i + 1) != K_MONABBR) {
            c->nx--;
            return i;
        }
    }
    use(c, e->first, e->last, (int)(e - c->x));
    return e->last;
}

/* A bare or prepositional year at i. */
static int match_year(wctx *c, int i)
{
    int y = c->t[i].num;
    if (y < 1800 || y > 2100 || (c->t[i].flags & F_ORD)) return -1;
    wexpr *e = new_expr(c, i, i, X_ABS);
    if (!e) return i;
    e->a = y, e->b = 1, e->c = 1, e->prec = WHEN_YEAR;
    prefix(c, e, 1);
    if (!has_prep(c, e)) {
        if (e->first < e->core) e->first = e->core; /* "early 2014" alone: not a date */
        if (i + 1 < c->n && c->t[i + 1].type == T_WORD) e->flags |= XF_MOD;
        else e->flags |= XF_IGNORE;
    }
    use(c, e->first, e->last, (int)(e - c->x));
    return i;
}

/* "later that year", "that same year", "in the same year" at token i: the
 * year of the date before it in the sentence. */
static void match_that_year(wctx *c, int i)
{
    if (!word_is(c, i, "that") && !word_is(c, i, "the")) return;
    int yk = word_is(c, i + 1, "same") ? i + 2 : i + 1;
    if ((yk == i + 1 && cls(c, i) == K_THE) || !word_is(c, yk, "year") || (c->t[yk].flags & F_POSS)) return;
    int y = prev_year(c, i);
    wexpr *e = new_expr(c, i, yk, X_ABS);
    if (!e) return;
    e->a = y, e->b = 1, e->c = 1, e->prec = WHEN_YEAR;
    if (!y) e->kind = X_VAGUE, e->flags |= XF_IGNORE;
    prefix(c, e, 0);
    use(c, e->first, e->last, (int)(e - c->x));
}

static void find_exprs(wctx *c)
{
    c->nx = 0;
    for (int i = 0; i < c->n; i++) {
        wtok *t = &c->t[i];
        if (t->flags & F_USED) continue;
        if (t->type == T_DATE) {
            if (!t->num) { use(c, i, i, -1); continue; }
            wexpr *e = new_expr(c, i, i, X_ABS);
            if (!e) break;
            e->a = t->num / 10000, e->b = t->num / 100 % 100, e->c = t->num % 100, e->prec = WHEN_DAY;
            prefix(c, e, 0);
            use(c, e->first, e->last, (int)(e - c->x));
            continue;
        }
        if (t->type == T_NUM) {
            int k = cls(c, i + 1);
            if (t->ndig <= 2 && t->num >= 1 && (k == K_MONTH || k == K_MONABBR)) {
                match_month(c, i + 1, t->num, i);
                continue;
            }
            if (t->ndig <= 2 && (t->flags & F_ORD) && k == K_OF &&
                (cls(c, i + 2) == K_MONTH || cls(c, i + 2) == K_MONABBR)) {
                int f = cls(c, i - 1) == K_THE ? i - 1 : i;
                match_month(c, i + 2, t->num, f);
                continue;
            }
            if ((t->flags & F_ORD) && t->ndig <= 2 && cls(c, i - 1) == K_THE && cls(c, i - 2) == K_PREP &&
                (i + 1 >= c->n || c->t[i + 1].type != T_WORD)) {
                if (t->num < 1 || t->num > 31) continue;
                wexpr *e = new_expr(c, i - 2, i, X_NTH);
                if (!e) break;
                e->core = i - 1, e->a = t->num;
                use(c, e->first, e->last, (int)(e - c->x));
                continue;
            }
            if (t->ndig <= 3 && t->num >= 1 && unit_after(c, i + 1) && unit_after(c, i + 1) != U_WEEKEND &&
                cls(c, i + 2) == K_AGO) {
                goto ago;
            }
            if (t->ndig == 4 && !(t->flags & F_ORD)) match_year(c, i);
            continue;
        }
        if (t->type != T_WORD || !t->kw) continue;
        switch (cls(c, i)) {
        case K_WDAY:
            if (cap(c, i)) match_weekday(c, i, i, M_TENSE);
            break;
        case K_MONTH: case K_MONABBR:
            if (cap(c, i)) match_month(c, i, 0, -1);
            break;
        case K_LAST: case K_NEXT: case K_THIS: {
            int mode = cls(c, i) == K_LAST ? M_LAST : cls(c, i) == K_NEXT ? M_NEXT : M_THIS;
            int n = mode == M_LAST ? -1 : mode == M_NEXT ? 1 : 0;
            int k = cls(c, i + 1), u = unit_after(c, i + 1);
            wexpr *e = NULL;
            if (k == K_WDAY && cap(c, i + 1)) {
                match_weekday(c, i + 1, i, mode);
                break;
            }
            if ((k == K_MONTH) && cap(c, i + 1)) {
                e = new_expr(c, i, i + 1, X_MONTH);
                if (!e) break;
                e->a = val(c, i + 1), e->mode = (unsigned char)mode;
            } else if (u == U_WEEK || u == U_MONTH || u == U_YEAR) {
                e = new_expr(c, i, i + 1, u == U_WEEK ? X_WEEK : u == U_MONTH ? X_MONTHREL : X_YEARREL);
                if (!e) break;
                e->a = n;
            } else if (u == U_WEEKEND) {
                e = new_expr(c, i, i + 1, X_WEEKEND);
                if (!e) break;
                e->mode = (unsigned char)mode;
            } else if (k == K_PARTDAY && (mode == M_THIS || (mode == M_LAST && val(c, i + 1) == 1))) {
                e = new_expr(c, i, i + 1, X_DAYS);
                if (!e) break;
                e->a = mode == M_LAST ? -1 : 0;
            } else {
                break;
            }
            if (c->t[i + 1].flags & F_POSS) e->flags |= XF_MOD;
            prefix(c, e, 0);
            use(c, e->first, e->last, (int)(e - c->x));
            break;
        }
        case K_DAYREL: {
            int n = val(c, i), f = i;
            if (cls(c, i - 1) == K_BEFORE && unit_after(c, i - 2) == U_DAY && n == -1) n = -2, f = i - 2;
            if (cls(c, i - 1) == K_AFTER && unit_after(c, i - 2) == U_DAY && n == 1) n = 2, f = i - 2;
            if (f < i && cls(c, f - 1) == K_THE) f--;
            wexpr *e = new_expr(c, f, i, X_DAYS);
            if (!e) break;
            e->a = n;
            if (c->t[i].flags & F_POSS) e->flags |= XF_MOD;
            if (f == i) prefix(c, e, 0);
            use(c, e->first, e->last, (int)(e - c->x));
            break;
        }
        case K_A: case K_NUMW:
            if (unit_after(c, i + 1) && unit_after(c, i + 1) != U_WEEKEND && cls(c, i + 2) == K_AGO) goto ago;
            break;
        case K_RECENTLY: {
            wexpr *e = new_expr(c, i, i, X_VAGUE);
            if (!e) break;
            use(c, i, i, (int)(e - c->x));
            break;
        }
        case K_RECENT: case K_COMING: {
            int u = unit_after(c, i + 1), f = i;
            if (u != U_DAY && u != U_WEEK && u != U_MONTH) break;
            if (cls(c, f - 1) == K_THE) f--;
            if (cls(c, f - 1) == K_PREP) f--;
            wexpr *e = new_expr(c, f, i + 1, X_VAGUE);
            if (!e) break;
            use(c, e->first, e->last, (int)(e - c->x));
            break;
        }
        case K_THE:
            if (unit_after(c, i + 1) == U_WEEKEND && cls(c, i - 1) == K_PREP) {
                wexpr *e = new_expr(c, i - 1, i + 1, X_WEEKEND);
                if (!e) break;
                use(c, e->first, e->last, (int)(e - c->x));
            } else {
                match_that_year(c, i);
            }
            break;
        case K_SUB:
            match_that_year(c, i);
            break;
        default:
            break;
        }
        continue;
    ago: {
            int n = c->t[i].type == T_NUM ? c->t[i].num : val(c, i), u = unit_after(c, i + 1);
            wexpr *e = new_expr(c, i, i + 2, u == U_DAY ? X_DAYS : u == U_WEEK ? X_WEEKSAGO
                                              : u == U_MONTH ? X_MONTHREL : X_YEARREL);
            if (!e) break;
            e->a = u == U_WEEK ? n : -n;
            use(c, e->first, e->last, (int)(e - c->x));
        }
    }
}

/* -------------------------------------------------------------- clauses */

static int as_is_clause(const wctx *c, int i)
{
    if (cls(c, i - 1) == K_EXCL_AS || cls(c, i + 1) == K_EXCL_AS || cls(c, i + 1) == K_A ||
        cls(c, i + 1) == K_OF || cls(c, i + 1) == K_AS || cls(c, i - 1) == K_AS)
        return 0;
    return 1;
}

static int is_sub(const wctx *c, int i)
{
    if (i >= c->n || (c->t[i].flags & F_USED)) return 0;
    switch (cls(c, i)) {
    case K_SUB: case K_BEFORE: case K_AFTER: case K_SINCE: return 1;
    case K_DEADLINE: return c->t[i].kw && kwords[c->t[i].kw - 1].w[0] == 'u'; /* until */
    case K_AS: return as_is_clause(c, i);
    default: return 0;
    }
}

/* ", President Erdogan confirmed." / ", officials said on Friday.": a short
 * reporting clause ending the sentence, with no date of its own but maybe
 * one after the verb. */
static int reporting_tail(const wctx *c, int i)
{
    int words = 0, rep = 0;
    for (int j = i; j < c->n; j++) {
        const wtok *t = &c->t[j];
        if (t->type == T_PUNCT) {
            if (t->p == '.' || t->p == 'q' || t->p == '"') continue;
            /* "..., state media said last month, as the two ...": the tail ends
             * where a subordinate clause begins */
            if (t->p == ',' && rep && is_sub(c, j + 1)) return 1;
            return 0;
        }
        if (cls(c, j) == K_REPORT && !rep) {
            rep = 1, words = 0;
            continue;
        }
        if (t->flags & F_USED) {
            if (!rep) return 0;
            continue;
        }
        if (++words > (rep ? 1 : 5)) return 0;
    }
    return rep;
}

static void find_clauses(wctx *c)
{
    int16_t st[MAXDEPTH];
    int sp = 0, next = 1, quote_sp = -1, dash_sp = -1, paren_sp = -1;
    st[0] = 0;
#define PUSH() do { if (sp + 1 < MAXDEPTH) st[++sp] = (int16_t)next++; } while (0)
    for (int i = 0; i < c->n; i++) {
        wtok *t = &c->t[i];
        if (t->type == T_PUNCT) {
            switch (t->p) {
            case ',':
                t->clause = st[sp];
                /* "and, in 1969, a border clash": a parenthesis inside the
                 * clause, which neither of its commas closes */
                if (cls(c, i - 1) == K_AND || cls(c, i - 1) == K_BUT) {
                    paren_sp = sp;
                    continue;
                }
                if (paren_sp == sp && !is_sub(c, i + 1)) {
                    paren_sp = -1;
                    continue;
                }
                paren_sp = -1;
                if (is_sub(c, i + 1)) {
                    if (sp > 0 && quote_sp < 0) sp--;
                    PUSH();
                    i++;
                    c->t[i].clause = st[sp];
                } else if (cls(c, i + 1) == K_AND || cls(c, i + 1) == K_BUT || reporting_tail(c, i + 1)) {
                    sp = 0, quote_sp = -1, dash_sp = -1, st[0] = (int16_t)next++;
                } else if (sp > 0 && sp != quote_sp) {
                    sp--;
                }
                continue;
            case ';': case ':':
                t->clause = st[sp];
                sp = 0, quote_sp = -1, dash_sp = -1, st[0] = (int16_t)next++;
                continue;
            case 'D': /* "X -- including Y -- did Z": the second dash closes */
                t->clause = st[sp];
                if (dash_sp > 0 && dash_sp <= sp) sp = dash_sp - 1, dash_sp = -1;
                else {
                    PUSH();
                    dash_sp = sp;
                }
                continue;
            case '(':
                t->clause = st[sp];
                PUSH();
                continue;
            case ')':
                if (sp > 0) sp--;
                t->clause = st[sp];
                continue;
            case 'Q':
                t->clause = st[sp];
                PUSH();
                quote_sp = sp;
                continue;
            case 'q':
                if (quote_sp > 0) sp = quote_sp - 1, quote_sp = -1;
                t->clause = st[sp];
                continue;
            case '"':
                t->clause = st[sp];
                if (quote_sp < 0) {
                    PUSH();
                    quote_sp = sp;
                } else {
                    sp = quote_sp > 0 ? quote_sp - 1 : 0, quote_sp = -1;
                }
                continue;
            default:
                t->clause = st[sp];
                continue;
            }
        }
        if (is_sub(c, i)) PUSH();
        t->clause = st[sp];
    }
#undef PUSH
}

/* ---------------------------------------------------------------- tense */

enum { TENSE_UNKNOWN = 0, TENSE_PAST, TENSE_FUTURE };

static int tense_of(const wctx *c, int ti)
{
    int cl = c->t[ti].clause, seen = 0;
    if (c->t[ti].flags & F_PASTFORM) {
        /* "was held", "will be signed", "is expected to be held": the auxiliary decides */
        for (int j = ti - 1; j >= 0 && j >= ti - 4 && c->t[j].type == T_WORD && !(c->t[j].flags & F_USED); j--) {
            int k = cls(c, j);
            if (k == K_FUT || k == K_FUTV || k == K_TO) return TENSE_FUTURE;
            if (k == K_WOULD) return TENSE_UNKNOWN;
            if (k == K_PASTAUX) return TENSE_PAST;
        }
        return TENSE_PAST;
    }
    for (int j = ti - 1; j >= 0 && seen < 8; j--) {
        const wtok *t = &c->t[j];
        if (t->clause != cl || punct(c, j, ',')) break;
        if (t->flags & F_USED) continue;
        if (t->type != T_WORD) continue;
        seen++;
        switch (cls(c, j)) {
        case K_FUT: case K_FUTV: return TENSE_FUTURE;
        case K_WOULD: case K_PRES: return TENSE_UNKNOWN;
        case K_PASTAUX: return TENSE_PAST;
        case K_TO: {
            int k = cls(c, j - 1);
            if (k == K_FUTTO || k == K_FUTV || k == K_PRES) return TENSE_FUTURE;
            return TENSE_UNKNOWN;
        }
        default:
            if (t->flags & F_PASTFORM) return TENSE_PAST;
            break;
        }
    }
    if (c->t[ti].flags & F_PASTFORM) return TENSE_PAST;
    seen = 0;
    for (int j = ti + 1; j < c->n && seen < 6; j++) {
        const wtok *t = &c->t[j];
        if (t->clause != cl) break;
        if (t->flags & F_USED || t->type != T_WORD) continue;
        seen++;
        switch (cls(c, j)) {
        case K_FUT: case K_FUTV: return TENSE_FUTURE;
        case K_WOULD: return TENSE_UNKNOWN;
        case K_PASTAUX: return TENSE_PAST;
        default: break;
        }
    }
    return TENSE_UNKNOWN;
}

/* ------------------------------------------------------------- resolving */

static when_date mkdate(int y, int m, int d) { when_date r = {y, m, d}; return r; }

static when_date monday_of(when_date d) { return when_add_days(d, -when_weekday(d)); }

static when_date add_months(when_date d, int n)
{
    long k = (long)d.y * 12 + (d.m - 1) + n;
    if (k < 12) k = 12;
    if (k > 9999L * 12 + 11) k = 9999L * 12 + 11;
    return mkdate((int)(k / 12), (int)(k % 12) + 1, 1);
}

/* Resolve e against story with tense; 0 on success. */
static int resolve(const wexpr *e, int tense, when_date story, when_date *out, when_precision *prec)
{
    int have = when_valid(story);
    switch (e->kind) {
    case X_ABS:
        *out = mkdate(e->a, e->b, e->c), *prec = e->prec;
        return when_valid(*out) ? 0 : -1;
    case X_VAGUE:
        return -1;
    default:
        break;
    }
    if (!have) return -1;
    long sd = dnum(story);
    int wd = when_weekday(story);
    switch (e->kind) {
    case X_DAYS:
        *out = when_add_days(story, e->a), *prec = WHEN_DAY;
        return 0;
    case X_WEEK:
        *out = when_add_days(monday_of(story), 7L * e->a), *prec = WHEN_WEEK;
        return 0;
    case X_WEEKSAGO:
        *out = monday_of(when_add_days(story, -7L * e->a)), *prec = WHEN_WEEK;
        return 0;
    case X_MONTHREL:
        *out = add_months(story, e->a), *prec = WHEN_MONTH;
        return 0;
    case X_YEARREL: {
        int y = story.y + e->a;
        if (y < 1 || y > 9999) return -1;
        *out = mkdate(y, 1, 1), *prec = WHEN_YEAR;
        return 0;
    }
    case X_WDAY: {
        int back = (wd - e->a + 7) % 7, fwd = (e->a - wd + 7) % 7;
        long off;
        switch (e->mode) {
        case M_LAST: off = back ? -back : -7; break;
        case M_NEXT: off = fwd ? fwd : 7; break;
        case M_THIS: off = fwd; break;
        default:
            off = tense == TENSE_PAST ? -back : tense == TENSE_FUTURE ? fwd : (back <= fwd ? -back : fwd);
            break;
        }
        *out = when_add_days(story, off), *prec = WHEN_DAY;
        return 0;
    }
    case X_WEEKEND: {
        int back = (wd - 5 + 7) % 7, fwd = (5 - wd + 7) % 7;
        long off;
        if (e->mode == M_LAST) off = -back - (back <= 1 ? 7 : 0);
        else if (e->mode == M_NEXT) off = fwd ? fwd : 7;
        else if (e->mode == M_THIS) off = back <= 1 ? -back : fwd;
        else off = tense == TENSE_FUTURE ? (back <= 1 ? -back : fwd) : -back;
        *out = when_add_days(story, off), *prec = WHEN_WEEK;
        return 0;
    }
    case X_MD: {
        int found = 0;
        long best = 0;
        when_date bd = {0, 0, 0};
        for (int y = story.y - 1; y <= story.y + 1; y++) {
            when_date cd = mkdate(y, e->b, e->c);
            if (!when_valid(cd)) continue;
            long diff = dnum(cd) - sd, score;
            if (tense == TENSE_PAST) { if (diff > 0) continue; score = -diff; }
            else if (tense == TENSE_FUTURE) { if (diff < 0) continue; score = diff; }
            else { if (diff > 60) continue; score = diff < 0 ? -diff : diff; }
            if (!found || score < best) found = 1, best = score, bd = cd;
        }
        if (!found) return -1;
        *out = bd, *prec = WHEN_DAY;
        return 0;
    }
    case X_MONTH: {
        long si = (long)story.y * 12 + story.m - 1, bi = 0;
        int found = 0;
        if (e->mode == M_YOFF) {
            bi = (long)(story.y + e->b) * 12 + e->a - 1, found = 1;
        } else {
            long best = 0;
            for (int y = story.y - 1; y <= story.y + 1; y++) {
                long ci = (long)y * 12 + e->a - 1, diff = ci - si, score;
                int t = e->mode == M_LAST ? -2 : e->mode == M_NEXT ? 2 : e->mode == M_THIS ? 3 : tense;
                if (t == 3) { if (y != story.y) continue; score = 0; }
                else if (t == -2) { if (diff >= 0) continue; score = -diff; }
                else if (t == 2) { if (diff <= 0) continue; score = diff; }
                else if (t == TENSE_PAST) { if (diff > 0) continue; score = -diff; }
                else if (t == TENSE_FUTURE) { if (diff < 0) continue; score = diff; }
                else { if (diff > 2) continue; score = diff < 0 ? -diff : diff; }
                if (!found || score < best) found = 1, best = score, bi = ci;
            }
        }
        if (!found || bi < 12 || bi > 9999L * 12 + 11) return -1;
        *out = mkdate((int)(bi / 12), (int)(bi % 12) + 1, 1), *prec = WHEN_MONTH;
        return 0;
    }
    case X_NTH: {
        /* the nearest month (back for past/unknown, forward for future) having that day */
        for (int k = 0; k < 4; k++) {
            int step = tense == TENSE_FUTURE ? k : -k;
            when_date base = add_months(story, step);
            when_date cd = mkdate(base.y, base.m, e->a);
            if (!when_valid(cd)) continue;
            long diff = dnum(cd) - sd;
            if (tense == TENSE_FUTURE ? diff < 0 : diff > 0) continue;
            *out = cd, *prec = WHEN_DAY;
            return 0;
        }
        return -1;
    }
    default:
        return -1;
    }
}

/* ------------------------------------------------------------ choosing */

/* Relative to the story date and only backwards ("yesterday", "last week",
 * "two years ago"), or only forwards ("tomorrow", "next month"). */
static int past_relative(const wexpr *e)
{
    switch (e->kind) {
    case X_DAYS: case X_WEEK: case X_MONTHREL: case X_YEARREL: return e->a < 0;
    case X_WEEKSAGO: return 1;
    case X_WDAY: case X_WEEKEND: return e->mode == M_LAST;
    case X_MONTH: return e->mode == M_LAST || (e->mode == M_YOFF && e->b < 0);
    default: return 0;
    }
}

static int future_relative(const wexpr *e)
{
    switch (e->kind) {
    case X_DAYS: case X_WEEK: case X_MONTHREL: case X_YEARREL: return e->a > 0;
    case X_WDAY: case X_WEEKEND: return e->mode == M_NEXT;
    case X_MONTH: return e->mode == M_NEXT || (e->mode == M_YOFF && e->b > 0);
    default: return 0;
    }
}

/* Does "scheduled for X" (e) date the trigger [ti, tl]?  Only what is
 * scheduled: the noun before ("the vote, originally set for Sunday", "the
 * talks are scheduled for Friday") or the phrase itself. */
static int sched_dates(const wctx *c, const wexpr *e, int ti, int tl)
{
    int w = e->first - 1; /* "scheduled" */
    if (ti >= w && ti <= e->last) return 1;
    for (int j = w - 1; j >= 0 && j >= w - 4; j--) {
        if (j == tl) return 1;
        const wtok *t = &c->t[j];
        size_t n = t->end - t->start;
        if (punct(c, j, ',') || cls(c, j) == K_PRES || cls(c, j) == K_PASTAUX || word_is(c, j, "been") ||
            word_is(c, j, "be") || word_is(c, j, "now") ||
            (t->type == T_WORD && (t->flags & F_LOWER) && n > 3 && c->s[t->end - 2] == 'l' && c->s[t->end - 1] == 'y'))
            continue;
        return 0;
    }
    return 0;
}

/* A relative clause takes the date of the noun phrase it hangs on: "the
 * 2008 Summer Games, in which leaders were photographed greeting ...",
 * "in 2014, when Russia annexed Crimea". */
static const wexpr *antecedent_date(const wctx *c, int ti, int cl)
{
    int o = ti;
    while (o > 0 && c->t[o - 1].clause == cl) o--;
    int np_end;
    if ((word_is(c, o, "which") || word_is(c, o, "whom")) &&
        (cls(c, o - 1) == K_PREP || cls(c, o - 1) == K_OF) && punct(c, o - 2, ','))
        np_end = o - 3;
    else if ((word_is(c, o, "when") || word_is(c, o, "where")) && punct(c, o - 1, ','))
        np_end = o - 2;
    else
        return NULL;
    for (int k = c->nx - 1; k >= 0; k--) {
        const wexpr *e = &c->x[k];
        if (e->last > np_end || e->last < np_end - 4 || (e->flags & (XF_IGNORE | XF_SPAN))) continue;
        for (int j = e->last + 1; j <= np_end; j++)
            if (c->t[j].type != T_WORD) return NULL;
        return e;
    }
    return NULL;
}

/* -------------------------------------------------------------- public */

int when_selfcheck(void)
{
    for (size_t i = 1; i < NKW; i++)
        if (strcmp(kwords[i - 1].w, kwords[i].w) >= 0) return -1;
    for (size_t i = 0; i < NKW; i++)
        if (kw_find(kwords[i].w, strlen(kwords[i].w)) != i + 1) return -1;
    return 0;
}

int when_parse_iso(const char *s, size_t len, when_date *d)
{
    if (!s || !d || len < 10) return -1;
    for (size_t i = 0; i < 10; i++) {
        if (i == 4 || i == 7) { if (s[i] != '-') return -1; }
        else if (bclass[(unsigned char)s[i]] != C_DG) return -1;
    }
    if (len > 10 && s[10] != 'T' && s[10] != 't' && s[10] != ' ') return -1;
    when_date w = {(s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0'),
                   (s[5] - '0') * 10 + (s[6] - '0'), (s[8] - '0') * 10 + (s[9] - '0')};
    if (!when_valid(w)) return -1;
    *d = w;
    return 0;
}

/* Read s[lo..hi) of the sentence s[0..len): tokens, expressions, clauses. */
static void read_window(wctx *c, const char *s, size_t len, size_t lo, size_t hi)
{
    c->s = s, c->len = len, c->n = 0, c->nx = 0;
    tokenize(c, lo, hi);
    if (!c->n) return;
    find_exprs(c);
    if (c->nx) find_clauses(c);
}

/* The date of the trigger [trig_start, trig_end) in a read window; out is
 * preset to the story date. */
static void choose(const wctx *c, size_t trig_start, size_t trig_end, when_date story, when_result *out)
{
    if (!c->nx) return;
    /* the trigger's token: the first one overlapping it */
    int ti = -1;
    for (int i = 0; i < c->n; i++)
        if (c->t[i].end > trig_start || (trig_end == trig_start && c->t[i].start >= trig_start)) { ti = i; break; }
    if (ti < 0) return;
    int tl = ti;
    while (tl + 1 < c->n && c->t[tl + 1].start < trig_end) tl++;
    int cl = c->t[ti].clause;

    const wexpr *best = NULL;
    /* 1. a modifier of the trigger's noun phrase: "Wednesday's meeting" */
    for (int k = 0; k < c->nx && !best; k++) {
        const wexpr *e = &c->x[k];
        if (!(e->flags & XF_MOD) || e->last >= ti || ti - e->last > 2) continue;
        /* the trigger and the words before it must be the noun phrase, not a verb */
        int ok = 1;
        for (int j = e->last + 1; j <= ti; j++) {
            int kc = cls(c, j);
            if (c->t[j].type != T_WORD || (c->t[j].flags & F_PASTFORM) || kc == K_PASTAUX || kc == K_PRES ||
                kc == K_FUT || kc == K_WOULD || kc == K_TO || kc == K_PREP || kc == K_SUB)
                ok = 0;
        }
        if (ok) best = e;
    }
    /* 2. the nearest expression of the trigger's clause, event dates first;
     * not one that contradicts the verb's tense ("will brief ... last month"
     * dates the reporting, "agreed to meet next week" the meeting) */
    int tense = tense_of(c, ti);
    int pastform = (c->t[ti].flags & F_PASTFORM) != 0;
    if (!best) {
        long bscore = 0;
        for (int k = 0; k < c->nx; k++) {
            const wexpr *e = &c->x[k];
            if (e->flags & (XF_MOD | XF_IGNORE)) continue;
            if (c->t[e->core].clause != cl) continue;
            if (e->first <= ti && e->last >= ti) continue; /* the trigger inside it */
            if ((e->flags & XF_SCHED) && !sched_dates(c, e, ti, tl)) continue;
            if (tense == TENSE_FUTURE && past_relative(e)) continue;
            if (tense == TENSE_PAST && pastform && future_relative(e)) continue;
            /* before the trigger, after it, or inside a trigger of several words
             * ("met in Beijing on Tuesday") */
            long dist = e->last < ti ? 2L * (ti - e->last - 1) + 1 : e->first > tl ? 2L * (e->first - tl - 1) : 0;
            if (e->flags & XF_SPAN) dist += 100000;
            if (!best || dist < bscore) best = e, bscore = dist;
        }
    }
    /* 3. a relative clause dated by its antecedent */
    if (!best) best = antecedent_date(c, ti, cl);
    if (!best) return;
    if (best->flags & XF_SPAN) {
        out->span = 1;
        out->text_start = c->t[best->first].start, out->text_end = c->t[best->last].end;
        return;
    }
    if (best->kind == X_VAGUE) {
        out->text_start = c->t[best->first].start, out->text_end = c->t[best->last].end;
        return;
    }
    when_date d;
    when_precision p;
    /* what is scheduled lies ahead: "the talks scheduled for Thursday" */
    if (resolve(best, (best->flags & XF_SCHED) ? TENSE_FUTURE : tense, story, &d, &p) != 0) return;
    /* more than ten years after the story, or after 2100: not an event's date */
    if (d.y > 2100 || (when_valid(story) && when_days_between(story, d) > 3660)) return;
    out->date = d, out->precision = p;
    out->text_start = c->t[best->first].start, out->text_end = c->t[best->last].end;
}

int when_date_word(const char *w, size_t n)
{
    char low[16];
    if (!w || n == 0 || n >= sizeof low) return 0;
    for (size_t i = 0; i < n; i++) {
        int k = bclass[(unsigned char)w[i]];
        if (k == C_DG) return 1;
        low[i] = (char)lower_ascii((unsigned char)w[i]);
    }
    unsigned kw = kw_find(low, n);
    if (!kw) return 0;
    switch (kwords[kw - 1].cls) {
    case K_WDAY: case K_MONTH: case K_MONABBR: case K_DAYREL: case K_UNIT: case K_PARTDAY: case K_AGO:
        return 1;
    default:
        return 0;
    }
}

/* Preset out to the story date and clamp the trigger; -1 on bad arguments. */
static int start_result(const char *s, size_t len, size_t *trig_start, size_t *trig_end, when_date *story,
                        when_result *out)
{
    if (!out) return -1;
    memset(out, 0, sizeof *out);
    if (!when_valid(*story)) *story = mkdate(0, 0, 0);
    out->date = *story;
    out->precision = WHEN_STORY;
    if (!s) return len ? -1 : 1;
    if (*trig_start > len) *trig_start = len;
    if (*trig_end < *trig_start) *trig_end = *trig_start;
    if (*trig_end > len) *trig_end = len;
    return 0;
}

int when_resolve(const char *s, size_t len, size_t trig_start, size_t trig_end,
                 when_date story, when_result *out)
{
    int r = start_result(s, len, &trig_start, &trig_end, &story, out);
    if (r) return r < 0 ? -1 : 0;
    wctx c;
    size_t lo = trig_start > WHEN_WINDOW ? trig_start - WHEN_WINDOW : 0;
    size_t hi = len - trig_end > WHEN_WINDOW ? trig_end + WHEN_WINDOW : len;
    if (lo > 0) /* start on a word boundary */
        while (lo < trig_start && bclass[(unsigned char)s[lo - 1]] != C_SP) lo++;
    if (hi < len)
        while (hi > trig_end && bclass[(unsigned char)s[hi]] != C_SP) hi--;
    read_window(&c, s, len, lo, hi);
    choose(&c, trig_start, trig_end, story, out);
    return 0;
}

/* A sentence read once for all its triggers.  Only a sentence no longer
 * than the window is read whole (every trigger's window is then the whole
 * sentence, so the results are when_resolve()'s); a longer one is read per
 * trigger. */
struct when_sentence {
    wctx c;
    int whole;
    const char *s;
    size_t len;
};

when_sentence *when_sentence_new(void)
{
    when_sentence *ws = malloc(sizeof *ws);
    if (ws) ws->whole = 0, ws->s = NULL, ws->len = 0;
    return ws;
}

void when_sentence_free(when_sentence *ws) { free(ws); }

void when_sentence_read(when_sentence *ws, const char *s, size_t len)
{
    if (!ws) return;
    ws->s = s, ws->len = len;
    ws->whole = s && len <= WHEN_WINDOW;
    if (ws->whole) read_window(&ws->c, s, len, 0, len);
}

int when_resolve_in(const when_sentence *ws, size_t trig_start, size_t trig_end, when_date story,
                    when_result *out)
{
    if (!ws) return -1;
    if (!ws->whole) return when_resolve(ws->s, ws->len, trig_start, trig_end, story, out);
    int r = start_result(ws->s, ws->len, &trig_start, &trig_end, &story, out);
    if (r) return r < 0 ? -1 : 0;
    choose(&ws->c, trig_start, trig_end, story, out);
    return 0;
}
