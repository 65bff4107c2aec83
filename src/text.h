/*
 * text.h: the text stage: tokenize an article into spans and split it into
 * sentences.
 *
 * Tokens are spans into the article's bytes; nothing is copied.  Unicode
 * quotes, dashes and spaces are recognised by their UTF-8 bytes and folded
 * into the ASCII punctuation they stand for (the span still covers the
 * original bytes).  Possessive "'s" and "n't" are tokens of their own,
 * hyphenated compounds are split around the hyphen, initials and known
 * abbreviations keep their period ("U.S.", "Mr.", "V.").
 */
#ifndef TEXT_H
#define TEXT_H
#include <stddef.h>
#include <stdint.h>

enum txt_kind { TXT_WORD = 1, TXT_NUM, TXT_PUNCT };

enum txt_flag {
    TXT_CAP = 1 << 0,     /* first letter upper case (or non-ASCII letter) */
    TXT_UPPER = 1 << 1,   /* all letters upper case, at least two */
    TXT_NL = 1 << 2,      /* a line break before this token */
    TXT_PARA = 1 << 3,    /* a blank line before this token */
    TXT_SPACE = 1 << 4,   /* white space before this token */
    TXT_ABBR = 1 << 5,    /* word ending in a period that is not a full stop */
    TXT_DASH = 1 << 6,    /* a dash used as punctuation (em/en dash, " - ") */
    TXT_FOLD = 1 << 7,    /* contains bytes folded for matching (’ etc.) */
    TXT_ASCII = 1 << 8    /* only ASCII bytes */
};

typedef struct txt_token {
    uint32_t start, end;  /* byte span in the article text */
    uint32_t word;        /* lexicon word id, 0 if unknown (set by lexicon) */
    uint32_t lemma;       /* lexicon lemma id (the word itself if none) */
    uint32_t lemma2;      /* a second lemma for ambiguous forms, or 0 */
    uint16_t flags;
    uint8_t kind;
    char punct;           /* folded ASCII char for TXT_PUNCT tokens */
} txt_token;

typedef struct txt_sentence {
    uint32_t tok_start, tok_end;  /* token range [start, end) */
    uint32_t start, end;          /* byte span */
} txt_sentence;

/* Tokenize text[*pos..len) into toks (capacity cap); returns the number of
 * tokens written and sets *pos to the byte where it stopped (len when the
 * text is done; less when toks filled up: call again to go on). */
size_t txt_tokenize(const char *text, size_t len, size_t *pos, txt_token *toks, size_t cap);

/* Split tokens into sentences; sents has capacity cap (ntok+1 suffices).
 * A sentence longer than max_tokens is cut at that length.  Returns count. */
size_t txt_sentences(const char *text, const txt_token *toks, size_t ntok,
                     txt_sentence *sents, size_t cap, size_t max_tokens);

/* Write the normalised (lower-case, folded) form of a token into buf;
 * returns its length, or 0 if it does not fit (cap bytes). */
size_t txt_norm(const char *text, const txt_token *t, char *buf, size_t cap);

/* Normalise an arbitrary string the same way (dictionary phrases). */
size_t txt_norm_str(const char *s, size_t len, char *buf, size_t cap);
#endif
