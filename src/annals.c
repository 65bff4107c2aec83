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
};

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
    if (!c->toks || !c->sents || !c->memory.seen_person || !c->memory.state_freq) {
        annals_coder_free(c);
        return ANNALS_ENOMEM;
    }
    if (!c->opt.no_where) {
        char path[1200], regions[1200], err[256];
        snprintf(path, sizeof path, "%s/gazetteer.bin", lex->datadir);
        snprintf(regions, sizeof regions, "%s/regions.txt", lex->datadir);
        if (where_open(path, regions, &c->gaz, err, sizeof err) != 0) c->gaz = NULL;
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
    free(c->memory.state_freq);
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

static void place_event(annals_coder *c, annals_event *e, const char *text, const txt_sentence *s,
                        const act_mention *src, const act_mention *tgt, uint32_t trig_start, uint32_t trig_end,
                        const act_mention *ment, size_t nm) {
    if (!c->gaz) return;
    char ctx[4][4];
    size_t nctx = 0;
    if (src && src->country) memcpy(ctx[nctx++], c->lex->countries[src->country], 4);
    if (tgt && tgt->country) memcpy(ctx[nctx++], c->lex->countries[tgt->country], 4);
    where_span ex[64];
    size_t nex = 0;
    for (size_t k = 0; k < nm && nex < 64; k++) {
        if (ment[k].backref || ment[k].loc) continue;
        ex[nex].start = c->toks[ment[k].ts].start - s->start;
        ex[nex].end = c->toks[ment[k].te - 1].end - s->start;
        nex++;
    }
    where_place pl;
    if (where_find(c->gaz, text + s->start, s->end - s->start, trig_start - s->start, trig_end - s->start,
                   (const char(*)[4])ctx, nctx, ex, nex, &pl) == 1) {
        e->location.name = arena_strndup(&c->mem, pl.name, strlen(pl.name));
        e->location.country = arena_strndup(&c->mem, pl.country, strlen(pl.country));
        e->location.admin1 = pl.admin1[0] ? arena_strndup(&c->mem, pl.admin1, strlen(pl.admin1)) : NULL;
        e->location.lat = pl.lat;
        e->location.lon = pl.lon;
        e->location.geonames_id = pl.geonames_id;
        e->location.precision = pl.precision;
    }
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
    size_t nm = act_find(lex, text, c->toks, s->tok_start, s->tok_end, date, &c->memory, c->ment, 256);
    size_t ne = cod_sentence(lex, c->toks, s->tok_start, s->tok_end, c->ment, nm, c->ev, 256);
    const char *sent_text = NULL;
    for (size_t i = 0; i < ne; i++) {
        const cod_event *ce = &c->ev[i];
        const act_mention *src = &c->ment[ce->src];
        const act_mention *tgt = ce->tgt >= 0 ? &c->ment[ce->tgt] : NULL;
        const lex_code *lc = &lex->codes[ce->code];
        uint32_t tstart = c->toks[ce->ts].start, tend = c->toks[ce->te - 1].end;
        /* the date first: background events may be left out */
        when_result wr;
        memset(&wr, 0, sizeof wr);
        if (!c->opt.no_when && sc->story.y)
            when_resolve(text + s->start, s->end - s->start, tstart - s->start, tend - s->start, sc->story, &wr);
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
            if (wr.text_end > wr.text_start)
                e->date_text = span_str(c, text, s->start + (uint32_t)wr.text_start, s->start + (uint32_t)wr.text_end);
        } else {
            e->date = sc->story_date;
            e->date_precision = "story";
        }
        e->background = background;
        e->source = arena_strndup(&c->mem, src->code, strlen(src->code));
        e->source_country = country_str(c, src);
        e->source_name = span_str(c, text, c->toks[src->ts].start, c->toks[src->te - 1].end);
        if (tgt) {
            e->target = arena_strndup(&c->mem, tgt->code, strlen(tgt->code));
            e->target_country = country_str(c, tgt);
            e->target_name = span_str(c, text, c->toks[tgt->ts].start, c->toks[tgt->te - 1].end);
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
        if (!c->opt.no_where) place_event(c, e, text, s, src, tgt, tstart, tend, c->ment, nm);
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
        /* a protest with no other target is aimed at the protesters' own
         * state ("Algerian landowners began a hunger strike") */
        if (!e->target && lc->root[0] == '1' && lc->root[1] == '4' && src->country &&
            (strlen(src->code) <= 3 || strncmp(src->code + 3, "GOV", 3))) {
            e->target = e->source_country;
            e->target_country = e->source_country;
        }
    }
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
    clean_range ranges[256];
    size_t nranges = clean_scan(text, len, ranges, 256);
    size_t pos = 0;
    uint32_t index = 0;
    while (pos < len) {
        size_t start = pos;
        size_t n = txt_tokenize(text, len, &pos, c->toks, CHUNK_TOKENS);
        n = drop_ranges(c->toks, n, ranges, nranges);
        lex_tag(lex, text, c->toks, n);
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
