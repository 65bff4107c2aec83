/*
 * clean.c: find web boilerplate in scraped news, never copying the text.
 *
 * News scraped from web pages or republished by aggregators carries lines
 * that are not the story: "Read more: ...", "Share this:", "Leave a Reply",
 * cookie notices, "Advertisement", copyright footers, photo credits, and
 * video players whose length ends up glued to the headline ("... into the
 * war 3:00").  clean_scan walks the text line by line; for each line it
 * builds a short normalised key on the stack (at most KEY_MAX bytes: ASCII
 * lower case, typographic quotes/dashes/spaces folded by clean_fold, runs of
 * spaces collapsed, leading bullets and trailing punctuation dropped) and
 * looks it up in the compiled-in pattern table below.  Each pattern says how
 * it matches (whole line, prefix on a word boundary, anywhere, or suffix)
 * and the longest line it may apply to, so that a real news paragraph that
 * happens to start with "Subscribers ..." or mention "all rights reserved"
 * in passing is kept.  Results are byte ranges into the caller's text, so
 * offsets stay those of the original article.
 */
#include "clean.h"

#include <string.h>

#define KEY_MAX 160

/* ----------------------------------------------------------- byte classes */

/* Bit 1: ASCII letter or digit; bit 2: ASCII white space. */
static const unsigned char cls[256] = {
    ['\t'] = 2, ['\n'] = 2, ['\v'] = 2, ['\f'] = 2, ['\r'] = 2, [' '] = 2,
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
    ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
    ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
    ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
    ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
    ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
    ['y'] = 1, ['z'] = 1,
};
#define IS_ALNUM(c) (cls[(unsigned char)(c)] & 1)
#define IS_SPACE(c) (cls[(unsigned char)(c)] & 2)
#define IS_ALPHA(c) (IS_ALNUM(c) && !IS_DIGIT(c))
#define IS_DIGIT(c) ((unsigned char)(c) >= '0' && (unsigned char)(c) <= '9')
/* A word character in a key: ASCII alphanumeric or the non-ASCII mark. */
#define IS_WORD(c) (IS_ALNUM(c) || (unsigned char)(c) >= 0x80)

static unsigned char lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + ('a' - 'A')) : c;
}

/* ------------------------------------------------------------ folding */

uint32_t clean_fold(uint32_t cp)
{
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x2035:
    case 0x2039: case 0x203A: case 0x02BC: case 0xFF07:
        return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x2036:
    case 0x00AB: case 0x00BB: case 0xFF02:
        return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
        return '-';
    case 0x00A0: case 0x1680: case 0x2000: case 0x2001: case 0x2002: case 0x2003:
    case 0x2004: case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009:
    case 0x200A: case 0x202F: case 0x205F: case 0x3000:
        return ' ';
    default:
        return cp;
    }
}

/* Decode one UTF-8 sequence; returns its length (1 and cp = 0xFFFD for an
 * invalid byte). */
static size_t decode(const unsigned char *s, size_t len, size_t i, uint32_t *cp)
{
    unsigned char c = s[i];
    size_t k;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        k = 2, v = c & 0x1Fu, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        k = 3, v = c & 0x0Fu, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        k = 4, v = c & 0x07u, min = 0x10000;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if (i + k > len) {
        *cp = 0xFFFD;
        return 1;
    }
    for (size_t j = 1; j < k; j++) {
        if ((s[i + j] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (s[i + j] & 0x3Fu);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = v;
    return k;
}

int clean_fold_at(const char *s, size_t len, size_t i, char *ascii, size_t *consumed)
{
    uint32_t cp;
    if (i >= len) {
        *consumed = 0;
        return 0;
    }
    *consumed = decode((const unsigned char *)s, len, i, &cp);
    uint32_t f = clean_fold(cp);
    if (f < 0x80 && !(cp == 0xFFFD)) {
        *ascii = (char)f;
        return 1;
    }
    return 0;
}

/* ------------------------------------------------------------ patterns */

enum { BP_EXACT, BP_PREFIX, BP_CONTAINS, BP_SUFFIX };

typedef struct bp_pattern {
    const char *key;        /* normalised: lower case ASCII, single spaces */
    unsigned char how;
    unsigned short maxlen;  /* longest line (bytes) it applies to */
} bp_pattern;

/* The boilerplate table.  Keep keys lower case; "(c)" stands for (c) and
 * the copyright sign. */
static const bp_pattern patterns[] = {
    /* cross-links */
    {"see also", BP_PREFIX, 300},
    {"read more", BP_PREFIX, 300},
    {"read also", BP_PREFIX, 300},
    {"also read", BP_PREFIX, 300},
    {"read next", BP_PREFIX, 300},
    {"more on this story", BP_PREFIX, 200},
    {"continue reading", BP_PREFIX, 120},
    {"related:", BP_PREFIX, 300},
    {"related", BP_EXACT, 40},
    {"related articles", BP_PREFIX, 300},
    {"related posts", BP_PREFIX, 300},
    {"related stories", BP_PREFIX, 300},
    {"related news", BP_PREFIX, 300},
    {"related content", BP_PREFIX, 300},
    {"related coverage", BP_PREFIX, 300},
    {"related topics", BP_PREFIX, 300},
    {"related links", BP_PREFIX, 300},
    {"related reading", BP_PREFIX, 300},
    {"click here", BP_PREFIX, 300},
    {"(click here", BP_PREFIX, 300},
    /* comments */
    {"leave a reply", BP_PREFIX, 120},
    {"leave a comment", BP_PREFIX, 120},
    {"your email address will not be published", BP_CONTAINS, 300},
    {"required fields are marked", BP_CONTAINS, 300},
    {"comments", BP_EXACT, 40},
    /* navigation */
    {"back to top", BP_PREFIX, 60},
    {"skip to content", BP_PREFIX, 60},
    {"skip to main content", BP_PREFIX, 60},
    /* subscriptions and social */
    {"subscribe", BP_PREFIX, 200},
    {"sign up for", BP_PREFIX, 200},
    {"sign up to", BP_PREFIX, 200},
    {"sign up now", BP_PREFIX, 200},
    {"follow us", BP_PREFIX, 200},
    {"share this", BP_PREFIX, 200},
    {"share on", BP_PREFIX, 120},
    {"share via", BP_PREFIX, 120},
    {"share", BP_EXACT, 40},
    {"tweet", BP_EXACT, 40},
    {"email", BP_EXACT, 40},
    {"print", BP_EXACT, 40},
    {"facebook", BP_EXACT, 40},
    {"twitter", BP_EXACT, 40},
    {"whatsapp", BP_EXACT, 40},
    {"linkedin", BP_EXACT, 40},
    {"reddit", BP_EXACT, 40},
    {"pinterest", BP_EXACT, 40},
    {"newsletter", BP_EXACT, 40},
    {"loading", BP_EXACT, 40},
    /* cookies */
    {"we use cookies", BP_PREFIX, 400},
    {"this website uses cookies", BP_PREFIX, 400},
    {"this site uses cookies", BP_PREFIX, 400},
    {"by continuing to use this", BP_PREFIX, 400},
    {"accept cookies", BP_EXACT, 60},
    /* ads */
    {"advertisement", BP_EXACT, 60},
    {"advertisements", BP_EXACT, 60},
    {"sponsored", BP_EXACT, 60},
    {"sponsored content", BP_EXACT, 60},
    {"story continues below advertisement", BP_EXACT, 80},
    /* rights */
    {"copyright (c)", BP_PREFIX, 300},
    {"(c) ", BP_PREFIX, 300},
    {"copyright 1", BP_PREFIX, 200},
    {"copyright 2", BP_PREFIX, 200},
    {"all rights reserved", BP_CONTAINS, 300},
    /* pictures and video */
    {"photo:", BP_PREFIX, 300},
    {"photos:", BP_PREFIX, 300},
    {"photo by", BP_PREFIX, 300},
    {"photo credit", BP_PREFIX, 300},
    {"photograph:", BP_PREFIX, 300},
    {"image:", BP_PREFIX, 300},
    {"image credit", BP_PREFIX, 300},
    {"image source", BP_PREFIX, 300},
    {"picture:", BP_PREFIX, 300},
    {"(photo", BP_PREFIX, 300},
    {"(image", BP_PREFIX, 300},
    {"(picture", BP_PREFIX, 300},
    {"(video", BP_PREFIX, 300},
    {"video:", BP_PREFIX, 200},
    {"watch:", BP_PREFIX, 200},
    {"getty images", BP_SUFFIX, 250},
    {"/ afp", BP_SUFFIX, 250},
    {"/afp", BP_SUFFIX, 250},
    {"/ reuters", BP_SUFFIX, 250},
    {"/reuters", BP_SUFFIX, 250},
    {"/ ap", BP_SUFFIX, 250},
    {"/ap", BP_SUFFIX, 250},
};

/* Build the key of line s[0..len): returns its length. */
static size_t make_key(const char *s, size_t len, char key[KEY_MAX + 1])
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, k = 0;
    int space = 0, lead = 1;
    while (i < len && k < KEY_MAX) {
        uint32_t cp;
        size_t n = decode(u, len, i, &cp);
        i += n;
        uint32_t f = clean_fold(cp);
        if (lead) {
            /* leading white space and bullets */
            if ((f < 0x80 && (IS_SPACE(f) || f == '*' || f == '>' || f == '|' || f == '#' ||
                              f == '-')) ||
                cp == 0x2022 || cp == 0x00B7 || cp == 0x25A0 || cp == 0x25BA ||
                cp == 0x25B6 || cp == 0x2023 || cp == 0x25CF)
                continue;
            lead = 0;
        }
        if (f < 0x80 && IS_SPACE(f)) {
            space = 1;
            continue;
        }
        if (f == 0x200B || f == 0xFEFF || f == 0x00AD)
            continue; /* invisible */
        if (space && k < KEY_MAX)
            key[k++] = ' ';
        space = 0;
        if (cp == 0x00A9) { /* copyright sign */
            for (const char *c = "(c)"; *c && k < KEY_MAX; c++)
                key[k++] = *c;
        } else if (k >= KEY_MAX) {
            break;
        } else if (f < 0x80) {
            key[k++] = (char)lower((unsigned char)f);
        } else {
            key[k++] = (char)0x80;
        }
    }
    /* trailing punctuation (separators, colons, arrows) */
    while (k > 0 && (key[k - 1] == ':' || key[k - 1] == '.' || key[k - 1] == '!' ||
                     key[k - 1] == '|' || key[k - 1] == '>' || key[k - 1] == '-' ||
                     key[k - 1] == ' ' || key[k - 1] == '*'))
        k--;
    key[k] = '\0';
    return k;
}

static int key_match(const char *key, size_t klen, const bp_pattern *p)
{
    size_t pl = strlen(p->key);
    switch (p->how) {
    case BP_EXACT:
        return klen == pl && memcmp(key, p->key, pl) == 0;
    case BP_PREFIX:
        /* a trailing ':' of the pattern may have been trimmed off the key */
        if (klen < pl) {
            if (p->key[pl - 1] == ':' && klen == pl - 1 && memcmp(key, p->key, klen) == 0)
                return 1;
            return 0;
        }
        if (memcmp(key, p->key, pl) != 0)
            return 0;
        /* a word boundary after patterns that end in a letter */
        return klen == pl || !IS_ALPHA(p->key[pl - 1]) || !IS_WORD(key[pl]);
    case BP_SUFFIX:
        if (klen < pl || memcmp(key + klen - pl, p->key, pl) != 0)
            return 0;
        return klen == pl || !IS_ALPHA(p->key[0]) || !IS_WORD(key[klen - pl - 1]);
    default: /* BP_CONTAINS */
        for (size_t i = 0; i + pl <= klen; i++)
            if (memcmp(key + i, p->key, pl) == 0)
                return 1;
        return 0;
    }
}

int clean_is_boilerplate(const char *line, size_t len)
{
    char key[KEY_MAX + 1];
    size_t klen = make_key(line, len, key);
    if (klen == 0)
        return 0;
    /* the byte length rule uses the trimmed line */
    size_t a = 0, b = len;
    while (a < b && IS_SPACE(line[a]))
        a++;
    while (b > a && IS_SPACE(line[b - 1]))
        b--;
    size_t n = b - a;
    for (size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++) {
        if (n > patterns[i].maxlen)
            continue;
        if (key_match(key, klen, &patterns[i]))
            return 1;
    }
    return 0;
}

/* Words after which "3:00" is a clock time, not a video length. */
static const char *const time_words[] = {
    "at", "by", "until", "till", "til", "before", "after", "from", "to", "since",
    "around", "about", "approximately", "and", "or", "between", "of", "is", "was",
    "on", "past", "near", "nearly", "some", "for", "starts", "begins", "ends", "till", NULL,
};

/* A headline ending in a video length: returns 1 and the range of
 * " M:SS" / " H:MM:SS" (with the spaces before it). */
static int trailing_duration(const char *s, size_t len, size_t *start, size_t *end)
{
    if (len > 300)
        return 0;
    size_t e = len;
    while (e > 0 && IS_SPACE(s[e - 1]))
        e--;
    size_t i = e, groups = 0;
    /* (H:)MM:SS from the right: 2 digits, ':', 2 digits, [':', 1-2 digits] */
    for (;;) {
        if (i < 2 || !IS_DIGIT(s[i - 1]) || !IS_DIGIT(s[i - 2]))
            break;
        if (s[i - 2] > '5')
            return 0; /* seconds or minutes >= 60 */
        i -= 2;
        groups++;
        if (i == 0 || s[i - 1] != ':')
            return 0;
        i--;
        if (groups == 2)
            break;
        /* peek: is there another "DD:" before? */
        if (i >= 3 && IS_DIGIT(s[i - 1]) && IS_DIGIT(s[i - 2]) && s[i - 3] == ':')
            continue;
        break;
    }
    if (groups == 0)
        return 0;
    /* the leading 1-2 digit field */
    size_t d = 0;
    while (i > 0 && IS_DIGIT(s[i - 1]) && d < 2) {
        i--;
        d++;
    }
    if (d == 0 || i == 0 || !IS_SPACE(s[i - 1]))
        return 0;
    size_t sp = i;
    while (sp > 0 && IS_SPACE(s[sp - 1]))
        sp--;
    if (sp == 0)
        return 0; /* the line is only a duration: keep (could be a clock) */
    /* the word before */
    unsigned char pc = (unsigned char)s[sp - 1];
    if (pc == ',' || pc == ':' || pc == '-' || pc == '(' || IS_DIGIT(pc))
        return 0;
    size_t ws = sp;
    while (ws > 0 && !IS_SPACE(s[ws - 1]))
        ws--;
    char w[16];
    size_t wl = sp - ws;
    if (wl < sizeof w) {
        for (size_t j = 0; j < wl; j++)
            w[j] = (char)lower((unsigned char)s[ws + j]);
        w[wl] = '\0';
        for (const char *const *t = time_words; *t; t++)
            if (strcmp(w, *t) == 0)
                return 0;
    }
    *start = sp;
    *end = e;
    return 1;
}

size_t clean_scan(const char *text, size_t len, clean_range *out, size_t max)
{
    size_t found = 0, pos = 0;
    if (!text)
        return 0;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t eol = nl ? (size_t)(nl - text) : len;
        const char *line = text + pos;
        size_t n = eol - pos;
        if (n > 0) {
            size_t a, b;
            if (clean_is_boilerplate(line, n)) {
                if (found < max) {
                    out[found].start = pos;
                    out[found].end = eol;
                }
                found++;
            } else if (trailing_duration(line, n, &a, &b)) {
                if (found < max) {
                    out[found].start = pos + a;
                    out[found].end = pos + b;
                }
                found++;
            }
        }
        pos = eol + 1;
    }
    return found;
}
