/*
 * annals.c: the coder handle: an article in, events out.
 *
 * Per article: tokenize in chunks (bounded memory for any article size),
 * drop scraped boilerplate, split sentences, tag words with lexicon ids,
 * find actors (with the article's memory for back-references), code events,
 * then give each event its date and place.  Everything the events point to
 * lives in the coder's arena, reset at the next article.
 */
#include "annals.h"
#include "actors.h"
#include "arena.h"
#include "clean.h"
#include "coder.h"
#include "lexicon.h"
#include "text.h"
#include "when.h"
#include "where.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_TOKENS 65536
#define MAX_SENT_TOKENS 200

/* The article's dated mentions of gatherings ("Friday's meeting", "the
 * opening ceremony of the Beijing Olympics on Friday"), for events that
 * name the gathering again without a date or place ("Putin's meeting with
 * Xi"): see ww_sentence() and ww_inherit(). */
#define WW_MENTIONS 32
typedef struct ww_mention {
    uint32_t noun, sentence;        /* gathering noun (ww.cls); sentence index */
    uint16_t country[6];            /* the sentence's states (lexicon indices) */
    size_t ncountry;
    when_result when;               /* offsets are article offsets here */
    int has_place;
    where_place place;
} ww_mention;

typedef struct ww_memory {
    uint8_t *cls;                   /* word id -> gathering noun (bits 2-7: which, 0 none)
                                       and date word (bits 0-1: 0 unknown, 1 no, 2 yes) */
    size_t nwords;
    uint32_t det[9];                /* the, this, that, his, her, its, their, our, 's */
    uint32_t a, an;
    ww_mention m[WW_MENTIONS];
    size_t nm, next;                /* count, ring position */
} ww_memory;

struct annals_coder {
    const annals_lexicon *lex;
    annals_options opt;
    arena mem;
    txt_token *toks;
    txt_sentence *sents;
    act_mention ment[256];
    cod_event ev[256];
    annals_event *out;
    size_t nout, out_cap;
    size_t nsent_total;
    act_memory memory;
    where_gazetteer *gaz;
    lex_memo *memo;             /* recent word lookups of this coder */
    char gaz_err[300];          /* why there is no gazetteer, reported once */
    int gaz_warned;
    when_sentence *wsent;       /* the current sentence, read once for its events */
    where_sentence *psent;
    int wsent_read, psent_read, dated;
    ww_memory ww;
};

static int ww_init(annals_coder *c);

annals_status annals_coder_new(const annals_lexicon *lex, const annals_options *opt, annals_coder **out) {
    *out = NULL;
    annals_coder *c = calloc(1, sizeof *c);
    if (!c) return ANNALS_ENOMEM;
    c->lex = lex;
    if (opt) c->opt = *opt;
    arena_init(&c->mem, 1 << 18);
    c->toks = malloc(CHUNK_TOKENS * sizeof *c->toks);
    c->sents = malloc((CHUNK_TOKENS + 1) * sizeof *c->sents);
    c->memory.seen_cap = lex->npeople + 1;
    c->memory.seen_person = calloc(c->memory.seen_cap, 1);
    c->memory.state_cap = lex->ncountries + 1;
    c->memory.state_freq = calloc(c->memory.state_cap, sizeof *c->memory.state_freq);
    c->memo = calloc(1, sizeof *c->memo);
    if (!c->toks || !c->sents || !c->memory.seen_person || !c->memory.state_freq || !c->memo) {
        annals_coder_free(c);
        return ANNALS_ENOMEM;
    }
    if (!c->opt.no_where) {
        char path[1200], regions[1200];
        snprintf(path, sizeof path, "%s/gazetteer.bin", lex->datadir);
        snprintf(regions, sizeof regions, "%s/regions.txt", lex->datadir);
        if (where_open(path, regions, &c->gaz, c->gaz_err, sizeof c->gaz_err) != 0) c->gaz = NULL;
    }
    if ((!c->opt.no_when && (!(c->wsent = when_sentence_new()) || ww_init(c) != 0)) ||
        (c->gaz && !(c->psent = where_sentence_new()))) {
        annals_coder_free(c);
        return ANNALS_ENOMEM;
    }
    *out = c;
    return ANNALS_OK;
}

void annals_coder_free(annals_coder *c) {
    if (!c) return;
    arena_free(&c->mem);
    free(c->toks);
    free(c->sents);
    free(c->out);
    free(c->memory.seen_person);
    free(c->memo);
    free(c->memory.state_freq);
    free(c->ww.cls);
    when_sentence_free(c->wsent);
    where_sentence_free(c->psent);
    if (c->gaz) where_close(c->gaz);
    free(c);
}

size_t annals_coder_sentences(const annals_coder *c) { return c->nsent_total; }

static int32_t date_num(const char *d) {
    when_date w;
    if (!d || !*d || when_parse_iso(d, strlen(d), &w) != 0) return 0;
    return w.y * 10000 + w.m * 100 + w.d;
}

static annals_event *new_event(annals_coder *c) {
    if (c->nout == c->out_cap) {
        size_t nc = c->out_cap ? c->out_cap * 2 : 64;
        annals_event *n = realloc(c->out, nc * sizeof *n);
        if (!n) return NULL;
        c->out = n;
        c->out_cap = nc;
    }
    annals_event *e = &c->out[c->nout++];
    memset(e, 0, sizeof *e);
    return e;
}

static const char *span_str(annals_coder *c, const char *text, uint32_t a, uint32_t b) {
    return arena_strndup(&c->mem, text + a, b - a);
}

/* ISO alpha-3; international and non-governmental organisations carry
 * CAMEO's "IGO" / "NGO" in that place (as the GDELT and PLOVER records do);
 * null for anything else without a country. */
static const char *country_str(annals_coder *c, const act_mention *m) {
    if (m->country) return c->lex->countries[m->country];
    if (!strncmp(m->code, "IGO", 3)) return "IGO";
    if (!strncmp(m->code, "NGO", 3)) return "NGO";
    if (!strncmp(m->code, "IMG", 3)) return "IMG"; /* al-Qaeda, Islamic State */
    return NULL;
}

typedef struct sent_ctx {
    const annals_article *art;
    const char *story_date;
    when_date story;
    uint32_t index;
    const txt_sentence *s;
    const char *text_copy;
} sent_ctx;

static void set_location(annals_coder *c, annals_event *e, const where_place *pl) {
    e->location.name = arena_strndup(&c->mem, pl->name, strlen(pl->name));
    e->location.country = arena_strndup(&c->mem, pl->country, strlen(pl->country));
    e->location.admin1 = pl->admin1[0] ? arena_strndup(&c->mem, pl->admin1, strlen(pl->admin1)) : NULL;
    e->location.lat = pl->lat;
    e->location.lon = pl->lon;
    e->location.geonames_id = pl->geonames_id;
    e->location.precision = pl->precision;
}

/* Does the current sentence have a word that can carry a date?  If not,
 * every event in it has the story date and reading it is skipped.  The
 * answer for each lexicon word is cached in ww.cls. */
static int sent_dated(annals_coder *c, const char *text, const txt_sentence *s) {
    if (c->dated >= 0) return c->dated;
    c->dated = 0;
    for (uint32_t k = s->tok_start; k < s->tok_end && !c->dated; k++) {
        const txt_token *t = &c->toks[k];
        if (t->kind == TXT_NUM) c->dated = 1;
        if (t->kind != TXT_WORD) continue;
        uint8_t *cl = t->word && t->word < c->ww.nwords ? &c->ww.cls[t->word] : NULL;
        if (!cl || !(*cl & 3)) {
            int dw = when_date_word(text + t->start, t->end - t->start);
            if (cl) *cl = (uint8_t)(*cl | (dw ? 2 : 1));
            c->dated = dw;
        } else {
            c->dated = (*cl & 3) == 2;
        }
    }
    return c->dated;
}

/* The current sentence read by the when and where stages, once. */
static const when_sentence *sent_when(annals_coder *c, const char *text, const txt_sentence *s) {
    if (!c->wsent_read) when_sentence_read(c->wsent, text + s->start, s->end - s->start);
    c->wsent_read = 1;
    return c->wsent;
}

static where_sentence *sent_where(annals_coder *c, const char *text, const txt_sentence *s) {
    if (!c->psent_read) where_sentence_read(c->gaz, c->psent, text + s->start, s->end - s->start);
    c->psent_read = 1;
    return c->psent;
}

/* Byte spans of the sentence's actor mentions (relative to the sentence):
 * "Beijing said" is not a place. */
static size_t actor_spans(const annals_coder *c, const txt_sentence *s, const act_mention *ment, size_t nm,
                          where_span *ex, size_t cap) {
    size_t nex = 0;
    for (size_t k = 0; k < nm && nex < cap; k++) {
        if (ment[k].backref || ment[k].loc) continue;
        ex[nex].start = c->toks[ment[k].ts].start - s->start;
        ex[nex].end = c->toks[ment[k].te - 1].end - s->start;
        nex++;
    }
    return nex;
}

/* "rockets were fired at Israel from Lebanon", "gunmen who crossed from
 * the Gaza Strip": the place the attackers came from, after "from" in the
 * clause of the trigger ending at token te; 1 and its ISO3 in iso3, or 0 */
static int origin_place(annals_coder *c, const char *text, const txt_sentence *s, uint32_t te, char iso3[4]) {
    if (!c->gaz) return 0;
    int moved = 0; /* a verb of firing or crossing before "from" */
    for (uint32_t q = te > s->tok_start + 3 ? te - 3 : s->tok_start; q < te && !moved; q++)
        moved = act_fires_from(c->lex, &c->toks[q]);
    for (uint32_t q = te; q < s->tok_end && q < te + 8; q++) {
        const txt_token *t = &c->toks[q];
        if (t->kind == TXT_PUNCT && t->punct != '-') return 0;
        if (!t->word || strcmp(lex_word_str(c->lex, t->word), "from")) {
            if (!moved) moved = act_fires_from(c->lex, t);
            continue;
        }
        if (!moved) return 0;
        uint32_t a = q + 1;
        while (a < s->tok_end && (lex_cls(c->lex, &c->toks[a]) & (W_DET | W_REGION)) &&
               !(c->toks[a].flags & TXT_CAP))
            a++;
        uint32_t b = a;
        while (b < s->tok_end && b < a + 4 && c->toks[b].kind == TXT_WORD && (c->toks[b].flags & TXT_CAP)) b++;
        /* the longest name from a that the gazetteer knows */
        for (; b > a; b--) {
            where_place pl;
            size_t st = c->toks[a].start, en = c->toks[b - 1].end;
            if (where_lookup(c->gaz, text + st, en - st, NULL, 0, &pl) == 1 && pl.country[0]) {
                memcpy(iso3, pl.country, 4);
                return 1;
            }
        }
        return 0;
    }
    return 0;
}

static void place_event(annals_coder *c, annals_event *e, const char *text, const txt_sentence *s,
                        const act_mention *src, const act_mention *tgt, uint32_t trig_start, uint32_t trig_end,
                        const act_mention *ment, size_t nm) {
    if (!c->gaz) return;
    char ctx[4][4];
    size_t nctx = 0;
    if (src && src->country) memcpy(ctx[nctx++], c->lex->countries[src->country], 4);
    if (tgt && tgt->country) memcpy(ctx[nctx++], c->lex->countries[tgt->country], 4);
    where_span ex[64];
    size_t nex = actor_spans(c, s, ment, nm, ex, 64);
    where_place pl;
    if (where_find_in(sent_where(c, text, s), trig_start - s->start, trig_end - s->start,
                      (const char(*)[4])ctx, nctx, ex, nex, &pl) == 1)
        set_location(c, e, &pl);
}

/* ------------------------------------------------ gatherings named again */

static int ww_init(annals_coder *c) {
    static const struct { const char *w; uint8_t noun; } nouns[] = {
        { "meeting", 1 }, { "meetings", 1 }, { "summit", 2 }, { "summits", 2 }, { "talks", 3 },
        { "visit", 4 }, { "visits", 4 }, { "trip", 5 }, { "conference", 6 }, { "ceremony", 7 },
        { "negotiations", 8 }, { "session", 9 }, { "call", 10 },
    };
    static const char *const dets[] = { "the", "this", "that", "his", "her", "its", "their", "our" };
    const annals_lexicon *lex = c->lex;
    c->ww.nwords = lex->nwords;
    c->ww.cls = calloc(lex->nwords ? lex->nwords : 1, 1);
    if (!c->ww.cls) return -1;
    for (size_t i = 0; i < sizeof nouns / sizeof nouns[0]; i++) {
        uint32_t id = lex_find(lex, nouns[i].w, strlen(nouns[i].w));
        if (id && id < lex->nwords) c->ww.cls[id] = (uint8_t)(nouns[i].noun << 2);
    }
    for (size_t i = 0; i < sizeof dets / sizeof dets[0]; i++) c->ww.det[i] = lex_find(lex, dets[i], strlen(dets[i]));
    c->ww.det[8] = lex->w_s;
    c->ww.a = lex_find(lex, "a", 1);
    c->ww.an = lex_find(lex, "an", 2);
    return 0;
}

/* Is token t the word w (any case)? */
static int tok_word_is(const annals_coder *c, const txt_token *t, const char *w) {
    return t->word && !strcmp(lex_word_str(c->lex, t->word), w);
}

/* The gathering noun token t names (1.., see ww_init), or 0. */
static inline uint32_t ww_noun(const annals_coder *c, const txt_token *t) {
    return t->word < c->ww.nwords ? (uint32_t)c->ww.cls[t->word] >> 2 : 0;
}

/* Is token k a definite noun phrase ("the meeting", "Putin's meeting", "the
 * face-to-face meeting")?  A determiner within three tokens, nothing but
 * words and hyphens between, and no "a" or preposition. */
static int ww_definite(const annals_coder *c, uint32_t first, uint32_t k) {
    for (uint32_t j = k, n = 0; j > first && n < 4; j--, n++) {
        const txt_token *t = &c->toks[j - 1];
        for (size_t d = 0; d < sizeof c->ww.det / sizeof c->ww.det[0]; d++)
            if (c->ww.det[d] && t->word == c->ww.det[d]) return 1;
        if ((t->kind == TXT_PUNCT && t->punct != '-') || (lex_cls(c->lex, t) & W_PREP)) return 0;
        if (t->kind == TXT_WORD && t->word && (t->word == c->ww.a || t->word == c->ww.an)) return 0;
    }
    return 0;
}

/* Remember the sentence's dated gathering nouns, with their place. */
static void ww_sentence(annals_coder *c, const sent_ctx *sc, const char *text, const act_mention *ment, size_t nm) {
    const txt_sentence *s = sc->s;
    where_span ex[64];
    size_t nex = 0, found = 0;
    for (uint32_t k = s->tok_start; k < s->tok_end && found < 4; k++) {
        uint32_t noun = ww_noun(c, &c->toks[k]);
        if (!noun || !sent_dated(c, text, s)) continue;
        found++;
        when_result wr;
        size_t ts = c->toks[k].start - s->start, te = c->toks[k].end - s->start;
        if (when_resolve_in(sent_when(c, text, s), ts, te, sc->story, &wr) != 0 || wr.precision == WHEN_STORY)
            continue;
        ww_mention *m = &c->ww.m[c->ww.next];
        c->ww.next = (c->ww.next + 1) % WW_MENTIONS;
        if (c->ww.nm < WW_MENTIONS) c->ww.nm++;
        m->noun = noun;
        m->sentence = sc->index;
        m->when = wr;
        m->when.text_start += s->start;
        m->when.text_end += s->start;
        m->ncountry = 0;
        for (size_t a = 0; a < nm && m->ncountry < 6; a++)
            if (ment[a].country) m->country[m->ncountry++] = ment[a].country;
        m->has_place = 0;
        if (c->gaz) {
            if (!nex) nex = actor_spans(c, s, ment, nm, ex, 64);
            m->has_place = where_find_in(sent_where(c, text, s), ts, te, NULL, 0, ex, nex, &m->place) == 1;
        }
    }
}

/* The latest remembered mention of noun (any noun if 0) dated like d (any
 * date if d is NULL) and, if need_place, placed, in a sentence naming one of
 * the states a and b (0: none). */
static const ww_mention *ww_find(const annals_coder *c, uint32_t noun, const when_result *d, int need_place,
                                 uint16_t a, uint16_t b) {
    for (size_t i = 0; i < c->ww.nm; i++) {
        const ww_mention *m = &c->ww.m[(c->ww.next + WW_MENTIONS - 1 - i) % WW_MENTIONS];
        if ((noun && m->noun != noun) || (need_place && !m->has_place)) continue;
        int shared = 0;
        for (size_t k = 0; k < m->ncountry && !shared; k++)
            shared = (a && m->country[k] == a) || (b && m->country[k] == b);
        if (!shared) continue;
        if (d && (m->when.precision != d->precision || m->when.date.y != d->date.y ||
                  m->when.date.m != d->date.m || m->when.date.d != d->date.d))
            continue;
        return m;
    }
    return NULL;
}

/* An event named by a gathering noun: with no date of its own, a definite
 * noun ("Putin's meeting with Xi") takes the date of the article's last
 * dated mention of that noun ("Friday's meeting"); with no place, the place
 * of that mention, else of a gathering reported for the same day ("the
 * opening ceremony of the Beijing Olympics on Friday").  Returns the
 * mention whose date it took, or NULL. */
static const ww_mention *ww_inherit(annals_coder *c, const txt_sentence *s, const cod_event *ce, when_result *wr,
                                    uint32_t *noun) {
    *noun = 0;
    for (uint32_t k = ce->ts; k < ce->te && !*noun; k++) {
        *noun = ww_noun(c, &c->toks[k]);
        if (*noun && wr->precision == WHEN_STORY && !wr->span && ww_definite(c, s->tok_start, k)) {
            const ww_mention *m = ww_find(c, *noun, NULL, 0, ce->src >= 0 ? c->ment[ce->src].country : 0,
                                          ce->tgt >= 0 ? c->ment[ce->tgt].country : 0);
            if (m) {
                *wr = m->when;
                return m;
            }
        }
    }
    /* "the summit, expected on the day of the inauguration ceremony" (or
     * "during", "on the sidelines of" it): the date of that gathering */
    if (*noun && wr->precision == WHEN_STORY && !wr->span)
        for (uint32_t k = s->tok_start + 2; k < s->tok_end; k++) {
            uint32_t other = ww_noun(c, &c->toks[k]);
            if (!other || (k >= ce->ts && k < ce->te) || !ww_definite(c, s->tok_start, k)) continue;
            uint32_t j = k;
            while (j > s->tok_start && !lex_tok_is(&c->toks[j - 1], c->lex->w_of) && k - j < 4) j--;
            int cue = j > s->tok_start + 1 && lex_tok_is(&c->toks[j - 1], c->lex->w_of) &&
                      (tok_word_is(c, &c->toks[j - 2], "day") || tok_word_is(c, &c->toks[j - 2], "sidelines"));
            for (uint32_t q = k; q > s->tok_start && k - q < 4 && !cue; q--)
                cue = tok_word_is(c, &c->toks[q - 1], "during");
            if (!cue) continue;
            const ww_mention *m = ww_find(c, other, NULL, 0, ce->src >= 0 ? c->ment[ce->src].country : 0,
                                          ce->tgt >= 0 ? c->ment[ce->tgt].country : 0);
            if (m) {
                *wr = m->when;
                return m;
            }
        }
    return NULL;
}

static void ww_place(annals_coder *c, annals_event *e, const cod_event *ce, const ww_mention *from, uint32_t noun,
                     const when_result *wr) {
    if (e->location.name || !noun) return;
    if (!(from && from->has_place) && wr->precision == WHEN_DAY)
        from = ww_find(c, 0, wr, 1, ce->src >= 0 ? c->ment[ce->src].country : 0,
                       ce->tgt >= 0 ? c->ment[ce->tgt].country : 0);
    if (from && from->has_place) set_location(c, e, &from->place);
}

/* A dateline opening an article ("BAGHDAD, Iraq (Reuters) -", "ABUJA, Aug
 * 25, 2004 (dpa) --", "AP -", "LYON:", and at the top of an article
 * "Canadian Press -" (lead)): how many tokens it takes, 0 when there is
 * none.  It names where the story was filed, not who acted. */
static uint32_t dateline_tokens(const txt_token *toks, uint32_t ts, uint32_t te, int lead) {
    if (ts >= te || toks[ts].kind != TXT_WORD || !(toks[ts].flags & (TXT_UPPER | TXT_CAP)) ||
        toks[ts].end - toks[ts].start < 2)
        return 0;
    int agency = 0; /* "(CNN)", "(Reuters)" */
    for (uint32_t i = ts + 1; i < te && i < ts + 14; i++) {
        const txt_token *t = &toks[i];
        if (t->kind == TXT_PUNCT) {
            if ((t->flags & TXT_DASH) || t->punct == ':' || (t->punct == '-' && (t->flags & TXT_SPACE)))
                /* "BAGHDAD, Iraq -", "Hong Kong (CNN) -", "Canadian Press -" */
                return (toks[ts].flags & TXT_UPPER) || agency || (lead && i <= ts + 3) ? i + 1 - ts : 0;
            if (t->punct == '-') continue; /* "PORT-AU-PRINCE" */
            if (t->punct == '(' && i + 2 < te && toks[i + 2].kind == TXT_PUNCT && toks[i + 2].punct == ')') agency = 1;
            if (t->punct == ',' || t->punct == '(' || t->punct == ')' || t->punct == '.') continue;
            return 0;
        }
        if (t->kind == TXT_NUM || (t->flags & (TXT_CAP | TXT_UPPER))) continue;
        return 0;
    }
    return 0;
}

/* A government, police, courts or parliament: actors whose dealings with
 * rebels or protesters named without a state are at home (not its army
 * or the state as a whole, often acting abroad). */
static int at_home(const char *code) {
    size_t n = strlen(code);
    return n >= 6 && (!strncmp(code + 3, "GOV", 3) || !strncmp(code + 3, "COP", 3) || !strncmp(code + 3, "JUD", 3) ||
                      !strncmp(code + 3, "LEG", 3));
}

/* Is `country` the state of the mention or of a member of its group ("they"
 * for Russia and China)? */
static int group_in(annals_coder *c, const act_mention *m, size_t nm, const char *country) {
    for (size_t k = 0; k < nm; k++) {
        const act_mention *x = &c->ment[k];
        if (x != m && (m->group < 0 || x->group != m->group)) continue;
        const char *xc = country_str(c, x);
        if (xc && !strcmp(xc, country)) return 1;
    }
    return 0;
}

static int code_sentence(annals_coder *c, const sent_ctx *sc, const char *text, int32_t date) {
    const annals_lexicon *lex = c->lex;
    const txt_sentence *s = sc->s;
    uint32_t first = s->tok_start + dateline_tokens(c->toks, s->tok_start, s->tok_end, sc->index <= 1);
    /* "Canadian Press - BEIJING (AP) - ...": a second dateline */
    if (first > s->tok_start) first += dateline_tokens(c->toks, first, s->tok_end, 0);
    lex_wordset present; /* the sentence's words, for both actors and events */
    lex_wordset_of(c->toks, first, s->tok_end, &present);
    size_t nm = act_find(lex, text, c->toks, first, s->tok_end, &present, date, &c->memory, c->ment, 256);
    c->wsent_read = c->psent_read = 0;
    c->dated = -1;
    size_t ne = cod_sentence(lex, c->toks, first, s->tok_end, &present, c->ment, nm, c->ev, 256);
    const char *sent_text = NULL;
    for (size_t i = 0; i < ne; i++) {
        const cod_event *ce = &c->ev[i];
        /* unnamed attackers: unidentified armed forces of the place; unnamed
         * captors of an arrest or expulsion: its police */
        static const act_mention unidentified = {.code = "UAF", .kind = AK_AGENT, .bare = 1, .group = -1, .person = -1};
        static const act_mention authorities = {.code = "COP", .kind = AK_AGENT, .bare = 1, .group = -1, .person = -1};
        const act_mention *src = ce->src != COD_UNIDENTIFIED ? &c->ment[ce->src]
                                 : lex->codes[ce->code].root[0] == '1' && lex->codes[ce->code].root[1] == '7'
                                     ? &authorities
                                     : &unidentified;
        const act_mention *tgt = ce->tgt >= 0 ? &c->ment[ce->tgt] : NULL;
        char accused[4] = ""; /* the state an alleged attack came from */
        if (ce->tgt == COD_UNIDENTIFIED && !origin_place(c, text, s, ce->from_te, accused)) continue;
        const lex_code *lc = &lex->codes[ce->code];
        uint32_t tstart = c->toks[ce->ts].start, tend = c->toks[ce->te - 1].end;
        /* the date first: background events may be left out */
        when_result wr;
        memset(&wr, 0, sizeof wr);
        const ww_mention *from = NULL;
        uint32_t noun = 0;
        if (!c->opt.no_when && sc->story.y) {
            if (sent_dated(c, text, s))
                when_resolve_in(sent_when(c, text, s), tstart - s->start, tend - s->start, sc->story, &wr);
            from = ww_inherit(c, s, ce, &wr, &noun);
        }
        int background = 0;
        if (wr.precision != WHEN_STORY && sc->story.y) {
            long days = when_days_between(wr.date, sc->story);
            /* a whole month or year counts from its last day */
            if (wr.precision == WHEN_YEAR) days -= 364;
            else if (wr.precision == WHEN_MONTH) days -= 27;
            else if (wr.precision == WHEN_WEEK) days -= 6;
            background = days > 30;
        }
        if (background && c->opt.no_background) continue;
        if (!sent_text) sent_text = span_str(c, text, s->start, s->end);
        annals_event *e = new_event(c);
        if (!e) return -1;
        e->doc = sc->art->id;
        e->sentence = sc->index;
        e->story_date = sc->story_date;
        if (wr.precision != WHEN_STORY) {
            char buf[11];
            when_format(wr.date, buf);
            e->date = arena_strndup(&c->mem, buf, 10);
            e->date_precision = when_precision_name(wr.precision);
            uint32_t toff = from ? 0 : s->start; /* a mention's offsets are the article's */
            if (wr.text_end > wr.text_start)
                e->date_text = span_str(c, text, toff + (uint32_t)wr.text_start, toff + (uint32_t)wr.text_end);
        } else {
            e->date = sc->story_date;
            e->date_precision = "story";
        }
        e->background = background;
        e->source = arena_strndup(&c->mem, src->code, strlen(src->code));
        e->source_country = country_str(c, src);
        e->source_name = ce->src == COD_UNIDENTIFIED ? NULL
                                                      : span_str(c, text, c->toks[src->ts].start, c->toks[src->te - 1].end);
        if (tgt) {
            e->target = arena_strndup(&c->mem, tgt->code, strlen(tgt->code));
            e->target_country = country_str(c, tgt);
            e->target_name = span_str(c, text, c->toks[tgt->ts].start, c->toks[tgt->te - 1].end);
        } else if (accused[0]) {
            char code[8];
            snprintf(code, sizeof code, "%sUAF", accused);
            e->target = arena_strndup(&c->mem, code, strlen(code));
            e->target_country = arena_strndup(&c->mem, accused, 3);
        }
        e->code = lc->code;
        e->root = lc->root;
        e->code_name = lc->name;
        e->quad_class = lc->quad;
        e->goldstein = lc->goldstein;
        e->plover = lc->plover;
        e->text = sent_text;
        e->span_start = s->start;
        e->span_end = s->end;
        e->trigger = span_str(c, text, tstart, tend);
        e->trigger_start = tstart;
        e->trigger_end = tend;
        if (!c->opt.no_where) {
            place_event(c, e, text, s, src, tgt, tstart, tend, c->ment, nm);
            ww_place(c, e, ce, from, noun, &wr);
        }
        /* "exercises in Alaska", "shelling near Kharkiv": with no target,
         * an event that happens somewhere is aimed at the state it happens
         * in; for a visit or a deployment only when that is not the
         * source's own, for violence, coercion and protest also then */
        if (!tgt && e->location.country && e->location.country[0] && cod_located(lc->code) &&
            (cod_domestic(lc->code) || !group_in(c, src, nm, e->location.country))) {
            e->target = e->location.country;
            e->target_country = e->location.country;
            e->target_name = e->location.name;
        }
        /* attackers named without their state that fired or crossed from
         * a place are of that place ("militants fired rockets at Israel
         * from the Gaza Strip"), whatever place the sentence named */
        char origin[4];
        if (src->bare && cod_domestic(lc->code) && origin_place(c, text, s, ce->te, origin)) {
            char code[24];
            snprintf(code, sizeof code, "%s%s", origin, strlen(src->code) > 3 && src->country ? src->code + 3 : src->code);
            e->source = arena_strndup(&c->mem, code, strlen(code));
            e->source_country = arena_strndup(&c->mem, origin, 3);
        }
        /* an agent named without its state ("rebels shelled Juba") takes the
         * state of the event's place; with none its event is not written */
        else if (src->bare && !src->country) {
            /* else, for domestic kinds of events (police arresting
             * protesters in Minsk), the target's state */
            const char *home = e->location.country && e->location.country[0] ? e->location.country : NULL;

            /* (a state's organ or the state, not its people: "kidnappers
             * seized two Americans" are no Americans) */
            if (!home && tgt && tgt->country && !tgt->people && tgt->kind != AK_ADJ && cod_domestic(lc->code) &&
                ce->src != COD_UNIDENTIFIED) /* (nor "Soldiers Kill Palestinian": a person) */
                home = e->target_country;
            if (!home || !strcmp(home, "IGO") || !strcmp(home, "NGO")) {
                c->nout--;
                continue;
            }
            char code[24];
            snprintf(code, sizeof code, "%s%s", home, src->code);
            e->source = arena_strndup(&c->mem, code, strlen(code));
            e->source_country = home;
            if (e->target_country && !strcmp(e->target_country, e->source_country) && e->target &&
                strlen(e->target) <= 3 && !cod_domestic(lc->code)) {
                e->target = NULL; /* the place was taken as target: it is the source's own */
                e->target_country = NULL;
                e->target_name = NULL;
            }
        }
        /* a target agent named without its state ("the rebels in Darfur")
         * takes the state of the event's place, else that of a state
         * source acting at home ("the government accepted demands from
         * rebels"); else the target is unknown */
        if (tgt && tgt->bare && !tgt->country && e->target) {
            const char *home = e->location.country && e->location.country[0] && strcmp(e->location.country, "IGO") &&
                                       strcmp(e->location.country, "NGO")
                                   ? e->location.country
                                   : NULL;
            /* (a state as a whole only in talks and deals: "talks between
             * Sudan and the rebels", not "Israel kills militants") */
            /* (unnamed gunmen or kidnappers are nobody's: "French officials
             * are negotiating with the kidnappers") */
            if (!home && src->country && !src->bare && strcmp(tgt->code, "UAF") &&
                (at_home(src->code) || (strlen(src->code) == 3 && lc->root[0] == '0')))
                home = e->source_country;
            if (home) {
                char code[24];
                snprintf(code, sizeof code, "%s%s", home, tgt->code);
                e->target = arena_strndup(&c->mem, code, strlen(code));
                e->target_country = home;
            } else {
                e->target = e->target_country = e->target_name = NULL;
            }
        }
        /* a protest with no other target is aimed at the protesters' own
         * state ("Algerian landowners began a hunger strike"; a state's
         * own protest, "Japan protested", is aimed abroad) */
        if (!e->target && lc->root[0] == '1' && lc->root[1] == '4' && src->country &&
            (strlen(src->code) <= 3 || strncmp(src->code + 3, "GOV", 3)) && (src->kind != AK_STATE || src->people)) {
            e->target = e->source_country;
            e->target_country = e->source_country;
        }
    }
    if (!c->opt.no_when && sc->story.y) ww_sentence(c, sc, text, c->ment, nm);
    act_remember(lex, &c->memory, c->ment, nm);
    /* remember the last compound subject for "they" */
    for (size_t k = 0; k < nm; k++) {
        if (c->ment[k].group < 0 || c->ment[k].kind == AK_ADJ) continue;
        int32_t g = c->ment[k].group;
        size_t n = 0;
        for (size_t q = k; q < nm && n < 4; q++)
            if (c->ment[q].group == g) {
                memcpy(c->memory.last_group[n], c->ment[q].code, 16);
                c->memory.last_group_country[n] = c->ment[q].country;
                n++;
            }
        c->memory.nlast_group = n;
        break;
    }
    return 0;
}

/* Drop tokens inside boilerplate ranges; returns the new count. */
static size_t drop_ranges(txt_token *toks, size_t n, const clean_range *r, size_t nr) {
    if (!nr) return n;
    size_t w = 0, k = 0;
    for (size_t i = 0; i < n; i++) {
        while (k < nr && r[k].end <= toks[i].start) k++;
        if (k < nr && toks[i].start >= r[k].start && toks[i].end <= r[k].end) continue;
        toks[w++] = toks[i];
    }
    return w;
}

annals_status annals_code(annals_coder *c, const annals_article *art, const annals_event **events,
                          size_t *nevents, annals_diag *diag) {
    const annals_lexicon *lex = c->lex;
    *events = NULL;
    *nevents = 0;
    if (diag) memset(diag, 0, sizeof *diag);
    arena_reset(&c->mem);
    c->nout = 0;
    c->nsent_total = 0;
    act_memory_reset(&c->memory);
    c->ww.nm = c->ww.next = 0;
    if (!art || !art->text) return ANNALS_EINVAL;
    const char *text = art->text;
    size_t len = art->text_len;
    sent_ctx sc;
    memset(&sc, 0, sizeof sc);
    sc.art = art;
    int32_t date = date_num(art->date);
    if (date) {
        sc.story_date = art->date;
        when_parse_iso(art->date, strlen(art->date), &sc.story);
    } else if (diag) {
        snprintf(diag->file, sizeof diag->file, "%s", art->file ? art->file : "-");
        diag->line = art->line;
        snprintf(diag->msg, sizeof diag->msg, "article '%s' has no date: coded with story_date null",
                 art->id ? art->id : "");
    }
    if (!c->opt.no_where && !c->gaz && !c->gaz_warned && diag && !diag->msg[0]) {
        /* once per coder: events are still written, with location null */
        snprintf(diag->file, sizeof diag->file, "%s", art->file ? art->file : "-");
        diag->line = art->line;
        snprintf(diag->msg, sizeof diag->msg, "%s; events are coded without places",
                 c->gaz_err[0] ? c->gaz_err : "no gazetteer");
        c->gaz_warned = 1;
    }
    clean_range ranges[256];
    size_t nranges = clean_scan(text, len, ranges, 256);
    size_t pos = 0;
    uint32_t index = 0;
    while (pos < len) {
        size_t start = pos;
        size_t n = txt_tokenize(text, len, &pos, c->toks, CHUNK_TOKENS);
        n = drop_ranges(c->toks, n, ranges, nranges);
        lex_tag(lex, text, c->toks, n, c->memo);
        size_t ns = txt_sentences(text, c->toks, n, c->sents, CHUNK_TOKENS + 1, MAX_SENT_TOKENS);
        /* an incomplete last sentence of a full chunk goes to the next one */
        if (pos < len && ns > 1) {
            pos = c->sents[ns - 1].start;
            ns--;
        }
        for (size_t i = 0; i < ns; i++) {
            sc.index = index++;
            sc.s = &c->sents[i];
            if (code_sentence(c, &sc, text, date)) return ANNALS_ENOMEM;
        }
        c->nsent_total += ns;
        if (pos <= start) break; /* no progress: cannot happen, but never loop */
    }
    if (c->mem.failed) return ANNALS_ENOMEM;
    *events = c->out;
    *nevents = c->nout;
    return ANNALS_OK;
}
