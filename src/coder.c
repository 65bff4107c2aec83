/*
 * coder.c: from a sentence's tokens and actors to events.
 *
 * For each token, the event patterns anchored on its word (or lemma) are
 * tried; the longest match wins and consumes its words (stop patterns
 * consume without coding, so "released footage" never becomes 084).  Each
 * trigger then gets its actors:
 *   - clauses: subordinators (as, while, which, who ...) open hard clause
 *     boundaries, dashes and semicolons soft ones; the subject of a verb is
 *     the nearest actor before it in its clause, looking through soft
 *     boundaries (an apposition between dashes), never through hard ones;
 *     a relative clause ("X, who met Y") takes the antecedent;
 *   - a capitalised unknown word right before the verb is an unknown subject
 *     (an analyst, a company): nothing is coded rather than a wrong actor;
 *   - passives ("was boycotted by X") swap: X is the source; so do
 *     headline and reduced passives ("UN workers abducted in Afghanistan");
 *     violence with no attacker named ("killed by a roadside bomb", "a
 *     mortar attack killed") gets COD_UNIDENTIFIED as source (annals.c:
 *     the place's UAF, or its police for arrests), never in accidents;
 *   - nouns take their source from the possessive or adjective before them
 *     ("Russia's invasion", "Russian troops"), a by-phrase, or slots;
 *   - objects of prepositions, appositions and of-objects are looked through
 *     for the subject; a verb coordinated by "and"/"but" keeps the subject
 *     of the verb before; "..., said X" makes X the speaker; closing
 *     attributions and "according to X" are reporters, never actors;
 *   - the target is the pattern's +T slot, the first actor after it in the
 *     clause, the subject of a that-clause after a demand or appeal, or for
 *     located events (cod_located: visits, force, protest, violence) a
 *     place; an object left out ("promised to boycott,") points at the
 *     place named before it;
 *   - negation codes nothing ("failed to arrest" too), a refusal ("would
 *     not provide", "refused to commit") codes the refusal through
 *     intent.txt; future and intent ("is to meet", headline "X to visit",
 *     "agreed in principle to provide", the purpose of an act to come) map
 *     through intent.txt, "threatened to V" to the threat of V; if-clauses
 *     and could/might code nothing;
 *   - "X wants/urged Y to V" codes the appeal (020) or demand (100) on Y and
 *     not V; "X said Y must V" is a demand on Y ("Y would face consequences"
 *     a threat); "..., as did Z" repeats the
 *     event before for Z;
 *   - compound actors give one event per member; a compound source with no
 *     target gives the reciprocal events of cooperative roots and of
 *     agreeing or signing; mutual codes (talks, calls, negotiations,
 *     agreements) with a target are coded from both sides;
 *   - "clashes between A and B" code both sides; acts someone is charged
 *     with or an inquiry looks into, participles used as adjectives and
 *     games code nothing;
 *   - a by-phrase, an actor inside a relative clause and a plain noun
 *     right before the verb lend it no subject; acts averted, faced,
 *     proposed or opposed, forecasts ("likely to"), aims ("on easing
 *     tensions") and what a demand asks code nothing; what talks are
 *     about is no partner; a threat is aimed at its if/unless clause's
 *     subject;
 *   - allegations(): a state saying another side used force accuses it
 *     (112), saying it did so itself claims it (015); a monitor accuses a
 *     state's forces at home too; crowds that destroy or attack riot (145);
 *   - a source and target of the same state lose the target (a resolution
 *     error in foreign news) unless a state acts on a group inside it, and
 *     plain statements (010, also a state's closing "..., the ministry
 *     said") are kept only when nothing else in the sentence codes.
 */
#include "coder.h"
#include <stddef.h>
#include <string.h>

enum { B_NONE = 0, B_SOFT = 1, B_HARD = 2 };
enum { UNIDENTIFIED = COD_UNIDENTIFIED };

typedef struct match {
    uint32_t ts, te;      /* trigger tokens (first to last matched word) */
    uint32_t anchor;
    const lex_pattern *pat;
    int32_t slot_s, slot_t; /* mention index bound to +S/+T, -1 */
    uint32_t end;         /* token after the match */
} match;

/* ------------------------------------------------------------ clauses */

static void clause_bounds(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t te,
                          uint8_t *bnd) {
    for (uint32_t i = ts; i < te; i++) {
        const txt_token *t = &toks[i];
        uint8_t b = B_NONE;
        if (t->kind == TXT_PUNCT) {
            if (t->punct == ';' || t->punct == ':' || (t->flags & TXT_DASH) || t->punct == '(' || t->punct == ')')
                b = B_SOFT;
            if (t->punct == '"' ) b = B_SOFT;
        } else if (t->word) {
            uint32_t c = lex->words[t->word].cls;
            /* "once again", "so far": an adverb, not a clause */
            if ((c & W_SUBORD) && !((c & W_ADV) && i + 1 < te && (lex_cls(lex, &toks[i + 1]) & W_ADV))) b = B_HARD;
        }
        bnd[i - ts] = b;
    }
}

/* ------------------------------------------------------------ matching */

static int skippable(const annals_lexicon *lex, const txt_token *t) {
    return t->word && (lex->words[t->word].cls & (W_DET | W_POSSPRON | W_PRON_POSS));
}

static int mention_ending(const act_mention *m, size_t nm, uint32_t at) {
    for (size_t k = 0; k < nm; k++)
        if (m[k].te == at && !m[k].loc) return (int)k;
    return -1;
}

static int mention_at(const act_mention *m, size_t nm, uint32_t tok) {
    for (size_t k = 0; k < nm; k++)
        if (m[k].ts == tok) return (int)k;
    return -1;
}


/* The mention a noun phrase at token q starts with: one that takes in its
 * determiner ("the UN") or one after the determiners ("the Russian side"). */
static int mention_np(const annals_lexicon *lex, const txt_token *toks, uint32_t te, const act_mention *m, size_t nm,
                      uint32_t q) {
    int k = q < te ? mention_at(m, nm, q) : -1;
    if (k >= 0) return k;
    while (q < te && skippable(lex, &toks[q])) q++;
    return q < te ? mention_at(m, nm, q) : -1;
}

/* A verb right after "and", "but" or "or" (through a comma, auxiliaries
 * and adverbs): the second verb of a coordination, with no subject of its
 * own. */
static int coordinated(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t at) {
    uint32_t k = at;
    while (k > ts && (lex_cls(lex, &toks[k - 1]) & (W_AUX | W_BE | W_ADV | W_NEG | W_FUTURE | W_CONDMOD))) k--;
    if (k <= ts + 1) return 0;
    const txt_token *c = &toks[k - 1];
    if (!(lex_cls(lex, c) & W_COORD) && !lex_tok_is(c, lex->w_but) && !lex_tok_is(c, lex->w_or)) return 0;
    return 1;
}

/* "reject proposed Israeli changes": a participle before an actor
 * adjective or name modifies the noun; it is not the next verb */
static int modifier(const annals_lexicon *lex, const txt_token *toks, uint32_t at, uint32_t te,
                    const act_mention *m, size_t nm) {
    if (at == 0 || at + 1 >= te || !lex_verb_form(lex, &toks[at])) return 0;
    const txt_token *b = &toks[at - 1], *t = &toks[at], *n = &toks[at + 1];
    for (size_t q = 0; q < nm; q++)
        if (m[q].ts < at && at <= m[q].te) return 0; /* "Russian troops attacked" */
    /* "the alleged plot", "in occupied territories", "his jailed aides",
     * "eight alleged members": a past participle between a determiner,
     * preposition or number and a noun */
    /* ("Saddam's jailed aides", "freed convicted spy Azzam Azzam") */
    int after_trigger = (b->word && lex->pat_first_start[b->word] < lex->pat_first_start[b->word + 1]) ||
                        (b->lemma && lex->pat_first_start[b->lemma] < lex->pat_first_start[b->lemma + 1]);
    if (b->kind == TXT_WORD && (lex_cls(lex, b) & W_ADV) && at >= 2 && (lex_cls(lex, &toks[at - 2]) & W_DET))
        b = &toks[at - 2]; /* "a widely opposed change" */
    if (t->word != t->lemma &&
        ((lex_cls(lex, b) & (W_DET | W_POSSPRON | W_PREP)) || b->kind == TXT_NUM || lex_tok_is(b, lex->w_s) ||
         (after_trigger && b->word != b->lemma && !lex_cls(lex, b))) &&
        !lex_tok_is(b, lex->w_by) && !lex_tok_is(b, lex->w_to) && n->kind == TXT_WORD &&
        !(lex_cls(lex, n) & (W_PREP | W_DET | W_SUBORD | W_COORD | W_BE | W_AUX))) {
        const char *w = lex_word_str(lex, t->word);
        size_t len = strlen(w);
        if (len > 2 && w[len - 2] == 'e' && w[len - 1] == 'd') return 1;
    }
    /* right after a determiner or another event verb, not after a subject */
    int after_verb = (b->word && lex->pat_first_start[b->word] < lex->pat_first_start[b->word + 1]) ||
                     (b->lemma && lex->pat_first_start[b->lemma] < lex->pat_first_start[b->lemma + 1]);
    /* ("meets with visiting Iraqi Prime Minister": a participle after a
     * preposition before an actor) */
    int after_prep = (lex_cls(lex, b) & W_PREP) && !lex_tok_is(b, lex->w_to) && !lex_tok_is(b, lex->w_by);
    if (!(lex_cls(lex, b) & W_DET) && !after_verb && !after_prep) return 0;
    /* ("gave a visiting U.N. official a message": after a determiner too) */
    int after_det = (lex_cls(lex, b) & W_DET) != 0;
    for (size_t q = 0; q < nm; q++)
        if (m[q].ts == at + 1 && (m[q].kind == AK_ADJ || ((after_prep || after_det) && !m[q].loc))) return 1;
    return 0;
}

static int s_plural(const char *w);

/* A plural actor ends right before token at ("Palestinians investigate",
 * "rebels attack"): a base form after it is a verb, not a noun ("the
 * Chile-Bolivia pardon row"). */
static int plural_subject(const annals_lexicon *lex, const txt_token *toks, const act_mention *m, size_t nm,
                          uint32_t at) {
    int k = mention_ending(m, nm, at);
    if (k < 0) return 0;
    return m[k].people || m[k].group >= 0 || m[k].kind == AK_AGENT ||
           (toks[at - 1].word && s_plural(lex_word_str(lex, toks[at - 1].word)));
}

/* a word ending in a plural's s ("sides", not "such" or "across") */
static int s_plural(const char *w) {
    size_t n = strlen(w);
    return n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u';
}

/* "04" -> 4 */
static int root_num(const char *root) { return (root[0] - '0') * 10 + (root[1] - '0'); }

/* Is the token's lemma (or, with none, the word) one of list?  For the
 * short word lists of the rules below. */
static int lemma_in(const annals_lexicon *lex, const txt_token *t, const char *const *list) {
    uint32_t id = t->lemma ? t->lemma : t->word;
    if (!id) return 0;
    const char *w = lex_word_str(lex, id);
    for (; *list; list++) /* (the first letter first: most calls fail there) */
        if (w[0] == (*list)[0] && !strcmp(w, *list)) return 1;
    return 0;
}

/* Verbs by which a text reaches the public ("a tape released by bin
 * Laden's deputy", "a report published in Kigali"): its author speaks. */
static const char *const published[] = {"release", "released", "issue", "issued", "publish", "published", "post",
                                        "posted", "sign", "signed", "broadcast", "air", "aired", "send", "sent",
                                        "write", "written", "record", "recorded", "unveil", "unveiled", NULL};
/* The dead, who act no more ("Arafat's body arrives in Cairo"). */
static const char *const corpse[] = {"body", "bodies", "remains", "coffin", "corpse", "ashes", NULL};

/* Does a noun phrase end at token k: the sentence's end, punctuation or a
 * preposition that opens a complement ("the Israel visit.", "Iran talks
 * on ...", not "Russia cut off gas")? */
static int np_end(const annals_lexicon *lex, const txt_token *toks, uint32_t k, uint32_t te) {
    static const char *const comp[] = {"with", "on", "in", "at", "between", "over", "during", "of", "by", NULL};
    return k >= te || toks[k].kind == TXT_PUNCT || lemma_in(lex, &toks[k], comp);
}

/* Is the token a verbal prefix of list ("re-", "co-")?  By the lexicon's
 * word; a word the lexicon lacks counts when it has three letters or
 * fewer (short prefixes no dictionary interns). */
static int text_prefix(const annals_lexicon *lex, const txt_token *t, const char *const *list) {
    if (!t->word) return t->end - t->start <= 3; /* ("re", "co": unknown short pieces) */
    const char *w = lex_word_str(lex, t->word);
    for (; *list; list++)
        if (!strcmp(w, *list)) return 1;
    return 0;
}

/* Append an event; NULL when out is full. */
static cod_event *emit(cod_event *out, size_t *ne, size_t cap, int src, int tgt, int code, uint32_t ts,
                       uint32_t te, int statement) {
    if (*ne >= cap) return NULL;
    cod_event *e = &out[(*ne)++];
    e->src = src;
    e->tgt = tgt;
    e->code = code;
    e->ts = ts;
    e->te = te;
    e->statement = statement;
    e->from_te = 0;
    return e;
}

static int try_pattern(const annals_lexicon *lex, const txt_token *toks, uint32_t i, uint32_t te,
                       const uint8_t *bnd, uint32_t ts, const act_mention *m, size_t nm, const lex_pattern *p,
                       const lex_wordset *present, match *out) {
    uint32_t pos = i;
    const lex_elem *el = &lex->elems[p->elem];
    /* every required word must occur somewhere in the sentence */
    if (!lex_wordset_all(p->need, present)) return 0;
    /* a noun trigger is the noun, not a verb form of it ("dealing a blow"
     * is no "deal", "crowded" no "crowd") */
    if (p->noun && toks[i].word != el[0].alt[0] && lex_verb_form(lex, &toks[i])) return 0;
    for (uint8_t e = 1; e < p->nelem; e++)
        if (el[e].type == E_WORD && !el[e].opt && el[e].nalt > 1 && !lex_elem_possible(&el[e], present)) return 0;
    out->slot_s = out->slot_t = -1;
    out->ts = i;
    out->te = i + 1;
    for (uint8_t e = 0; e < p->nelem; e++) {
        const lex_elem *x = &el[e];
        if (x->type == E_WORD) {
            uint32_t q = pos;
            if (e > 0)
                while (q < te && skippable(lex, &toks[q])) q++;
            int ok = 0;
            if (q < te)
                for (uint8_t a = 0; a < x->nalt; a++)
                    if (lex_tok_is(&toks[q], x->alt[a])) {
                        ok = 1;
                        break;
                    }
            if (!ok) {
                if (x->opt) continue;
                return 0;
            }
            pos = q + 1;
            out->te = pos;
        } else if (x->type == E_GAP) {
            /* lazily: find the next word element within 4 tokens */
            const lex_elem *nx = e + 1 < p->nelem ? &el[e + 1] : NULL;
            if (!nx) continue;
            uint32_t lim = pos + 5;
            int found = 0;
            for (uint32_t q = pos; q < te && q < lim; q++) {
                if (q > pos && bnd[q - ts] == B_HARD) break;
                /* "nearly 25,000 tons of": a number counts for nothing */
                if (toks[q].kind == TXT_NUM) lim++;
                /* "a day-old blockade": a hyphenated word counts once */
                if (toks[q].kind == TXT_PUNCT && toks[q].punct == '-' && !(toks[q].flags & TXT_SPACE) && q + 1 < te &&
                    !(toks[q + 1].flags & TXT_SPACE))
                    lim += 2;
                if (nx->type == E_WORD) {
                    for (uint8_t a = 0; a < nx->nalt; a++)
                        if (lex_tok_is(&toks[q], nx->alt[a])) found = 1;
                } else {
                    if (mention_at(m, nm, q) >= 0) found = 1;
                }
                if (found) {
                    pos = q;
                    break;
                }
                /* "attacked by demonstrators": the agent, not the object
                 * (an idiom may pass it: "a fight by the soldiers for
                 * the right to") */
                if (!p->stop && lex_tok_is(&toks[q], lex->w_by)) break;
            }
            if (!found) return 0;
        } else { /* slot */
            uint32_t q = pos;
            while (q < te && skippable(lex, &toks[q])) q++;
            int k = -1;
            if (e + 1 == p->nelem) {
                /* a final slot: the first actor within a few tokens, not
                 * past a preposition or "each other" */
                for (uint32_t r = pos; r < te && r < q + 4 && k < 0; r++) {
                    /* ("court for his part": no object) */
                    if ((r > q && bnd[r - ts]) || (r >= q && (lex_cls(lex, &toks[r]) & W_PREP))) break;
                    if (r + 1 < te && (lex_cls(lex, &toks[r]) & W_RECIP) && (lex_cls(lex, &toks[r + 1]) & W_RECIP))
                        break;
                    k = mention_at(m, nm, r); /* also one taking in its determiner: "the UN" */
                    /* "warns its missiles can hit": the subject's own */
                    if (k >= 0 && m[k].bare && m[k].ts > 0 && (lex_cls(lex, &toks[m[k].ts - 1]) & W_POSSPRON)) k = -1;
                }
            } else {
                k = mention_np(lex, toks, te, m, nm, pos);
            }
            if (k < 0) return 0;
            if (x->type == E_SLOT_S) out->slot_s = k;
            else out->slot_t = k;
            /* skip the whole group, not just its first member */
            uint32_t end = m[k].te;
            for (size_t g = 0; g < nm; g++)
                if (m[k].group >= 0 && m[g].group == m[k].group && m[g].te > end && m[g].ts >= m[k].ts)
                    end = m[g].te;
            if (e + 1 < p->nelem && el[e + 1].type == E_WORD) end = m[k].te; /* "between A and B" */
            pos = end;
        }
    }
    out->end = pos;
    out->anchor = i;
    out->pat = p;
    return 1;
}

/* Try pattern index entry k at token i; keep the best match: more words,
 * then (as many words) the tighter one, "launched a probe" over "launch *
 * bombing". */
static void try_ref(const annals_lexicon *lex, const txt_token *toks, uint32_t i, uint32_t te, const uint8_t *bnd,
                    uint32_t ts, const act_mention *m, size_t nm, const lex_wordset *present, uint32_t k, match *best,
                    int *have) {
    const struct lex_pat_ref *ref = &lex->pat_ref[k];
    if (*have && ref->nwords < best->pat->nwords) return;
    if (!lex_wordset_all(ref->need, present)) return;
    const lex_pattern *p = &lex->patterns[lex->pat_first[k]];
    match mt;
    if (!try_pattern(lex, toks, i, te, bnd, ts, m, nm, p, present, &mt)) return;
    if (*have && p->nwords == best->pat->nwords && (mt.te - mt.ts) >= (best->te - best->ts)) return;
    *best = mt;
    *have = 1;
}

static size_t find_triggers(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t te,
                            const lex_wordset *present, const uint8_t *bnd, const act_mention *m, size_t nm,
                            match *out, size_t cap) {
    size_t n = 0;
    size_t caps = 0, words = 0;
    for (uint32_t i = ts; i < te; i++)
        if (toks[i].kind == TXT_WORD) {
            words++;
            if (toks[i].flags & TXT_CAP) caps++;
        }
    int title_case = words >= 3 && caps * 10 >= words * 6;
    /* tokens inside a mention (not back-references) start no trigger */
    uint8_t inside_m[512];
    memset(inside_m, 0, te - ts);
    for (size_t q = 0; q < nm; q++)
        if (!m[q].backref)
            for (uint32_t r = m[q].ts; r < m[q].te && r < te; r++)
                if (r >= ts) inside_m[r - ts] = 1;
    for (uint32_t i = ts; i < te && n < cap;) {
        const txt_token *t = &toks[i];
        match best;
        int have = 0;
        if (inside_m[i - ts] || (i > ts && (t->flags & TXT_CAP) && !title_case &&
                       !(toks[i - 1].kind == TXT_PUNCT && toks[i - 1].punct == '"'))) {
            i++;
            continue;
        }
        if (t->word) {
            uint32_t keys[3] = {t->word, t->lemma, t->lemma2};
            for (int kk = 0; kk < 3; kk++) {
                uint32_t key = keys[kk];
                if (!key || (kk > 0 && (key == keys[0] || (kk == 2 && key == keys[1])))) continue;
                uint32_t a = lex->pat_first_start[key], b = lex->pat_first_start[key + 1];
                if (b - a <= 8) {
                    for (uint32_t k = a; k < b; k++)
                        try_ref(lex, toks, i, te, bnd, ts, m, nm, present, k, &best, &have);
                    continue;
                }
                /* a long bucket ("call ..."): the patterns whose second word
                 * may be anywhere, then only those whose second word is the
                 * next word (entries sorted by it) */
                uint32_t k = a;
                for (; k < b && !lex->pat_ref[k].second; k++)
                    try_ref(lex, toks, i, te, bnd, ts, m, nm, present, k, &best, &have);
                uint32_t q = i + 1;
                while (q < te && skippable(lex, &toks[q])) q++;
                if (q >= te || k == b) continue;
                uint32_t nk[3] = {toks[q].word, toks[q].lemma, toks[q].lemma2};
                for (int v = 0; v < 3; v++) {
                    uint32_t w = nk[v];
                    if (!w || (v > 0 && (w == nk[0] || (v == 2 && w == nk[1])))) continue;
                    uint32_t lo = lex_bucket_find(lex->pat_ref, sizeof *lex->pat_ref,
                                                  offsetof(struct lex_pat_ref, second), k, b, w);
                    for (uint32_t r = lo; r < b && lex->pat_ref[r].second == w; r++)
                        try_ref(lex, toks, i, te, bnd, ts, m, nm, present, r, &best, &have);
                }
            }
        }
        /* the first half of a hyphenated modifier ("war-torn", "peace-loving")
         * is no trigger */
        if (have && best.te == i + 1 && i + 2 < te && toks[i + 1].kind == TXT_PUNCT && toks[i + 1].punct == '-' &&
            !(toks[i + 1].flags & TXT_SPACE) && !(toks[i + 2].flags & TXT_SPACE))
            have = 0;
        if (have) {
            out[n++] = best;
            i = best.te > i ? best.te : i + 1;
        } else {
            i++;
        }
    }
    return n;
}

/* ------------------------------------------------------------ actors */

static int usable_subject(const act_mention *x) {
    return !x->reporter && x->kind != AK_ADJ && !x->poss && !x->loc;
}

/* "alongside Russia", "between A and B", "with China", "by Libya": the
 * object of a preposition is not the subject of the verb that follows
 * (passives find their agent in by_phrase). */
static int prep_object(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, const act_mention *x) {
    uint32_t i = x->ts;
    if (i > ts && (lex_cls(lex, &toks[i - 1]) & W_DET)) i--;
    if (i <= ts) return 0;
    /* ("at Two Buenos Aires Banks": through a number, not after a word
     * that rounds it: "about 200 supporters", "up to 100") */
    static const char *const approx[] = {"about", "around", "over", "under", "nearly", "almost", "some", "to",
                                         "than", "roughly", "approximately", NULL};
    if (i > ts + 1 && toks[i - 1].kind == TXT_NUM && !lemma_in(lex, &toks[i - 2], approx)) i--;
    const txt_token *p = &toks[i - 1];
    /* "including A and B" explains the noun before it: the subject */
    uint32_t c = lex_cls(lex, p);
    /* "in defiance of Chinese authorities", "in front of the embassy" (not
     * "on behalf of", which names who acts) */
    static const char *const behalf[] = {"behalf", NULL};
    if (lex_tok_is(p, lex->w_of) && i >= ts + 3 && toks[i - 2].kind == TXT_WORD && !lex_cls(lex, &toks[i - 2]) &&
        !lemma_in(lex, &toks[i - 2], behalf) && (lex_cls(lex, &toks[i - 3]) & W_PREP) && !lex_tok_is(&toks[i - 3], lex->w_by) &&
        !lex_tok_is(&toks[i - 3], lex->w_of))
        return 1;
    /* (a by-phrase before a verb is a passive's inside its subject:
     * "Eritreans deported by Libya hijack a plane"; but "a tape released
     * by bin Laden's deputy calls for" speaks for its author) */
    if (lex_tok_is(p, lex->w_by) && i >= ts + 2 && lemma_in(lex, &toks[i - 2], published)) return 0;
    return (c & W_PREP) && !(c & W_SUBORD) && !lex_tok_is(p, lex->w_including) &&
           !lex_tok_is(p, lex->w_of); /* "a group of Moroccan diplomats" */
}

/* "Karen Donfried, US Assistant Secretary of State for European Affairs,
 * was ...": the apposition ending at the comma `at` holds an official's
 * title, so the capitalised words in it are no unknown subject. */
static int titled_apposition(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t at,
                             const act_mention *m, size_t nm) {
    uint32_t a = at;
    while (a > ts && !(toks[a - 1].kind == TXT_PUNCT && toks[a - 1].punct == ',')) a--;
    if (a <= ts) return 0;
    (void)lex;
    for (size_t q = 0; q < nm; q++)
        if (m[q].ts >= a && m[q].te <= at && !m[q].loc && (m[q].kind == AK_AGENT || m[q].kind == AK_PERSON))
            return 1;
    return 0;
}

/* The nearest actor before token `at` in its clause.  Returns mention index,
 * -1 none, -2 blocked by an unknown named subject. */
/* "The Syrian Observatory, a group that tracks the war, said": the actor
 * before an apposition (a noun phrase with a clause of its own) that ends
 * at the comma at token comma; -1 */
static int apposed_subject(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t comma,
                           const act_mention *m, size_t nm) {
    uint32_t o = comma;
    while (o > ts && comma - o < 16 && !(toks[o - 1].kind == TXT_PUNCT && toks[o - 1].punct == ',')) o--;
    /* (or an adjunct: "Putin, after meeting Xi, criticized", "al-Bashir,
     * following the peace deal, has taken", "Russia, in a statement,
     * said") */
    if (o <= ts + 1 || o >= comma || !(lex_cls(lex, &toks[o]) & (W_DET | W_SUBORD | W_PREP))) return -1;
    int h = mention_ending(m, nm, o - 1);
    return h >= 0 && usable_subject(&m[h]) && !prep_object(lex, toks, ts, &m[h]) ? h : -1;
}

/* "a group that claimed to have kidnapped two French journalists said",
 * "Blair, who is one of the United States' allies, will meet": the actor
 * at token k is inside a relative clause (after "that", "who", "which"
 * and that clause's own verb), never the subject of a verb after it. */
static int in_relative(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t k, const uint8_t *bnd) {
    static const char *const rel[] = {"that", "who", "which", "whom", NULL};
    int verb = 0;
    for (uint32_t q = k; q > ts && k - q < 24; q--) {
        const txt_token *t = &toks[q - 1];
        if (bnd[q - 1 - ts] == B_HARD) {
            if (!verb || !lemma_in(lex, t, rel) || q - 1 <= ts) return 0;
            const txt_token *a = &toks[q - 2]; /* the antecedent ("Blair, who") */
            if (a->kind == TXT_PUNCT && a->punct == ',' && q - 2 > ts) a = &toks[q - 3];
            return a->kind == TXT_WORD && !(lex_cls(lex, a) & (W_REPORT | W_PREP));
        }
        if (t->kind == TXT_WORD && (lex_verb_form(lex, t) || (lex_cls(lex, t) & (W_BE | W_REPORT)))) verb = 1;
        /* ("a country that borders Ukraine, said Russian troops ...": the
         * comma closed it) */
        if (t->kind == TXT_PUNCT && t->punct == ',') return 0;
    }
    return 0;
}

static int subject_before(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t at,
                          const uint8_t *bnd, const act_mention *m, size_t nm, int allow_adj) {
    /* the words right before the verb: skip auxiliaries, adverbs, modals */
    uint32_t k = at, comma = 0;
    while (k > ts) {
        const txt_token *t = &toks[k - 1];
        uint32_t c = lex_cls(lex, t);
        if (c & (W_AUX | W_BE | W_ADV | W_NEG | W_FUTURE | W_CONDMOD | W_INTENT)) {
            k--;
            continue;
        }
        if (t->kind == TXT_PUNCT && t->punct == ',') {
            if (!comma) comma = k - 1;
            k--;
            continue;
        }
        /* "X on Thursday met Y": a date between subject and verb */
        if (k < at && (c & W_PREP) && (lex_cls(lex, &toks[k]) & W_ADV) && (toks[k].flags & TXT_CAP)) {
            k--;
            continue;
        }
        break;
    }
    if (comma) {
        int h = apposed_subject(lex, toks, ts, comma, m, nm);
        if (h >= 0) return h;
    }
    if (k > ts) {
        const txt_token *t = &toks[k - 1];
        int in_mention = 0;
        for (size_t q = 0; q < nm; q++) /* inside, or the rest of a name right after one */
            if (m[q].ts < k && (k <= m[q].te || (k == m[q].te + 1 && !m[q].loc))) in_mention = 1;
        /* ("the Washington Post said": a place's name starts another name) */
        /* "..., witnesses said", "Jiji news agency said": a speaker who is no
         * actor; the actor before it did not speak */
        if ((lex_cls(lex, &toks[at]) & W_REPORT) && t->kind == TXT_WORD && !(t->flags & TXT_CAP) && !lex_cls(lex, t) &&
            !lex_verb_form(lex, t) && !in_mention) {
            /* (unless an actor heads the phrase: "the Bush administration",
             * "the UN's nuclear watchdog", "Hizbollah (Party of God) group") */
            int own = 0;
            for (uint32_t r = k - 1, n = 0; r > ts && n < 6 && !own; r--, n++) {
                const txt_token *x = &toks[r - 1];
                if (x->kind == TXT_PUNCT && x->punct != '(' && x->punct != ')' && x->punct != '\'') break;
                for (size_t q = 0; q < nm; q++)
                    if (m[q].te == r && !m[q].loc) own = 1;
                if (x->kind == TXT_WORD && (lex_cls(lex, x) & (W_PREP | W_SUBORD | W_COORD | W_REPORT))) break;
            }
            if (!own) return -1;
        }
        /* ("police in Jericho confiscated": a place, not a subject) */
        uint32_t nb = k - 1;
        while (nb > ts && toks[nb - 1].kind == TXT_WORD && (toks[nb - 1].flags & TXT_CAP) && !lex_cls(lex, &toks[nb - 1]))
            nb--;
        /* ("near the town of Samarra killed") */
        for (int n = 0; n < 4 && nb > ts + 1 && (lex_cls(lex, &toks[nb - 1]) & (W_REGION | W_DET)); n++) nb--;
        int place = nb > ts && (lex_cls(lex, &toks[nb - 1]) & W_LOCPREP);
        if (!in_mention && !place && t->kind == TXT_WORD && (t->flags & TXT_CAP) &&
            !(lex_cls(lex, t) & ~W_REGION) && k - 1 > ts &&
            !(comma && titled_apposition(lex, toks, ts, comma, m, nm)))
            return -2;
        /* "said Saddam's jailed top aides had begun a hunger strike": a
         * plain noun right before the verb is its subject, an unknown one
         * (not one after a preposition: "forces in the east attacked") */
        int infinitive = 0; /* ("has taken steps to enhance": not the steps') */
        for (uint32_t q = k; q < at; q++)
            if (lex_tok_is(&toks[q], lex->w_to)) infinitive = 1;
        if (!in_mention && !comma && !infinitive && t->kind == TXT_WORD && !(t->flags & TXT_CAP) &&
            !(lex_cls(lex, t) & ~W_PERSONNOUN) && !lex_sem(lex, t) && !lex_verb_form(lex, t)) {
            /* (an actor naming the noun's owner, "EU foreign ministers",
             * or joined to it, "the US and its allies", is the subject; a
             * person's people are not: "Saddam's aides") */
            uint32_t b = k - 1;
            int owner = 0, det = 0; /* (det: a determiner or possessive starts the phrase) */
            while (b > ts && k - b < 7) {
                const txt_token *y = &toks[b - 1];
                int q = mention_ending(m, nm, b);
                if (q >= 0) {
                    if (!(m[q].poss && m[q].kind == AK_PERSON)) owner = 1;
                    b = m[q].ts;
                    continue;
                }
                if (lex_tok_is(y, lex->w_s)) {
                    det = 1;
                    b--;
                    continue;
                }
                if (y->kind == TXT_WORD &&
                    !(lex_cls(lex, y) & ~(W_DET | W_ADV | W_POSSPRON | W_REGION | W_PERSONNOUN | W_TITLE)) &&
                    !lex_tok_is(y, lex->w_to)) {
                    if (lex_cls(lex, y) & (W_DET | W_POSSPRON)) det = 1;
                    b--;
                    continue;
                }
                break;
            }
            int joined = b > ts + 1 && ((lex_cls(lex, &toks[b - 1]) & W_COORD) || lex_tok_is(&toks[b - 1], lex->w_with) ||
                                        (toks[b - 1].kind == TXT_PUNCT && toks[b - 1].punct == ','));
            /* (a word the lexicon lacks may be an adverb, unless a
             * determiner makes the phrase a noun's) */
            int noun = t->word ? s_plural(lex_word_str(lex, t->word)) : det;
            /* (-1, not -2: "air strikes killed" may still be a weapon's) */
            if (noun && !owner && !joined && !(b > ts && (lex_cls(lex, &toks[b - 1]) & W_PREP))) return -1;
        }
        /* "Arafat's body arrives in Cairo": the dead travel no more */
        {
            if (!comma && t->kind == TXT_WORD && lemma_in(lex, t, corpse)) return -1;
        }
    }
    int best = -1;
    for (int pass = 0; pass < 2 && best < 0; pass++)
    for (size_t q = 0; q < nm; q++) {
        const act_mention *x = &m[q];
        int ok = usable_subject(x) || (pass == 1 && x->poss && x->kind != AK_ADJ && !x->loc) ||
                 (x->kind == AK_ADJ && x->te == at && !x->poss); /* "Israeli Held Meetings": a person */
        if (x->te > at || (!ok && !(allow_adj && x->kind == AK_ADJ && x->te + 2 >= at))) continue;
        if (x->reporter || prep_object(lex, toks, ts, x)) continue;
        if (x->group >= 0 && x->group != (int32_t)q && prep_object(lex, toks, ts, &m[x->group])) continue;
        if (in_relative(lex, toks, ts, x->ts, bnd)) continue;
        /* ("calling him an idiot, and said": an object pronoun) */
        static const char *const objpron[] = {"him", "them", "us", "me", "whom", NULL};
        if (x->backref && x->te == x->ts + 1 && lemma_in(lex, &toks[x->ts], objpron)) continue;
        /* a hard boundary between the mention and the verb ends the search */
        int hard = 0;
        for (uint32_t r = x->te; r < at; r++)
            if (bnd[r - ts] == B_HARD) hard = 1;
        if (hard) continue;
        if (best < 0 || x->te > m[best].te || (x->te == m[best].te && x->ts < m[best].ts)) best = (int)q;
    }
    if (best >= 0) {
        /* "Pakistan, a key U.S. ally in the war, has refused": the actor
         * inside an apposition describes the subject before it */
        uint32_t c1 = m[best].ts;
        while (c1 > ts && c1 + 6 > m[best].ts && toks[c1 - 1].kind == TXT_WORD) c1--;
        int close = 0;
        for (uint32_t r = m[best].te; r < at; r++)
            if (toks[r].kind == TXT_PUNCT && toks[r].punct == ',') close = 1;
        /* ("Israeli tanks, backed by helicopter gunships, stormed": a
         * participle phrase describes it too) */
        if (close && c1 > ts + 1 && c1 < m[best].ts && toks[c1 - 1].kind == TXT_PUNCT && toks[c1 - 1].punct == ',' &&
            ((lex_cls(lex, &toks[c1]) & W_DET) ||
             (toks[c1].word != toks[c1].lemma && lex_verb_form(lex, &toks[c1]) && c1 + 1 < m[best].ts &&
              (lex_cls(lex, &toks[c1 + 1]) & W_PREP)))) {
            int before = -1; /* ("Israeli tanks and bulldozers, ...") */
            for (uint32_t e = c1 - 1; e > ts && e + 3 >= c1 && before < 0 && toks[e - 1].kind == TXT_WORD; e--)
                before = mention_ending(m, nm, e);
            if (before >= 0 && usable_subject(&m[before])) best = before;
        }
        /* "the Turkish and Greek sides of the divided island of Cyprus have
         * agreed": the head before "of" is the subject, not the of-object */
        for (uint32_t r = m[best].ts, n = 0; r > ts + 1 && n < 8; r--, n++) {
            const txt_token *t = &toks[r - 1];
            if (lex_tok_is(t, lex->w_of)) {
                /* ("the body of late President Arafat has arrived") */
                if (r >= ts + 2 && lemma_in(lex, &toks[r - 2], corpse)) return -1;
                int h = mention_ending(m, nm, r - 1);
                if (h >= 0 && usable_subject(&m[h]) && m[h].kind != AK_STATE) {
                    best = h;
                    break;
                }
                continue;
            }
            if ((t->kind != TXT_WORD && t->kind != TXT_NUM) || (lex_cls(lex, t) & ~(W_DET | W_ADV)) ||
                mention_ending(m, nm, r) >= 0)
                break; /* ("kidnappers of seven employees of a Kuwaiti company said") */
        }
        /* "Russian aircraft including helicopter gunships killed": the
         * noun that "including" explains is the subject */
        {
            uint32_t b0 = m[best].ts;
            if (b0 > ts && (lex_cls(lex, &toks[b0 - 1]) & W_DET)) b0--;
            if (b0 > ts + 1 && lex_tok_is(&toks[b0 - 1], lex->w_including)) {
                uint32_t e0 = b0 - 1;
                if (e0 > ts && toks[e0 - 1].kind == TXT_PUNCT && toks[e0 - 1].punct == ',') e0--;
                int h = mention_ending(m, nm, e0);
                if (h >= 0 && usable_subject(&m[h])) best = h;
            }
        }
        /* a group's first member represents it */
        int32_t g = m[best].group;
        if (g >= 0)
            for (size_t q = 0; q < nm; q++)
                if (m[q].group == g) return (int)q;
        return best;
    }
    /* relative clause: "X, who met Y" */
    uint32_t r = at;
    while (r > ts && bnd[r - 1 - ts] != B_HARD) r--;
    if (r > ts) {
        const txt_token *sub = &toks[r - 1];
        const char *w = lex_word_str(lex, sub->word);
        if (!strcmp(w, "who") || !strcmp(w, "which")) {
            uint32_t a = r - 1;
            while (a > ts && toks[a - 1].kind == TXT_PUNCT && toks[a - 1].punct == ',') a--;
            for (size_t q = 0; q < nm; q++)
                if (m[q].te == a && usable_subject(&m[q])) return (int)q;
        }
    }
    return -1;
}

static int state_organ(const char *role);

/* the mention starting at token k follows "with" or "against" (through
 * determiners and adjectives) */
static int after_with(const annals_lexicon *lex, const txt_token *toks, uint32_t k) {
    for (int n = 0; n < 3 && k > 0; n++, k--) {
        const txt_token *t = &toks[k - 1];
        if (lex_tok_is(t, lex->w_with) || lex_tok_is(t, lex->w_against)) return 1;
        if (t->kind != TXT_WORD || (lex_cls(lex, t) & ~W_DET)) return 0;
    }
    return 0;
}

/* "the Uzbek city of", "the Afghan capital": an adjective naming a place */
static int place_adjective(const annals_lexicon *lex, const txt_token *toks, uint32_t te, const act_mention *x) {
    return x->kind == AK_ADJ && x->te < te && (lex_cls(lex, &toks[x->te]) & W_REGION) &&
           !lex_tok_is(&toks[x->te], lex->w_of);
}

/* a noun after "for" or "on" through a determiner and modifiers ("for a
 * two-day visit", "on a state visit", "for talks") */
static int purpose_noun(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t at) {
    for (uint32_t k = at, n = 0; k > ts && n < 5; k--, n++) {
        const txt_token *t = &toks[k - 1];
        if (t->kind == TXT_WORD && t->word && !strcmp(lex_word_str(lex, t->word), "for")) return 1;
        /* ("on a state visit", not "sanctions on Iran") */
        if (lex_tok_is(t, lex->w_on) && k < at && toks[k].word &&
            (!strcmp(lex_word_str(lex, toks[k].word), "a") || !strcmp(lex_word_str(lex, toks[k].word), "an")))
            return 1;
        if (t->kind == TXT_PUNCT && t->punct != '-') return 0;
        if (t->kind == TXT_WORD && (lex_cls(lex, t) & ~(W_DET | W_ADV))) return 0;
    }
    return 0;
}

/* "on the sidelines of (the) X": X is where it happened */
static int sidelines_of(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t k) {
    if (k > ts && (lex_cls(lex, &toks[k - 1]) & W_DET)) k--;
    if (k < ts + 2 || !lex_tok_is(&toks[k - 1], lex->w_of) || !toks[k - 2].word) return 0;
    const char *w = lex_word_str(lex, toks[k - 2].word);
    return !strcmp(w, "sidelines") || !strcmp(w, "margins") || !strcmp(w, "sideline");
}

/* "with US and British support", "with Russian help": after "with", the
 * actor (or its group) modifies a noun of backing; it helps, it is not the
 * target */
static int backing_after(const annals_lexicon *lex, const txt_token *toks, uint32_t te, const act_mention *m,
                         size_t nm, int k) {
    static const char *const backing[] = {"support", "backing", "help", "assistance", "approval", "consent",
                                          "blessing", "mediation", NULL};
    int h = m[k].group >= 0 ? m[k].group : k;
    uint32_t start = m[h].ts;
    /* back through "US and" to "with" */
    for (int n = 0; n < 8 && start > 0; n++) {
        int before = mention_ending(m, nm, start);
        if (before >= 0) start = m[before].ts;
        else if ((lex_cls(lex, &toks[start - 1]) & (W_DET | W_COORD)) ||
                 (toks[start - 1].kind == TXT_PUNCT && toks[start - 1].punct == ','))
            start--;
        else break;
    }
    if (start == 0 || !lex_tok_is(&toks[start - 1], lex->w_with)) return 0; /* "rejects UN mediation": the target */
    uint32_t e = m[k].te;
    for (size_t g = 0; g < nm; g++)
        if (m[k].group >= 0 && m[g].group == m[k].group && m[g].te > e) e = m[g].te;
    /* "US and British support": through "and" and further actor words */
    for (int n = 0; n < 6 && e < te; n++) {
        int in = mention_at(m, nm, e);
        if (in >= 0) e = m[in].te;
        else if ((lex_cls(lex, &toks[e]) & W_COORD) || (toks[e].kind == TXT_PUNCT && toks[e].punct == ',')) e++;
        else break;
    }
    if (e >= te || !toks[e].word) return 0;
    const char *w = lex_word_str(lex, toks[e].word);
    for (const char *const *b = backing; *b; b++)
        if (!strcmp(w, *b)) return 1;
    return 0;
}

/* The first actor after the trigger in its clause.  A place ("in Moscow")
 * is the target only when no actor follows and the event is one that
 * happens somewhere (loc_ok): a visit, a protest, an attack. */
static int target_after(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t te, uint32_t from,
                        uint32_t stop, const uint8_t *bnd, const act_mention *m, size_t nm, int src, int loc_ok) {
    int place = -1;
    uint32_t f = from;
    while (f < te && (lex_cls(lex, &toks[f]) & W_PREP)) f++;
    if (f + 1 < te && (lex_cls(lex, &toks[f]) & W_RECIP) && (lex_cls(lex, &toks[f + 1]) & W_RECIP)) return -3;
    for (uint32_t r = from; r < te; r++) {
        if (r > from && bnd[r - ts] == B_HARD) break;
        if (r > from && bnd[r - ts] == B_SOFT && toks[r].punct != '"') break;
        for (size_t q = 0; q < nm; q++) {
            if (m[q].ts != r || m[q].reporter) continue;
            if (r >= stop && !m[q].loc) continue; /* past the next trigger: places only */
            if (src >= 0 && (int)q == src) continue;
            if (src >= 0 && m[src].group >= 0 && m[q].group == m[src].group) continue;
            if (m[q].loc) {
                if (place < 0) place = (int)q;
                continue;
            }
            /* "in the Uzbek city of Samarkand": a place; "on the sidelines of
             * the SCO summit": where, not with whom */
            if (loc_ok > 0 && place_adjective(lex, toks, te, &m[q])) {
                if (place < 0) place = (int)q;
                continue;
            }
            if (sidelines_of(lex, toks, ts, m[q].ts)) continue;
            /* "deploy submarines": an organ of some state named without it
             * is no target; rebels, protesters and the like are, and so is
             * any agent after "with" or "against" ("a truce with Moslem
             * forces"); annals.c finds their state */
            if (m[q].bare && strlen(m[q].code) >= 3 && state_organ(m[q].code + strlen(m[q].code) - 3) &&
                !after_with(lex, toks, m[q].ts))
                continue;
            if (backing_after(lex, toks, te, m, nm, (int)q)) continue; /* "with US and British support" */
            /* "employees of a British firm": the firm */
            if (m[q].bare && !m[q].country && m[q].te + 1 < te && lex_tok_is(&toks[m[q].te], lex->w_of) &&
                mention_np(lex, toks, te, m, nm, m[q].te + 1) >= 0)
                continue;
            /* "his Japanese counterpart": the possessor is not the target */
            if (m[q].poss && (mention_at(m, nm, m[q].te) >= 0 || mention_at(m, nm, m[q].te + 1) >= 0)) continue;
            return (int)q;
        }
    }
    if (place >= 0 && loc_ok > 0) return place;
    /* "condemned the coup in Niger": a place inside the object noun phrase */
    if (place >= 0 && loc_ok == 0 && (lex_cls(lex, &toks[from]) & W_DET) && m[place].ts <= from + 5) return place;
    return -1;
}

/* target_after, but for talks (root 04) an actor in what they are about is
 * no partner: "held talks on North Korea's nuclear program", "a meeting
 * about Iran" */
static int target_after_topic(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t te,
                              uint32_t from, uint32_t stop, const uint8_t *bnd, const act_mention *m, size_t nm,
                              int src, int loc_ok, int root) {
    static const char *const about[] = {"on", "about", "over", "regarding", "concerning", NULL};
    int q = target_after(lex, toks, ts, te, from, stop, bnd, m, nm, src, loc_ok);
    if (q < 0 || root != 4) return q;
    uint32_t b = m[q].ts;
    while (b > ts && (lex_cls(lex, &toks[b - 1]) & W_DET)) b--;
    /* (what follows the topic is the topic's too) */
    return b > ts && lemma_in(lex, &toks[b - 1], about) ? -1 : q;
}

/* roots of events that take place somewhere: consult (visits, talks),
 * yield (lift a curfew somewhere), investigate, threats of force, protest, force posture, reduce relations (boycotts),
 * coercion, assault, fight, mass violence */
int cod_domestic(const char *code) {
    return (code[0] == '1' && (code[1] == '3' || code[1] == '4' || code[1] == '7' || code[1] == '8' || code[1] == '9')) ||
           (code[0] == '2' && code[1] == '0') || (code[0] == '0' && code[1] == '8' && code[2] >= '1' && code[2] <= '3');
}

int cod_located(const char *code) {
    static const char ok[] = "04 07 08 09 13 14 15 16 17 18 19 20";
    if (!strncmp(code, "036", 3)) return 1; /* intent to meet: "will attend a summit in Geneva" */
    if (!strncmp(code, "033", 3)) return 1; /* intent to give aid: "will provide food aid in Liberia" */
    if (!strncmp(code, "035", 3)) return 1; /* intent to yield: "will evacuate settlements in Gaza" */
    if (!strncmp(code, "015", 3)) return 1; /* claims of responsibility: for an attack somewhere */
    for (const char *r = ok;; r += 3) {
        if (r[0] == code[0] && r[1] == code[1]) return 1;
        if (!r[2]) return 0;
    }
}

/* ------------------------------------------------------------ events */

/* "refused (on Monday) to commit", "declined to resign": a refusal of
 * the infinitive that follows (1); "failed to arrest": it did not
 * happen (2) */
static int refused_to(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t at) {
    uint32_t k = at;
    while (k > ts && (lex_cls(lex, &toks[k - 1]) & W_ADV)) k--;
    if (k <= ts + 1 || !lex_tok_is(&toks[k - 1], lex->w_to)) return 0;
    k--;
    for (uint32_t n = 0; k > ts && n < 4; k--, n++) {
        const txt_token *t = &toks[k - 1];
        if (lex_tok_is(t, lex->w_refuse) || lex_tok_is(t, lex->w_decline)) return 1;
        if (lex_tok_is(t, lex->w_fail)) return 2;
        if (t->kind != TXT_WORD || !(lex_cls(lex, t) & (W_ADV | W_PREP))) return 0;
    }
    return 0;
}

/* an -ing form ("killing", "condemning") */
static int ing_form(const annals_lexicon *lex, const txt_token *t) {
    if (!t->word) return 0;
    const char *w = lex_word_str(lex, t->word);
    size_t n = strlen(w);
    return n > 4 && w[n - 3] == 'i' && w[n - 2] == 'n' && w[n - 1] == 'g';
}

/* "reverses its decision to expel", "scrapped plans to build": the act
 * will not happen */
static int reversed_decision(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t at) {
    static const char *const nouns[] = {"decision", "plan", "plans", "order", "threat", "move", "bid", NULL};
    static const char *const undo[] = {"reverse", "revoke", "rescind", "cancel", "overturn", "scrap", "abandon",
                                       "drop", "shelve", "suspend", "freeze", NULL};
    if (at < ts + 3 || !lex_tok_is(&toks[at - 1], lex->w_to) || !lemma_in(lex, &toks[at - 2], nouns)) return 0;
    for (uint32_t k = at - 2, c = 0; k > ts && c < 3; k--, c++)
        if (lemma_in(lex, &toks[k - 1], undo)) return 1;
    return 0;
}

/* 0 not negated, 1 negated ("did not meet"), 2 a refusal ("will not
 * meet", "would not provide", "refused to provide") */
static int negated(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t at) {
    int neg = 0, fut = 0;
    /* "is not obliged to allow", "was not able to attend": through a
     * word of obligation or ability and "to" */
    static const char *const able[] = {"obliged", "required", "allowed", "able", "forced", "permitted",
                                       "compelled", "oblige", "require", "allow", "force", "permit", "compel", NULL};
    for (uint32_t k = at, n = 0; k > ts && n < 7; k--, n++) {
        const txt_token *t = &toks[k - 1];
        uint32_t c = lex_cls(lex, t);
        if (c & W_NEG) neg = 1;
        if ((c & W_FUTURE) || ((c & W_CONDMOD) && !strcmp(lex_word_str(lex, t->word), "would"))) fut = 1;
        if (lex_tok_is(t, lex->w_to) && k - 1 > ts && lemma_in(lex, &toks[k - 2], able)) {
            k--;
            continue;
        }
        if (!(c & (W_NEG | W_AUX | W_BE | W_ADV | W_FUTURE | W_CONDMOD | W_INTENT))) break;
    }
    if (neg) return 1 + fut;
    /* "to avert a veto", "facing UN sanctions", "foiled an attack": an act
     * prevented, escaped or only risked */
    /* (and one proposed, opposed or weighed: "Russia proposed a UN
     * crackdown", "opposed sanctions"; words.txt class avert) */
    for (uint32_t k = at, n = 0; k > ts && n < 4; k--, n++) {
        const txt_token *t = &toks[k - 1];
        if (lex_cls(lex, t) & W_AVERT) return 1;
        if (t->kind != TXT_WORD || (lex_cls(lex, t) & ~(W_DET | W_ADV | W_POSSPRON))) break;
        if (n > 0 && lex_verb_form(lex, t)) break;
    }
    if (reversed_decision(lex, toks, ts, at)) return 1;
    /* "barred the government from pardoning", "refrained from attacking":
     * kept from happening */
    if (at > ts && lex_tok_is(&toks[at - 1], lex->w_from) && ing_form(lex, &toks[at])) return 1;
    /* "warned Beijing against providing aid": an act warned against */
    if (at > ts && lex_tok_is(&toks[at - 1], lex->w_against) && ing_form(lex, &toks[at])) return 1;
    int r = refused_to(lex, toks, ts, at);
    return r == 1 ? 2 : r == 2 ? 1 : 0;
}

/* 1 future/intent, -1 hypothetical (could, might), 0 plain */
static int modality(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t at) {
    for (uint32_t k = at, n = 0; k > ts && n < 5; k--, n++) {
        const txt_token *t = &toks[k - 1];
        uint32_t c = lex_cls(lex, t);
        if (c & W_FUTURE) return 1;
        if (c & W_CONDMOD) {
            const char *w = lex_word_str(lex, t->word);
            return !strcmp(w, "would") ? 1 : -1;
        }
        if ((c & (W_INTENT | W_THREAT)) && k < at) {
            uint32_t q = k; /* "threatened on Sunday to" */
            while (q < at && (lex_cls(lex, &toks[q]) & (W_ADV | W_PREP)) && !lex_tok_is(&toks[q], lex->w_to)) q++;
            /* ("Sudan is likely to grant": a forecast, nobody's intent) */
            static const char *const guess[] = {"likely", "unlikely", NULL};
            if (q < at && lex_tok_is(&toks[q], lex->w_to)) return lemma_in(lex, t, guess) ? -1 : (c & W_THREAT) ? 2 : 1;
        }
        if ((c & W_PREP) && !lex_tok_is(t, lex->w_to) && k < at && (lex_cls(lex, &toks[k]) & W_ADV)) continue;
        if (!(c & (W_AUX | W_BE | W_ADV | W_NEG | W_INTENT))) break;
    }
    /* "rejected the request to scale back", "a bid to split them" */
    if (at >= ts + 2 && lex_tok_is(&toks[at - 1], lex->w_to) && (lex_sem(lex, &toks[at - 2]) & S_PLAN)) return 1;
    /* "agreed to cooperate on easing tensions", "a step toward ending the
     * fighting": the aim, not the act */
    static const char *const aim[] = {"toward", "towards", "on", "about", NULL};
    if (at > ts && lemma_in(lex, &toks[at - 1], aim) && ing_form(lex, &toks[at])) return -1;
    /* "threatened to stop negotiations to reduce weapons": what talks are
     * for is nobody's act */
    static const char *const forums[] = {"talk", "talks", "negotiation", "negotiations", "dialogue", "meeting",
                                         "summit", "conference", NULL};
    if (at >= ts + 2 && lex_tok_is(&toks[at - 1], lex->w_to) && lemma_in(lex, &toks[at - 2], forums)) {
        /* (the object of the verb; "walked away from peace talks to hold
         * a boycott" is the walking's purpose) */
        uint32_t q = at - 2;
        while (q > ts && at - q < 7 && toks[q - 1].kind == TXT_WORD && !(lex_cls(lex, &toks[q - 1]) & W_PREP) &&
               !lex_verb_form(lex, &toks[q - 1]))
            q--;
        if (!(q > ts && (lex_cls(lex, &toks[q - 1]) & W_PREP) && !lex_tok_is(&toks[q - 1], lex->w_to))) return -1;
    }
    /* "agreed in principle on Saturday to provide": a short phrase between
     * the intent word and "to" */
    uint32_t k = at;
    while (k > ts && (lex_cls(lex, &toks[k - 1]) & W_ADV)) k--;
    if (k > ts && lex_tok_is(&toks[k - 1], lex->w_to)) {
        k--;
        for (uint32_t n = 0; k > ts && n < 6; k--, n++) {
            const txt_token *t = &toks[k - 1];
            uint32_t c = lex_cls(lex, t);
            if (c & (W_INTENT | W_THREAT)) return n > 0 ? ((c & W_THREAT) ? 2 : 1) : 0;
            if (t->kind != TXT_WORD || (c & (W_SUBORD | W_COORD | W_BE | W_REPORT)) || lex_tok_is(t, lex->w_to))
                break;
        }
    }
    return 0;
}

static int in_conditional(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t at,
                          const uint8_t *bnd) {
    for (uint32_t k = at; k > ts; k--) {
        if (bnd[k - 1 - ts] == B_HARD) return (lex_cls(lex, &toks[k - 1]) & W_COND) != 0;
    }
    return 0;
}

static int passive(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t te, uint32_t at) {
    const txt_token *t = &toks[at];
    if (t->word == t->lemma) return 0; /* a base form is no participle */
    const char *w = lex_word_str(lex, t->word);
    size_t n = strlen(w);
    if (n > 3 && !strcmp(w + n - 3, "ing")) return 0;
    if (n > 1 && w[n - 1] == 's' && w[n - 2] != 's') return 0;
    /* "is expected to", "is scheduled to": intent, not a passive */
    if ((lex_cls(lex, t) & W_INTENT) && at + 1 < te && lex_tok_is(&toks[at + 1], lex->w_to)) return 0;
    /* "were reported killed", "are believed kidnapped": a verb of report
     * between "be" and the participle */
    static const char *const hearsay[] = {"reported", "believed", "feared", "thought", "said", "confirmed",
                                          "presumed", "understood", "report", "believe", "fear", "think",
                                          "say", "confirm", "presume", "understand", NULL};
    for (uint32_t k = at, c = 0; k > ts && c < 3; k--, c++) {
        uint32_t cls = lex_cls(lex, &toks[k - 1]);
        if (cls & W_BE) return 1;
        if (!(cls & W_ADV) && !(k < at + 1 && k - 1 > ts && lemma_in(lex, &toks[k - 1], hearsay) &&
                                (lex_cls(lex, &toks[k - 2]) & W_BE)))
            break;
    }
    /* "has been sacked and placed under arrest": the second participle of
     * a coordinated passive */
    if (at >= ts + 3 && (lex_cls(lex, &toks[at - 1]) & W_COORD) && toks[at - 2].kind == TXT_WORD &&
        toks[at - 2].word != toks[at - 2].lemma) {
        const char *pw = lex_word_str(lex, toks[at - 2].word);
        size_t pn = strlen(pw);
        if (pn > 2 && !strcmp(pw + pn - 2, "ed"))
            for (uint32_t k = at - 2, c = 0; k > ts && c < 3; k--, c++) {
                uint32_t cls = lex_cls(lex, &toks[k - 1]);
                if (cls & W_BE) return 1;
                if (!(cls & W_ADV)) break;
            }
    }
    return 0;
}

/* a reporting verb right after a comma or a closing quote */
static int inverted(const txt_token *toks, uint32_t ts, uint32_t at) {
    if (at <= ts) return 0;
    const txt_token *b = &toks[at - 1];
    return b->kind == TXT_PUNCT && (b->punct == ',' || b->punct == '"' || b->punct == '\'');
}

/* "a list released by the ministry": a participle right before "by" with
 * no "be" is a passive modifying the noun before it */
static int reduced_passive(const annals_lexicon *lex, const txt_token *toks, uint32_t at, uint32_t end,
                           uint32_t te) {
    const txt_token *t = &toks[at];
    if (end >= te || !lex_tok_is(&toks[end], lex->w_by) || t->word == t->lemma) return 0;
    const char *w = lex_word_str(lex, t->word);
    size_t n = strlen(w);
    return !(n > 3 && !strcmp(w + n - 3, "ing")) && !(n > 1 && w[n - 1] == 's');
}

/* "a mortar attack (near the town) killed": a weapon or attack noun in the
 * clause before the verb */
static int weapon_subject(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t at,
                          const uint8_t *bnd) {
    for (uint32_t k = at; k > ts; k--) {
        if (bnd[k - 1 - ts] == B_HARD || (toks[k - 1].kind == TXT_PUNCT && toks[k - 1].punct == ',')) return 0;
        if (lex_sem(lex, &toks[k - 1]) & S_WEAPON) return 1;
    }
    return 0;
}

/* Does a word of semantic class bit occur in tokens [ts, te)?  *memo
 * caches the answer per sentence (-1: not looked yet). */
static int sentence_has(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t te, uint32_t bit,
                        int *memo) {
    if (*memo < 0) {
        *memo = 0;
        for (uint32_t r = ts; r < te && !*memo; r++) *memo = (lex_sem(lex, &toks[r]) & bit) != 0;
    }
    return *memo;
}

/* "in an Israeli airstrike", "by a US drone strike": an actor right
 * before a weapon or attack noun in the six words from token from (up to
 * te) */
static int weapon_owner(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t te, uint32_t from,
                        const uint8_t *bnd, const act_mention *m, size_t nm) {
    for (uint32_t r = from; r < te && r < from + 6; r++) {
        if (r > from && bnd[r - ts] == B_HARD) return -1;
        if (toks[r].kind == TXT_PUNCT) return -1;
        int k = mention_at(m, nm, r); /* ("in a US air strike": no place) */
        if (k < 0 || m[k].bare) continue;
        /* "Iraq bombings" are bombings in Iraq; "Israeli", "US" own theirs */
        if (m[k].kind == AK_STATE && !(toks[m[k].ts].flags & TXT_UPPER)) continue;
        for (uint32_t q = m[k].te; q < te && q < m[k].te + 3 && toks[q].kind == TXT_WORD; q++)
            if (lex_sem(lex, &toks[q]) & S_WEAPON) return k;
    }
    return -1;
}

/* ", killing ...": an -ing verb right after a comma */
static int participle_clause(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t at) {
    uint32_t k = at;
    while (k > ts && (lex_cls(lex, &toks[k - 1]) & W_ADV)) k--;
    if (k <= ts + 1 || toks[k - 1].kind != TXT_PUNCT || toks[k - 1].punct != ',') return 0;
    return ing_form(lex, &toks[at]);
}

/* a weapon or attack word anywhere before token at in the sentence */
static int weapon_before(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t at) {
    for (uint32_t k = ts; k < at; k++)
        if (lex_sem(lex, &toks[k]) & S_WEAPON) return 1;
    return 0;
}

/* "A report released Tuesday in the Rwandan capital alleged ...": a
 * document nobody is named for speaks for the state where it was
 * released; the place's mention, or -1.  ("a report released in London by
 * Amnesty" names its author: the by-phrase wins, see by_phrase.) */
static int document_place(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t at,
                          const act_mention *m, size_t nm) {
    static const char *const doc[] = {"report", "study", "document", "dossier", NULL};
    uint32_t d = ts;
    while (d < at && (toks[d].kind != TXT_WORD || !lemma_in(lex, &toks[d], doc))) d++;
    if (d >= at || d > ts + 5 || d + 1 >= at || !lemma_in(lex, &toks[d + 1], published)) return -1;
    for (uint32_t q = ts; q < d; q++) /* "A 500-page report": no actor before the noun */
        if (mention_at(m, nm, q) >= 0 || (toks[q].kind == TXT_PUNCT && toks[q].punct == ',')) return -1;
    int place = -1;
    for (uint32_t q = d + 2; q < at; q++) {
        if (lex_tok_is(&toks[q], lex->w_by)) return -1;
        int k = mention_at(m, nm, q);
        if (k < 0 && q + 1 < at && (lex_cls(lex, &toks[q]) & W_DET)) k = mention_at(m, nm, q + 1);
        if (k < 0) continue;
        /* "in Kigali", "in Beijing", "in the Rwandan capital" */
        int where = m[k].loc || m[k].capital ||
                    (m[k].kind == AK_ADJ && m[k].te < at && lex_word_str(lex, toks[m[k].te].word)[0] &&
                     !strcmp(lex_word_str(lex, toks[m[k].te].word), "capital"));
        if (!where || !m[k].country) return -1;
        if (place < 0) place = k;
        q = m[k].te - 1;
    }
    return place;
}

/* "charged with", "accused of": the trigger's words after the verb are
 * prepositions only */
static int particle_tail(const annals_lexicon *lex, const txt_token *toks, uint32_t at, uint32_t te) {
    if (te <= at + 1) return 0;
    for (uint32_t q = at + 1; q < te; q++)
        if (!(lex_cls(lex, &toks[q]) & W_PREP)) return 0;
    return 1;
}

/* fight, clash, battle: done by two sides to each other */
static int fought_each_other(const annals_lexicon *lex, const txt_token *t) {
    static const char *const verbs[] = {"fight", "clash", "battle", "skirmish", NULL};
    return lemma_in(lex, t, verbs);
}

/* "ten soldiers killed in the east", headline "UN workers abducted in
 * Afghanistan", "Myanmar PM sacked, arrested": a participle right after an
 * actor (and up to two words of its noun phrase), followed by a
 * preposition, a comma or the end instead of an object, is a passive.
 * Returns the actor it happens to, or -1. */
static int bare_participle(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t at, uint32_t end,
                           uint32_t te, const act_mention *m, size_t nm) {
    const txt_token *t = &toks[at];
    if (t->word == t->lemma) return -1;
    /* what follows the participle ("accused of meddling"), or the pattern
     * ("shot dead in Riyadh") */
    if (at + 1 < te && (lex_cls(lex, &toks[at + 1]) & W_PREP)) end = at + 1;
    else if (end != at + 2 || (lex_cls(lex, &toks[at + 1]) & W_DET) || toks[at + 1].kind != TXT_WORD) end = at + 1;
    const char *w = lex_word_str(lex, t->word);
    size_t n = strlen(w);
    if ((n > 3 && !strcmp(w + n - 3, "ing")) || (n > 1 && w[n - 1] == 's')) return -1;
    if (fought_each_other(lex, t)) return -1; /* intransitive: "rebels fought in the east" */
    /* "police killed dozens of people": a count after it is its object */
    static const char *const counts[] = {"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands",
                                         "score", "scores", "million", "millions", NULL};
    if (at + 1 < te && (toks[at + 1].kind == TXT_NUM || lemma_in(lex, &toks[at + 1], counts))) return -1;
    int k = mention_ending(m, nm, at);
    for (uint32_t b = at; k < 0 && b > ts && at - b < 2; b--) {
        const txt_token *x = &toks[b - 1]; /* "UN workers", "Saddam Deputy" */
        if (x->kind != TXT_WORD || (lex_cls(lex, x) & ~(W_TITLE | W_PERSONNOUN)) || lex_verb_form(lex, x)) break;
        k = mention_ending(m, nm, b - 1);
    }
    if (k < 0 || m[k].loc) return -1;
    if (end < te) {
        uint32_t c = lex_cls(lex, &toks[end]);
        int comma = toks[end].kind == TXT_PUNCT && (toks[end].punct == ',' || toks[end].punct == '(');
        /* "Kidnapped Italian freed.": nothing after it */
        int final = toks[end].kind == TXT_PUNCT && (toks[end].punct == '.' || toks[end].punct == '!');
        /* ("Annan urged to play a larger role": asked, by someone;
         * "militant sentenced to 12 years", "deported to Libya": sent) */
        static const char *const sent[] = {"sentence", "condemn", "deport", "extradite", "expel", "transfer",
                                           "sentenced", "condemned", "deported", "extradited", "expelled", NULL};
        int asked = lex_tok_is(&toks[end], lex->w_to) &&
                    ((lex_cls(lex, t) & (W_APPEAL | W_DEMAND)) || lemma_in(lex, t, sent));
        if (!comma && !asked && !final && (!(c & W_PREP) || (c & W_SUBORD) || lex_tok_is(&toks[end], lex->w_to)))
            return -1;
        /* "Gbagbo criticized on Tuesday a UN decision": active */
        if (!comma && end + 2 < te && (lex_cls(lex, &toks[end + 1]) & W_ADV) &&
            ((lex_cls(lex, &toks[end + 2]) & W_DET) || mention_at(m, nm, end + 2) >= 0))
            return -1;
        /* "forces killed at least 27 people": active */
        if (end + 1 < te && toks[end + 1].kind == TXT_WORD && toks[end + 1].end - toks[end + 1].start >= 4 &&
            (lex_cls(lex, &toks[end + 1]) & W_ADV) == 0 && end + 2 < te && toks[end + 2].kind == TXT_NUM)
            return -1;
    }
    /* "battles between A and B killed": A and B are no victims */
    int head = m[k].group >= 0 ? m[k].group : k;
    return prep_object(lex, toks, ts, &m[head]) ? -1 : k;
}

/* Acts of the police of a place when no one else is named ("arrested in
 * Minsk"); not charges or sentences, which courts of anywhere hand down */
static void group_members(const act_mention *m, size_t nm, int k, int *out, size_t *n);

/* Acts of a crowd that make a riot: destroying property, attacking,
 * beating (not missiles or bombs: "demonstrators launched missiles") */
static int riot_code(const char *code) {
    static const char *const riot[] = {"171", "1712", "180", "182", "1821", "190", NULL};
    for (const char *const *r = riot; *r; r++)
        if (!strcmp(code, *r)) return 1;
    return 0;
}

/* Is mention k (or its group) a crowd: protesters, demonstrators, rioters? */
static int rioters(const annals_lexicon *lex, const txt_token *toks, const act_mention *m, size_t nm, int k) {
    static const char *const crowd[] = {"protester", "protestor", "demonstrator", "rioter", "mob", NULL};
    int gs[8];
    size_t ng;
    group_members(m, nm, k, gs, &ng);
    for (size_t g = 0; g < ng; g++)
        for (uint32_t q = m[gs[g]].ts; q < m[gs[g]].te; q++)
            if (lemma_in(lex, &toks[q], crowd)) return 1;
    return 0;
}

static int police_act(const annals_lexicon *lex, const txt_token *t) {
    static const char *const verbs[] = {"arrest", "detain", "jail", "imprison", "deport", "expel", NULL};
    return lemma_in(lex, t, verbs);
}

/* Is token at the object of a charge, a trial or an inquiry ("charged with
 * conspiracy to commit murder", "acquitted suspects in the bombing",
 * "inquiry into the massacre", "the anniversary of the invasion")? */
static int in_legal_frame(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t at) {
    int prep = 0;
    for (uint32_t k = at, n = 0; k > ts && n < 6; k--, n++) {
        const txt_token *t = &toks[k - 1];
        if (t->kind == TXT_PUNCT) return 0;
        uint32_t c = lex_cls(lex, t);
        if (c & (W_SUBORD | W_REPORT)) return 0;
        if (c & W_PREP) prep = 1;
        if (prep && ((lex_sem(lex, t) & S_LEGAL) || (t->lemma && (lex->words[t->lemma].sem & S_LEGAL)))) return 1;
    }
    return 0;
}

/* kill, shoot, wound, assassinate: harm to a body, never a metaphor */
static int bodily_harm(const annals_lexicon *lex, const txt_token *t) {
    static const char *const verbs[] = {"kill", "shoot", "wound", "assassinate", "murder", "stab", "execute",
                                        "behead", "kidnap", "abduct", "torture", "beat", NULL};
    return lemma_in(lex, t, verbs);
}

/* Verbs whose object does the infinitive after them: "urged Iran to",
 * "allowed the inspectors to", "helped Iraq to" */
static int object_control(const annals_lexicon *lex, const txt_token *t) {
    static const char *const verbs[] = {"allow", "help", "enable", "permit", "authorize", "authorise", "tell",
                                        "advise", "encourage", "invite", "persuade", "convince", "force", "lead",
                                        "call", "appeal", "warn", NULL};
    return (lex_cls(lex, t) & (W_APPEAL | W_DEMAND | W_THREAT)) || lemma_in(lex, t, verbs);
}

/* The subject of an infinitive trigger ("to withdraw") after an appeal with
 * an object: the actor in the words between the previous trigger and "to",
 * -2 when those words name no actor, -1 when the rule does not apply. */
static int controlled_subject(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t at,
                              const uint8_t *bnd, const match *prev, const act_mention *m, size_t nm) {
    if (at < ts + 2 || !lex_tok_is(&toks[at - 1], lex->w_to)) return -1;
    uint32_t a = prev->end, b = at - 1;
    if (prev->pat->noun || a >= b || b - a > 8) return -1;
    /* ("in defiance of Chinese authorities to demand": an of-object
     * controls nothing) */
    if (prev->te > prev->ts && lex_tok_is(&toks[prev->te - 1], lex->w_of)) return -1;
    const txt_token *f = &toks[a];
    if (f->kind != TXT_WORD || (lex_cls(lex, f) & (W_PREP | W_ADV | W_SUBORD | W_COORD))) return -1;
    for (uint32_t r = a; r < b; r++) /* ("said they would encourage X to": not said's) */
        if (bnd[r - ts] == B_HARD || (lex_cls(lex, &toks[r]) & (W_APPEAL | W_DEMAND | W_CONDMOD | W_FUTURE))) return -1;
    int best = -1;
    for (size_t k = 0; k < nm; k++)
        if (m[k].ts >= a && m[k].te <= b && !m[k].loc && !m[k].reporter) {
            best = (int)k;
            break;
        }
    if (best >= 0 && m[best].group >= 0) best = m[best].group;
    return best >= 0 ? best : -2;
}

static int subject_before(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t at,
                          const uint8_t *bnd, const act_mention *m, size_t nm, int allow_adj);
static int same_state(const act_mention *a, const act_mention *b);

/* "[X] wants|asked|urged Y to <trigger>", "ordered Y to <trigger>": codes
 * the appeal (020) or demand (100) of X on Y instead of Y's infinitive.
 * Returns the new event count when it applied, 0 when it does not apply,
 * -1 when it applied but X is unknown (nothing to code). */
static int appeal_to(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t at,
                     const uint8_t *bnd, const act_mention *m, size_t nm, cod_event *out, size_t ne,
                     size_t cap) {
    if (at < ts + 3 || !lex_tok_is(&toks[at - 1], lex->w_to)) return 0;
    int y = mention_ending(m, nm, at - 1);
    if (y < 0) return 0;
    int head = m[y].group >= 0 ? m[y].group : y;
    uint32_t v = m[head].ts;
    while (v > ts && (lex_cls(lex, &toks[v - 1]) & W_DET)) v--;
    if (v <= ts) return 0;
    uint32_t c = lex_cls(lex, &toks[v - 1]);
    if (!(c & (W_APPEAL | W_DEMAND))) return 0;
    for (size_t e = 0; e < ne; e++) /* the appeal is an event of its own already */
        if (out[e].ts <= v - 1 && v - 1 < out[e].te) return -1;
    int x = subject_before(lex, toks, ts, v - 1, bnd, m, nm, 0);
    if (x < 0) return -1;
    int code = (c & W_DEMAND) ? lex->code_demand : lex->code_appeal;
    if (code < 0) return -1;
    int ss[8], tt[8];
    size_t ns, nt;
    group_members(m, nm, x, ss, &ns);
    group_members(m, nm, head, tt, &nt);
    size_t n0 = ne;
    for (size_t a = 0; a < ns; a++)
        for (size_t b = 0; b < nt; b++)
            if (!same_state(&m[ss[a]], &m[tt[b]])) emit(out, &ne, cap, ss[a], tt[b], code, v - 1, v, 0);
    return ne > n0 ? (int)ne : -1;
}

static int by_phrase(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t te, uint32_t from,
                     const uint8_t *bnd, const act_mention *m, size_t nm) {
    for (uint32_t r = from; r < te && r < from + 8; r++) {
        if (r > from && bnd[r - ts] == B_HARD) return -1;
        if (lex_tok_is(&toks[r], lex->w_by)) {
            int k = mention_np(lex, toks, te, m, nm, r + 1);
            /* "by angry demonstrators": through a plain modifier or two */
            for (uint32_t q = r + 1; k < 0 && q < te && q < r + 3 && toks[q].kind == TXT_WORD &&
                                     !(toks[q].flags & TXT_CAP) && !lex_cls(lex, &toks[q]) && !lex_verb_form(lex, &toks[q]);
                 q++)
                k = mention_at(m, nm, q + 1);
            if (k < 0) continue;
            /* "shot dead by Saudi Shopping Center": a demonym starting a
             * name is no actor (and "by" may mean "near") */
            if ((m[k].kind == AK_ADJ || m[k].kind == AK_STATE) && m[k].te < te && toks[m[k].te].kind == TXT_WORD &&
                (toks[m[k].te].flags & TXT_CAP) && !lex_cls(lex, &toks[m[k].te]) && mention_at(m, nm, m[k].te) < 0)
                return -1;
            /* "killed by the Malaysia Airlines flight MH17 crash": the
             * actor names an accident ("by a Hamas rocket" is Hamas's) */
            for (uint32_t q = m[k].te; q < te && q < m[k].te + 4 && toks[q].kind != TXT_PUNCT; q++)
                if (lex_sem(lex, &toks[q]) & S_ACCIDENT) return -1;
            return k;
        }
    }
    return -1;
}

static int noun_source(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t at,
                       const act_mention *m, size_t nm) {
    /* a possessive, adjective or actor right before the noun, through up to
     * two modifiers ("Moscow's military buildup", "the Russian invasion") */
    int best = -1;
    for (size_t q = 0; q < nm; q++) {
        if (m[q].te > at || m[q].te + 3 < at || m[q].reporter || m[q].bare || (m[q].loc && !m[q].poss)) continue;
        if (m[q].capital && !m[q].poss) continue; /* "the Abuja peace talks": where, not who */
        uint32_t gap = at - m[q].te;
        int ok = 1;
        for (uint32_t r = m[q].te; r < at; r++) {
            const txt_token *t = &toks[r];
            uint32_t c = lex_cls(lex, t);
            if (lex_tok_is(t, lex->w_s)) continue;
            if (t->kind != TXT_WORD || (c & (W_PREP | W_COORD | W_SUBORD | W_BE | W_AUX))) ok = 0;
        }
        (void)gap;
        if (ok && (best < 0 || m[q].te > m[best].te)) best = (int)q;
    }
    (void)ts;
    return best;
}

static void group_members(const act_mention *m, size_t nm, int k, int *out, size_t *n) {
    *n = 0;
    if (k < 0) return;
    if (m[k].group < 0) {
        out[(*n)++] = k;
        return;
    }
    for (size_t q = 0; q < nm && *n < 8; q++)
        if (m[q].group == m[k].group) out[(*n)++] = (int)q;
}

/* Roles whose words are no political news: business, education, health,
 * science, civilians, refugees, farmers (CAMEO BUS, EDU, HLH, SCI, CVL,
 * REF, AGR; media are kept: state media speak for governments). */
static int apolitical(const char *code) {
    static const char *const roles[] = {"BUS", "EDU", "HLH", "SCI", "CVL", "REF", "AGR", NULL};
    size_t n = strlen(code);
    if (n < 6) return 0;
    for (const char *const *r = roles; *r; r++)
        if (!strncmp(code + 3, *r, 3)) return 1;
    return 0;
}

/* government, military, police, intelligence, elites: the state itself */
static int state_organ(const char *role) {
    static const char *const organs[] = {"GOV", "MIL", "COP", "SPY", "ELI", "LEG", "JUD", NULL};
    for (const char *const *r = organs; *r; r++)
        if (!strncmp(role, *r, 3)) return 1;
    return 0;
}

static int same_state(const act_mention *a, const act_mention *b) {
    if (!strcmp(a->code, b->code)) return 1;
    if (a->country && a->country == b->country) {
        /* domestic events between different roles are real ("police
         * arrested protesters"); the same state as a whole is not */
        size_t la = strlen(a->code), lb = strlen(b->code);
        /* a people and its government ("the Albanians of southern Serbia
         * demand autonomy from Serbian authorities") are two sides */
        if ((la <= 3 && lb > 3 && !strcmp(b->code + 3, "GOV") && b->kind == AK_AGENT && !a->backref) ||
            (lb <= 3 && la > 3 && !strcmp(a->code + 3, "GOV") && a->kind == AK_AGENT && !b->backref))
            return 0;
        /* a state acting on a group inside it that is not one of its
         * organs ("Croatia is investigating crimes by Croatian extremists");
         * the other way round it is mostly a misread target */
        if (la <= 3 && lb > 3 && !state_organ(b->code + 3) && !b->backref && b->kind != AK_PERSON) return 0;
        if (la <= 3 || lb <= 3) return 1;
        if (!strcmp(a->code + 3, "GOV") && !strcmp(b->code + 3, "GOV")) return 1;
        if (a->kind == AK_PERSON && b->kind == AK_PERSON) return 1;
    }
    return 0;
}

/* Codes that are mutual by nature: consult, telephone, meet at a third
 * place, negotiate, sign an agreement (the store merges both sides too). */
static int mutual_code(const char *code) {
    return !strncmp(code, "040", 3) || !strncmp(code, "041", 3) || !strncmp(code, "044", 3) ||
           !strncmp(code, "046", 3) || !strncmp(code, "057", 3);
}

static int reciprocal_root(const char *root) {
    return !strcmp(root, "03") || !strcmp(root, "04") || !strcmp(root, "05") || !strcmp(root, "06");
}

/* "Japan boycotted the Games, as did France and Germany", "..., as have the
 * leaders of Canada": the event before is repeated for the new actors. */
static size_t ellipsis(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t te,
                       const lex_wordset *present, const act_mention *m, size_t nm, cod_event *out, size_t ne,
                       size_t cap) {
    if (!lex_wordset_may(present, lex->w_as)) return ne;
    for (uint32_t i = ts + 1; i + 2 < te; i++) {
        const txt_token *t = &toks[i];
        if (!lex_tok_is(t, lex->w_as)) continue;
        if (!(lex_cls(lex, &toks[i + 1]) & (W_AUX | W_BE))) continue;
        int k = mention_np(lex, toks, te, m, nm, i + 2);
        if (k < 0 || m[k].loc) continue;
        /* the last event whose trigger lies before "as" */
        int last = -1;
        for (size_t e = 0; e < ne; e++)
            if (out[e].te <= i && (last < 0 || out[e].ts >= out[last].ts)) last = (int)e;
        if (last < 0 || out[last].statement) continue;
        cod_event base = out[last];
        int ss[8];
        size_t ns;
        group_members(m, nm, k, ss, &ns);
        for (size_t a = 0; a < ns && ne < cap; a++) {
            if (base.tgt >= 0 && same_state(&m[ss[a]], &m[base.tgt])) continue;
            cod_event *e = &out[ne++];
            *e = base;
            e->src = ss[a];
        }
    }
    return ne;
}

/* The first actor of a "that" clause right after token `from` ("demanded
 * Friday that the United States ..."): its index or -1. */
static int that_subject(const annals_lexicon *lex, const txt_token *toks, uint32_t from, uint32_t te,
                        const act_mention *m, size_t nm, uint32_t *after) {
    uint32_t q = from;
    /* "said (on Tuesday) (that) Sudan must ..." */
    for (int n = 0; n < 4 && q < te && !lex_tok_is(&toks[q], lex->w_that); n++, q++)
        if (!(lex_cls(lex, &toks[q]) & (W_ADV | W_PREP)) && !(toks[q].kind == TXT_PUNCT && toks[q].punct == ','))
            break;
    if (q < te && lex_tok_is(&toks[q], lex->w_that)) q++;
    int k = mention_np(lex, toks, te, m, nm, q);
    if (k < 0 || m[k].loc || m[k].kind == AK_ADJ) return -1;
    uint32_t e = m[k].te;
    for (size_t g = 0; g < nm; g++)
        if (m[k].group >= 0 && m[g].group == m[k].group && m[g].te > e) e = m[g].te;
    *after = e;
    return k;
}

/* "Russia said on Tuesday that Sudan must return the helicopter", "France
 * insisted that Iraq should cooperate": a demand (100) of the speaker on
 * the subject of the clause; what that subject "must" do has not happened
 * and is not coded. */
static size_t obligations(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t te,
                          const lex_wordset *present, const uint8_t *bnd, const act_mention *m, size_t nm,
                          cod_event *out, size_t ne, size_t cap) {
    if (lex->code_demand < 0) return ne;
    if (!lex_wordset_may(present, lex->w_must) && !lex_wordset_may(present, lex->w_should) &&
        !lex_wordset_may(present, lex->w_ought) && !lex_wordset_may(present, lex->w_face))
        return ne;
    for (uint32_t i = ts + 1; i + 2 < te; i++) {
        if (!(lex_cls(lex, &toks[i]) & W_REPORT)) continue;
        uint32_t after = 0;
        int y = that_subject(lex, toks, i + 1, te, m, nm, &after);
        if (y < 0 || after >= te) continue;
        uint32_t q = after;
        /* the rest of the noun phrase ("and his Rwandan Patriotic Front",
         * "the rebels in Darfur") */
        for (int n = 0; n < 4 && q < te && toks[q].kind == TXT_WORD && (toks[q].flags & TXT_CAP); n++) q++;
        if (q + 1 < te && (lex_cls(lex, &toks[q]) & W_LOCPREP) && (toks[q + 1].flags & TXT_CAP))
            for (q++; q < te && toks[q].kind == TXT_WORD && (toks[q].flags & TXT_CAP); q++) {}
        while (q < te && (lex_cls(lex, &toks[q]) & W_ADV)) q++;
        /* "said China would face consequences": a threat, not a demand */
        int threat = q + 1 < te && (lex_cls(lex, &toks[q]) & (W_FUTURE | W_CONDMOD)) && toks[q + 1].word &&
                     !strcmp(lex_word_str(lex, toks[q + 1].lemma ? toks[q + 1].lemma : toks[q + 1].word), "face") &&
                     lex->code_threat >= 0;
        if (q >= te || !(threat || lex_tok_is(&toks[q], lex->w_must) || lex_tok_is(&toks[q], lex->w_should) ||
                         lex_tok_is(&toks[q], lex->w_ought)))
            continue;
        int x = subject_before(lex, toks, ts, i, bnd, m, nm, 0);
        if (x < 0 || x == y) continue;
        /* drop what the clause demands */
        size_t w = 0;
        for (size_t e = 0; e < ne; e++)
            if (!(out[e].ts > q && out[e].ts < q + 12)) out[w++] = out[e];
        ne = w;
        int ss[8], tt[8];
        size_t ns, nt;
        group_members(m, nm, x, ss, &ns);
        group_members(m, nm, y, tt, &nt);
        for (size_t a = 0; a < ns; a++)
            for (size_t b = 0; b < nt; b++)
                if (!same_state(&m[ss[a]], &m[tt[b]]))
                    emit(out, &ne, cap, ss[a], tt[b], threat ? lex->code_threat : lex->code_demand, i, i + 1, 0);
    }
    return ne;
}

/* A state's word that someone else used force is an accusation: "Israel
 * said Hamas fired rockets at it", "Russia claimed that Ukrainian troops
 * shelled a village" add the speaker's 112 on the attacker besides the
 * attack.  The attacker must be named, with its state, as the subject of
 * the reported clause right after the verb; said of its own side ("Iraqi
 * police said insurgents killed ...", a domestic report) or of gunmen
 * nobody names, it is a report, not an accusation.  A monitor that is no
 * state (a rights group, an NGO) accuses a state's forces also at home and
 * also in a by-phrase ("the Observatory said eight people were killed in
 * an air strike by government forces").  "Hamas said it fired the
 * rockets", "the US claimed they had attacked Iraq": the speaker claims
 * the act (015) at its target. */
static size_t allegations(const annals_lexicon *lex, const txt_token *toks, const act_mention *m, size_t nm,
                          cod_event *out, size_t ne, size_t cap) {
    static const char *const speech[] = {"say", "claim", "allege", "state", "announce", "report",
                                         "insist", "assert", NULL};
    size_t n0 = ne;
    for (size_t i = 0; i < n0; i++) {
        const cod_event *s = &out[i];
        if (!s->statement || s->src < 0 || s->code != lex->code_statement) continue;
        if (!lemma_in(lex, &toks[s->ts], speech)) continue;
        const act_mention *sp = &m[s->src];
        if (sp->bare || sp->reporter || sp->loc || sp->ts >= s->ts) continue;
        size_t ls = strlen(sp->code);
        int monitor = sp->kind == AK_ORG && (!strncmp(sp->code, "NGO", 3) || (ls >= 6 && !strncmp(sp->code + 3, "NGO", 3)));
        if (!sp->country && !monitor) continue;
        for (size_t j = 0; j < n0; j++) {
            const cod_event v = out[j];
            int r = root_num(lex->codes[v.code].root);
            /* "Israel said a mortar bomb was fired at it from the Gaza
             * Strip": at the attackers of where it came from (annals.c) */
            if (v.src == UNIDENTIFIED && !v.statement && v.ts >= s->te && r >= 18 && r <= 20 && !monitor &&
                v.tgt >= 0 && (size_t)v.tgt < nm && (m[v.tgt].country == sp->country || !strcmp(m[v.tgt].code, sp->code)) &&
                lex->code_accuse >= 0) {
                cod_event *e = emit(out, &ne, cap, s->src, UNIDENTIFIED, lex->code_accuse, s->ts, s->te, 0);
                if (e) e->from_te = v.te;
                break;
            }
            if (v.statement || v.src < 0 || (size_t)v.src >= nm || v.ts < s->te) continue;
            if (r < 18 || r > 20) continue;
            const act_mention *a = &m[v.src];
            size_t la = strlen(a->code);
            int organ = a->bare ? state_organ(a->code) : la >= 6 && state_organ(a->code + 3);
            if (a->ts < s->te || a->loc) continue;
            /* the subject of the reported clause: "said (on Tuesday)
             * (that) Y ...", no comma between, the verb after it; for a
             * monitor also the agent, "were killed by police" */
            int subject = a->ts <= s->te + 4 && a->te <= v.ts && !a->bare;
            for (uint32_t q = s->te; subject && q < a->ts; q++)
                if (toks[q].kind == TXT_PUNCT) subject = 0;
            uint32_t b = a->ts;
            while (b > s->te && (lex_cls(lex, &toks[b - 1]) & W_DET)) b--;
            int agent = monitor && b > s->te && lex_tok_is(&toks[b - 1], lex->w_by) && (organ || !a->bare);
            if (!subject && !agent) continue;
            if (a->backref && !strcmp(a->code, sp->code)) {
                /* the speaker's own pronoun: a claim */
                if (lex->code_claim >= 0) emit(out, &ne, cap, s->src, v.tgt, lex->code_claim, s->ts, s->te, 0);
                break;
            }
            if (lex->code_accuse < 0 || (la >= 6 && !strcmp(a->code + la - 3, "UAF"))) continue;
            if (!(monitor && organ) &&
                (same_state(sp, a) || (a->country && a->country == sp->country) || !strncmp(a->code, sp->code, 3)))
                continue;
            int dup = 0;
            for (size_t k = 0; k < ne; k++)
                if (out[k].src == s->src && out[k].tgt == v.src && root_num(lex->codes[out[k].code].root) == 11)
                    dup = 1;
            if (!dup) emit(out, &ne, cap, s->src, v.src, lex->code_accuse, s->ts, s->te, 0);
            break;
        }
    }
    return ne;
}

size_t cod_sentence(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t te,
                    const lex_wordset *present, const act_mention *m, size_t nm, cod_event *out, size_t cap) {
    uint8_t bnd[512];
    if (te - ts > sizeof bnd) te = ts + (uint32_t)sizeof bnd;
    clause_bounds(lex, toks, ts, te, bnd);
    match mt[64];
    size_t nt = find_triggers(lex, toks, ts, te, present, bnd, m, nm, mt, 64);
    size_t ne = 0;
    int statements = 0, others = 0;
    int last_neg = 0;          /* negation of the last verb trigger (negated()) */
    uint32_t last_neg_end = ts; /* and where it ended */
    int last_src = -1; /* the subject of the last verb trigger coded */
    uint32_t last_src_end = ts; /* and where that trigger ended */
    int last_root = 0; /* and its CAMEO root */
    int accident = -1; /* "killed in a bus crash": nobody attacked (-1: not looked yet) */
    int sport = -1;    /* "beat France in the final": a game (-1: not looked yet) */
    int explosive = -1; /* a bomb named in the sentence (-1: not looked yet) */
    int last_mod = 0;  /* modality of the last verb trigger, and where it ended */
    uint32_t last_end = ts;
    for (size_t i = 0; i < nt && ne < cap; i++) {
        const match *x = &mt[i];
        const lex_pattern *p = x->pat;
        if (p->stop) continue;
        uint32_t at = x->anchor;
        /* "a kidnap victim", "the bombing suspects"; "four years of fighting" */
        if ((p->noun || (at > ts && (lex_cls(lex, &toks[at - 1]) & W_DET)) ||
             (x->te == at + 1 && toks[at].word == toks[at].lemma && !lex_verb_form(lex, &toks[at]) &&
              !(lex_cls(lex, &toks[at]) & W_REPORT) && !plural_subject(lex, toks, m, nm, at))) &&
            x->te < te && (lex_sem(lex, &toks[x->te]) & (S_HEAD | S_PLAN)))
            continue;
        if (at >= ts + 2 && lex_tok_is(&toks[at - 1], lex->w_of) && (lex_sem(lex, &toks[at - 2]) & S_SPAN)) continue;
        /* "aid workers", "attack helicopters": a noun before an actor noun
         * modifies it */
        if (p->noun && x->te == at + 1 && x->te < te && !(toks[x->te].flags & TXT_CAP) && mention_at(m, nm, x->te) >= 0 &&
            !plural_subject(lex, toks, m, nm, at)) /* ("Nigerian forces bomb rebel camps": a verb) */
            continue;
        /* "high-end technology", "anti-war protests": a word inside a
         * hyphenated compound is no trigger of its own */
        static const char *const prefix[] = {"re", "pre", "co", "de", "counter", "over", "under", "out", "mis",
                                             "cross", "inter", "self", NULL}; /* ("re-examine": a verb) */
        if (at > ts + 1 && toks[at - 1].kind == TXT_PUNCT && toks[at - 1].punct == '-' &&
            !(toks[at - 1].flags & TXT_SPACE) && !(toks[at].flags & TXT_SPACE) && toks[at - 2].kind == TXT_WORD &&
            x->ts == at && !text_prefix(lex, &toks[at - 2], prefix))
            continue;
        /* "proposed Israeli changes", "in occupied territories" */
        if (x->te <= at + 2 && modifier(lex, toks, at, te, m, nm)) continue;
        int speaker = -1;
        if (p->code == lex->code_statement && at > ts) { /* "..., Benin police said": attribution only */
            int r = mention_ending(m, nm, at);
            if (r < 0 && at > ts + 1) r = mention_ending(m, nm, at - 1);
            /* "..., the British government said Wednesday": a state's own
             * statement stands when nothing else in the sentence codes */
            if (r >= 0 && m[r].reporter) {
                size_t lc = strlen(m[r].code);
                if (!m[r].country || m[r].bare || m[r].kind == AK_ADJ || m[r].people ||
                    !(lc == 3 || (lc >= 6 && state_organ(m[r].code + 3))))
                    continue;
                speaker = r;
            }
        }
        if ((lex_cls(lex, &toks[at]) & W_THREAT) && i + 1 < nt) {
            uint32_t q = x->end; /* "threatened (on Sunday) to shell": coded on "shell" */
            while (q < te && (lex_cls(lex, &toks[q]) & (W_ADV | W_PREP)) && !lex_tok_is(&toks[q], lex->w_to)) q++;
            if (q < te && lex_tok_is(&toks[q], lex->w_to) && mt[i + 1].ts <= q + 2) continue;
        }
        /* "The Kremlin denied that Putin had asked Xi for equipment": what
         * is denied did not happen; nor what is demanded ("demanded that
         * Turkey protect them") */
        {
            int denied = 0;
            for (size_t j = 0; j < i && !denied; j++) {
                int asked = !mt[j].pat->stop && (root_num(lex->codes[mt[j].pat->code].root) == 2 ||
                                                 root_num(lex->codes[mt[j].pat->code].root) == 10);
                if (mt[j].pat->stop || (strncmp(lex->codes[mt[j].pat->code].code, "016", 3) && !asked)) continue;
                uint32_t q = mt[j].end;
                while (q < at && q < mt[j].end + 3 && !lex_tok_is(&toks[q], lex->w_that)) q++;
                if (q < at && lex_tok_is(&toks[q], lex->w_that)) denied = 1;
            }
            /* "Western governments fear that China will help Russia",
             * "amid hopes that": what is feared, hoped or foreseen */
            static const char *const feared[] = {"fear", "worry", "suspect", "hope", "doubt", "speculate", "predict",
                                                 "expect", "anticipate", "wonder", "fears", "hopes", "worries", NULL};
            for (uint32_t q = at; q > ts + 1 && at - q < 14 && !denied; q--) {
                if (!lex_tok_is(&toks[q - 1], lex->w_that)) continue;
                const txt_token *v = &toks[q - 2];
                if (q > ts + 2 && (lex_cls(lex, v) & W_ADV)) v = &toks[q - 3];
                if (lemma_in(lex, v, feared)) denied = 1;
                break;
            }
            if (denied) continue;
        }
        /* "charged with murder", "suspects in the 1994 bombing", "an inquiry
         * into the massacre": the act is what someone is charged with or
         * looked into, not an event of the story */
        if (mention_ending(m, nm, at) < 0 && in_legal_frame(lex, toks, ts, at)) continue;
        /* "agreed (in principle) to provide aid": the intent is coded on
         * "provide" with its target, not on "agreed" alone */
        if (x->slot_t < 0 && i + 1 < nt && (lex_cls(lex, &toks[at]) & W_INTENT) && !mt[i + 1].pat->noun &&
            mt[i + 1].anchor >= x->end && mt[i + 1].anchor <= x->end + 7 &&
            root_num(lex->codes[p->code].root) == 3 && modality(lex, toks, ts, mt[i + 1].anchor) == 1)
            continue;
        /* "refused to commit to assistance": coded on "commit" as a refusal */
        if (x->slot_t < 0 && i + 1 < nt && (lex_tok_is(&toks[at], lex->w_refuse) || lex_tok_is(&toks[at], lex->w_decline)) &&
            x->te == at + 1 && !mt[i + 1].pat->noun && mt[i + 1].anchor > x->end && mt[i + 1].anchor <= x->end + 5 &&
            refused_to(lex, toks, ts, mt[i + 1].anchor) == 1)
            continue;
        int neg = negated(lex, toks, ts, at);
        /* "will not dismantle its programs or improve ties": "or" and
         * "nor" carry the negation of the verb before */
        if (!neg && last_neg && !p->noun && at > ts + 1) {
            static const char *const alt[] = {"or", "nor", NULL};
            uint32_t q = at;
            while (q > ts && (lex_cls(lex, &toks[q - 1]) & (W_ADV | W_AUX))) q--;
            int punct = 0;
            for (uint32_t r = last_neg_end; r < q; r++)
                if (toks[r].kind == TXT_PUNCT || bnd[r - ts] == B_HARD) punct = 1;
            if (q > ts && lemma_in(lex, &toks[q - 1], alt) && last_neg_end <= q && !punct) neg = last_neg;
        }
        if (!p->noun) {
            last_neg = neg;
            last_neg_end = x->end;
        }
        /* a noun after its light verb: "would not provide support" */
        for (uint32_t b = 1; !neg && b <= 2 && at >= ts + b && toks[at - b].kind == TXT_WORD &&
                             !(lex_cls(lex, &toks[at - b]) & (W_PREP | W_SUBORD | W_COORD | W_REPORT));
             b++)
            if (p->noun || b == 1) neg = negated(lex, toks, ts, at - b);
        int refusal = -1;
        if (neg) {
            const char *rt = lex->codes[p->code].root;
            int r = root_num(rt);
            if (neg < 2 || r < 1 || r > 20 || lex->refuse[r] < 0) continue;
            refusal = lex->refuse[r];
        }
        if (in_conditional(lex, toks, ts, at, bnd)) continue;
        int mod = p->noun || refusal >= 0 ? 0 : modality(lex, toks, ts, at);
        if (mod < 0) continue;
        /* "Sharon is to meet Bush", headline "Putin to visit China": to come */
        if (!mod && !p->noun && at >= ts + 2 && lex_tok_is(&toks[at - 1], lex->w_to)) {
            int subj = mention_ending(m, nm, at - 1);
            /* ("Iraq group to free 3 Indians": a noun of the actor's between) */
            for (uint32_t b = at - 1; subj < 0 && b > ts + 1 && at - b < 2 && toks[b - 1].word &&
                                      !(lex_cls(lex, &toks[b - 1]) & ~(W_TITLE | W_PERSONNOUN)) &&
                                      !lex_verb_form(lex, &toks[b - 1]);
                 b--) /* (also "Thai PM to Address Nation") */
                subj = mention_ending(m, nm, b - 1);
            if (lex_cls(lex, &toks[at - 2]) & W_BE) mod = 1;
            else if (subj >= 0) {
                uint32_t b = m[subj].group >= 0 ? m[m[subj].group].ts : m[subj].ts;
                for (;;) {
                    while (b > ts && (lex_cls(lex, &toks[b - 1]) & W_DET)) b--;
                    /* ("Blair, Bush to Meet": a headline's list of actors) */
                    int prev = b > ts + 1 && toks[b - 1].kind == TXT_PUNCT && toks[b - 1].punct == ','
                                   ? mention_ending(m, nm, b - 1)
                                   : -1;
                    if (prev < 0) break;
                    b = m[prev].ts;
                }
                if (b == ts) mod = 1;
            }
        }
        /* "will meet in Zurich to discuss trade": the purpose of an act to
         * come has not happened either */
        if (!mod && !p->noun && last_mod > 0 && at > ts && lex_tok_is(&toks[at - 1], lex->w_to) && last_end <= at &&
            at - last_end <= 8) {
            int hard = 0;
            for (uint32_t r = last_end; r < at; r++)
                if (bnd[r - ts] == B_HARD || (toks[r].kind == TXT_PUNCT && toks[r].punct != '-')) hard = 1;
            if (!hard) mod = 1;
        }
        if (!p->noun) {
            last_mod = mod;
            last_end = x->end;
        }
        /* "Thai PM to address the nation": a statement to come is none */
        if (mod > 0 && p->code == lex->code_statement) continue;
        int src = speaker >= 0 ? speaker : x->slot_s, tgt = x->slot_t;
        /* the target lies before the next verb trigger; a noun trigger may
         * be part of the object ("welcomed the truce between A and B") */
        uint32_t stop = te;
        for (size_t j = i + 1; j < nt; j++)
            if ((!mt[j].pat->noun || mt[j].ts > x->end + 3) && !modifier(lex, toks, mt[j].anchor, te, m, nm)) {
                stop = mt[j].anchor;
                break;
            }
        int nominal = p->noun;
        int violent = !neg && !mod && root_num(lex->codes[p->code].root) >= 18;
        /* acts done to someone: accused, sanctioned, arrested, attacked,
         * freed (a pattern that takes in the preposition after the verb,
         * "advised against travel to", is active) */
        int rn = root_num(lex->codes[p->code].root);
        int undergone = !neg && !mod && (rn == 11 || rn == 16 || rn == 17 || rn >= 18 ||
                                         !strncmp(lex->codes[p->code].code, "084", 3) ||
                                         (lex_cls(lex, &toks[at]) & (W_APPEAL | W_DEMAND)));
        int bare = -1;
        /* "arrested in Minsk", "deported from Libya": by its authorities */
        int arrest = !neg && !mod && (!strncmp(lex->codes[p->code].code, "173", 3) ||
                                      !strncmp(lex->codes[p->code].code, "174", 3)) &&
                     police_act(lex, &toks[at]);
        int loc_ok = cod_located(lex->codes[p->code].code) ? 1 : p->code == lex->code_statement ? -1 : 0;
        if (!nominal && at > ts) {
            const txt_token *b = &toks[at - 1];
            if (lex_tok_is(b, lex->w_s) || (lex_cls(lex, b) & (W_DET | W_POSSPRON))) nominal = 1;
            /* "the first such attack": a determiner before plain modifiers
             * and an uninflected word ("a car bomb exploded" is a verb);
             * "in protest at alleged government attacks": a preposition
             * before them, and a word in -s too */
            const char *aw = lex_word_str(lex, toks[at].word);
            int uninflected = !toks[at].lemma || toks[at].lemma == toks[at].word;
            /* (a past form: "-ed", or irregular "shot", "held") */
            int ed = (strlen(aw) > 2 && !strcmp(aw + strlen(aw) - 2, "ed")) ||
                     (!uninflected && !(strlen(aw) > 1 && aw[strlen(aw) - 1] == 's') &&
                      !(strlen(aw) > 3 && !strcmp(aw + strlen(aw) - 3, "ing")));
            for (uint32_t q = at - 1; !nominal && !ed && q > ts && at - q <= 3; q--) {
                /* ("killed in Iraq attack": a place before the noun) */
                int pl = -1;
                for (size_t k = 0; k < nm && pl < 0; k++)
                    if (m[k].te == q + 1 && m[k].loc) pl = (int)k;
                if (pl >= 0 && m[pl].ts > ts && m[pl].ts < q + 1 && uninflected) { /* ("in Kathmandu injures 30": a verb) */
                    q = m[pl].ts;
                    uint32_t pc = lex_cls(lex, &toks[q - 1]);
                    if ((pc & W_PREP) && !lex_tok_is(&toks[q - 1], lex->w_to) && !lex_tok_is(&toks[q - 1], lex->w_by))
                        nominal = 1;
                    break;
                }
                const txt_token *y = &toks[q];
                const char *yw = lex_word_str(lex, y->word);
                int participle = strlen(yw) > 3 && !strcmp(yw + strlen(yw) - 2, "ed");
                if (y->kind != TXT_WORD || (y->flags & TXT_CAP) || (lex_cls(lex, y) & ~W_ADV) ||
                    (lex_verb_form(lex, y) && !participle) || mention_at(m, nm, q) >= 0 ||
                    mention_ending(m, nm, q + 1) >= 0 || s_plural(yw))
                    break;
                uint32_t bc = lex_cls(lex, &toks[q - 1]);
                /* ("a private meeting with": an -ing word after them and
                 * before a preposition is a noun too; "a declaration
                 * demanding that" is not) */
                int ing_noun = ing_form(lex, &toks[at]) && at + 1 < te && (lex_cls(lex, &toks[at + 1]) & W_PREP) &&
                               !(lex_cls(lex, &toks[at + 1]) & W_SUBORD) && !lex_tok_is(&toks[at + 1], lex->w_to);
                if ((bc & (W_DET | W_POSSPRON)) && (uninflected || ing_noun) && !participle) nominal = 1;
                if ((bc & W_PREP) && !(bc & W_SUBORD) && !lex_tok_is(&toks[q - 1], lex->w_to) &&
                    !lex_tok_is(&toks[q - 1], lex->w_by))
                    nominal = 1;
            }
            /* "six-party talks", "a two-day visit": after a hyphenated modifier */
            if (at >= ts + 3 && b->kind == TXT_WORD && toks[at - 2].kind == TXT_PUNCT && toks[at - 2].punct == '-' &&
                !(toks[at - 2].flags & TXT_SPACE) && !(b->flags & TXT_SPACE))
                nominal = 1;
            for (size_t q = 0; q < nm && !ed; q++) /* ("Kidnapped Italian freed": a verb) */
                if (m[q].te == at && (m[q].kind == AK_ADJ || m[q].poss ||
                                      /* ("Blair's Israel visit": a state before a base form) */
                                      (uninflected && m[q].kind == AK_STATE && !m[q].people && m[q].group < 0 &&
                                       strlen(m[q].code) == 3 && np_end(lex, toks, at + 1, te))))
                    nominal = 1;
        }
        if (nominal && !p->noun && p->code == lex->code_statement) continue; /* "a state", "the report" */
        /* "U.N. sanctions would destroy society", "a large US assault is
         * expected": a noun that is the subject of a modal or of an
         * expectation has not happened */
        /* (a verb form right before a modal is a noun too: "U.N.
         * Sanctions Would Destroy") */
        {
            static const char *const expected[] = {"expected", "planned", "scheduled", "due", "likely", "feared",
                                                   "possible", "looming", "loom", "looms", "expect", "plan",
                                                   "schedule", "fear", NULL};
            static const char *const looms[] = {"loom", "looms", "looming", "loomed", NULL};
            int hypo = 0;
            for (uint32_t q = nominal ? x->end : x->te, n = 0; n < (nominal ? 8u : 1u) && q < te; n++, q++) {
                const txt_token *y = &toks[q];
                uint32_t c = lex_cls(lex, y);
                if ((y->kind == TXT_PUNCT && y->punct != ',' && y->punct != '-') || (c & (W_SUBORD | W_REPORT)) ||
                    lex_verb_form(lex, y) || lex_tok_is(y, lex->w_to)) /* ("a threat to launch strikes ... would") */
                    break;
                if ((c & W_CONDMOD) && !lex_tok_is(y, lex->w_must) && !lex_tok_is(y, lex->w_should)) hypo = 1;
                else if (c & (W_BE | W_AUX)) hypo = q + 1 < te && lemma_in(lex, &toks[q + 1], expected);
                else if (lemma_in(lex, y, looms)) hypo = 1; /* ("as UN sanctions loom") */
                else continue;
                break;
            }
            if (hypo) continue;
        }
        /* (a verb with a subject is done by it: "Turkey offered to mediate
         * between Russia and Ukraine") */
        if (src < 0 && tgt < 0 && x->end + 1 < te && lex_tok_is(&toks[x->end], lex->w_between) &&
            (p->noun || subject_before(lex, toks, ts, at, bnd, m, nm, 0) == -1)) {
            /* "clashes between Indian and Pakistani troops": each side
             * acts on the other */
            int k = mention_np(lex, toks, te, m, nm, x->end + 1);
            int gs[8];
            size_t ng = 0;
            if (k >= 0) group_members(m, nm, k, gs, &ng);
            if (ng == 2) { /* (with three or more the sides are unclear) */
                for (size_t a = 0; a < ng; a++)
                    for (size_t b = 0; b < ng; b++)
                        if (a != b && !m[gs[a]].loc && !m[gs[b]].loc && !same_state(&m[gs[a]], &m[gs[b]]) &&
                            (!m[gs[a]].bare || m[gs[a]].country))
                            emit(out, &ne, cap, gs[a], gs[b], p->code, x->ts, x->te, 0);
                others++;
                continue;
            }
        }
        if (nominal) {
            if (src < 0) {
                src = noun_source(lex, toks, ts, at, m, nm);
                /* "Egypt welcomed the truce": the noun is the object of an
                 * earlier trigger, not an act of that trigger's subject */
                for (size_t j = 0; j < i && src >= 0; j++)
                    if (mt[j].anchor >= m[src].te && mt[j].anchor < at && !mt[j].pat->stop) src = -1;
            }
            /* "British PM Blair's Israel visit": the possessor visits the
             * state named after it */
            if (src >= 0 && !m[src].poss && m[src].kind == AK_STATE && m[src].ts >= ts + 2 &&
                lex_tok_is(&toks[m[src].ts - 1], lex->w_s)) {
                int owner = mention_ending(m, nm, m[src].ts - 1);
                if (owner >= 0 && m[owner].poss && !m[owner].loc) {
                    if (tgt < 0) tgt = src;
                    src = owner;
                }
            }
            /* "votes Ivory Coast arms embargo", "Iran sanctions": a state
             * named before a sanction is its target */
            if (src >= 0 && rn == 16 && !m[src].poss && m[src].kind == AK_STATE && strlen(m[src].code) == 3 &&
                !(toks[m[src].ts].flags & TXT_UPPER)) {
                if (tgt < 0) tgt = src;
                src = -1;
            }
            if (src < 0) src = by_phrase(lex, toks, ts, te, x->end, bnd, m, nm);
            if (src < 0) {
                /* "Moscow reaffirmed its support for Beijing": "its" is the
                 * clause's subject */
                uint32_t b = at;
                while (b > ts && at - b < 3 && toks[b - 1].kind == TXT_WORD && !lex_cls(lex, &toks[b - 1]) &&
                       !(toks[b - 1].flags & TXT_CAP))
                    b--;
                /* (as the verb's object only: "in its fight against", "for
                 * their release" may be anyone's) */
                if (b > ts + 1 && (lex_cls(lex, &toks[b - 1]) & W_POSSPRON) && !(lex_cls(lex, &toks[b - 1]) & W_PRON_POSS) &&
                    toks[b - 2].kind == TXT_WORD && !(lex_cls(lex, &toks[b - 2]) & (W_PREP | W_SUBORD | W_COORD | W_REPORT)) &&
                    !(b > ts + 2 && lex_tok_is(&toks[b - 3], lex->w_to))) { /* ("to secure their release": sought) */
                    int s0 = subject_before(lex, toks, ts, b - 1, bnd, m, nm, 0);
                    /* (the subject of the verb the noun is the object of) */
                    if (s0 >= 0 && !m[s0].loc && b - 1 > m[s0].te) src = s0;
                }
            }
            if (src < 0 && mutual_code(lex->codes[p->code].code)) {
                /* "received advice in a private meeting with X", "said
                 * during talks with X": the clause's subject took part */
                static const char *const during[] = {"in", "at", "during", NULL};
                uint32_t b = at;
                while (b > ts && at - b < 4 && toks[b - 1].kind == TXT_WORD &&
                       !(lex_cls(lex, &toks[b - 1]) & ~(W_DET | W_ADV | W_POSSPRON)) && !lemma_in(lex, &toks[b - 1], during))
                    b--;
                int with = x->slot_t >= 0 ? x->slot_t
                           : x->te > x->ts && lex_tok_is(&toks[x->te - 1], lex->w_with) ? mention_np(lex, toks, te, m, nm, x->end)
                           : x->end + 1 < te && lex_tok_is(&toks[x->end], lex->w_with) ? mention_np(lex, toks, te, m, nm, x->end + 1)
                                                                                         : -1;
                if (b > ts + 1 && lemma_in(lex, &toks[b - 1], during) && with >= 0) {
                    int s0 = subject_before(lex, toks, ts, b - 1, bnd, m, nm, 0);
                    if (s0 >= 0 && s0 != with && !m[s0].loc) src = s0;
                }
            }
            if (src < 0 && last_src >= 0 && last_root == 4 && purpose_noun(lex, toks, ts, at)) {
                /* "arrives in Seoul for a two-day visit", "flew to Delhi for
                 * talks": the visitor ("calls for attacks" has not happened) */
                src = last_src;
            }
            if (tgt < 0) {
                tgt = target_after_topic(lex, toks, ts, te, at + 1, stop, bnd, m, nm, src, loc_ok, rn);
                /* ("North Korea Talks Still On, China Tells Downer": a noun's
                 * partner is in its own phrase, not past a comma) */
                for (uint32_t r = x->end; tgt >= 0 && r < m[tgt].ts; r++)
                    if (toks[r].kind == TXT_PUNCT && toks[r].punct == ',') tgt = -1;
            }
        } else if (src < 0 && (lex_cls(lex, &toks[at]) & W_REPORT) && inverted(toks, ts, at) &&
                   !(x->te < te && lex_tok_is(&toks[x->te], lex->w_that))) {
            /* '..., said Mr. X' / '"...," said X': the speaker follows */
            int k = mention_np(lex, toks, te, m, nm, x->te);
            uint32_t from = k >= 0 ? m[k].te : x->end;
            /* ("X, a group that tracks the war, said eight people ...":
             * the comma closes an apposition, the speaker is X) */
            int ap = at > ts + 2 && toks[at - 1].kind == TXT_PUNCT && toks[at - 1].punct == ','
                         ? apposed_subject(lex, toks, ts, at - 1, m, nm)
                         : -1;
            if (ap >= 0) {
                k = ap;
                from = x->end;
            }
            if (k < 0) continue;
            src = k;
            if (tgt < 0 && !lex_tok_is(&toks[at], lex->w_say))
                tgt = target_after(lex, toks, ts, te, from, stop, bnd, m, nm, src, -1);
        } else if (src < 0 && (passive(lex, toks, ts, te, at) || reduced_passive(lex, toks, at, x->te, te) ||
                               (undergone && (violent || x->te == at + 1 || particle_tail(lex, toks, at, x->te)) &&
                                (bare = bare_participle(lex, toks, ts, at, x->te, te, m, nm)) >= 0))) {
            int by = by_phrase(lex, toks, ts, te, x->end, bnd, m, nm);
            /* ("Palestinian homes were demolished": the homes' state) */
            int subj = passive(lex, toks, ts, te, at) ? subject_before(lex, toks, ts, at, bnd, m, nm, undergone)
                       : bare >= 0                    ? bare
                                                      : mention_ending(m, nm, at);
            /* "the speeches released by the Kremlin": only people are
             * released, freed or returned */
            if (by >= 0 && subj < 0 && tgt < 0 && root_num(lex->codes[p->code].root) == 8 &&
                !passive(lex, toks, ts, te, at))
                continue;
            if (by < 0) {
                /* "three soldiers were killed by a roadside bomb": the
                 * attackers are not named; coded when the victims are
                 * ("rockets were fired at an Israeli town": at the town) */
                /* "a mortar bomb was fired at Israel": a weapon is the
                 * subject, the target follows */
                int aimed = -1;
                if (violent && tgt < 0 && (subj < 0 ? weapon_before(lex, toks, ts, at) : m[subj].bare)) {
                    /* ("rockets were fired at Israel from Lebanon": the
                     * actor right after "fired at", even as a place) */
                    aimed = lex_cls(lex, &toks[x->end - 1]) & W_PREP ? mention_np(lex, toks, te, m, nm, x->end) : -1;
                    if (aimed < 0 && subj < 0) aimed = target_after(lex, toks, ts, te, x->end, stop, bnd, m, nm, -1, 0);
                    if (aimed >= 0) subj = aimed;
                }
                if (!(violent || arrest) || subj < 0 || (m[subj].loc && subj != aimed) || tgt >= 0) continue;
                if (m[subj].bare && subj != aimed) subj = target_after(lex, toks, ts, te, x->end, stop, bnd, m, nm, -1, 0);
                if (subj < 0 || (m[subj].loc && subj != aimed) || m[subj].bare) continue;
                /* "killed in an Israeli airstrike": the weapon's owner */
                by = violent ? weapon_owner(lex, toks, ts, te, x->end, bnd, m, nm) : -1;
                if (by < 0) by = UNIDENTIFIED;
            }
            src = by;
            if (tgt < 0) tgt = subj >= 0 ? subj : -1;
        } else {
            if (src < 0 && i > 0) {
                /* "urged the West to withdraw", "called on A and B to
                 * intensify": the object of the appeal does the infinitive;
                 * after an appeal or a demand it has not happened */
                int c = controlled_subject(lex, toks, ts, at, bnd, &mt[i - 1], m, nm);
                const lex_pattern *pp = mt[i - 1].pat;
                int appeal = !pp->stop && (root_num(lex->codes[pp->code].root) == 2 ||
                                           root_num(lex->codes[pp->code].root) == 10);
                /* "Karzai will visit Pakistan to discuss trade": after a verb
                 * that does not hand the act over, its own subject acts */
                if (!appeal && last_src >= 0 && !object_control(lex, &toks[mt[i - 1].anchor]) &&
                    (c != -1 || (!mt[i - 1].pat->noun && mt[i - 1].end + 1 == at && lex_tok_is(&toks[at - 1], lex->w_to))))
                    c = last_src; /* ("summoned the ambassador to protest": Japan protests) */
                if (c == -2) continue;
                if (c >= 0 && appeal) continue;
                /* "called on Ethiopia to end its offensive" (the appeal took
                 * its object in a slot): the ending has not happened */
                if (appeal && mt[i - 1].slot_t >= 0 && mt[i - 1].end + 1 == at && lex_tok_is(&toks[at - 1], lex->w_to))
                    continue;
                /* "Blair urged to launch a probe": asked, not done */
                {
                    const txt_token *pa = &toks[mt[i - 1].anchor];
                    const char *pw = lex_word_str(lex, pa->word);
                    size_t pl = strlen(pw);
                    if (appeal && mt[i - 1].anchor + 2 == at && lex_tok_is(&toks[at - 1], lex->w_to) &&
                        pa->word != pa->lemma && pl > 2 && pw[pl - 2] == 'e' && pw[pl - 1] == 'd' &&
                        strcmp(lex_word_str(lex, pa->lemma), "want"))
                        continue;
                }
                if (c >= 0) src = c;
            }
            /* "sanctions on Chinese companies accused of helping Russia":
             * a participle after an object describes it; who accused is
             * not said */
            if (src < 0 && undergone && !p->noun && toks[at].word != toks[at].lemma && !ing_form(lex, &toks[at]) &&
                ((at + 1 < te && (lex_cls(lex, &toks[at + 1]) & W_PREP) && !lex_tok_is(&toks[at + 1], lex->w_by)) ||
                 (x->te < te && (lex_cls(lex, &toks[x->te]) & W_PREP) && !lex_tok_is(&toks[x->te], lex->w_by)))) {
                int k = mention_ending(m, nm, at);
                /* ("two French reporters still held hostage in Iraq") */
                if (k < 0 && at > ts + 1 && (lex_cls(lex, &toks[at - 1]) & W_ADV)) k = mention_ending(m, nm, at - 1);
                if (k >= 0) {
                    uint32_t b = m[k].group >= 0 ? m[m[k].group].ts : m[k].ts;
                    /* (through "two", "senior": a number or an adjective) */
                    for (int n = 0; n < 3 && b > ts; n++) {
                        const txt_token *y = &toks[b - 1];
                        if (!((lex_cls(lex, y) & W_DET) || y->kind == TXT_NUM ||
                              (y->kind == TXT_WORD && !lex_cls(lex, y) && !(y->flags & TXT_CAP) && !lex_verb_form(lex, y))))
                            break;
                        b--;
                    }
                    /* ("thousands of Georgian students protested in": an
                     * of-object is the subject) */
                    /* ("Suspected separatist rebels stormed": an adjective
                     * opening the sentence) */
                    if (b > ts && !lex_tok_is(&toks[b - 1], lex->w_of) &&
                        ((lex_cls(lex, &toks[b - 1]) & W_PREP) ||
                         (lex_verb_form(lex, &toks[b - 1]) && b - 1 > ts && !(toks[b - 1].flags & TXT_CAP))))
                        continue;
                }
            }
            if (src < 0) {
                /* "Obama wants Putin to attack": an appeal to Putin */
                int ap = appeal_to(lex, toks, ts, at, bnd, m, nm, out, ne, cap);
                if (ap < 0) continue;
                ne = (size_t)ap > ne ? (size_t)ap : ne;
                if (ap > 0) {
                    others++;
                    continue;
                }
            }
            /* "raising pressure on Western states to hand over": what is
             * asked of someone the coder cannot name has not happened */
            if (x->slot_s < 0 && at >= ts + 3 && lex_tok_is(&toks[at - 1], lex->w_to)) {
                int asked = 0;
                for (uint32_t k = at - 2; k > ts && k + 6 > at && !asked; k--) {
                    const txt_token *t = &toks[k - 1];
                    if (t->kind == TXT_PUNCT || (lex_cls(lex, t) & (W_REPORT | W_SUBORD))) break;
                    if ((lex_cls(lex, t) & (W_APPEAL | W_DEMAND)) && k < at - 1)
                        asked = 1;
                }
                if (asked) continue;
            }
            if (p->lead_t) {
                /* "+T receive * aid from +S": the subject receives */
                if (src < 0) continue;
                if (tgt < 0) {
                    int s = subject_before(lex, toks, ts, at, bnd, m, nm, 0);
                    tgt = s >= 0 && s != src ? s : -1;
                }
            }
            /* (the verb right before must be the one whose subject that
             * was: "it said 20 people were killed or wounded" -- "killed"
             * coded nothing, and "wounded" is not Lebanon's) */
            int between = 0;
            for (size_t j = 0; j < i; j++)
                if (!mt[j].pat->noun && !mt[j].pat->stop && mt[j].anchor >= last_src_end && mt[j].anchor < at) between = 1;
            if (src < 0 && last_src >= 0 && !between && coordinated(lex, toks, ts, at)) {
                /* "Russia condemned the vote and imposed sanctions", "..., but
                 * was still refusing": the subject of the verb before */
                src = last_src;
                if (p->lead_t && tgt < 0) tgt = -1;
            }
            int coord = src < 0 && coordinated(lex, toks, ts, at);
            if (coord && last_src == UNIDENTIFIED) src = UNIDENTIFIED; /* "a bomb killed A and wounded B" */
            /* "..., killing at least eight people": a participle clause after
             * a comma has the subject of the clause before; when that one
             * is a blast, the attackers are unnamed; when it is no actor,
             * nothing is coded */
            /* "the UN vote condemning Russia": an -ing verb right after a noun
             * has that noun as subject, and its owner as actor */
            if (src < 0 && !coord && !p->noun && at > ts + 1 && toks[at - 1].kind == TXT_WORD &&
                !(toks[at - 1].flags & TXT_CAP) && !lex_cls(lex, &toks[at - 1]) && !lex_verb_form(lex, &toks[at - 1]) &&
                mention_ending(m, nm, at) < 0 && ing_form(lex, &toks[at])) {
                int owner = mention_ending(m, nm, at - 1);
                /* ("the Security Council's resolution threatening") */
                if (owner < 0 && at >= ts + 3 && lex_tok_is(&toks[at - 2], lex->w_s)) owner = mention_ending(m, nm, at - 2);
                static const char *const made[] = {"issue", "file", "release", "publish", "adopt", "pass", "submit",
                                                   "present", "table", "send", "introduce", "draft", "unveil", NULL};
                if (owner >= 0 && !m[owner].loc) src = owner;
                /* ("vetoed an Arab-backed resolution demanding an end":
                 * the resolution demands, not the US; "strikes killing" a
                 * weapon's act is looked for below) */
                else {
                    /* ("issued a declaration demanding that", "filed a
                     * lawsuit accusing": the maker's own) */
                    uint32_t v = at - 1;
                    while (v > ts && at - v < 4 && toks[v - 1].kind == TXT_WORD && !lemma_in(lex, &toks[v - 1], made) &&
                           !(lex_cls(lex, &toks[v - 1]) & ~(W_DET | W_ADV)))
                        v--;
                    int maker = v > ts && lemma_in(lex, &toks[v - 1], made)
                                    ? subject_before(lex, toks, ts, v - 1, bnd, m, nm, 0)
                                    : -1;
                    if (maker >= 0) src = maker;
                    else if (!lex_sem(lex, &toks[at - 1]) && !(toks[at - 1].flags & TXT_CAP)) continue;
                }
            }
            if (src < 0 && !coord && violent && participle_clause(lex, toks, ts, at)) {
                if (last_src >= 0 || last_src == UNIDENTIFIED) src = last_src;
                else if (weapon_before(lex, toks, ts, at)) src = UNIDENTIFIED;
                else continue;
            }
            if (src < 0 && (rn == 1 || rn == 11 || rn == 12)) src = document_place(lex, toks, ts, at, m, nm);
            if (src < 0) {
                int s = subject_before(lex, toks, ts, at, bnd, m, nm, 0);
                if (s == -2) continue;
                /* "a blast killed two youths and wounded five": the object
                 * of the verb before is not the subject of this one */
                if (s >= 0 && coord && i > 0 && !mt[i - 1].pat->noun && m[s].ts > mt[i - 1].anchor) s = -1;
                src = s;
            }
            if (tgt < 0) tgt = target_after_topic(lex, toks, ts, te, at + 1, stop, bnd, m, nm, src, loc_ok, rn);
            /* "a roadside bomb killed two soldiers": a weapon, no attacker;
             * "Israeli air strikes killed": the weapon's owner; "a car bomb
             * killed ten people in Mosul": aimed at the place */
            if (src == -1 && violent && weapon_subject(lex, toks, ts, at, bnd)) {
                uint32_t c0 = at;
                while (c0 > ts && at - c0 < 6 && bnd[c0 - 1 - ts] != B_HARD && toks[c0 - 1].kind != TXT_PUNCT) c0--;
                int own = weapon_owner(lex, toks, ts, at, c0, bnd, m, nm);
                src = own >= 0 ? own : UNIDENTIFIED;
            }
        }
        /* "rockets hit Israeli towns", "missiles struck Kiev": a weapon
         * named without its owner is no attacker of the place's state */
        if (src >= 0 && m[src].bare && violent && (lex_sem(lex, &toks[m[src].te - 1]) & S_WEAPON)) src = UNIDENTIFIED;
        if (src == UNIDENTIFIED) {
            /* with no victim named, annals.c aims it at the place, or drops it */
            if (!(violent || arrest) || (tgt < 0 && nominal)) continue;
            if (sentence_has(lex, toks, ts, te, S_ACCIDENT, &accident)) continue;
            int tt[8];
            size_t ntg = 0;
            if (tgt >= 0) group_members(m, nm, tgt, tt, &ntg);
            else tt[ntg++] = -1;
            int code = p->code;
            if (code == lex->code_kill && lex->code_bombing >= 0 && sentence_has(lex, toks, ts, te, S_EXPLOSIVE, &explosive))
                code = lex->code_bombing;
            for (size_t b = 0; b < ntg; b++)
                emit(out, &ne, cap, UNIDENTIFIED, tt[b], code, x->ts, x->te, 0);
            if (!nominal) {
                last_src = UNIDENTIFIED;
                last_src_end = x->end;
            }
            others++;
            continue;
        }
        if (src < 0) continue;
        if (m[src].bare && p->code == lex->code_statement) continue; /* "police said": no news */
        /* "Japan Airlines said profit rose", "BSkyB said": a company, a
         * broadcaster or a school saying something is no political news */
        if (p->code == lex->code_statement && apolitical(m[src].code)) continue;
        /* "Cayman Islands hit by hurricane": a state does not fight a storm,
         * nor do miners ("five miners were killed and 14 injured in a blast
         * in a coal mine") */
        if (violent && ((m[src].kind == AK_STATE && strlen(m[src].code) == 3) || apolitical(m[src].code) ||
                        (strlen(m[src].code) >= 6 && !strcmp(m[src].code + 3, "LAB")))) {
            if (sentence_has(lex, toks, ts, te, S_ACCIDENT, &accident)) continue;
        }
        if (!nominal) {
            last_src = m[src].group >= 0 ? m[src].group : src;
            last_src_end = x->end;
            last_root = root_num(lex->codes[p->code].root);
        }
        {
            const char *rt = lex->codes[p->code].root;
            if (tgt < 0 && (root_num(rt) == 2 || root_num(rt) == 10)) {
                uint32_t after;
                int k = that_subject(lex, toks, x->end, te, m, nm, &after);
                if (k >= 0 && k != src) tgt = k;
            }
        }
        if (tgt == -1 && loc_ok > 0 && x->end < te && toks[x->end].kind == TXT_PUNCT && toks[x->end].punct != '(') {
            /* "the event that Biden promised to boycott, ...": a located
             * verb with its object left out points at the place named
             * before it in the sentence ("the Beijing Olympics") */
            for (size_t q = 0; q < nm; q++)
                if (m[q].loc && m[q].te <= x->ts && (tgt < 0 || m[q].ts > m[tgt].ts)) tgt = (int)q;
        }
        if (x->slot_t < 0 && p->code == lex->code_statement &&
            (lex_tok_is(&toks[at], lex->w_say) || (tgt >= 0 && m[tgt].backref && !m[tgt].poss && !strcmp(m[tgt].code, m[src].code))))
            tgt = -1; /* "the US claimed they had ...": the speaker's own pronoun */
        int reciprocal = tgt == -3;
        if (reciprocal) tgt = -1;
        /* a place in the source's own country is no target ("they held
         * exercises in North China" for Russia and China) */
        if (tgt >= 0 && m[tgt].loc) {
            int gs[8];
            size_t ng;
            group_members(m, nm, src, gs, &ng);
            for (size_t g = 0; g < ng; g++)
                if (m[gs[g]].country && m[gs[g]].country == m[tgt].country) tgt = -1;
        }
        int code = refusal >= 0 ? refusal : p->code;
        {
            /* "England beat France in the semifinal", "coach slams referee" */
            int r0 = root_num(lex->codes[code].root);
            if (r0 == 11 || r0 >= 18) {
                if (sentence_has(lex, toks, ts, te, S_SPORT, &sport)) continue;
            }
        }
        /* "protesters torched a bank", "a building demolished by
         * protesters": crowds that use force riot (145) */
        if (src >= 0 && riot_code(lex->codes[code].code) && rioters(lex, toks, m, nm, src) && lex->code_riot >= 0)
            code = lex->code_riot;
        /* "troops stormed police stations": soldiers and police do not riot */
        if (!strncmp(lex->codes[code].code, "145", 3) && lex->code_kill >= 0 && src >= 0) {
            int gs[8];
            size_t ng;
            group_members(m, nm, src, gs, &ng);
            for (size_t g = 0; g < ng; g++) {
                size_t l = strlen(m[gs[g]].code);
                if (l >= 6 && (!strcmp(m[gs[g]].code + l - 3, "MIL") || !strcmp(m[gs[g]].code + l - 3, "COP")))
                    code = lex->code_kill;
            }
        }
        /* "Kerry attacked Bush", "battles with Cheney": between two named
         * people, violence is words (111), unless someone was killed */
        if (root_num(lex->codes[code].root) >= 18 && src >= 0 && tgt >= 0 && m[src].kind == AK_PERSON &&
            m[tgt].kind == AK_PERSON && !m[tgt].backref && lex->code_criticize >= 0) {
            int harm = 0; /* ("attempted to assassinate": any word of the trigger) */
            for (uint32_t r = x->ts; r < x->te && !harm; r++) harm = bodily_harm(lex, &toks[r]);
            if (!harm) code = lex->code_criticize;
        }
        /* "seized two Americans": people are abducted, property seized */
        if (code == lex->code_seize && lex->code_abduct >= 0 && tgt >= 0 && !m[tgt].loc &&
            (m[tgt].kind == AK_PERSON || m[tgt].kind == AK_AGENT || m[tgt].people ||
             (m[tgt].kind == AK_ADJ && x->te == at + 1)))
            code = lex->code_abduct; /* ("a Lebanese-American contractor", "seized a Briton"; the
                                      * property a state owns is named in the pattern: "seized
                                      * an Iranian tanker") */
        /* "US forces bomb Falluja": a state's forces bomb from the air,
         * not as car bombers do */
        static const char *const bomb[] = {"bomb", NULL};
        if (lex->code_bombing >= 0 && code == lex->code_bombing && lex->code_air >= 0 && src >= 0 && m[src].country &&
            lemma_in(lex, &toks[at], bomb) &&
            !m[src].bare && (strlen(m[src].code) == 3 || state_organ(m[src].code + 3)) && strncmp(m[src].code + 3, "UAF", 3))
            code = lex->code_air;
        /* "the UN will send troops to Congo": an organisation's troops keep
         * the peace */
        if (root_num(lex->codes[code].root) == 15 && src >= 0 && !strncmp(m[src].code, "IGO", 3) && lex->code_peacekeep >= 0)
            code = lex->code_peacekeep;
        const lex_code *lc = &lex->codes[code];
        if (mod > 0) {
            int r = root_num(lc->root);
            if (mod == 2 && r != 13) /* "threatened to shell": a threat; of cooperation only 130 */
                code = r > 13 && r <= 20 && lex->intent[r] >= 0 ? lex->intent[r] : lex->code_threat;
            else if (r >= 1 && r <= 20 && lex->intent[r] >= 0)
                code = lex->intent[r];
            if (code < 0) code = p->code;
        }
        int ss[8], tt[8];
        size_t ns, ntg;
        group_members(m, nm, src, ss, &ns);
        group_members(m, nm, tgt, tt, &ntg);
        int is_statement = code == lex->code_statement;
        /* "Bosnia and Slovenia agreed to a ceasefire", "signed a treaty":
         * agreeing is mutual whatever the code */
        int mutual = 0;
        for (uint32_t r = x->ts; r < x->te; r++)
            if (lex_tok_is(&toks[r], lex->w_agree) || lex_tok_is(&toks[r], lex->w_sign) ||
                (toks[r].word && !strncmp(lex_word_str(lex, toks[r].word), "agreement", 9)))
                mutual = 1; /* "failed to reach agreement" */
        /* "Indian and Pakistani troops clashed in Kashmir": each side
         * fought the other, the place is where */
        if (ns >= 2 && (ntg == 0 || (ntg == 1 && m[tt[0]].loc)) &&
            (fought_each_other(lex, &toks[at]) || (ntg == 1 && mutual_code(lex->codes[code].code)))) {
            mutual = 1;
            ntg = 0;
        }
        for (size_t a = 0; a < ns; a++) {
            if (ntg == 0) {
                if (ns >= 2 && (reciprocal || reciprocal_root(lex->codes[code].root) || mutual) &&
                    !(at > ts && lex_tok_is(&toks[at - 1], lex->w_both))) { /* "A and B both support": side by side */
                    for (size_t b = 0; b < ns; b++)
                        if (a != b && !same_state(&m[ss[a]], &m[ss[b]]))
                            emit(out, &ne, cap, ss[a], ss[b], code, x->ts, x->te, is_statement);
                    continue;
                }
                emit(out, &ne, cap, ss[a], -1, code, x->ts, x->te, is_statement);
                continue;
            }
            size_t n0 = ne;
            for (size_t b = 0; b < ntg; b++) {
                if (same_state(&m[ss[a]], &m[tt[b]])) continue;
                emit(out, &ne, cap, ss[a], tt[b], code, x->ts, x->te, is_statement);
                /* "A held talks with B" is B's talks with A too */
                if (mutual_code(lex->codes[code].code) && !m[tt[b]].loc && !place_adjective(lex, toks, te, &m[tt[b]]))
                    emit(out, &ne, cap, tt[b], ss[a], code, x->ts, x->te, is_statement);
            }
            /* the only target was the source's own state: the act stands,
             * its target is unknown (a warning to one's own people, "warned
             * Americans to avoid Haiti", is no threat) */
            if (ne == n0 && !is_statement && root_num(lex->codes[code].root) != 13)
                emit(out, &ne, cap, ss[a], -1, code, x->ts, x->te, 0);
        }
        if (is_statement) statements++;
        else others++;
    }
    /* "claimed responsibility for an attack on a mall in Kenya", "is
     * willing to send material to help defend Saudi Arabia": a claim or an
     * intent is aimed where the act right after it is */
    for (size_t i = 0; i < ne; i++) {
        const char *ci = lex->codes[out[i].code].code;
        if (out[i].tgt >= 0 || (strncmp(ci, "015", 3) && strncmp(ci, "03", 2))) continue;
        for (size_t j = 0; j < ne; j++) {
            if (j == i || out[j].src != out[i].src || out[j].tgt < 0 || out[j].ts < out[i].te ||
                out[j].ts > out[i].te + 6)
                continue;
            int gap = 0; /* no punctuation between: the same clause */
            for (uint32_t r = out[i].te; r < out[j].ts; r++)
                if (toks[r].kind == TXT_PUNCT) gap = 1;
            if (gap) continue;
            out[i].tgt = out[j].tgt;
            break;
        }
    }
    /* "Russia threatened to stop the talks if the United States goes
     * ahead", "... a strike unless Israel rescinds": a threat is aimed at
     * whoever must act for it not to be carried out */
    for (size_t i = 0; i < ne; i++) {
        if (out[i].tgt != -1 || root_num(lex->codes[out[i].code].root) != 13) continue;
        static const char *const cond[] = {"if", "unless", NULL};
        for (uint32_t q = out[i].te; q + 1 < te && q < out[i].te + 12; q++) {
            if (toks[q].kind == TXT_PUNCT && toks[q].punct != ',' && toks[q].punct != '-') break;
            if (!lemma_in(lex, &toks[q], cond)) continue;
            int k = mention_np(lex, toks, te, m, nm, q + 1);
            if (k >= 0 && !m[k].loc && !m[k].reporter && out[i].src >= 0 && !same_state(&m[out[i].src], &m[k]))
                out[i].tgt = k;
            break;
        }
    }
    ne = ellipsis(lex, toks, ts, te, present, m, nm, out, ne, cap);
    ne = allegations(lex, toks, m, nm, out, ne, cap);
    ne = obligations(lex, toks, ts, te, present, bnd, m, nm, out, ne, cap);
    statements = others = 0;
    for (size_t i = 0; i < ne; i++) {
        if (out[i].statement) statements++;
        else others++;
    }
    if (statements && others) {
        size_t w = 0;
        for (size_t i = 0; i < ne; i++)
            if (!out[i].statement) out[w++] = out[i];
        ne = w;
    }
    return ne;
}
