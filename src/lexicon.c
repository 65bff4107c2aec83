/*
 * lexicon.c: load the dictionaries under the data directory into one
 * immutable annals_lexicon.
 *
 * Loading order: word classes (words.txt), CAMEO codes (codes.tsv), event
 * patterns (events.txt) and intent codes, then the actor phrases (countries,
 * extras, organisations, agents, people).  Phrases are tokenized with the
 * same tokenizer as articles, so "U.S." or "People's Republic" split the same
 * way in both.  Then inflections are generated for every pattern and agent
 * word (regular rules plus WordNet's exception lists) and the first-word
 * indexes are built.  Problems are reported through a callback with
 * "file:line: message"; a syntax error makes annals_lexicon_open fail, an
 * unknown code or a duplicate only skips the line (annals dict check lists
 * them all).
 */
#include "lexicon.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>
#include <xxhash.h>

typedef struct loader {
    annals_lexicon *lex;
    const char *file;
    unsigned line;
    int errors;     /* syntax errors */
    int warnings;
    void (*report)(const char *msg, void *ctx);
    void *ctx;
    annals_diag *diag;
    int oom;
} loader;

static void problem(loader *L, int error, const char *fmt, const char *arg) {
    char msg[600], text[400];
    snprintf(text, sizeof text, fmt, arg ? arg : "");
    snprintf(msg, sizeof msg, "%s:%u: %s%s", L->file, L->line, error ? "error: " : "warning: ", text);
    if (error) {
        if (L->errors == 0 && L->diag) {
            snprintf(L->diag->file, sizeof L->diag->file, "%s", L->file);
            L->diag->line = L->line;
            L->diag->offset = 0;
            snprintf(L->diag->msg, sizeof L->diag->msg, "%s", text);
        }
        L->errors++;
    } else {
        L->warnings++;
    }
    if (L->report) L->report(msg, L->ctx);
}

/* ------------------------------------------------------------ growth */

static int grow(void **p, size_t *cap, size_t need, size_t elem) {
    if (need <= *cap) return 0;
    size_t nc = *cap ? *cap * 2 : 64;
    while (nc < need) nc *= 2;
    void *np = realloc(*p, nc * elem);
    if (!np) return -1;
    *p = np;
    *cap = nc;
    return 0;
}
#define GROW(L, arr, n, capf) \
    (grow((void **)&(L)->lex->arr, &(L)->lex->capf, (n), sizeof *(L)->lex->arr) ? ((L)->oom = 1, -1) : 0)

/* ------------------------------------------------------------ words */

/* Words are short: a multiply-mix over 8-byte chunks, inlined, beats a
 * library call per token.  The upper 32 bits are kept in the table as a tag
 * so that a probe rarely has to look at the word itself. */
/* A table slot: the word id in the low 20 bits, 12 bits of the hash above
 * it (1M words at most; intern refuses more). */
#define HASH_ID 0xfffffu
#define HASH_TAG(hv) ((uint32_t)((hv) >> 52) << 20)

static inline uint64_t hstr(const char *s, size_t n) {
    uint64_t h = 0x9e3779b97f4a7c15ull ^ (n * 0xff51afd7ed558ccdull);
    while (n >= 8) {
        uint64_t v;
        memcpy(&v, s, 8);
        h = (h ^ v) * 0xc4ceb9fe1a85ec53ull;
        h ^= h >> 29;
        s += 8;
        n -= 8;
    }
    if (n) {
        uint64_t v = 0;
        memcpy(&v, s, n);
        h = (h ^ v) * 0xc4ceb9fe1a85ec53ull;
    }
    h ^= h >> 32;
    h *= 0xff51afd7ed558ccdull;
    return h ^ (h >> 29);
}

int lex_verb_form(const annals_lexicon *lex, const txt_token *t) {
    if (!t->word || t->word == t->lemma) return 0;
    const char *w = lex_word_str(lex, t->word);
    size_t n = strlen(w);
    return (n > 4 && !strcmp(w + n - 3, "ing")) || (n > 3 && !strcmp(w + n - 2, "ed"));
}

const char *lex_word_str(const annals_lexicon *lex, uint32_t id) {
    return id && id < lex->nwords ? lex->strs + lex->words[id].str : "";
}

static uint32_t find_hv(const annals_lexicon *lex, const char *s, size_t n, uint64_t hv) {
    if (!lex->hash_cap) return 0;
    size_t mask = lex->hash_cap - 1;
    uint32_t tag = HASH_TAG(hv);
    for (size_t h = (size_t)hv & mask;; h = (h + 1) & mask) {
        uint32_t slot = lex->hash[h];
        uint32_t id = slot & HASH_ID;
        if (!id) return 0;
        if ((slot & ~HASH_ID) != tag) continue;
        const lex_word *w = &lex->words[id];
        if (w->len == n && memcmp(lex->strs + w->str, s, n) == 0) return id;
    }
}

uint32_t lex_find(const annals_lexicon *lex, const char *s, size_t n) {
    if (!lex->hash_cap) return 0;
    return find_hv(lex, s, n, hstr(s, n));
}

static int rehash(annals_lexicon *lex, size_t cap) {
    uint32_t *nh = calloc(cap, sizeof *nh);
    if (!nh) return -1;
    for (size_t id = 1; id < lex->nwords; id++) {
        const lex_word *w = &lex->words[id];
        uint64_t hv = hstr(lex->strs + w->str, w->len);
        size_t h = (size_t)hv & (cap - 1);
        while (nh[h]) h = (h + 1) & (cap - 1);
        nh[h] = HASH_TAG(hv) | (uint32_t)id;
    }
    free(lex->hash);
    lex->hash = nh;
    lex->hash_cap = cap;
    return 0;
}

static uint32_t intern(loader *L, const char *s, size_t n) {
    annals_lexicon *lex = L->lex;
    uint32_t id = lex_find(lex, s, n);
    if (id) return id;
    if (lex->nwords >= HASH_ID) {
        L->oom = 1;
        return 0;
    }
    int first = lex->nwords == 0;
    if (first) lex->nwords = 1;
    if (GROW(L, words, lex->nwords + 1, words_cap)) return 0;
    if (first) memset(&lex->words[0], 0, sizeof lex->words[0]); /* id 0: no word */
    if (grow((void **)&lex->strs, &lex->strs_cap, lex->strs_len + n + 1, 1)) {
        L->oom = 1;
        return 0;
    }
    memcpy(lex->strs + lex->strs_len, s, n);
    lex->strs[lex->strs_len + n] = 0;
    id = (uint32_t)lex->nwords++;
    lex_word *w = &lex->words[id];
    w->str = (uint32_t)lex->strs_len;
    w->len = (uint32_t)n;
    w->cls = 0;
    w->sem = 0;
    w->lemma = id;
    w->lemma2 = 0;
    lex->strs_len += n + 1;
    if (lex->nwords * 2 > lex->hash_cap) {
        if (rehash(lex, lex->hash_cap ? lex->hash_cap * 2 : 4096)) {
            L->oom = 1;
            return 0;
        }
    } else {
        size_t mask = lex->hash_cap - 1;
        uint64_t hv = hstr(s, n);
        size_t h = (size_t)hv & mask;
        while (lex->hash[h]) h = (h + 1) & mask;
        lex->hash[h] = HASH_TAG(hv) | id;
    }
    return id;
}

static uint32_t intern_norm(loader *L, const char *s, size_t n) {
    char buf[256];
    size_t m = txt_norm_str(s, n, buf, sizeof buf);
    return m ? intern(L, buf, m) : 0;
}

/* lex_find through the memo: a word seen recently costs one probe of a
 * table that stays in cache.  Two words with one 64-bit hash would be
 * confused; at 2^-64 per pair that is accepted. */
static uint32_t find_memo(const annals_lexicon *lex, lex_memo *memo, const char *s, size_t n) {
    if (!memo || !lex->hash_cap) return lex_find(lex, s, n);
    uint64_t h = hstr(s, n), hv = h | 1; /* never 0: 0 marks an empty entry */
    size_t k = (size_t)(hv >> 20) & (LEX_MEMO - 1);
    if (memo->hash[k] == hv) return memo->id[k];
    uint32_t id = find_hv(lex, s, n, h);
    memo->hash[k] = hv;
    memo->id[k] = id;
    return id;
}

void lex_tag(const annals_lexicon *lex, const char *text, txt_token *toks, size_t n, lex_memo *memo) {
    char buf[128];
    for (size_t i = 0; i < n; i++) {
        txt_token *t = &toks[i];
        t->word = t->lemma = t->lemma2 = 0;
        uint32_t len = t->end - t->start;
        uint32_t id = 0;
        if (t->kind == TXT_PUNCT) {
            if (t->punct != '\'' && t->punct != '-') continue;
            buf[0] = t->punct;
            id = find_memo(lex, memo, buf, 1);
        } else if (len < sizeof buf) {
            size_t m;
            if ((t->flags & (TXT_ASCII | TXT_FOLD)) == TXT_ASCII) {
                const char *s = text + t->start;
                for (uint32_t k = 0; k < len; k++) {
                    char c = s[k];
                    buf[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
                }
                m = len;
            } else {
                m = txt_norm(text, t, buf, sizeof buf);
            }
            if (m) id = find_memo(lex, memo, buf, m);
            /* "Xis's" and the like: try without a trailing period too */
            if (!id && m > 1 && buf[m - 1] == '.') id = find_memo(lex, memo, buf, m - 1);
        }
        if (id) {
            t->word = id;
            t->lemma = lex->words[id].lemma;
            t->lemma2 = lex->words[id].lemma2;
        }
    }
}

/* ------------------------------------------------------------ files */

static char *read_file(const char *dir, const char *name, size_t *len) {
    char path[1400];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n + 65536 + 1 > cap) {
            size_t nc = cap ? cap * 2 : 131072;
            char *nb = realloc(buf, nc);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
            cap = nc;
        }
        size_t r = fread(buf + n, 1, cap - n - 1, f);
        n += r;
        if (r == 0) break;
    }
    fclose(f);
    buf[n] = 0;
    *len = n;
    return buf;
}

/* Iterate lines: strips comments (# to end of line) and trailing space. */
typedef struct line_iter {
    char *p, *end;
} line_iter;

static char *next_line(line_iter *it, size_t *len, int keep_comment) {
    if (it->p >= it->end) return NULL;
    char *s = it->p;
    char *nl = memchr(s, '\n', (size_t)(it->end - s));
    char *e = nl ? nl : it->end;
    it->p = nl ? nl + 1 : it->end;
    *e = 0;
    if (!keep_comment) {
        char *h = strchr(s, '#');
        if (h) {
            *h = 0;
            e = h;
        }
    }
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')) *--e = 0;
    *len = (size_t)(e - s);
    return s;
}

static char *skip_ws(char *s) {
    while (*s == ' ' || *s == '\t') s++;
    return s;
}

/* Cut the next whitespace-separated field off *sp. */
static char *field(char **sp) {
    char *s = skip_ws(*sp);
    if (!*s) return NULL;
    char *e = s;
    while (*e && *e != ' ' && *e != '\t') e++;
    if (*e) *e++ = 0;
    *sp = e;
    return s;
}

static char *trim(char *s) {
    s = skip_ws(s);
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t')) *--e = 0;
    return s;
}

/* Split s on sep (a string); calls fn for each trimmed piece. */
typedef int (*piece_fn)(loader *L, char *piece, void *arg);
static int each_piece(loader *L, char *s, const char *sep, piece_fn fn, void *arg) {
    size_t sl = strlen(sep);
    for (;;) {
        char *e = strstr(s, sep);
        if (e) *e = 0;
        char *p = trim(s);
        if (*p && fn(L, p, arg)) return -1;
        if (!e) return 0;
        s = e + sl;
    }
}

/* ------------------------------------------------------------ phrases */

typedef struct phrase_arg {
    uint8_t kind, count;
    uint32_t data;
} phrase_arg;

static int add_phrase(loader *L, char *text, void *argp) {
    const phrase_arg *a = argp;
    annals_lexicon *lex = L->lex;
    txt_token toks[32];
    size_t pos = 0;
    size_t n = txt_tokenize(text, strlen(text), &pos, toks, 32);
    if (n == 0) return 0;
    if (n > 24) {
        problem(L, 0, "phrase too long, ignored: %s", text);
        return 0;
    }
    if (GROW(L, phrase_words, lex->nphrase_words + n, phrase_words_cap)) return -1;
    if (GROW(L, phrases, lex->nphrases + 1, phrases_cap)) return -1;
    lex_phrase *ph = &lex->phrases[lex->nphrases];
    memset(ph, 0, sizeof *ph);
    ph->words = (uint32_t)lex->nphrase_words;
    for (size_t i = 0; i < n; i++) {
        uint32_t id = intern_norm(L, text + toks[i].start, toks[i].end - toks[i].start);
        if (!id) return L->oom ? -1 : 0;
        lex->phrase_words[lex->nphrase_words + i] = id;
        if (toks[i].kind == TXT_WORD && (toks[i].flags & TXT_CAP)) ph->capmask |= 1u << i;
        if (toks[i].kind == TXT_WORD && (toks[i].flags & TXT_UPPER) && toks[i].end - toks[i].start <= 4)
            ph->upmask |= 1u << i;
    }
    ph->n = (uint8_t)n;
    ph->kind = a->kind;
    ph->count = a->count;
    ph->data = a->data;
    lex->nphrase_words += n;
    lex->nphrases++;
    return 0;
}

static uint32_t country_index(loader *L, const char *iso, int create) {
    annals_lexicon *lex = L->lex;
    for (size_t i = 1; i < lex->ncountries; i++)
        if (memcmp(lex->countries[i], iso, 4) == 0) return (uint32_t)i;
    if (!create) return 0;
    if (lex->ncountries == 0) lex->ncountries = 1;
    if (GROW(L, countries, lex->ncountries + 1, countries_cap)) return 0;
    memcpy(lex->countries[lex->ncountries], iso, 4);
    return (uint32_t)lex->ncountries++;
}

static int upper3(const char *s) {
    return strlen(s) >= 3 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && s[2] >= 'A' &&
           s[2] <= 'Z';
}

static uint32_t code_string(loader *L, const char *code) {
    annals_lexicon *lex = L->lex;
    for (size_t i = 1; i < lex->ncodes_str; i++)
        if (strcmp(lex->codes_str[i], code) == 0) return (uint32_t)i;
    if (lex->ncodes_str == 0) lex->ncodes_str = 1;
    if (GROW(L, codes_str, lex->ncodes_str + 1, codes_str_cap)) return 0;
    if (grow((void **)&lex->codes_country, &lex->codes_country_cap, lex->ncodes_str + 1,
             sizeof *lex->codes_country)) {
        L->oom = 1;
        return 0;
    }
    snprintf(lex->codes_str[lex->ncodes_str], 16, "%s", code);
    char iso[4] = {code[0], code[1], code[2], 0};
    lex->codes_country[lex->ncodes_str] = (uint16_t)country_index(L, iso, 0);
    return (uint32_t)lex->ncodes_str++;
}

static int valid_actor_code(const char *c) {
    size_t n = strlen(c);
    if (n < 3 || n > 15 || n % 3) return 0;
    for (size_t i = 0; i < n; i++)
        if (!(c[i] >= 'A' && c[i] <= 'Z')) return 0;
    return 1;
}

/* countries.tsv: ISO3 TAB kind TAB phrase */
static int load_countries(loader *L, char *buf, size_t len) {
    line_iter it = {buf, buf + len};
    size_t n;
    char *s;
    L->line = 0;
    while ((s = next_line(&it, &n, 0))) {
        L->line++;
        if (!n) continue;
        char *t1 = strchr(s, '\t');
        char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        if (!t1 || !t2) {
            problem(L, 1, "expected ISO3<TAB>kind<TAB>phrase", NULL);
            continue;
        }
        *t1 = *t2 = 0;
        char *kind = t1 + 1, *phrase = trim(t2 + 1);
        if (!upper3(s) || strlen(s) != 3) {
            problem(L, 1, "bad country code '%s'", s);
            continue;
        }
        phrase_arg a = {0, 0, country_index(L, s, 1)};
        if (!strcmp(kind, "name")) a.kind = PH_COUNTRY;
        else if (!strcmp(kind, "demonym")) a.kind = PH_DEMONYM;
        else if (!strcmp(kind, "capital")) a.kind = PH_CAPITAL;
        else {
            problem(L, 1, "unknown kind '%s'", kind);
            continue;
        }
        if (add_phrase(L, phrase, &a)) return -1;
    }
    return 0;
}

/* countries-extra.txt: CODE KIND phrase | phrase */
static int load_country_extra(loader *L, char *buf, size_t len) {
    line_iter it = {buf, buf + len};
    size_t n;
    char *s;
    L->line = 0;
    while ((s = next_line(&it, &n, 0))) {
        L->line++;
        if (!n) continue;
        char *code = field(&s), *kind = field(&s);
        if (!code || !kind || !*skip_ws(s)) {
            problem(L, 1, "expected CODE KIND phrase | phrase", NULL);
            continue;
        }
        if (!valid_actor_code(code)) {
            problem(L, 1, "bad actor code '%s'", code);
            continue;
        }
        char iso[4] = {code[0], code[1], code[2], 0};
        phrase_arg a = {0, 0, 0};
        if (!strcmp(kind, "seat")) {
            a.kind = PH_SEAT;
            a.data = code_string(L, code);
            country_index(L, iso, 1);
        } else {
            if (strlen(code) != 3) {
                problem(L, 1, "kind %s takes a country code, not '%s'", kind);
                continue;
            }
            a.data = country_index(L, iso, 1);
            if (!strcmp(kind, "name")) a.kind = PH_COUNTRY;
            else if (!strcmp(kind, "demonym")) a.kind = PH_DEMONYM;
            else if (!strcmp(kind, "capital")) a.kind = PH_CAPITAL;
            else {
                problem(L, 1, "unknown kind '%s'", kind);
                continue;
            }
        }
        if (each_piece(L, s, "|", add_phrase, &a)) return -1;
    }
    return 0;
}

/* orgs.txt: CODE phrase | phrase */
static int load_orgs(loader *L, char *buf, size_t len) {
    line_iter it = {buf, buf + len};
    size_t n;
    char *s;
    L->line = 0;
    while ((s = next_line(&it, &n, 0))) {
        L->line++;
        if (!n) continue;
        char *code = field(&s);
        if (!code || !*skip_ws(s)) {
            problem(L, 1, "expected CODE phrase | phrase", NULL);
            continue;
        }
        if (!valid_actor_code(code)) {
            problem(L, 1, "bad actor code '%s'", code);
            continue;
        }
        phrase_arg a = {PH_ORG, 0, code_string(L, code)};
        if (each_piece(L, s, "|", add_phrase, &a)) return -1;
    }
    return 0;
}

static int add_agent(loader *L, char *phrase, void *role) {
    annals_lexicon *lex = L->lex;
    if (GROW(L, agents, lex->nagents + 1, agents_cap)) return -1;
    lex_agent *ag = &lex->agents[lex->nagents];
    memcpy(ag->role, role, 4);
    ag->single = 0;
    phrase_arg a = {PH_AGENT, 0, (uint32_t)lex->nagents};
    lex->nagents++;
    return add_phrase(L, phrase, &a);
}

/* agents.txt: ROLE phrase | phrase */
static int load_agents(loader *L, char *buf, size_t len) {
    line_iter it = {buf, buf + len};
    size_t n;
    char *s;
    L->line = 0;
    while ((s = next_line(&it, &n, 0))) {
        L->line++;
        if (!n) continue;
        char *role = field(&s);
        if (!role || !*skip_ws(s)) {
            problem(L, 1, "expected ROLE phrase | phrase", NULL);
            continue;
        }
        if (strlen(role) != 3 || !valid_actor_code(role)) {
            problem(L, 1, "bad role code '%s'", role);
            continue;
        }
        /* each phrase gets its own agent entry so that "president" (one
         * person) and "officials" (a group) can differ */
        if (each_piece(L, s, "|", add_agent, role)) return -1;
    }
    return 0;
}

static int32_t parse_date(const char *s, int end) {
    int y = 0, m = 0, d = 0;
    if (!strcmp(s, "-")) return end ? 99991231 : 0;
    int k = sscanf(s, "%d-%d-%d", &y, &m, &d);
    if (k < 1 || y < 1000 || y > 9999 || (k >= 2 && (m < 1 || m > 12)) || (k == 3 && (d < 1 || d > 31)))
        return -1;
    if (k == 1) m = end ? 12 : 1;
    if (k <= 2) d = end ? 31 : 1;
    return y * 10000 + m * 100 + d;
}

/* people.txt: "+ Name ; variant ; @Short ; ~Short" then role lines */
static int person_name(loader *L, char *piece, void *arg) {
    uint32_t pid = *(uint32_t *)arg;
    phrase_arg a = {PH_PERSON, 0, pid};
    if (piece[0] == '@') {
        a.kind = PH_PERSON_SHORT;
        piece = trim(piece + 1);
    } else if (piece[0] == '~') {
        a.kind = PH_PERSON_LATE;
        piece = trim(piece + 1);
    }
    return add_phrase(L, piece, &a);
}

static int load_people(loader *L, char *buf, size_t len) {
    annals_lexicon *lex = L->lex;
    line_iter it = {buf, buf + len};
    size_t n;
    char *s;
    L->line = 0;
    long cur = -1;
    while ((s = next_line(&it, &n, 0))) {
        L->line++;
        if (!n) continue;
        char *p = skip_ws(s);
        if (*p == '+') {
            p = trim(p + 1);
            if (!*p) {
                problem(L, 1, "person without a name", NULL);
                continue;
            }
            if (GROW(L, people, lex->npeople + 1, people_cap)) return -1;
            lex_person *pe = &lex->people[lex->npeople];
            memset(pe, 0, sizeof *pe);
            char *semi = strchr(p, ';');
            size_t nl = semi ? (size_t)(semi - p) : strlen(p);
            while (nl && (p[nl - 1] == ' ' || p[nl - 1] == '\t')) nl--;
            if (grow((void **)&lex->strs, &lex->strs_cap, lex->strs_len + nl + 1, 1)) return -1;
            memcpy(lex->strs + lex->strs_len, p, nl);
            lex->strs[lex->strs_len + nl] = 0;
            pe->name = (uint32_t)lex->strs_len;
            lex->strs_len += nl + 1;
            pe->role0 = (uint32_t)lex->nroles;
            uint32_t pid = (uint32_t)lex->npeople++;
            cur = (long)pid;
            if (each_piece(L, p, ";", person_name, &pid)) return -1;
            continue;
        }
        if (cur < 0 || p == s) {
            problem(L, 1, "role line outside a person (start a person with '+ Name')", NULL);
            continue;
        }
        char *code = field(&p), *st = field(&p), *en = field(&p);
        if (!code || !st || !en) {
            problem(L, 1, "expected CODE START END title", NULL);
            continue;
        }
        if (!valid_actor_code(code)) {
            problem(L, 1, "bad actor code '%s'", code);
            continue;
        }
        int32_t ds = parse_date(st, 0), de = parse_date(en, 1);
        if (ds < 0 || de < 0 || ds > de) {
            problem(L, 1, "bad dates on role '%s'", code);
            continue;
        }
        if (GROW(L, roles, lex->nroles + 1, roles_cap)) return -1;
        lex_role *r = &lex->roles[lex->nroles++];
        snprintf(r->code, sizeof r->code, "%s", code);
        char iso[4] = {code[0], code[1], code[2], 0};
        int org = !strcmp(iso, "IGO") || !strcmp(iso, "NGO") || !strcmp(iso, "IMG") || !strcmp(iso, "MNC");
        r->country = org ? 0 : (uint16_t)country_index(L, iso, 1);
        r->start = ds;
        r->end = de;
        lex_person *pe = &lex->people[cur];
        pe->nroles++;
        if (r->country) pe->country = r->country;
    }
    return 0;
}

const lex_role *lex_person_role(const annals_lexicon *lex, const lex_person *p, int32_t date) {
    const lex_role *best = NULL;
    for (uint32_t i = 0; i < p->nroles; i++) {
        const lex_role *r = &lex->roles[p->role0 + i];
        if (date == 0) {
            if (r->end == 99991231) return r;
            continue;
        }
        if (r->start <= date && date <= r->end) {
            /* prefer a GOV role over others when two overlap */
            if (!best || (strstr(r->code, "GOV") && !strstr(best->code, "GOV"))) best = r;
        }
    }
    return best;
}

/* ------------------------------------------------------------ words.txt */

static const struct {
    const char *name;
    uint32_t bit;
} class_names[] = {
    {"det", W_DET},         {"posspron", W_POSSPRON}, {"subord", W_SUBORD},   {"neg", W_NEG},
    {"future", W_FUTURE},   {"aux", W_AUX},           {"be", W_BE},           {"report", W_REPORT},
    {"locprep", W_LOCPREP}, {"pron-sg", W_PRON_SG},   {"pron-pl", W_PRON_PL}, {"adv", W_ADV},
    {"intent", W_INTENT},   {"title", W_TITLE},       {"coord", W_COORD},     {"former", W_FORMER},
    {"cond", W_COND},       {"prep", W_PREP},         {"condmod", W_CONDMOD}, {"person-noun", W_PERSONNOUN},
    {"break", W_BREAK},     {"accord", W_ACCORD},     {"pron-poss", W_PRON_POSS},
    {"appeal", W_APPEAL},   {"demand", W_DEMAND},     {"recip", W_RECIP},       {"threat", W_THREAT},
    {"pron-it", W_PRON_IT}, {"region", W_REGION},     {"avert", W_AVERT},      {NULL, 0}};

/* semantic classes: bits of lex_word.sem */
static const struct {
    const char *name;
    uint32_t bit;
} sem_names[] = {{"explosive", S_EXPLOSIVE}, {"weapon", S_WEAPON}, {"accident", S_ACCIDENT}, {"sport", S_SPORT},
                 {"legal", S_LEGAL}, {"plan", S_PLAN},
                 {"head", S_HEAD}, {"span", S_SPAN}, {NULL, 0}};

typedef struct class_arg {
    uint32_t bit;
    int sem;
} class_arg;

static int add_class_word(loader *L, char *w, void *argp) {
    const class_arg *a = argp;
    uint32_t id = intern_norm(L, w, strlen(w));
    if (!id) return L->oom ? -1 : 0;
    if (a->sem) L->lex->words[id].sem |= (uint8_t)a->bit;
    else L->lex->words[id].cls |= a->bit;
    return 0;
}

static int load_words(loader *L, char *buf, size_t len) {
    line_iter it = {buf, buf + len};
    size_t n;
    char *s;
    L->line = 0;
    while ((s = next_line(&it, &n, 0))) {
        L->line++;
        if (!n) continue;
        char *cls = field(&s);
        if (!cls) continue;
        if (!strncmp(cls, "backref-", 8)) {
            char *cnt = field(&s);
            phrase_arg a = {PH_BACKREF, (uint8_t)(cnt ? atoi(cnt) : 0), 0};
            if (!strcmp(cls + 8, "persons")) a.data = BR_PERSONS;
            else if (!strcmp(cls + 8, "states")) a.data = BR_STATES;
            else if (!strcmp(cls + 8, "group")) a.data = BR_GROUP;
            else {
                problem(L, 1, "unknown back-reference kind '%s'", cls);
                continue;
            }
            if (each_piece(L, s, "|", add_phrase, &a)) return -1;
            continue;
        }
        uint32_t bit = 0;
        int sem = 0;
        if (!strcmp(cls, "word")) { /* interned only: words the coder's rules name */
            class_arg a = {0, 0};
            if (each_piece(L, s, "|", add_class_word, &a)) return -1;
            continue;
        }
        for (int i = 0; class_names[i].name; i++)
            if (!strcmp(class_names[i].name, cls)) bit = class_names[i].bit;
        for (int i = 0; sem_names[i].name; i++)
            if (!strcmp(sem_names[i].name, cls)) {
                bit = sem_names[i].bit;
                sem = 1;
            }
        if (!bit) {
            problem(L, 1, "unknown word class '%s'", cls);
            continue;
        }
        class_arg a = {bit, sem};
        if (each_piece(L, s, "|", add_class_word, &a)) return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ codes */

static int code_key(const char *c) {
    size_t n = strlen(c);
    if (n < 2 || n > 4) return -1;
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (c[i] < '0' || c[i] > '9') return -1;
        v = v * 10 + (c[i] - '0');
    }
    return (int)(n - 2) * 10000 + v;
}

int lex_code_find(const annals_lexicon *lex, const char *code) {
    int k = code_key(code);
    if (k < 0 || k >= 50000) return -1;
    return lex->code_index[k] - 1;
}

static int load_codes(loader *L, char *buf, size_t len) {
    annals_lexicon *lex = L->lex;
    line_iter it = {buf, buf + len};
    size_t n, cap = 0;
    char *s;
    L->line = 0;
    while ((s = next_line(&it, &n, 0))) {
        L->line++;
        if (!n) continue;
        char *f[5];
        int k = 0;
        char *p = s;
        while (k < 5) {
            f[k++] = p;
            char *t = strchr(p, '\t');
            if (!t) break;
            *t = 0;
            p = t + 1;
        }
        if (k < 5) {
            problem(L, 1, "expected code<TAB>goldstein<TAB>quad<TAB>plover<TAB>name", NULL);
            continue;
        }
        int key = code_key(f[0]);
        if (key < 0) {
            problem(L, 1, "bad CAMEO code '%s'", f[0]);
            continue;
        }
        if (grow((void **)&lex->codes, &cap, lex->ncodes + 1, sizeof *lex->codes)) return -1;
        lex_code *c = &lex->codes[lex->ncodes];
        memset(c, 0, sizeof *c);
        snprintf(c->code, sizeof c->code, "%s", f[0]);
        memcpy(c->root, f[0], 2);
        c->goldstein = strtod(f[1], NULL);
        c->quad = (uint8_t)atoi(f[2]);
        c->plover = strcmp(f[3], "-") ? arena_strndup(&lex->mem, f[3], strlen(f[3])) : NULL;
        c->name = arena_strndup(&lex->mem, f[4], strlen(f[4]));
        lex->code_index[key] = (int16_t)(lex->ncodes + 1);
        lex->ncodes++;
    }
    return 0;
}

/* ------------------------------------------------------------ patterns */

static int load_events(loader *L, char *buf, size_t len) {
    annals_lexicon *lex = L->lex;
    line_iter it = {buf, buf + len};
    size_t n;
    char *s;
    int noun = 0;
    L->line = 0;
    while ((s = next_line(&it, &n, 0))) {
        L->line++;
        if (!n) continue;
        char *p = skip_ws(s);
        if (!strcmp(p, "[noun]")) { noun = 1; continue; }
        if (!strcmp(p, "[verb]")) { noun = 0; continue; }
        char *code = field(&p);
        if (!code || !*skip_ws(p)) {
            problem(L, 1, "expected CODE pattern", NULL);
            continue;
        }
        int ci = -1, stop = 0;
        if (!strcmp(code, "-")) stop = 1;
        else if ((ci = lex_code_find(lex, code)) < 0) {
            problem(L, 0, "unknown CAMEO code '%s': line skipped", code);
            continue;
        }
        lex_elem el[24];
        int ne = 0, nwords = 0, bad = 0;
        char *tok;
        while ((tok = field(&p))) {
            if (ne >= 24) { bad = 1; break; }
            lex_elem *e = &el[ne];
            memset(e, 0, sizeof *e);
            if (!strcmp(tok, "*")) e->type = E_GAP;
            else if (!strcmp(tok, "+S")) e->type = E_SLOT_S;
            else if (!strcmp(tok, "+T")) e->type = E_SLOT_T;
            else {
                e->type = E_WORD;
                size_t tl = strlen(tok);
                if (tok[0] == '(' && tl > 2 && tok[tl - 1] == ')') {
                    e->opt = 1;
                    tok[tl - 1] = 0;
                    tok++;
                }
                char *a = tok;
                for (;;) {
                    char *bar = strchr(a, '|');
                    if (bar) *bar = 0;
                    if (*a) {
                        if (e->nalt >= LEX_MAX_ALT) { bad = 2; break; }
                        uint32_t id = intern_norm(L, a, strlen(a));
                        if (!id) return -1;
                        e->alt[e->nalt++] = id;
                    }
                    if (!bar) break;
                    a = bar + 1;
                }
                if (!e->nalt) bad = 3;
                nwords++;
            }
            ne++;
        }
        if (bad) {
            problem(L, 1, bad == 2 ? "too many alternatives (at most 8)" : "malformed pattern", NULL);
            continue;
        }
        /* the anchor: first word element, which must not be optional */
        int anchor = -1;
        for (int i = 0; i < ne; i++)
            if (el[i].type == E_WORD) { anchor = i; break; }
        if (anchor < 0 || el[anchor].opt) {
            problem(L, 1, "a pattern must start with a word that is not optional", NULL);
            continue;
        }
        /* drop slots before the anchor: the subject rule finds them */
        if (GROW(L, elems, lex->nelems + (size_t)ne, elems_cap)) return -1;
        if (GROW(L, patterns, lex->npatterns + 1, patterns_cap)) return -1;
        lex_pattern *pt = &lex->patterns[lex->npatterns++];
        memset(pt, 0, sizeof *pt);
        pt->elem = (uint32_t)lex->nelems;
        for (int i = anchor; i < ne; i++) lex->elems[lex->nelems++] = el[i];
        for (int i = 0; i < anchor; i++)
            if (el[i].type == E_SLOT_T) pt->lead_t = 1;
        pt->nelem = (uint8_t)(ne - anchor);
        pt->noun = (uint8_t)noun;
        pt->stop = (uint8_t)stop;
        pt->code = (int16_t)ci;
        pt->nwords = (uint8_t)nwords;
        pt->line = L->line;
    }
    return 0;
}

static int load_intent(loader *L, char *buf, size_t len) {
    annals_lexicon *lex = L->lex;
    line_iter it = {buf, buf + len};
    size_t n;
    char *s;
    L->line = 0;
    while ((s = next_line(&it, &n, 0))) {
        L->line++;
        if (!n) continue;
        char *root = field(&s), *code = field(&s);
        int16_t *table = lex->intent;
        if (root && !strcmp(root, "refuse")) { /* refuse ROOT CODE */
            table = lex->refuse;
            root = code;
            code = field(&s);
        }
        if (!root || !code) {
            problem(L, 1, "expected ROOT CODE or refuse ROOT CODE", NULL);
            continue;
        }
        int r = atoi(root), ci = lex_code_find(lex, code);
        if (r < 1 || r > 20 || strlen(root) != 2 || ci < 0) {
            problem(L, 1, "bad root or unknown code on '%s'", root);
            continue;
        }
        table[r] = (int16_t)ci;
    }
    return 0;
}

/* ------------------------------------------------------------ inflections */

static int is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

static void set_lemma(loader *L, const char *form, size_t n, uint32_t lemma) {
    uint32_t id = intern(L, form, n);
    if (!id || id == lemma) return;
    lex_word *w = &L->lex->words[id];
    if (w->lemma == id) w->lemma = lemma;
    else if (w->lemma != lemma && !w->lemma2) w->lemma2 = lemma;
}

/* Regular inflections of a one-word lemma: -s/-es/-ies, -ed/-d/-ied and a
 * doubled consonant, -ing with e-drop and doubling. */
/* stem (its first keep bytes) + suffix into b; returns the length (b holds
 * 80 bytes, words are shorter than 63) */
static size_t affix(char *b, const char *w, size_t keep, const char *suffix) {
    size_t k = strlen(suffix);
    memcpy(b, w, keep);
    memcpy(b + keep, suffix, k + 1);
    return keep + k;
}

static void inflect(loader *L, uint32_t id) {
    char b[80], w[64];
    const char *s = lex_word_str(L->lex, id);
    size_t n = strlen(s), bl;
    if (n < 2 || n >= sizeof w - 1) return;
    for (size_t i = 0; i < n; i++)
        if (!(s[i] >= 'a' && s[i] <= 'z')) return;
    memcpy(w, s, n + 1);
    char last = w[n - 1], prev = w[n - 2];
    /* -s */
    if (last == 'y' && !is_vowel(prev)) bl = affix(b, w, n - 1, "ies");
    else if (last == 's' || last == 'x' || last == 'z' || (last == 'h' && (prev == 's' || prev == 'c')) ||
             last == 'o')
        bl = affix(b, w, n, "es");
    else bl = affix(b, w, n, "s");
    set_lemma(L, b, bl, id);
    /* -ed */
    if (last == 'e') bl = affix(b, w, n, "d");
    else if (last == 'y' && !is_vowel(prev)) bl = affix(b, w, n - 1, "ied");
    else bl = affix(b, w, n, "ed");
    set_lemma(L, b, bl, id);
    /* -ing */
    if (last == 'e' && prev != 'e' && n > 2) bl = affix(b, w, n - 1, "ing");
    else if (last == 'e' && prev == 'i') bl = affix(b, w, n - 2, "ying");
    else bl = affix(b, w, n, "ing");
    set_lemma(L, b, bl, id);
    /* consonant doubling: plan -> planned, planning (also harmless where wrong) */
    if (n >= 3 && !is_vowel(last) && is_vowel(prev) && !is_vowel(w[n - 3]) && last != 'w' && last != 'x' &&
        last != 'y') {
        char dbl[66];
        memcpy(dbl, w, n);
        dbl[n] = last;
        dbl[n + 1] = 0;
        set_lemma(L, b, affix(b, dbl, n + 1, "ed"), id);
        set_lemma(L, b, affix(b, dbl, n + 1, "ing"), id);
    }
}

/* WordNet exception list: "form lemma [lemma ...]"; only for known lemmas. */
static void load_exc(loader *L, char *buf, size_t len) {
    line_iter it = {buf, buf + len};
    size_t n;
    char *s;
    while ((s = next_line(&it, &n, 1))) {
        char *form = field(&s), *lemma;
        if (!form) continue;
        while ((lemma = field(&s))) {
            if (strchr(form, '_') || strchr(lemma, '_')) break;
            uint32_t lid = lex_find(L->lex, lemma, strlen(lemma));
            if (lid && L->lex->words[lid].lemma == lid) set_lemma(L, form, strlen(form), lid);
        }
    }
}

/* ------------------------------------------------------------ indexes */

static int build_index(size_t nkeys, size_t nitems, uint32_t (*key)(const annals_lexicon *, size_t, size_t),
                       const annals_lexicon *lex, uint32_t **start_out, uint32_t **items_out,
                       size_t (*nkey)(const annals_lexicon *, size_t)) {
    uint32_t *start = calloc(nkeys + 2, sizeof *start);
    size_t total = 0;
    for (size_t i = 0; i < nitems; i++) total += nkey(lex, i);
    uint32_t *items = malloc((total + 1) * sizeof *items);
    if (!start || !items) {
        free(start);
        free(items);
        return -1;
    }
    for (size_t i = 0; i < nitems; i++)
        for (size_t a = 0; a < nkey(lex, i); a++) start[key(lex, i, a) + 1]++;
    for (size_t k = 0; k < nkeys + 1; k++) start[k + 1] += start[k];
    uint32_t *fill = calloc(nkeys + 1, sizeof *fill);
    if (!fill) {
        free(start);
        free(items);
        return -1;
    }
    for (size_t i = 0; i < nitems; i++)
        for (size_t a = 0; a < nkey(lex, i); a++) {
            uint32_t k = key(lex, i, a);
            items[start[k] + fill[k]++] = (uint32_t)i;
        }
    free(fill);
    *start_out = start;
    *items_out = items;
    return 0;
}

static size_t phrase_nkey(const annals_lexicon *lex, size_t i) {
    (void)lex;
    (void)i;
    return 1;
}
static uint32_t phrase_key(const annals_lexicon *lex, size_t i, size_t a) {
    (void)a;
    return lex->phrase_words[lex->phrases[i].words];
}
static size_t pat_nkey(const annals_lexicon *lex, size_t i) {
    return lex->elems[lex->patterns[i].elem].nalt;
}
static uint32_t pat_key(const annals_lexicon *lex, size_t i, size_t a) {
    return lex->elems[lex->patterns[i].elem].alt[a];
}

/* ------------------------------------------------------------ buckets */

static uint32_t ref_second(const void *refs, size_t size, size_t off, size_t k) {
    uint32_t v;
    memcpy(&v, (const char *)refs + k * size + off, sizeof v);
    return v;
}

/* Sort each key's bucket of an index (refs parallel to first) by the refs'
 * `second` word, stably (equal entries keep their file order): a long
 * bucket is then searched by the word after the first, not scanned. */
_Static_assert(sizeof(struct lex_ph_ref) <= 64 && sizeof(struct lex_pat_ref) <= 64, "sort_by_second buffer");
static void sort_by_second(void *refs, size_t size, size_t off, uint32_t *first, const uint32_t *start,
                           size_t nkeys) {
    char tmp[64];
    char *r = refs;
    for (size_t w = 0; w < nkeys; w++)
        for (uint32_t k = start[w] + 1; k < start[w + 1]; k++) {
            uint32_t key = ref_second(refs, size, off, k), f = first[k], j = k;
            memcpy(tmp, r + k * size, size);
            for (; j > start[w] && ref_second(refs, size, off, j - 1) > key; j--) {
                memcpy(r + j * size, r + (j - 1) * size, size);
                first[j] = first[j - 1];
            }
            memcpy(r + j * size, tmp, size);
            first[j] = f;
        }
}

uint32_t lex_bucket_find(const void *refs, size_t size, size_t off, uint32_t lo, uint32_t hi, uint32_t w) {
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (ref_second(refs, size, off, mid) < w) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* ------------------------------------------------------------ open */

const char *annals_default_datadir(void) {
    const char *e = getenv("ANNALS_DATA");
    if (e && *e) return e;
#ifdef ANNALS_DATADIR
    return ANNALS_DATADIR;
#else
    return "/usr/local/share/annals";
#endif
}

typedef int (*load_fn)(loader *, char *, size_t);
static const struct {
    const char *name;
    load_fn fn;
    int optional;
} files[] = {
    {"words.txt", load_words, 0},          {"codes.tsv", load_codes, 0},
    {"events.txt", load_events, 0},        {"intent.txt", load_intent, 1},
    {"countries.tsv", load_countries, 0},  {"countries-extra.txt", load_country_extra, 1},
    {"orgs.txt", load_orgs, 1},            {"agents.txt", load_agents, 1},
    {"people.txt", load_people, 1},        {NULL, NULL, 0}};

static int load_all(annals_lexicon *lex, loader *L, const char *dir) {
    for (int i = 0; files[i].name; i++) {
        size_t len;
        char *buf = read_file(dir, files[i].name, &len);
        L->file = files[i].name;
        L->line = 0;
        if (!buf) {
            if (files[i].optional) continue;
            problem(L, 1, "cannot read this dictionary file (%s)", strerror(errno));
            return -1;
        }
        int r = files[i].fn(L, buf, len);
        free(buf);
        if (r || L->oom) return -1;
    }
    /* the agents' last words are nouns: regular plurals; demonyms too */
    size_t np = lex->nphrases;
    for (size_t i = 0; i < np; i++) {
        const lex_phrase *ph = &lex->phrases[i];
        if (ph->kind == PH_AGENT || ph->kind == PH_DEMONYM)
            inflect(L, lex->phrase_words[ph->words + ph->n - 1]);
    }
    for (size_t i = 0; i < lex->npatterns; i++) {
        const lex_pattern *pt = &lex->patterns[i];
        for (size_t e = 0; e < pt->nelem; e++) {
            const lex_elem *el = &lex->elems[pt->elem + e];
            if (el->type == E_WORD)
                for (size_t a = 0; a < el->nalt; a++) inflect(L, el->alt[a]);
        }
    }
    /* verbs of words.txt classes are listed in their base form ("expect":
     * "is expected to", "intends to") */
    size_t nw = lex->nwords;
    for (size_t i = 1; i < nw; i++)
        if (lex->words[i].cls & (W_INTENT | W_THREAT | W_APPEAL | W_DEMAND)) inflect(L, (uint32_t)i);
    static const char *const exc[] = {"verb.exc", "noun.exc", NULL};
    for (int i = 0; exc[i]; i++) {
        size_t len;
        char *buf = read_file(dir, exc[i], &len);
        if (buf) {
            L->file = exc[i];
            load_exc(L, buf, len);
            free(buf);
        }
    }
    if (L->oom) return -1;
    /* agents naming one person: last word of class person-noun, or the
     * word before "of" ("secretary of state", "minister of defence") */
    uint32_t w_of = lex_find(lex, "of", 2);
    for (size_t i = 0; i < lex->nphrases; i++) {
        const lex_phrase *ph = &lex->phrases[i];
        if (ph->kind != PH_AGENT) continue;
        uint32_t head = lex->phrase_words[ph->words + ph->n - 1];
        for (uint32_t k = 1; k < ph->n; k++)
            if (w_of && lex->phrase_words[ph->words + k] == w_of) {
                head = lex->phrase_words[ph->words + k - 1];
                break;
            }
        if (lex->words[head].cls & W_PERSONNOUN) lex->agents[ph->data].single = 1;
    }
    for (size_t i = 0; i < lex->nphrases; i++) {
        lex_phrase *ph = &lex->phrases[i];
        memset(ph->rest, 0, sizeof ph->rest);
        for (uint32_t k = 1; k < ph->n; k++) {
            uint32_t b = lex_word_bit(lex->phrase_words[ph->words + k]);
            ph->rest[b >> 6] |= 1ull << (b & 63);
        }
    }
    /* word bits of pattern elements (the sentence prefilter) */
    for (size_t i = 0; i < lex->nelems; i++) {
        lex_elem *x = &lex->elems[i];
        memset(x->bits, 0, sizeof x->bits);
        for (uint8_t a = 0; a < x->nalt; a++) {
            uint32_t b = lex_word_bit(x->alt[a]);
            x->bits[b >> 6] |= 1ull << (b & 63);
        }
    }
    for (size_t i = 0; i < lex->npatterns; i++) {
        lex_pattern *p = &lex->patterns[i];
        memset(p->need, 0, sizeof p->need);
        for (uint8_t e = 1; e < p->nelem; e++) {
            const lex_elem *x = &lex->elems[p->elem + e];
            if (x->type == E_WORD && !x->opt && x->nalt == 1)
                for (int k = 0; k < 4; k++) p->need[k] |= x->bits[k];
        }
    }
    /* sort phrases: longer first within the same first word happens at
     * match time (longest match), nothing to do here */
    if (build_index(lex->nwords, lex->nphrases, phrase_key, lex, &lex->ph_first_start, &lex->ph_first,
                    phrase_nkey))
        return -1;
    if (build_index(lex->nwords, lex->npatterns, pat_key, lex, &lex->pat_first_start, &lex->pat_first,
                    pat_nkey))
        return -1;
    {
        size_t nph = lex->ph_first_start[lex->nwords];
        lex->ph_ref = calloc(nph ? nph : 1, sizeof *lex->ph_ref);
        if (!lex->ph_ref) return -1;
        for (size_t k = 0; k < nph; k++) {
            const lex_phrase *ph = &lex->phrases[lex->ph_first[k]];
            memcpy(lex->ph_ref[k].rest, ph->rest, sizeof ph->rest);
            lex->ph_ref[k].n = ph->n;
            lex->ph_ref[k].kind = ph->kind;
            lex->ph_ref[k].second = ph->n > 1 ? lex->phrase_words[ph->words + 1] : 0;
        }
        sort_by_second(lex->ph_ref, sizeof *lex->ph_ref, offsetof(struct lex_ph_ref, second), lex->ph_first,
                       lex->ph_first_start, lex->nwords);
    }
    {
        size_t nref = lex->pat_first_start[lex->nwords];
        lex->pat_ref = calloc(nref ? nref : 1, sizeof *lex->pat_ref);
        if (!lex->pat_ref) return -1;
        for (size_t k = 0; k < nref; k++) {
            const lex_pattern *p = &lex->patterns[lex->pat_first[k]];
            memcpy(lex->pat_ref[k].need, p->need, sizeof p->need);
            lex->pat_ref[k].nwords = p->nwords;
            const lex_elem *e1 = p->nelem > 1 ? &lex->elems[p->elem + 1] : NULL;
            lex->pat_ref[k].second = e1 && e1->type == E_WORD && !e1->opt && e1->nalt == 1 ? e1->alt[0] : 0;
        }
        sort_by_second(lex->pat_ref, sizeof *lex->pat_ref, offsetof(struct lex_pat_ref, second), lex->pat_first,
                       lex->pat_first_start, lex->nwords);
    }
    const char *fixed[] = {"'s", "of", "by", "and", "between", "to", "with", "on", "against", "from",
                           "counterpart", "including", "according", "both", "mr", "say", "as", "that", "must", "should", "ought", "agree", "sign", "but", "or",
                           "refuse", "decline", "fail", "face"};
    uint32_t *dst[] = {&lex->w_s, &lex->w_of, &lex->w_by, &lex->w_and, &lex->w_between, &lex->w_to,
                       &lex->w_with, &lex->w_on, &lex->w_against, &lex->w_from, &lex->w_counterpart,
                       &lex->w_including, &lex->w_according, &lex->w_both, &lex->w_mr, &lex->w_say,
                       &lex->w_as, &lex->w_that, &lex->w_must, &lex->w_should, &lex->w_ought,
                       &lex->w_agree, &lex->w_sign, &lex->w_but, &lex->w_or, &lex->w_refuse, &lex->w_decline, &lex->w_fail,
                       &lex->w_face};
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++) *dst[i] = lex_find(lex, fixed[i], strlen(fixed[i]));
    lex->code_statement = (int16_t)lex_code_find(lex, "010");
    lex->code_appeal = (int16_t)lex_code_find(lex, "020");
    lex->code_demand = (int16_t)lex_code_find(lex, "100");
    lex->code_threat = (int16_t)lex_code_find(lex, "130");
    lex->code_kill = (int16_t)lex_code_find(lex, "190");
    lex->code_bombing = (int16_t)lex_code_find(lex, "183");
    lex->code_seize = (int16_t)lex_code_find(lex, "171");
    lex->code_abduct = (int16_t)lex_code_find(lex, "181");
    lex->code_criticize = (int16_t)lex_code_find(lex, "111");
    lex->code_accuse = (int16_t)lex_code_find(lex, "112");
    lex->code_claim = (int16_t)lex_code_find(lex, "015");
    lex->code_riot = (int16_t)lex_code_find(lex, "145");
    lex->code_air = (int16_t)lex_code_find(lex, "195");
    lex->code_peacekeep = (int16_t)lex_code_find(lex, "074");
    return 0;
}

static void lexicon_release(annals_lexicon *lex) {
    free(lex->strs);
    free(lex->words);
    free(lex->hash);
    free(lex->phrases);
    free(lex->phrase_words);
    free(lex->ph_first_start);
    free(lex->ph_first);
    free(lex->countries);
    free(lex->codes_str);
    free(lex->codes_country);
    free(lex->people);
    free(lex->roles);
    free(lex->agents);
    free(lex->elems);
    free(lex->patterns);
    free(lex->pat_first_start);
    free(lex->pat_first);
    free(lex->pat_ref);
    free(lex->ph_ref);
    free(lex->codes);
    arena_free(&lex->mem);
    free(lex);
}

static annals_lexicon *lexicon_alloc(const char *dir) {
    annals_lexicon *lex = calloc(1, sizeof *lex);
    if (!lex) return NULL;
    arena_init(&lex->mem, 1 << 16);
    for (int i = 0; i < 21; i++) lex->intent[i] = lex->refuse[i] = -1;
    snprintf(lex->datadir, sizeof lex->datadir, "%s", dir);
    return lex;
}

annals_status annals_lexicon_open(const char *datadir, annals_lexicon **out, annals_diag *diag) {
    *out = NULL;
    if (diag) memset(diag, 0, sizeof *diag);
    const char *dir = datadir ? datadir : annals_default_datadir();
    annals_lexicon *lex = lexicon_alloc(dir);
    if (!lex) return ANNALS_ENOMEM;
    loader L = {0};
    L.lex = lex;
    L.diag = diag;
    int r = load_all(lex, &L, dir);
    if (r || L.errors || L.oom) {
        annals_status st = L.oom ? ANNALS_ENOMEM : ANNALS_EPARSE;
        if (diag && !diag->msg[0] && L.oom) snprintf(diag->msg, sizeof diag->msg, "out of memory");
        if (diag && diag->file[0]) {
            char tmp[256];
            size_t dl = strlen(dir), fl = strlen(diag->file);
            memcpy(tmp, diag->file, fl + 1);
            if (dl + 1 + fl < sizeof diag->file) {
                memcpy(diag->file, dir, dl);
                diag->file[dl] = '/';
                memcpy(diag->file + dl + 1, tmp, fl + 1);
            }
        }
        if (r && !L.errors && !L.oom) st = ANNALS_EIO;
        lexicon_release(lex);
        return st;
    }
    *out = lex;
    return ANNALS_OK;
}

void annals_lexicon_free(annals_lexicon *lex) {
    if (lex) lexicon_release(lex);
}

void annals_lexicon_stats_get(const annals_lexicon *lex, annals_lexicon_stats *st) {
    memset(st, 0, sizeof *st);
    st->countries = lex->ncountries ? lex->ncountries - 1 : 0;
    st->people = lex->npeople;
    st->roles = lex->nroles;
    st->agents = lex->nagents;
    st->patterns = lex->npatterns;
    st->words = lex->nwords ? lex->nwords - 1 : 0;
    for (size_t i = 0; i < lex->nphrases; i++)
        if (lex->phrases[i].kind == PH_ORG) st->organisations++;
}

/* ------------------------------------------------------------ check */

typedef struct seen_phrase {
    uint64_t h;
    uint32_t kind, data;
} seen_phrase;

int annals_dict_check(const char *datadir, void (*report)(const char *msg, void *ctx), void *ctx) {
    const char *dir = datadir ? datadir : annals_default_datadir();
    annals_lexicon *lex = lexicon_alloc(dir);
    if (!lex) return -1;
    loader L = {0};
    L.lex = lex;
    L.report = report;
    L.ctx = ctx;
    int r = load_all(lex, &L, dir);
    if (r && !L.errors) {
        lexicon_release(lex);
        return -1;
    }
    /* duplicate and conflicting phrases */
    seen_phrase *seen = calloc(lex->nphrases + 1, sizeof *seen);
    if (seen) {
        for (size_t i = 0; i < lex->nphrases; i++) {
            const lex_phrase *ph = &lex->phrases[i];
            seen[i].h = XXH3_64bits(lex->phrase_words + ph->words, ph->n * sizeof(uint32_t));
            seen[i].kind = ph->kind;
            seen[i].data = ph->data;
        }
        for (size_t i = 0; i < lex->nphrases; i++) {
            for (size_t j = i + 1; j < lex->nphrases && j < i + 2000; j++) {
                if (seen[i].h != seen[j].h) continue;
                const lex_phrase *a = &lex->phrases[i], *b = &lex->phrases[j];
                int same_kind = a->kind == b->kind && a->data == b->data;
                int person = a->kind >= PH_PERSON && a->kind <= PH_PERSON_LATE &&
                             b->kind >= PH_PERSON && b->kind <= PH_PERSON_LATE;
                if (same_kind || person) continue; /* same entity twice, or namesakes: fine */
                if (a->kind == PH_AGENT && b->kind == PH_AGENT &&
                    !strcmp(lex->agents[a->data].role, lex->agents[b->data].role))
                    continue;
                char msg[600], words[300];
                size_t o = 0;
                for (uint8_t k = 0; k < a->n && o < sizeof words - 40; k++)
                    o += (size_t)snprintf(words + o, sizeof words - o, "%s%s", k ? " " : "",
                                          lex_word_str(lex, lex->phrase_words[a->words + k]));
                snprintf(msg, sizeof msg, "dictionary: warning: phrase '%s' has two meanings (kinds %u and %u)",
                         words, a->kind, b->kind);
                if (report) report(msg, ctx);
                break;
            }
        }
        free(seen);
    }
    /* duplicate event patterns */
    for (size_t i = 0; i < lex->npatterns; i++) {
        const lex_pattern *a = &lex->patterns[i];
        for (size_t j = i + 1; j < lex->npatterns; j++) {
            const lex_pattern *b = &lex->patterns[j];
            if (a->nelem != b->nelem || a->noun != b->noun) continue;
            if (memcmp(&lex->elems[a->elem], &lex->elems[b->elem], a->nelem * sizeof(lex_elem))) continue;
            char msg[300];
            snprintf(msg, sizeof msg, "events.txt:%u: %s: same pattern as line %u", b->line,
                     a->code == b->code ? "warning: duplicate" : "error: conflicting codes", a->line);
            if (a->code != b->code) L.errors++;
            if (report) report(msg, ctx);
        }
    }
    int errors = L.errors;
    lexicon_release(lex);
    return errors;
}
