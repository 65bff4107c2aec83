/*
 * text.c: tokenizer and sentence splitter.
 *
 * One pass over the bytes with a 256-entry class table.  Multi-byte UTF-8
 * punctuation (curly quotes, dashes, ellipsis, no-break and thin spaces) is
 * recognised by its lead bytes E2 80 xx / C2 A0 / E3 80 80 and folded; every
 * other non-ASCII byte counts as a letter, so names such as "Zhōngguó" stay
 * one token.  Sentences end at a full stop, question or exclamation mark
 * followed by space and a capital, digit or quote; at blank lines; and at a
 * line break unless the next line continues in lower case (a wrapped line).
 */
#include "text.h"
#include <string.h>

enum { C_OTHER = 0, C_SPACE, C_NL, C_LOWER, C_UPPER, C_DIGIT, C_APOS, C_HIGH, C_PUNCT };

static const uint8_t cls[256] = {
    [' '] = C_SPACE, ['\t'] = C_SPACE, ['\r'] = C_SPACE, ['\f'] = C_SPACE, ['\v'] = C_SPACE,
    ['\n'] = C_NL,
    ['a' ... 'z'] = C_LOWER,
    ['A' ... 'Z'] = C_UPPER,
    ['0' ... '9'] = C_DIGIT,
    ['\''] = C_APOS,
    ['!' ... '&'] = C_PUNCT, ['(' ... '/'] = C_PUNCT, [':' ... '@'] = C_PUNCT,
    ['[' ... '`'] = C_PUNCT, ['{' ... '~'] = C_PUNCT,
    [0x80 ... 0xff] = C_HIGH,
};

/* bytes that leave a lower-case ASCII word lower-case ASCII: all but
 * capitals and the bytes of multi-byte characters */
static const uint8_t plain_lower[256] = {[0x00 ... '@'] = 1, ['[' ... 0x7f] = 1};

static int is_alnum_c(uint8_t c) {
    uint8_t k = cls[c];
    return k == C_LOWER || k == C_UPPER || k == C_DIGIT || k == C_HIGH;
}

/* Multi-byte sequences that are spaces or punctuation.  Returns the number of
 * bytes (0 if s[i] does not start one) and the folded char: ' ' for spaces. */
static size_t special_at(const char *s, size_t len, size_t i, char *fold, int *dash) {
    const uint8_t *u = (const uint8_t *)s;
    *dash = 0;
    if (u[i] == 0xC2 && i + 1 < len && u[i + 1] == 0xA0) {
        *fold = ' ';
        return 2;
    }
    if (u[i] == 0xE3 && i + 2 < len && u[i + 1] == 0x80 && u[i + 2] == 0x80) {
        *fold = ' ';
        return 3;
    }
    if (u[i] == 0xEF && i + 2 < len && u[i + 1] == 0xBB && u[i + 2] == 0xBF) {
        *fold = ' '; /* byte order mark */
        return 3;
    }
    if (u[i] != 0xE2 || i + 2 >= len) return 0;
    uint8_t b1 = u[i + 1], b2 = u[i + 2];
    if (b1 == 0x80) {
        if (b2 <= 0x8A || b2 == 0xAF || b2 == 0x8B) { *fold = ' '; return 3; }
        if (b2 >= 0x90 && b2 <= 0x91) { *fold = '-'; return 3; }     /* hyphens */
        if (b2 >= 0x92 && b2 <= 0x95) { *fold = '-'; *dash = 1; return 3; } /* dashes */
        if (b2 >= 0x98 && b2 <= 0x9B) { *fold = '\''; return 3; }
        if (b2 >= 0x9C && b2 <= 0x9F) { *fold = '"'; return 3; }
        if (b2 == 0xA6) { *fold = '.'; return 3; }                   /* ellipsis */
        if (b2 == 0xB2) { *fold = '\''; return 3; }
        if (b2 == 0xB3) { *fold = '"'; return 3; }
        if (b2 == 0xA2 || b2 == 0xA3) { *fold = '*'; return 3; }     /* bullets */
    }
    if (b1 == 0x88 && b2 == 0x92) { *fold = '-'; *dash = 1; return 3; } /* minus */
    return 0;
}

/* Abbreviations that keep their period (lower case, without the period). */
static const char *const abbrevs[] = {
    "mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "lt", "col", "sgt",
    "capt", "prof", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "no", "vs", "inc", "ltd", "co", "corp", "jr", "sr", "adm",
    "maj", "brig", "pres", "amb", "rev", "mt", "ft", "cmdr", "gens", "reps", "sens",
    "messrs", "mme", "dept", "est", "approx", "govt", "etc", "al", NULL};

static int is_abbrev(const char *s, size_t n) {
    char low[8];
    if (n == 0 || n >= sizeof low) return 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t c = (uint8_t)s[i];
        if (cls[c] == C_UPPER) c = (uint8_t)(c + 32);
        else if (cls[c] != C_LOWER) return 0;
        low[i] = (char)c;
    }
    for (const char *const *a = abbrevs; *a; a++)
        if (strlen(*a) == n && memcmp(*a, low, n) == 0) return 1;
    return 0;
}

static void word_flags(const char *s, txt_token *t) {
    uint8_t first = (uint8_t)s[t->start];
    uint8_t kf = cls[first];
    if (kf == C_UPPER || kf == C_HIGH) t->flags |= TXT_CAP;
    int upper = 0, lower = 0, ascii = 1;
    uint32_t i = t->start;
    if (kf == C_LOWER) { /* most words: lower case ASCII, no UPPER flag possible */
        while (i < t->end && plain_lower[(uint8_t)s[i]]) i++;
        if (i == t->end) {
            t->flags |= TXT_ASCII;
            return;
        }
        lower = 1;
    }
    for (; i < t->end; i++) {
        uint8_t k = cls[(uint8_t)s[i]];
        if (k == C_UPPER) upper++;
        else if (k == C_LOWER) lower++;
        else if (k == C_HIGH) ascii = 0;
    }
    if (upper >= 2 && lower == 0) t->flags |= TXT_UPPER;
    /* "iSrael", "eBay": a capital inside a word makes it a name */
    if (kf == C_LOWER && upper) t->flags |= TXT_CAP;
    if (ascii) t->flags |= TXT_ASCII;
}

size_t txt_tokenize(const char *s, size_t len, size_t *pos, txt_token *toks, size_t cap) {
    size_t n = 0, i = *pos;
    uint16_t pending = 0; /* flags for the next token */
    int nl_run = 0;
    while (i < len && n < cap) {
        uint8_t c = (uint8_t)s[i];
        uint8_t k = cls[c];
        char fold;
        int dash;
        size_t sp = k == C_HIGH ? special_at(s, len, i, &fold, &dash) : 0;
        if (k == C_SPACE || (sp && fold == ' ')) {
            pending |= TXT_SPACE;
            i += sp ? sp : 1;
            continue;
        }
        if (k == C_NL) {
            pending |= TXT_SPACE | TXT_NL;
            if (++nl_run >= 2) pending |= TXT_PARA;
            i++;
            continue;
        }
        if (c == 0) { /* NUL bytes: treat as space */
            pending |= TXT_SPACE;
            i++;
            continue;
        }
        nl_run = 0;
        txt_token *t = &toks[n];
        memset(t, 0, sizeof *t);
        t->start = (uint32_t)i;
        t->flags = pending;
        pending = 0;
        if (sp) { /* folded punctuation */
            t->kind = TXT_PUNCT;
            t->punct = fold;
            t->flags |= TXT_FOLD;
            if (dash) t->flags |= TXT_DASH;
            i += sp;
            t->end = (uint32_t)i;
            n++;
            continue;
        }
        if (k == C_DIGIT) {
            size_t j = i + 1;
            while (j < len) {
                uint8_t d = (uint8_t)s[j];
                if (cls[d] == C_DIGIT || cls[d] == C_LOWER || cls[d] == C_UPPER) j++;
                else if ((d == ',' || d == '.' || d == ':' || d == '/') && j + 1 < len &&
                         cls[(uint8_t)s[j + 1]] == C_DIGIT) j += 2;
                else break;
            }
            t->kind = TXT_NUM;
            t->end = (uint32_t)j;
            t->flags |= TXT_ASCII;
            i = j;
            n++;
            continue;
        }
        if (k == C_LOWER || k == C_UPPER || k == C_HIGH) {
            size_t j = i;
            for (;;) {
                while (j < len) {
                    uint8_t kd = cls[(uint8_t)s[j]];
                    if (kd == C_LOWER || kd == C_UPPER || kd == C_DIGIT) {
                        j++;
                    } else if (kd == C_HIGH) {
                        char f2;
                        int d2;
                        if (special_at(s, len, j, &f2, &d2)) break;
                        j++;
                    } else {
                        break;
                    }
                }
                /* internal apostrophe: O'Brien, d'Orsay; not 's / n't */
                if (j + 1 < len) {
                    size_t alen = 0;
                    char f2;
                    int d2;
                    if (s[j] == '\'') alen = 1;
                    else if ((uint8_t)s[j] == 0xE2 && special_at(s, len, j, &f2, &d2) == 3 && f2 == '\'')
                        alen = 3;
                    if (alen && j + alen < len && is_alnum_c((uint8_t)s[j + alen])) {
                        uint8_t nx = (uint8_t)s[j + alen];
                        int poss = (nx == 's' || nx == 'S') &&
                                   (j + alen + 1 >= len || !is_alnum_c((uint8_t)s[j + alen + 1]));
                        int nt = (nx == 't' || nx == 'T') && j > i && (s[j - 1] == 'n' || s[j - 1] == 'N') &&
                                 (j + alen + 1 >= len || !is_alnum_c((uint8_t)s[j + alen + 1]));
                        int ll = (nx == 'l' && j + alen + 1 < len && s[j + alen + 1] == 'l');
                        int re = (nx == 'r' && j + alen + 1 < len && s[j + alen + 1] == 'e') ||
                                 (nx == 'v' && j + alen + 1 < len && s[j + alen + 1] == 'e') ||
                                 (nx == 'd' && (j + alen + 1 >= len || !is_alnum_c((uint8_t)s[j + alen + 1])));
                        if (nt && j - 1 > i) { j--; break; }
                        if (nt) { j += alen + 1; break; } /* the token "n't" itself */
                        if (!poss && !ll && !re) {
                            j += alen;
                            continue;
                        }
                    }
                }
                break;
            }
            /* initials and abbreviations keep their period: U.S., V., Mr. */
            if (j < len && s[j] == '.') {
                size_t wl = j - i;
                int single = wl == 1 && (cls[(uint8_t)s[i]] == C_UPPER || cls[(uint8_t)s[i]] == C_LOWER);
                int dotted = wl >= 3 && s[i + 1] == '.'; /* U.S already absorbed */
                if (single || dotted || is_abbrev(s + i, wl)) {
                    j++;
                    /* U.S.A., U.N.: continue with letter + period */
                    while (j + 1 < len && is_alnum_c((uint8_t)s[j]) && cls[(uint8_t)s[j]] != C_DIGIT &&
                           s[j + 1] == '.') {
                        j += 2;
                    }
                    t->flags |= TXT_ABBR;
                }
            }
            t->kind = TXT_WORD;
            t->end = (uint32_t)j;
            word_flags(s, t);
            i = j;
            n++;
            continue;
        }
        if (k == C_APOS) {
            /* 's, 've, 're, 'll, 'd after a word: a token of their own */
            size_t j = i + 1;
            while (j < len && (cls[(uint8_t)s[j]] == C_LOWER || cls[(uint8_t)s[j]] == C_UPPER)) j++;
            /* ("the Council 's resolution": wire copy with a space before it) */
            int spaced_s = (t->flags & TXT_SPACE) && j == i + 2 &&
                           (s[i + 1] == 's' || s[i + 1] == 'S' || s[i + 1] == 't' || s[i + 1] == 'T') && n > 0 &&
                           toks[n - 1].kind == TXT_WORD && (j >= len || !is_alnum_c((uint8_t)s[j]));
            /* (and "won 't": the negation) */
            if (j > i + 1 && j - i <= 3 && (!(t->flags & TXT_SPACE) || spaced_s)) {
                t->kind = TXT_WORD;
                t->end = (uint32_t)j;
                t->flags |= TXT_ASCII;
                i = j;
                n++;
                continue;
            }
            t->kind = TXT_PUNCT;
            t->punct = '\'';
            t->end = (uint32_t)(i + 1);
            i++;
            n++;
            continue;
        }
        if (k == C_HIGH) { /* unreachable: letters handled above */
            i++;
            continue;
        }
        /* plain ASCII punctuation */
        t->kind = TXT_PUNCT;
        t->punct = (char)c;
        if (c == '-' && i + 1 < len && s[i + 1] == '-') { /* "--" */
            t->flags |= TXT_DASH;
            i += 2;
        } else {
            if (c == '-' && (t->flags & TXT_SPACE) && i + 1 < len && cls[(uint8_t)s[i + 1]] == C_SPACE)
                t->flags |= TXT_DASH;
            i++;
        }
        t->end = (uint32_t)i;
        n++;
    }
    /* fold the "'s" after a fold-apostrophe: handled by the tokenizer above
     * only for ASCII; a curly apostrophe followed by s comes out as PUNCT '
     * then WORD s: merge them into one token "'s". */
    size_t w = 0;
    for (size_t r = 0; r < n; r++) {
        if (r + 1 < n && toks[r].kind == TXT_PUNCT && toks[r].punct == '\'' &&
            toks[r + 1].kind == TXT_WORD && !(toks[r + 1].flags & TXT_SPACE) && !(toks[r].flags & TXT_SPACE) &&
            toks[r + 1].end - toks[r + 1].start <= 2 && w > 0 && toks[w - 1].kind == TXT_WORD) {
            uint32_t st = toks[r].start;
            uint16_t fl = (uint16_t)(toks[r].flags | TXT_FOLD | TXT_ASCII);
            toks[w] = toks[r + 1];
            toks[w].start = st;
            toks[w].flags = fl;
            w++;
            r++;
            continue;
        }
        toks[w++] = toks[r];
    }
    *pos = i;
    return w;
}

static int is_closer(const txt_token *t) {
    return t->kind == TXT_PUNCT && (t->punct == '"' || t->punct == ')' || t->punct == '\'' || t->punct == ']');
}

static int starts_sentence(const char *s, const txt_token *t) {
    if (t->kind == TXT_NUM) return 1;
    if (t->kind == TXT_WORD) return (t->flags & TXT_CAP) || cls[(uint8_t)s[t->start]] == C_DIGIT;
    return t->punct == '"' || t->punct == '(' || t->punct == '\'' || t->punct == '-' || t->punct == '*';
}

size_t txt_sentences(const char *s, const txt_token *toks, size_t ntok, txt_sentence *sents,
                     size_t cap, size_t max_tokens) {
    size_t ns = 0, begin = 0;
    if (max_tokens == 0) max_tokens = 256;
    for (size_t i = 0; i < ntok && ns < cap; i++) {
        int cut = 0;
        size_t end = i + 1; /* sentence is [begin, end) */
        const txt_token *t = &toks[i];
        if (t->kind == TXT_PUNCT && (t->punct == '.' || t->punct == '!' || t->punct == '?')) {
            while (end < ntok && is_closer(&toks[end]) && !(toks[end].flags & TXT_SPACE)) end++;
            while (end < ntok && toks[end].kind == TXT_PUNCT && toks[end].punct == '.' &&
                   !(toks[end].flags & TXT_SPACE)) end++;
            if (end >= ntok) cut = 1;
            else if ((toks[end].flags & TXT_SPACE) && starts_sentence(s, &toks[end])) cut = 1;
            else if (toks[end].flags & TXT_NL) cut = 1;
        } else if (t->kind == TXT_WORD && (t->flags & TXT_ABBR) && i + 1 < ntok &&
                   (toks[i + 1].flags & TXT_PARA)) {
            cut = 1;
        }
        if (!cut && end < ntok && (toks[end].flags & TXT_NL)) {
            /* a line break ends the sentence unless the next line goes on in
             * lower case (a wrapped line) */
            const txt_token *nx = &toks[end];
            if ((nx->flags & TXT_PARA) || nx->kind != TXT_WORD || (nx->flags & TXT_CAP)) cut = 1;
        }
        if (!cut && end - begin >= max_tokens) cut = 1;
        if (end >= ntok) cut = 1;
        if (cut) {
            i = end - 1;
            if (end > begin) {
                sents[ns].tok_start = (uint32_t)begin;
                sents[ns].tok_end = (uint32_t)end;
                sents[ns].start = toks[begin].start;
                sents[ns].end = toks[end - 1].end;
                ns++;
            }
            begin = end;
        }
    }
    return ns;
}

size_t txt_norm_str(const char *s, size_t len, char *buf, size_t cap) {
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        uint8_t c = (uint8_t)s[i];
        char f;
        int d;
        size_t sp = c >= 0x80 ? special_at(s, len, i, &f, &d) : 0;
        if (o + 1 >= cap) return 0;
        if (sp) {
            buf[o++] = f;
            i += sp;
            continue;
        }
        buf[o++] = (char)(cls[c] == C_UPPER ? c + 32 : c);
        i++;
    }
    buf[o] = 0;
    return o;
}

size_t txt_norm(const char *text, const txt_token *t, char *buf, size_t cap) {
    return txt_norm_str(text + t->start, t->end - t->start, buf, cap);
}
