/*
 * output.c: coded events as text, in five formats.
 *
 * This is the hot output path (well over 150k events/s), so nothing here
 * builds a json-c object or calls printf per field: every format appends
 * straight into the caller's annals_buf.  Each string field reserves its
 * worst-case size once (6 bytes per input byte for JSON, 3 otherwise) and is
 * then copied byte by byte, ASCII runs without a branch beyond one compare.
 * An out-of-memory is sticky inside an out_w writer and, when the call
 * returns, the buffer is rolled back to its length on entry, so a failed
 * call leaves no half-written line.
 *
 * Text is always written as valid UTF-8: a byte that does not start a
 * well-formed sequence (Unicode 3-7: no overlongs, no surrogates, nothing
 * above U+10FFFF) becomes U+FFFD.  Per format:
 *
 *   jsonl  one object per line; the field list (the stable contract) is in
 *          out_jsonl_event and man/annals.1.  NULL strings are null,
 *          control characters \uXXXX (or \n \t ... ), location null or an
 *          object, numbers never NaN (null instead).
 *   tsv    header + rows of OUT_COLUMNS; tabs, line breaks and other control
 *          characters inside a field become spaces; NULL is empty.
 *   csv    the same columns, RFC 4180: a field holding a comma, a quote or
 *          a leading/trailing space is quoted and its quotes doubled;
 *          records end with CRLF; line breaks inside fields become spaces
 *          so that one event is one line.
 *   table  aligned columns for people: date, source, event, target, trigger;
 *          long cells are cut with an ellipsis (widths count code points,
 *          so East Asian wide characters may misalign).
 *   gdelt  the 61 columns of the GDELT 2.0 event table, in its order, no
 *          header.  What annals does not know is left empty; geographic
 *          country codes are ISO 3166-1 alpha-3 (GDELT uses FIPS 10-4),
 *          FeatureID is the GeoNames id, DATEADDED is the story date at
 *          000000, GlobalEventID a 63-bit XXH64 of (doc, sentence, index of
 *          the event among consecutive events of that sentence).
 */
#include "annals.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

/* ------------------------------------------------------------ the writer */

typedef struct out_w {
    annals_buf *b;
    int oom;
} out_w;

typedef enum out_mode { OUT_JSON, OUT_PLAIN, OUT_CSV } out_mode;

void annals_buf_free(annals_buf *b)
{
    if (!b)
        return;
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* Make room for extra more bytes; 0 or -1 (and w->oom set). */
static int out_grow(out_w *w, size_t extra)
{
    annals_buf *b = w->b;
    if (w->oom)
        return -1;
    if (b->cap - b->len >= extra)
        return 0;
    if (extra > SIZE_MAX / 2 - b->len) {
        w->oom = 1;
        return -1;
    }
    size_t need = b->len + extra;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < need)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        w->oom = 1;
        return -1;
    }
    b->data = p;
    b->cap = cap;
    return 0;
}

static inline int out_room(out_w *w, size_t n)
{
    return (!w->oom && w->b->cap - w->b->len >= n) || out_grow(w, n) == 0;
}

static void out_mem(out_w *w, const char *s, size_t n)
{
    if (!out_room(w, n))
        return;
    memcpy(w->b->data + w->b->len, s, n);
    w->b->len += n;
}

#define out_lit(w, s) out_mem((w), (s), sizeof(s) - 1)

static void out_ch(out_w *w, char c)
{
    if (!out_room(w, 1))
        return;
    w->b->data[w->b->len++] = c;
}

static void out_u64(out_w *w, uint64_t v)
{
    char tmp[24];
    size_t i = sizeof tmp;
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    out_mem(w, tmp + i, sizeof tmp - i);
}

static void out_i64(out_w *w, int64_t v)
{
    if (v < 0) {
        out_ch(w, '-');
        out_u64(w, (uint64_t)0 - (uint64_t)v);
    } else {
        out_u64(w, (uint64_t)v);
    }
}

/* v with `decimals` digits after the point (0..6), rounded half away from
 * zero; trim drops trailing zeros but keeps one decimal.  Finite values
 * only; huge ones fall back to an integer-free exponent-less form. */
static void out_fixed(out_w *w, double v, int decimals, int trim)
{
    static const double scale[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    if (!isfinite(v))
        v = 0;
    double a = fabs(v) * scale[decimals];
    if (a >= 9e15) { /* beyond exact integers: no event field gets here */
        out_i64(w, (int64_t)(v < 0 ? -9e15 : 9e15));
        return;
    }
    uint64_t q = (uint64_t)llround(a);
    uint64_t p10 = (uint64_t)scale[decimals];
    uint64_t ip = q / p10, fp = q % p10;
    if (v < 0 && q != 0)
        out_ch(w, '-');
    out_u64(w, ip);
    if (decimals == 0)
        return;
    char d[8];
    for (int i = decimals - 1; i >= 0; i--) {
        d[i] = (char)('0' + fp % 10);
        fp /= 10;
    }
    int n = decimals;
    if (trim)
        while (n > 1 && d[n - 1] == '0')
            n--;
    out_ch(w, '.');
    out_mem(w, d, (size_t)n);
}

/* ----------------------------------------------------------------- UTF-8 */

/* Length of the well-formed UTF-8 sequence at p (2..4), or 0. */
static size_t out_utf8_len(const unsigned char *p, const unsigned char *e)
{
    unsigned c = p[0];
    size_t avail = (size_t)(e - p);
    if (c >= 0xC2 && c <= 0xDF) {
        return (avail >= 2 && (p[1] & 0xC0) == 0x80) ? 2 : 0;
    }
    if (c >= 0xE0 && c <= 0xEF) {
        if (avail < 3 || (p[2] & 0xC0) != 0x80)
            return 0;
        unsigned lo = 0x80, hi = 0xBF;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
        return (p[1] >= lo && p[1] <= hi) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (avail < 4 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
            return 0;
        unsigned lo = 0x80, hi = 0xBF;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
        return (p[1] >= lo && p[1] <= hi) ? 4 : 0;
    }
    return 0;
}

/* Append s (n bytes) as valid UTF-8 according to mode (JSON: the inside of
 * a string literal; PLAIN: control characters to spaces; CSV: PLAIN with
 * quotes doubled, the caller writes the enclosing quotes). */
static void out_text(out_w *w, const char *s, size_t n, out_mode mode)
{
    static const char hex[] = "0123456789abcdef";
    if (n > SIZE_MAX / 8) {
        w->oom = 1;
        return;
    }
    if (!out_room(w, n * 6 + 8))
        return;
    const unsigned char *p = (const unsigned char *)s, *e = p + n;
    char *o = w->b->data + w->b->len;
    while (p < e) {
        unsigned c = *p;
        if (c >= 0x20 && c < 0x7F) {
            if (c == '"') {
                if (mode == OUT_JSON)
                    *o++ = '\\';
                else if (mode == OUT_CSV)
                    *o++ = '"';
            } else if (c == '\\' && mode == OUT_JSON) {
                *o++ = '\\';
            }
            *o++ = (char)c;
            p++;
            continue;
        }
        if (c < 0x20 || c == 0x7F) {
            if (mode != OUT_JSON) {
                *o++ = ' ';
            } else if (c == 0x7F) {
                *o++ = (char)c;
            } else {
                *o++ = '\\';
                switch (c) {
                case '\n': *o++ = 'n'; break;
                case '\r': *o++ = 'r'; break;
                case '\t': *o++ = 't'; break;
                case '\b': *o++ = 'b'; break;
                case '\f': *o++ = 'f'; break;
                default:
                    *o++ = 'u';
                    *o++ = '0';
                    *o++ = '0';
                    *o++ = hex[c >> 4];
                    *o++ = hex[c & 15];
                }
            }
            p++;
            continue;
        }
        size_t k = out_utf8_len(p, e);
        if (k) {
            memcpy(o, p, k);
            o += k;
            p += k;
        } else {
            *o++ = (char)0xEF; /* U+FFFD */
            *o++ = (char)0xBF;
            *o++ = (char)0xBD;
            p++;
        }
    }
    w->b->len = (size_t)(o - w->b->data);
}

/* ------------------------------------------------------------------ jsonl */

static void out_jstr(out_w *w, const char *s)
{
    if (!s) {
        out_lit(w, "null");
        return;
    }
    out_ch(w, '"');
    out_text(w, s, strlen(s), OUT_JSON);
    out_ch(w, '"');
}

static void out_jnum(out_w *w, double v, int decimals)
{
    if (!isfinite(v))
        out_lit(w, "null");
    else
        out_fixed(w, v, decimals, 1);
}

static int out_has_place(const annals_location *l)
{
    return l->name != NULL;
}

static void out_jsonl_event(out_w *w, const annals_event *e)
{
    out_lit(w, "{\"doc\":");
    out_jstr(w, e->doc);
    out_lit(w, ",\"sentence\":");
    out_u64(w, e->sentence);
    out_lit(w, ",\"story_date\":");
    out_jstr(w, e->story_date);
    out_lit(w, ",\"date\":");
    out_jstr(w, e->date);
    out_lit(w, ",\"date_precision\":");
    out_jstr(w, e->date_precision);
    out_lit(w, ",\"date_text\":");
    out_jstr(w, e->date_text);
    if (e->background)
        out_lit(w, ",\"background\":true");
    else
        out_lit(w, ",\"background\":false");
    out_lit(w, ",\"source\":");
    out_jstr(w, e->source);
    out_lit(w, ",\"source_country\":");
    out_jstr(w, e->source_country);
    out_lit(w, ",\"source_name\":");
    out_jstr(w, e->source_name);
    out_lit(w, ",\"target\":");
    out_jstr(w, e->target);
    out_lit(w, ",\"target_country\":");
    out_jstr(w, e->target_country);
    out_lit(w, ",\"target_name\":");
    out_jstr(w, e->target_name);
    out_lit(w, ",\"code\":");
    out_jstr(w, e->code);
    out_lit(w, ",\"code_name\":");
    out_jstr(w, e->code_name);
    out_lit(w, ",\"root\":");
    out_jstr(w, e->root);
    out_lit(w, ",\"quad_class\":");
    out_i64(w, e->quad_class);
    out_lit(w, ",\"goldstein\":");
    out_jnum(w, e->goldstein, 1);
    out_lit(w, ",\"plover\":");
    out_jstr(w, e->plover);
    out_lit(w, ",\"text\":");
    out_jstr(w, e->text);
    out_lit(w, ",\"span\":[");
    out_u64(w, e->span_start);
    out_ch(w, ',');
    out_u64(w, e->span_end);
    out_lit(w, "],\"trigger\":");
    out_jstr(w, e->trigger);
    out_lit(w, ",\"trigger_span\":[");
    out_u64(w, e->trigger_start);
    out_ch(w, ',');
    out_u64(w, e->trigger_end);
    out_lit(w, "],\"location\":");
    const annals_location *l = &e->location;
    if (!out_has_place(l)) {
        out_lit(w, "null}\n");
        return;
    }
    out_lit(w, "{\"name\":");
    out_jstr(w, l->name);
    out_lit(w, ",\"country\":");
    out_jstr(w, l->country);
    out_lit(w, ",\"admin1\":");
    out_jstr(w, l->admin1);
    out_lit(w, ",\"lat\":");
    out_jnum(w, l->lat, 5);
    out_lit(w, ",\"lon\":");
    out_jnum(w, l->lon, 5);
    out_lit(w, ",\"geonames_id\":");
    if (l->geonames_id)
        out_i64(w, l->geonames_id);
    else
        out_lit(w, "null");
    out_lit(w, ",\"precision\":");
    out_jstr(w, l->precision);
    out_lit(w, "}}\n");
}

/* -------------------------------------------------------------- tsv, csv */

/* The columns of tsv and csv, in order. */
static const char *const out_columns[] = {
    "doc", "sentence", "story_date", "date", "date_precision", "date_text",
    "background", "source", "source_country", "source_name", "target",
    "target_country", "target_name", "code", "code_name", "root",
    "quad_class", "goldstein", "plover", "span_start", "span_end", "trigger",
    "trigger_start", "trigger_end", "location", "location_country",
    "location_admin1", "lat", "lon", "geonames_id", "location_precision",
    "text",
};
#define OUT_NCOLUMNS (sizeof out_columns / sizeof out_columns[0])

typedef struct out_row {
    out_w *w;
    char sep;
    out_mode mode;  /* OUT_PLAIN (tsv, gdelt) or OUT_CSV */
    int first;
} out_row;

static void out_sep(out_row *r)
{
    if (!r->first)
        out_ch(r->w, r->sep);
    r->first = 0;
}

static int out_csv_needs_quotes(const char *s, size_t n)
{
    if (n && (s[0] == ' ' || s[n - 1] == ' '))
        return 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ',' || c == '"')
            return 1;
    }
    return 0;
}

static void out_fstr(out_row *r, const char *s)
{
    out_sep(r);
    if (!s)
        return;
    size_t n = strlen(s);
    if (r->mode == OUT_CSV && out_csv_needs_quotes(s, n)) {
        out_ch(r->w, '"');
        out_text(r->w, s, n, OUT_CSV);
        out_ch(r->w, '"');
    } else {
        out_text(r->w, s, n, OUT_PLAIN);
    }
}

static void out_fu64(out_row *r, uint64_t v)
{
    out_sep(r);
    out_u64(r->w, v);
}

static void out_fnum(out_row *r, double v, int decimals, int trim)
{
    out_sep(r);
    if (isfinite(v))
        out_fixed(r->w, v, decimals, trim);
}

static void out_fempty(out_row *r, int n)
{
    while (n-- > 0)
        out_sep(r);
}

static void out_header_row(out_w *w, char sep, const char *eol)
{
    for (size_t i = 0; i < OUT_NCOLUMNS; i++) {
        if (i)
            out_ch(w, sep);
        out_mem(w, out_columns[i], strlen(out_columns[i]));
    }
    out_mem(w, eol, strlen(eol));
}

static void out_sv_event(out_w *w, const annals_event *e, char sep, out_mode mode)
{
    out_row r = {w, sep, mode, 1};
    const annals_location *l = &e->location;
    int place = out_has_place(l);
    out_fstr(&r, e->doc);
    out_fu64(&r, e->sentence);
    out_fstr(&r, e->story_date);
    out_fstr(&r, e->date);
    out_fstr(&r, e->date_precision);
    out_fstr(&r, e->date_text);
    out_fu64(&r, e->background ? 1 : 0);
    out_fstr(&r, e->source);
    out_fstr(&r, e->source_country);
    out_fstr(&r, e->source_name);
    out_fstr(&r, e->target);
    out_fstr(&r, e->target_country);
    out_fstr(&r, e->target_name);
    out_fstr(&r, e->code);
    out_fstr(&r, e->code_name);
    out_fstr(&r, e->root);
    out_sep(&r);
    out_i64(w, e->quad_class);
    out_fnum(&r, e->goldstein, 1, 1);
    out_fstr(&r, e->plover);
    out_fu64(&r, e->span_start);
    out_fu64(&r, e->span_end);
    out_fstr(&r, e->trigger);
    out_fu64(&r, e->trigger_start);
    out_fu64(&r, e->trigger_end);
    if (place) {
        out_fstr(&r, l->name);
        out_fstr(&r, l->country);
        out_fstr(&r, l->admin1);
        out_fnum(&r, l->lat, 5, 1);
        out_fnum(&r, l->lon, 5, 1);
        if (l->geonames_id) {
            out_sep(&r);
            out_i64(w, l->geonames_id);
        } else {
            out_sep(&r);
        }
        out_fstr(&r, l->precision);
    } else {
        out_fempty(&r, 7);
    }
    out_fstr(&r, e->text);
    if (mode == OUT_CSV)
        out_lit(w, "\r\n");
    else
        out_ch(w, '\n');
}

/* ------------------------------------------------------------------ table */

enum { OUT_W_DATE = 10, OUT_W_SOURCE = 24, OUT_W_EVENT = 32, OUT_W_TARGET = 24,
       OUT_W_TRIGGER = 30 };

/* Code points in the valid UTF-8 run s[0..n). */
static size_t out_cps(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            k++;
    return k;
}

/* One table cell: a and b (either may be NULL) joined by a space, cut to
 * width code points with an ellipsis, padded unless last. */
static void out_cell(out_w *w, const char *a, const char *b, size_t width, int last)
{
    size_t start = w->b->len;
    if (a && *a)
        out_text(w, a, strlen(a), OUT_PLAIN);
    if (b && *b) {
        if (w->b->len > start)
            out_ch(w, ' ');
        out_text(w, b, strlen(b), OUT_PLAIN);
    }
    if (w->oom)
        return;
    if (w->b->len == start)
        out_ch(w, '-');
    if (w->oom)
        return;
    size_t cps = out_cps(w->b->data + start, w->b->len - start);
    if (cps > width) {
        /* keep width-1 code points, then "…" */
        size_t i = start, kept = 0;
        while (i < w->b->len) {
            if (((unsigned char)w->b->data[i] & 0xC0) != 0x80) {
                if (kept == width - 1)
                    break;
                kept++;
            }
            i++;
        }
        while (i > start && w->b->data[i - 1] == ' ')
            i--, kept--;
        w->b->len = i;
        out_lit(w, "\xE2\x80\xA6");
        cps = kept + 1;
    }
    if (last)
        return;
    while (cps < width) {
        out_ch(w, ' ');
        cps++;
    }
    out_lit(w, "  ");
}

static void out_table_header(out_w *w)
{
    out_cell(w, "DATE", NULL, OUT_W_DATE, 0);
    out_cell(w, "SOURCE", NULL, OUT_W_SOURCE, 0);
    out_cell(w, "EVENT", NULL, OUT_W_EVENT, 0);
    out_cell(w, "TARGET", NULL, OUT_W_TARGET, 0);
    out_cell(w, "TRIGGER", NULL, OUT_W_TRIGGER, 1);
    out_ch(w, '\n');
}

static void out_table_event(out_w *w, const annals_event *e)
{
    out_cell(w, e->date ? e->date : e->story_date, NULL, OUT_W_DATE, 0);
    out_cell(w, e->source, e->source_name, OUT_W_SOURCE, 0);
    out_cell(w, e->code, e->code_name, OUT_W_EVENT, 0);
    out_cell(w, e->target, e->target_name, OUT_W_TARGET, 0);
    out_cell(w, e->trigger, NULL, OUT_W_TRIGGER, 1);
    out_ch(w, '\n');
}

/* ------------------------------------------------------------------ gdelt */

/* CAMEO role and generic type codes (GDELT's type lookup); any other
 * 3-letter part after the country is a known-group code (UNO, NAT ...). */
static int out_is_type(const char *p)
{
    static const char types[] =
        "COP GOV INS JUD MIL OPP REB SEP SPY UAF AGR BUS CRM CVL DEV EDU ELI "
        "ENV HLH HRI LAB LEG MED REF MOD RAD UIS IGO IMG INT MNC NGM NGO SET "
        "PTY PKO ";
    for (const char *t = types; *t; t += 4)
        if (t[0] == p[0] && t[1] == p[1] && t[2] == p[2])
            return 1;
    return 0;
}

typedef struct out_actor {
    char country[4], group[4], type[3][4];
} out_actor;

/* Split a CAMEO actor code into GDELT's country, known group and up to
 * three type codes.  The leading part is the country when it equals the
 * coder's country or is not a type code (regions such as AFR too). */
static void out_actor_split(const char *code, const char *country, out_actor *a)
{
    memset(a, 0, sizeof *a);
    if (!code)
        return;
    size_t n = strlen(code), i = 0, nt = 0;
    if (n >= 3) {
        if (country && strncmp(code, country, 3) == 0) {
            i = 3;
        } else if (!out_is_type(code)) {
            memcpy(a->country, code, 3);
            i = 3;
        }
    }
    if (country && strlen(country) == 3)
        memcpy(a->country, country, 3);
    for (; i + 3 <= n; i += 3) {
        const char *p = code + i;
        if (out_is_type(p)) {
            if (nt < 3)
                memcpy(a->type[nt++], p, 3);
        } else if (!a->group[0]) {
            memcpy(a->group, p, 3);
        }
    }
}

static void out_gdelt_actor(out_row *r, const char *code, const char *name, const char *country)
{
    out_actor a;
    /* "IGO"/"NGO"/"IMG" stand in the country field of events; GDELT keeps
     * them as actor types with an empty country */
    if (country && (!strcmp(country, "IGO") || !strcmp(country, "NGO") || !strcmp(country, "IMG")))
        country = NULL;
    out_actor_split(code, country, &a);
    out_fstr(r, code);
    out_fstr(r, name);
    out_fstr(r, a.country);
    out_fstr(r, a.group);
    out_fempty(r, 3); /* ethnic, religion 1, religion 2 */
    out_fstr(r, a.type[0]);
    out_fstr(r, a.type[1]);
    out_fstr(r, a.type[2]);
}

/* Parse "YYYY[-MM[-DD]]"; missing month or day is 1.  0 when malformed. */
static int out_date(const char *s, int *y, int *m, int *d)
{
    if (!s)
        return 0;
    int v[3] = {0, 1, 1};
    const int len[3] = {4, 2, 2};
    for (int k = 0; k < 3; k++) {
        if (k > 0) {
            if (*s == '\0')
                break;
            if (*s != '-')
                return 0;
            s++;
        }
        int x = 0;
        for (int i = 0; i < len[k]; i++, s++) {
            if (*s < '0' || *s > '9')
                return 0;
            x = x * 10 + (*s - '0');
        }
        v[k] = x;
    }
    if (*s != '\0' && *s != 'T' && *s != ' ')
        return 0;
    if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31)
        return 0;
    *y = v[0];
    *m = v[1];
    *d = v[2];
    return 1;
}

static uint64_t out_event_id(const annals_event *e, uint32_t ordinal)
{
    unsigned char key[16];
    uint64_t h = e->doc ? XXH64(e->doc, strlen(e->doc), 0) : 0;
    for (int i = 0; i < 8; i++)
        key[i] = (unsigned char)(h >> (8 * i));
    for (int i = 0; i < 4; i++) {
        key[8 + i] = (unsigned char)(e->sentence >> (8 * i));
        key[12 + i] = (unsigned char)(ordinal >> (8 * i));
    }
    return XXH64(key, sizeof key, 0x616e6e616c73ULL) & 0x7fffffffffffffffULL;
}

static int out_same_sentence(const annals_event *a, const annals_event *b)
{
    if (a->sentence != b->sentence)
        return 0;
    if (a->doc == b->doc)
        return 1;
    return a->doc && b->doc && strcmp(a->doc, b->doc) == 0;
}

static void out_gdelt_event(out_w *w, const annals_event *e, uint32_t ordinal)
{
    out_row r = {w, '\t', OUT_PLAIN, 1};
    int y, m, d;
    int dated = out_date(e->date ? e->date : e->story_date, &y, &m, &d);

    out_fu64(&r, out_event_id(e, ordinal));                       /* 1 */
    if (dated) {
        out_fu64(&r, (uint64_t)(y * 10000 + m * 100 + d));          /* Day */
        out_fu64(&r, (uint64_t)(y * 100 + m));                      /* MonthYear */
        out_fu64(&r, (uint64_t)y);                                  /* Year */
        out_fnum(&r, y + (m * 30 + d) / 365.0, 4, 0);               /* FractionDate */
    } else {
        out_fempty(&r, 4);
    }
    out_gdelt_actor(&r, e->source, e->source_name, e->source_country); /* 6-15 */
    out_gdelt_actor(&r, e->target, e->target_name, e->target_country); /* 16-25 */
    out_fu64(&r, e->sentence == 0 ? 1 : 0);                       /* IsRootEvent */
    out_fstr(&r, e->code);                                          /* EventCode */
    char base[4] = {0};
    if (e->code) {
        size_t n = strlen(e->code);
        memcpy(base, e->code, n < 3 ? n : 3);
    }
    out_fstr(&r, base);                                             /* EventBaseCode */
    out_fstr(&r, e->root);                                          /* EventRootCode */
    out_sep(&r);
    if (e->quad_class > 0)
        out_i64(w, e->quad_class);                                  /* QuadClass */
    out_fnum(&r, e->goldstein, 1, 0);                               /* GoldsteinScale */
    out_fu64(&r, 1);                                                /* NumMentions */
    out_fu64(&r, 1);                                                /* NumSources */
    out_fu64(&r, 1);                                                /* NumArticles */
    out_fempty(&r, 1);                                              /* AvgTone */
    out_fempty(&r, 16);                                             /* Actor1Geo, Actor2Geo */
    const annals_location *l = &e->location;
    if (out_has_place(l)) {                                         /* ActionGeo 52-59 */
        int usa = l->country && strcmp(l->country, "USA") == 0;
        const char *p = l->precision ? l->precision : "";
        int type = 0;
        if (strcmp(p, "country") == 0)
            type = 1;
        else if (strcmp(p, "admin1") == 0)
            type = usa ? 2 : 5;
        else if (strcmp(p, "city") == 0)
            type = usa ? 3 : 4;
        out_sep(&r);
        if (type)
            out_i64(w, type);
        out_fstr(&r, l->name);
        out_fstr(&r, l->country);
        out_fstr(&r, l->admin1);
        out_fempty(&r, 1);                                          /* ADM2Code */
        out_fnum(&r, l->lat, 4, 0);
        out_fnum(&r, l->lon, 4, 0);
        out_sep(&r);
        if (l->geonames_id)
            out_i64(w, l->geonames_id);
    } else {
        out_fempty(&r, 8);
    }
    const char *added = e->story_date ? e->story_date : e->date;    /* DATEADDED */
    out_sep(&r);
    if (out_date(added, &y, &m, &d)) {
        out_u64(w, (uint64_t)(y * 10000 + m * 100 + d));
        out_lit(w, "000000");
    }
    out_fstr(&r, e->doc);                                           /* SOURCEURL */
    out_ch(w, '\n');
}

/* ------------------------------------------------------------- public API */

annals_status annals_format_parse(const char *name, annals_format *out)
{
    static const struct {
        const char *name;
        annals_format f;
    } names[] = {
        {"jsonl", ANNALS_FORMAT_JSONL}, {"json", ANNALS_FORMAT_JSONL},
        {"table", ANNALS_FORMAT_TABLE}, {"tsv", ANNALS_FORMAT_TSV},
        {"gdelt", ANNALS_FORMAT_GDELT}, {"csv", ANNALS_FORMAT_CSV},
    };
    if (!name || !out)
        return ANNALS_EINVAL;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(name, names[i].name) == 0) {
            *out = names[i].f;
            return ANNALS_OK;
        }
    }
    return ANNALS_EINVAL;
}

static annals_status out_finish(out_w *w, size_t len0)
{
    if (w->oom) {
        w->b->len = len0;
        return ANNALS_ENOMEM;
    }
    return ANNALS_OK;
}

annals_status annals_format_header(annals_format f, annals_buf *out)
{
    if (!out)
        return ANNALS_EINVAL;
    out_w w = {out, 0};
    size_t len0 = out->len;
    switch (f) {
    case ANNALS_FORMAT_JSONL:
    case ANNALS_FORMAT_GDELT:
        return ANNALS_OK;
    case ANNALS_FORMAT_TABLE:
        out_table_header(&w);
        break;
    case ANNALS_FORMAT_TSV:
        out_header_row(&w, '\t', "\n");
        break;
    case ANNALS_FORMAT_CSV:
        out_header_row(&w, ',', "\r\n");
        break;
    default:
        return ANNALS_EINVAL;
    }
    return out_finish(&w, len0);
}

annals_status annals_format_events(annals_format f, const annals_event *ev, size_t n,
                                   annals_buf *out)
{
    if (!out || (n && !ev))
        return ANNALS_EINVAL;
    if ((unsigned)f > (unsigned)ANNALS_FORMAT_CSV)
        return ANNALS_EINVAL;
    out_w w = {out, 0};
    size_t len0 = out->len;
    uint32_t ordinal = 0;
    for (size_t i = 0; i < n && !w.oom; i++) {
        const annals_event *e = &ev[i];
        switch (f) {
        case ANNALS_FORMAT_JSONL:
            out_jsonl_event(&w, e);
            break;
        case ANNALS_FORMAT_TABLE:
            out_table_event(&w, e);
            break;
        case ANNALS_FORMAT_TSV:
            out_sv_event(&w, e, '\t', OUT_PLAIN);
            break;
        case ANNALS_FORMAT_CSV:
            out_sv_event(&w, e, ',', OUT_CSV);
            break;
        case ANNALS_FORMAT_GDELT:
            ordinal = (i > 0 && out_same_sentence(&ev[i - 1], e)) ? ordinal + 1 : 0;
            out_gdelt_event(&w, e, ordinal);
            break;
        }
    }
    return out_finish(&w, len0);
}
