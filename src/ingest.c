/*
 * ingest.c: the article reader (annals_reader_open/next/free).
 *
 * A reader walks a list of paths: files, directories (read recursively,
 * entries sorted by name, hidden entries skipped, only .txt/.jsonl/.ndjson/
 * .json/.html/.htm and their .gz) and "-" for standard input.  Every file
 * goes through zlib's gzread, which decompresses gzip and passes other files
 * through unchanged, into one 64 KB read buffer.  The first 4 KB decide
 * whether a file is binary (skipped) and, for stdin or an unknown extension,
 * its kind ('{' first: JSON lines, else plain text).
 *
 * Kinds: JSON lines are streamed one line at a time into a growable line
 * buffer capped at INGEST_MAX_RECORD (16 MB): a longer line is consumed to
 * its end without being stored and reported as skipped, so memory stays
 * bounded whatever the input.  Plain text and HTML files are read whole (up
 * to 16 MB, then truncated with a warning); a .json file is read whole (up to
 * 64 MB) and may hold one object, an array of objects or concatenated
 * objects.  HTML goes through libxml2's forgiving HTML parser; the visible
 * text of the body (without script, style, nav, header, footer, aside, form,
 * noscript and the like) becomes one line per paragraph, heading or list
 * item.
 *
 * Every string handed out is valid UTF-8 without NUL bytes: invalid
 * sequences become U+FFFD and NULs are dropped, with a warning in
 * diag->msg and ANNALS_OK.  The strings of one article live in one growable
 * record buffer owned by the reader and reused for the next article; no
 * allocation happens per line once the buffers have grown.  Byte offsets in
 * diagnostics are offsets in the (decompressed) file.
 */
#include "ingest.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <json-c/json.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <zlib.h>

#define RBUF_SIZE ((size_t)64 << 10)
#define NOFF ((size_t)-1)

/* ----------------------------------------------------------- byte classes */

/* 1: ASCII white space (space, \t, \n, \v, \f, \r). */
static const unsigned char ws_class[256] = {
    ['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1, [' '] = 1,
};

/* Length of the UTF-8 sequence a lead byte starts, 0 if it cannot lead. */
static const unsigned char u8_len[256] = {
    /* 0x00 */ 1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1, 1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
    /* 0x20 */ 1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1, 1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
    /* 0x40 */ 1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1, 1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
    /* 0x60 */ 1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1, 1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
    /* 0x80 */ 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0, 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    /* 0xA0 */ 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0, 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    /* 0xC0 */ 0,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2, 2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
    /* 0xE0 */ 3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3, 4,4,4,4,4,0,0,0,0,0,0,0,0,0,0,0,
};

/* Control bytes that do not occur in text (for binary detection):
 * C0 controls except \t \n \v \f \r and ESC. NUL is counted apart. */
static const unsigned char ctl_class[256] = {
    [1] = 1, [2] = 1, [3] = 1, [4] = 1, [5] = 1, [6] = 1, [7] = 1, [8] = 1,
    [14] = 1, [15] = 1, [16] = 1, [17] = 1, [18] = 1, [19] = 1, [20] = 1,
    [21] = 1, [22] = 1, [23] = 1, [24] = 1, [25] = 1, [26] = 1, [28] = 1,
    [29] = 1, [30] = 1, [31] = 1,
};

static const unsigned char digit_class[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
    ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
};

/* ASCII lower case of a byte; other bytes unchanged. */
static unsigned char lower_byte(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + ('a' - 'A')) : c;
}

/* -------------------------------------------------------- growable buffer */

typedef struct sbuf {
    char *p;
    size_t len, cap;
} sbuf;

/* Ensure room for extra more bytes plus a NUL.  0 or -1 (out of memory). */
static int sb_reserve_raw(char **p, size_t *cap, size_t len, size_t extra)
{
    if (len + extra + 1 <= *cap)
        return 0;
    size_t ncap = *cap ? *cap : 256;
    while (ncap < len + extra + 1)
        ncap = ncap / 2 * 3 + 64;
    char *np = realloc(*p, ncap);
    if (!np)
        return -1;
    *p = np;
    *cap = ncap;
    return 0;
}

static int sb_reserve(sbuf *b, size_t extra)
{
    return sb_reserve_raw(&b->p, &b->cap, b->len, extra);
}

static int sb_append(sbuf *b, const void *d, size_t n)
{
    if (sb_reserve(b, n))
        return -1;
    if (n)
        memcpy(b->p + b->len, d, n);
    b->len += n;
    b->p[b->len] = '\0';
    return 0;
}

static int sb_putc(sbuf *b, char c)
{
    return sb_append(b, &c, 1);
}

/* Release a buffer that grew past 4 MB so one huge record does not pin
 * memory for the rest of the run. */
static void sb_trim(sbuf *b)
{
    if (b->cap > ((size_t)4 << 20)) {
        free(b->p);
        b->p = NULL;
        b->cap = 0;
    }
    b->len = 0;
}

/* ------------------------------------------------------------ helpers */

int ingest_utf8_repair(const char *in, size_t n, char **out, size_t *len, size_t *cap,
                       size_t *nbad, size_t *nnul, size_t *first_bad)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t i = 0, run = 0;
    *first_bad = n;
    if (sb_reserve_raw(out, cap, *len, n))
        return -1;
    while (i < n) {
        /* eight ASCII bytes, none of them NUL, at a time */
        while (i + 8 <= n) {
            uint64_t v;
            memcpy(&v, s + i, 8);
            if ((v & 0x8080808080808080ull) || ((v - 0x0101010101010101ull) & ~v & 0x8080808080808080ull))
                break;
            i += 8;
        }
        if (i >= n)
            break;
        unsigned char c = s[i];
        if (c >= 0x01 && c < 0x80) {
            i++;
            continue;
        }
        size_t k = c ? u8_len[c] : 0, bad = 1;
        if (k >= 2) {
            unsigned char lo = 0x80, hi = 0xBF;
            if (c == 0xE0)
                lo = 0xA0;
            else if (c == 0xED)
                hi = 0x9F;
            else if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;
            size_t j = 1;
            if (i + 1 < n && s[i + 1] >= lo && s[i + 1] <= hi) {
                j = 2;
                while (j < k && i + j < n && s[i + j] >= 0x80 && s[i + j] <= 0xBF)
                    j++;
            }
            if (j == k) {
                i += k;
                continue;
            }
            bad = j; /* maximal subpart of an ill-formed sequence */
        }
        /* flush the clean run, then the replacement (nothing for NUL) */
        size_t need = (i - run) + 3;
        if (sb_reserve_raw(out, cap, *len, need + (n - i)))
            return -1;
        memcpy(*out + *len, in + run, i - run);
        *len += i - run;
        if (*first_bad == n)
            *first_bad = i;
        if (c == 0) {
            (*nnul)++;
        } else {
            memcpy(*out + *len, "\xEF\xBF\xBD", 3);
            *len += 3;
            (*nbad)++;
        }
        i += bad;
        run = i;
    }
    if (sb_reserve_raw(out, cap, *len, i - run))
        return -1;
    memcpy(*out + *len, in + run, i - run);
    *len += i - run;
    (*out)[*len] = '\0';
    return 0;
}

int ingest_parse_date(const char *s, size_t n, char out[11])
{
    static const unsigned char dim[13] = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const unsigned char *u = (const unsigned char *)s;
    if (n < 10)
        return 0;
    for (size_t i = 0; i < 10; i++) {
        if (i == 4 || i == 7) {
            if (u[i] != '-')
                return 0;
        } else if (!digit_class[u[i]]) {
            return 0;
        }
    }
    if (n > 10 && u[10] != 'T' && u[10] != 't' && u[10] != ' ')
        return 0;
    int y = (u[0] - '0') * 1000 + (u[1] - '0') * 100 + (u[2] - '0') * 10 + (u[3] - '0');
    int m = (u[5] - '0') * 10 + (u[6] - '0');
    int d = (u[8] - '0') * 10 + (u[9] - '0');
    if (m < 1 || m > 12 || d < 1 || d > dim[m])
        return 0;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 0;
    memcpy(out, s, 10);
    out[10] = '\0';
    return 1;
}

void ingest_path_stem(const char *path, char *out, size_t size)
{
    if (!size)
        return;
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    size_t n = strlen(b);
    if (n > 3 && (memcmp(b + n - 3, ".gz", 3) == 0 || memcmp(b + n - 3, ".GZ", 3) == 0))
        n -= 3;
    for (size_t i = n; i > 1; i--) {
        if (b[i - 1] == '.') {
            n = i - 1;
            break;
        }
    }
    if (n == 0) { /* ".gz" alone: keep the name */
        n = strlen(b);
    }
    if (n >= size)
        n = size - 1;
    memcpy(out, b, n);
    out[n] = '\0';
}

int ingest_looks_binary(const unsigned char *p, size_t n)
{
    size_t bad = 0;
    for (size_t i = 0; i < n; i++)
        bad += (p[i] == 0) | ctl_class[p[i]];
    return bad >= 4 && bad * 10 > n;
}

/* ------------------------------------------------------------- the reader */

typedef enum src_kind { SRC_NONE = 0, SRC_TEXT, SRC_JSONL, SRC_JSON, SRC_HTML } src_kind;

typedef struct dir_frame {
    char *path;
    char **names;
    size_t n, i;
    unsigned depth;
    dev_t dev;          /* identity, to skip symlink loops */
    ino_t ino;
} dir_frame;

/* Warnings gathered while building one article. */
typedef struct warnings {
    size_t nbad, nnul;
    uint64_t first;      /* file offset of the first problem, or UINT64_MAX */
    char extra[320];     /* other warnings, "; "-separated */
} warnings;

struct annals_reader {
    char **paths;
    size_t npaths, pi;
    annals_input kind;
    char default_date[11];

    dir_frame *stack;
    size_t nstack, capstack;

    /* the current file */
    int open;
    gzFile gz;
    char *path;         /* as shown in diagnostics and art->file */
    char stem[256];
    src_kind src;
    int is_stdin;
    unsigned char *rbuf;
    size_t rpos, rlen;
    int reof;
    int rerr;
    char errmsg[160];
    uint64_t foff;      /* file offset of rbuf[rpos] */
    uint64_t lineno;    /* lines consumed so far */
    int done;           /* whole-file kinds: record already produced */
    size_t nrec;        /* articles produced from this file */

    /* .json files: the whole file, parse position, array in progress */
    json_tokener *tok;
    size_t jpos;
    uint64_t jline;
    json_object *jarr;
    size_t jidx, jlen;
    uint64_t jarr_line, jarr_off;

    sbuf line;          /* raw line or file */
    sbuf tmp;           /* repaired line / HTML text */
    sbuf rec;           /* the strings of the current article */
};

static void diag_set(annals_reader *r, annals_diag *d, uint64_t line, uint64_t off,
                     const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void diag_set(annals_reader *r, annals_diag *d, uint64_t line, uint64_t off,
                     const char *fmt, ...)
{
    if (!d)
        return;
    snprintf(d->file, sizeof d->file, "%s", r->path ? r->path : "");
    d->line = line;
    d->offset = off;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->msg, sizeof d->msg, fmt, ap);
    va_end(ap);
}

static void diag_path(annals_diag *d, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void diag_path(annals_diag *d, const char *path, const char *fmt, ...)
{
    if (!d)
        return;
    snprintf(d->file, sizeof d->file, "%s", path);
    d->line = 0;
    d->offset = 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->msg, sizeof d->msg, fmt, ap);
    va_end(ap);
}

static const char *err_text(int e, char *buf, size_t size)
{
    if (strerror_r(e, buf, size) != 0)
        snprintf(buf, size, "error %d", e);
    return buf;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

/* Kind of a file from its name (".gz" ignored); SRC_NONE if not ours. */
static src_kind kind_of_name(const char *name)
{
    size_t n = strlen(name);
    if (n > 3 && (memcmp(name + n - 3, ".gz", 3) == 0 || memcmp(name + n - 3, ".GZ", 3) == 0))
        n -= 3;
    static const struct { const char *ext; src_kind k; } exts[] = {
        {".txt", SRC_TEXT}, {".jsonl", SRC_JSONL}, {".ndjson", SRC_JSONL},
        {".json", SRC_JSON}, {".html", SRC_HTML}, {".htm", SRC_HTML},
        {".xhtml", SRC_HTML},
    };
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        size_t e = strlen(exts[i].ext);
        if (n > e) {
            size_t j = 0;
            while (j < e && lower_byte((unsigned char)name[n - e + j]) == (unsigned char)exts[i].ext[j])
                j++;
            if (j == e)
                return exts[i].k;
        }
    }
    return SRC_NONE;
}

annals_status annals_reader_open(const char *const *paths, size_t npaths, annals_input kind,
                                 const char *default_date, annals_reader **out)
{
    if (!out || (npaths && !paths) || kind > ANNALS_INPUT_HTML)
        return ANNALS_EINVAL;
    *out = NULL;
    annals_reader *r = calloc(1, sizeof *r);
    if (!r)
        return ANNALS_ENOMEM;
    r->kind = kind;
    if (default_date && *default_date) {
        if (!ingest_parse_date(default_date, strlen(default_date), r->default_date)) {
            free(r);
            return ANNALS_EINVAL;
        }
    }
    r->npaths = npaths ? npaths : 1;
    r->paths = calloc(r->npaths, sizeof *r->paths);
    r->rbuf = malloc(RBUF_SIZE);
    if (!r->paths || !r->rbuf)
        goto oom;
    for (size_t i = 0; i < r->npaths; i++) {
        r->paths[i] = xstrdup(npaths ? (paths[i] ? paths[i] : "-") : "-");
        if (!r->paths[i])
            goto oom;
    }
    xmlInitParser();
    *out = r;
    return ANNALS_OK;
oom:
    annals_reader_free(r);
    return ANNALS_ENOMEM;
}

static void close_file(annals_reader *r)
{
    if (r->gz)
        gzclose(r->gz);
    r->gz = NULL;
    if (r->jarr)
        json_object_put(r->jarr);
    r->jarr = NULL;
    free(r->path);
    r->path = NULL;
    r->open = 0;
    sb_trim(&r->line);
    sb_trim(&r->tmp);
    sb_trim(&r->rec);
}

static void pop_frame(annals_reader *r)
{
    dir_frame *f = &r->stack[--r->nstack];
    for (size_t i = 0; i < f->n; i++)
        free(f->names[i]);
    free(f->names);
    free(f->path);
}

void annals_reader_free(annals_reader *r)
{
    if (!r)
        return;
    close_file(r);
    while (r->nstack)
        pop_frame(r);
    free(r->stack);
    if (r->paths)
        for (size_t i = 0; i < r->npaths; i++)
            free(r->paths[i]);
    free(r->paths);
    free(r->rbuf);
    if (r->tok)
        json_tokener_free(r->tok);
    free(r->line.p);
    free(r->tmp.p);
    free(r->rec.p);
    free(r);
}

/* Read more into rbuf (keeping rbuf[rpos..rlen)).  Returns bytes added. */
static size_t rfill(annals_reader *r)
{
    if (r->reof || r->rerr)
        return 0;
    if (r->rpos > 0) {
        memmove(r->rbuf, r->rbuf + r->rpos, r->rlen - r->rpos);
        r->rlen -= r->rpos;
        r->rpos = 0;
    }
    if (r->rlen == RBUF_SIZE)
        return 0;
    int got = gzread(r->gz, r->rbuf + r->rlen, (unsigned)(RBUF_SIZE - r->rlen));
    int zerr = Z_OK;
    const char *zmsg = gzerror(r->gz, &zerr);
    if (got < 0 || (zerr != Z_OK && zerr != Z_STREAM_END)) {
        r->rerr = 1;
        if (zerr == Z_ERRNO) {
            char eb[96];
            snprintf(r->errmsg, sizeof r->errmsg, "read error: %s", err_text(errno, eb, sizeof eb));
        } else {
            snprintf(r->errmsg, sizeof r->errmsg, "decompression error: %s",
                     zmsg ? zmsg : "unknown");
        }
        if (got < 0)
            got = 0;
    } else if (got == 0) {
        r->reof = 1;
    }
    r->rlen += (size_t)got;
    return (size_t)got;
}

/* Read one line into r->line (without '\n', a trailing '\r' removed).
 * Returns 1 if a line was read, 0 at end of file.  *total is its full
 * length; *over is set if it exceeded INGEST_MAX_RECORD (then r->line holds
 * nothing useful); *start is its file offset. */
static int read_line(annals_reader *r, size_t *total, int *over, uint64_t *start)
{
    r->line.len = 0;
    *total = 0;
    *over = 0;
    *start = r->foff;
    int any = 0;
    for (;;) {
        if (r->rpos == r->rlen) {
            r->rpos = r->rlen = 0;
            if (!rfill(r))
                break;
        }
        any = 1;
        unsigned char *b = r->rbuf + r->rpos;
        size_t avail = r->rlen - r->rpos;
        unsigned char *nl = memchr(b, '\n', avail);
        size_t chunk = nl ? (size_t)(nl - b) : avail;
        if (!*over) {
            if (r->line.len + chunk > INGEST_MAX_RECORD) {
                *over = 1;
                r->line.len = 0;
            } else if (sb_append(&r->line, b, chunk)) {
                *over = 1; /* out of memory: treat like an oversized line */
                r->line.len = 0;
            }
        }
        *total += chunk;
        r->rpos += chunk + (nl ? 1 : 0);
        r->foff += chunk + (nl ? 1 : 0);
        if (nl)
            break;
    }
    if (!any)
        return 0;
    r->lineno++;
    if (!*over && r->line.len && r->line.p[r->line.len - 1] == '\r')
        r->line.p[--r->line.len] = '\0';
    return 1;
}

/* Read the rest of the file into r->line, at most cap bytes.  *truncated
 * is set when more followed.  Returns 0 or -1 (out of memory). */
static int read_whole(annals_reader *r, size_t cap, int *truncated)
{
    r->line.len = 0;
    *truncated = 0;
    for (;;) {
        if (r->rpos == r->rlen) {
            r->rpos = r->rlen = 0;
            if (!rfill(r))
                break;
        }
        size_t avail = r->rlen - r->rpos;
        if (r->line.len + avail > cap) {
            avail = cap - r->line.len;
            *truncated = 1;
        }
        if (sb_append(&r->line, r->rbuf + r->rpos, avail))
            return -1;
        r->rpos += avail;
        r->foff += avail;
        if (*truncated)
            break;
    }
    if (!r->line.p && sb_reserve(&r->line, 0))
        return -1;
    r->line.p[r->line.len] = '\0';
    return 0;
}

/* ----------------------------------------------------- opening files */

static annals_status open_file(annals_reader *r, const char *path, int is_stdin, src_kind k,
                               annals_diag *diag)
{
    r->path = xstrdup(path);
    if (!r->path)
        return ANNALS_ENOMEM;
    r->is_stdin = is_stdin;
    if (is_stdin) {
        snprintf(r->stem, sizeof r->stem, "stdin");
        int fd = dup(0);
        r->gz = fd >= 0 ? gzdopen(fd, "rb") : NULL;
        if (!r->gz && fd >= 0)
            close(fd);
    } else {
        ingest_path_stem(path, r->stem, sizeof r->stem);
        r->gz = gzopen(path, "rb");
    }
    r->open = 1;
    r->rpos = r->rlen = 0;
    r->reof = r->rerr = 0;
    r->errmsg[0] = '\0';
    r->foff = 0;
    r->lineno = 0;
    r->done = 0;
    r->nrec = 0;
    r->jpos = 0;
    r->jline = 1;
    if (!r->gz) {
        char eb[96];
        int e = errno;
        diag_set(r, diag, 0, 0, "cannot open: %s", err_text(e, eb, sizeof eb));
        close_file(r);
        return (e == ENOENT || e == ENOTDIR) ? ANNALS_ENOTFOUND : ANNALS_EIO;
    }
    gzbuffer(r->gz, 128u << 10);
    while (r->rlen < INGEST_SNIFF && rfill(r))
        ;
    if (r->rerr && r->rlen == 0) {
        diag_set(r, diag, 0, 0, "%s", r->errmsg);
        close_file(r);
        return ANNALS_EIO;
    }
    size_t sn = r->rlen < INGEST_SNIFF ? r->rlen : INGEST_SNIFF;
    size_t first = 0;
    while (first < r->rlen && ws_class[r->rbuf[first]])
        first++;
    if (first == r->rlen && r->reof) {
        annals_status st = ANNALS_EOF;
        if (!is_stdin) {
            diag_set(r, diag, 0, 0, "empty file: nothing read");
            st = ANNALS_SKIPPED;
        }
        close_file(r);
        return st;
    }
    if (ingest_looks_binary(r->rbuf, sn)) {
        diag_set(r, diag, 0, 0,
                 "binary file (NUL or control bytes in the first %zu bytes): skipped", sn);
        close_file(r);
        return ANNALS_SKIPPED;
    }
    if (r->kind == ANNALS_INPUT_TEXT)
        k = SRC_TEXT;
    else if (r->kind == ANNALS_INPUT_JSONL)
        k = SRC_JSONL;
    else if (r->kind == ANNALS_INPUT_HTML)
        k = SRC_HTML;
    if (k == SRC_NONE) {
        size_t f = first;
        if (f + 3 <= r->rlen && memcmp(r->rbuf + f, "\xEF\xBB\xBF", 3) == 0)
            f += 3;
        k = (f < r->rlen && r->rbuf[f] == '{') ? SRC_JSONL : SRC_TEXT;
    }
    r->src = k;
    return ANNALS_OK;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static annals_status push_dir(annals_reader *r, const char *path, const struct stat *st,
                              unsigned depth, annals_diag *diag)
{
    if (depth > INGEST_MAX_DEPTH) {
        diag_path(diag, path, "directory nested more than %d deep: skipped", INGEST_MAX_DEPTH);
        return ANNALS_SKIPPED;
    }
    for (size_t k = 0; k < r->nstack; k++) {
        if (r->stack[k].dev == st->st_dev && r->stack[k].ino == st->st_ino) {
            diag_path(diag, path, "directory loop (symbolic link to %s): skipped",
                      r->stack[k].path);
            return ANNALS_SKIPPED;
        }
    }
    DIR *d = opendir(path);
    if (!d) {
        char eb[96];
        int e = errno;
        diag_path(diag, path, "cannot read directory: %s", err_text(e, eb, sizeof eb));
        return e == ENOENT ? ANNALS_ENOTFOUND : ANNALS_EIO;
    }
    dir_frame f = {0};
    size_t cap = 0;
    f.depth = depth;
    f.dev = st->st_dev;
    f.ino = st->st_ino;
    f.path = xstrdup(path);
    if (!f.path)
        goto oom;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        if (f.n == cap) {
            cap = cap ? cap * 2 : 16;
            char **nn = realloc(f.names, cap * sizeof *nn);
            if (!nn)
                goto oom;
            f.names = nn;
        }
        f.names[f.n] = xstrdup(de->d_name);
        if (!f.names[f.n])
            goto oom;
        f.n++;
    }
    closedir(d);
    d = NULL;
    if (f.n)
        qsort(f.names, f.n, sizeof *f.names, name_cmp);
    if (r->nstack == r->capstack) {
        size_t nc = r->capstack ? r->capstack * 2 : 8;
        dir_frame *ns = realloc(r->stack, nc * sizeof *ns);
        if (!ns)
            goto oom;
        r->stack = ns;
        r->capstack = nc;
    }
    r->stack[r->nstack++] = f;
    return ANNALS_OK;
oom:
    if (d)
        closedir(d);
    for (size_t i = 0; i < f.n; i++)
        free(f.names[i]);
    free(f.names);
    free(f.path);
    diag_path(diag, path, "out of memory listing directory");
    return ANNALS_ENOMEM;
}

/* Open the next file.  ANNALS_OK (a file is open), ANNALS_EOF (no more
 * paths) or an error / skip with diag filled (the walk has moved on). */
static annals_status next_file(annals_reader *r, annals_diag *diag)
{
    for (;;) {
        if (r->nstack) {
            dir_frame *f = &r->stack[r->nstack - 1];
            if (f->i == f->n) {
                pop_frame(r);
                continue;
            }
            const char *name = f->names[f->i++];
            size_t pl = strlen(f->path), nl = strlen(name);
            char *full = malloc(pl + nl + 2);
            if (!full)
                return ANNALS_ENOMEM;
            memcpy(full, f->path, pl);
            size_t o = pl;
            if (pl && f->path[pl - 1] != '/')
                full[o++] = '/';
            memcpy(full + o, name, nl + 1);
            struct stat st;
            if (stat(full, &st) != 0) {
                char eb[96];
                int e = errno;
                diag_path(diag, full, "cannot stat: %s", err_text(e, eb, sizeof eb));
                free(full);
                return e == ENOENT ? ANNALS_ENOTFOUND : ANNALS_EIO;
            }
            annals_status s = ANNALS_EOF;
            if (S_ISDIR(st.st_mode)) {
                s = push_dir(r, full, &st, f->depth + 1, diag);
            } else if (S_ISREG(st.st_mode)) {
                src_kind k = kind_of_name(name);
                if (k != SRC_NONE)
                    s = open_file(r, full, 0, k, diag);
            }
            free(full);
            if (s == ANNALS_OK && !r->open)
                continue; /* a directory was pushed */
            if (s == ANNALS_EOF)
                continue; /* not ours, or an empty stdin */
            return s;
        }
        if (r->pi == r->npaths)
            return ANNALS_EOF;
        const char *path = r->paths[r->pi++];
        if (strcmp(path, "-") == 0) {
            annals_status s = open_file(r, "-", 1, SRC_NONE, diag);
            if (s == ANNALS_EOF)
                continue;
            return s;
        }
        struct stat st;
        if (stat(path, &st) != 0) {
            char eb[96];
            int e = errno;
            diag_path(diag, path, "cannot open: %s", err_text(e, eb, sizeof eb));
            return (e == ENOENT || e == ENOTDIR) ? ANNALS_ENOTFOUND : ANNALS_EIO;
        }
        if (S_ISDIR(st.st_mode)) {
            annals_status s = push_dir(r, path, &st, 0, diag);
            if (s != ANNALS_OK)
                return s;
            continue;
        }
        return open_file(r, path, 0, kind_of_name(path), diag);
    }
}

/* ------------------------------------------------------ building records */

typedef struct recoffs {
    size_t id, date, title, url, source, text, text_len;
} recoffs;

static void warn_init(warnings *w)
{
    w->nbad = w->nnul = 0;
    w->first = UINT64_MAX;
    w->extra[0] = '\0';
}

static void warn_add(warnings *w, const char *msg)
{
    size_t n = strlen(w->extra);
    snprintf(w->extra + n, sizeof w->extra - n, "%s%s", n ? "; " : "", msg);
}

/* Append s[0..n) to the record buffer, repaired, NUL-terminated; returns
 * its offset, or NOFF on out of memory.  base: file offset of s. */
static size_t rec_add(annals_reader *r, const char *s, size_t n, warnings *w, uint64_t base)
{
    size_t at = r->rec.len, nbad = 0, nnul = 0, first;
    if (ingest_utf8_repair(s, n, &r->rec.p, &r->rec.len, &r->rec.cap, &nbad, &nnul, &first))
        return NOFF;
    if (nbad || nnul) {
        w->nbad += nbad;
        w->nnul += nnul;
        if (w->first == UINT64_MAX)
            w->first = base + first;
    }
    r->rec.len++; /* keep the NUL */
    return at;
}

/* Append s[0..n) unchecked (already valid), NUL-terminated. */
static size_t rec_raw(annals_reader *r, const char *s, size_t n)
{
    size_t at = r->rec.len;
    if (sb_append(&r->rec, s, n))
        return NOFF;
    r->rec.len++;
    return at;
}

/* Fill art from the record buffer and diag from the warnings. */
static annals_status rec_finish(annals_reader *r, const recoffs *o, warnings *w, uint64_t line,
                                uint64_t off, annals_article *art, annals_diag *diag)
{
    const char *b = r->rec.p;
    art->id = b + o->id;
    art->date = b + o->date;
    art->title = o->title == NOFF ? NULL : b + o->title;
    art->url = o->url == NOFF ? NULL : b + o->url;
    art->source = o->source == NOFF ? NULL : b + o->source;
    art->text = b + o->text;
    art->text_len = o->text_len;
    art->file = r->path;
    art->line = line;
    r->nrec++;
    if (diag) {
        char m[512];
        size_t n = 0;
        m[0] = '\0';
        if (w->nbad)
            n += (size_t)snprintf(m + n, sizeof m - n,
                                  "invalid UTF-8 replaced with U+FFFD (%zu sequence%s)",
                                  w->nbad, w->nbad == 1 ? "" : "s");
        if (w->nnul && n < sizeof m)
            n += (size_t)snprintf(m + n, sizeof m - n, "%s%zu NUL byte%s removed",
                                  n ? "; " : "", w->nnul, w->nnul == 1 ? "" : "s");
        if (w->extra[0] && n < sizeof m)
            snprintf(m + n, sizeof m - n, "%s%s", n ? "; " : "", w->extra);
        diag_set(r, diag, line, w->first != UINT64_MAX ? w->first : off, "%s", m);
    }
    return ANNALS_OK;
}

static annals_status oom(annals_reader *r, annals_diag *diag, uint64_t line, uint64_t off)
{
    diag_set(r, diag, line, off, "out of memory");
    return ANNALS_ENOMEM;
}

/* The date field of a record: valid date, default date, or "" with a
 * warning when malformed. */
static size_t add_date(annals_reader *r, const char *s, size_t n, warnings *w)
{
    char d[11];
    if (s && n) {
        if (ingest_parse_date(s, n, d))
            return rec_raw(r, d, 10);
        char msg[120];
        snprintf(msg, sizeof msg, "malformed date \"%.*s\" ignored", (int)(n > 40 ? 40 : n), s);
        /* the quoted date may hold bad UTF-8; it is only a message */
        warn_add(w, msg);
    }
    return rec_raw(r, r->default_date, strlen(r->default_date));
}

/* ----------------------------------------------------------- plain text */

/* Remove '\r' before '\n' and turn a lone '\r' into '\n', in place. */
static void normalize_newlines(sbuf *b)
{
    if (!memchr(b->p, '\r', b->len))
        return;
    size_t j = 0;
    for (size_t i = 0; i < b->len; i++) {
        char c = b->p[i];
        if (c == '\r') {
            if (i + 1 < b->len && b->p[i + 1] == '\n')
                continue;
            c = '\n';
        }
        b->p[j++] = c;
    }
    b->len = j;
    b->p[j] = '\0';
}

static annals_status read_text(annals_reader *r, annals_article *art, annals_diag *diag)
{
    if (r->done)
        return ANNALS_EOF;
    r->done = 1;
    int trunc;
    if (read_whole(r, INGEST_MAX_RECORD, &trunc))
        return oom(r, diag, 0, 0);
    warnings w;
    warn_init(&w);
    if (trunc) {
        /* back off to a UTF-8 character boundary */
        while (r->line.len && ((unsigned char)r->line.p[r->line.len - 1] & 0xC0) == 0x80)
            r->line.len--;
        if (r->line.len && (unsigned char)r->line.p[r->line.len - 1] >= 0xC0)
            r->line.len--;
        char msg[96];
        snprintf(msg, sizeof msg, "file longer than %zu bytes: truncated", INGEST_MAX_RECORD);
        warn_add(&w, msg);
    }
    normalize_newlines(&r->line);
    const char *p = r->line.p;
    size_t n = r->line.len, pos = 0;
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    r->rec.len = 0;
    recoffs o = {.title = NOFF, .url = NOFF, .source = NOFF};
    /* optional first line: [ ]date YYYY-MM-DD[ headline] */
    size_t q = pos;
    while (q < n && (p[q] == ' ' || p[q] == '\t'))
        q++;
    int have_date_line = 0;
    if (q + 5 < n && lower_byte((unsigned char)p[q]) == 'd' && memcmp(p + q + 1, "ate", 3) == 0 &&
        (p[q + 4] == ' ' || p[q + 4] == '\t' || p[q + 4] == ':')) {
        size_t t = q + 5;
        while (t < n && (p[t] == ' ' || p[t] == '\t'))
            t++;
        if (t < n && digit_class[(unsigned char)p[t]])
            have_date_line = 1;
        if (have_date_line) {
            const char *nl = memchr(p + t, '\n', n - t);
            size_t eol = nl ? (size_t)(nl - p) : n;
            size_t de = t;
            while (de < eol && p[de] != ' ' && p[de] != '\t')
                de++;
            o.date = add_date(r, p + t, de - t, &w);
            size_t hs = de;
            while (hs < eol && (p[hs] == ' ' || p[hs] == '\t'))
                hs++;
            size_t he = eol;
            while (he > hs && ws_class[(unsigned char)p[he - 1]])
                he--;
            if (he > hs)
                o.title = rec_add(r, p + hs, he - hs, &w, hs);
            pos = nl ? eol + 1 : n;
        }
    }
    if (!have_date_line)
        o.date = add_date(r, NULL, 0, &w);
    o.id = rec_raw(r, r->stem, strlen(r->stem));
    size_t ts = pos;
    while (ts < n && ws_class[(unsigned char)p[ts]])
        ts++;
    size_t te = n;
    while (te > ts && ws_class[(unsigned char)p[te - 1]])
        te--;
    /* keep the text from the start of its first non-blank line */
    while (ts > pos && p[ts - 1] != '\n')
        ts--;
    if (te <= ts) {
        if (!have_date_line) {
            diag_set(r, diag, 0, 0, "empty file: nothing read");
        } else {
            diag_set(r, diag, 1, 0, "no article text after the date line: skipped");
        }
        return ANNALS_SKIPPED;
    }
    o.text = rec_add(r, p + ts, te - ts, &w, ts);
    if (o.id == NOFF || o.date == NOFF || o.text == NOFF)
        return oom(r, diag, 0, 0);
    o.text_len = strlen(r->rec.p + o.text);
    return rec_finish(r, &o, &w, 0, ts, art, diag);
}

/* ---------------------------------------------------------------- JSON */

/* The string value of a field (string or number), or NULL. */
static const char *json_field(json_object *obj, const char *key, size_t *len)
{
    json_object *v;
    if (!json_object_object_get_ex(obj, key, &v) || !v)
        return NULL;
    enum json_type t = json_object_get_type(v);
    if (t != json_type_string && t != json_type_int && t != json_type_double)
        return NULL;
    const char *s = json_object_get_string(v);
    if (!s)
        return NULL;
    *len = t == json_type_string ? (size_t)json_object_get_string_len(v) : strlen(s);
    return s;
}

/* Build an article from a parsed JSON object.  raw_w: warnings from the
 * raw line (repair before parsing). */
static annals_status json_record(annals_reader *r, json_object *obj, uint64_t line, uint64_t off,
                                 warnings *w, annals_article *art, annals_diag *diag)
{
    if (!json_object_is_type(obj, json_type_object)) {
        diag_set(r, diag, line, off, "not a JSON object: skipped");
        return ANNALS_SKIPPED;
    }
    json_object *tv;
    if (!json_object_object_get_ex(obj, "text", &tv) || !tv) {
        diag_set(r, diag, line, off, "record has no \"text\" field: skipped");
        return ANNALS_SKIPPED;
    }
    if (!json_object_is_type(tv, json_type_string)) {
        diag_set(r, diag, line, off, "\"text\" is not a string: skipped");
        return ANNALS_SKIPPED;
    }
    const char *text = json_object_get_string(tv);
    size_t tlen = (size_t)json_object_get_string_len(tv);
    size_t ts = 0;
    while (ts < tlen && ws_class[(unsigned char)text[ts]])
        ts++;
    if (ts == tlen) {
        diag_set(r, diag, line, off, "record has an empty \"text\": skipped");
        return ANNALS_SKIPPED;
    }
    r->rec.len = 0;
    recoffs o = {.title = NOFF, .url = NOFF, .source = NOFF};
    size_t n;
    const char *s = json_field(obj, "id", &n);
    if (s && n) {
        o.id = rec_add(r, s, n, w, off);
    } else {
        char id[300];
        int k = snprintf(id, sizeof id, "%s:%llu", r->stem, (unsigned long long)line);
        o.id = rec_raw(r, id, (size_t)k < sizeof id ? (size_t)k : sizeof id - 1);
    }
    s = json_field(obj, "date", &n);
    o.date = add_date(r, s, s ? n : 0, w);
    if ((s = json_field(obj, "title", &n)) != NULL)
        o.title = rec_add(r, s, n, w, off);
    if ((s = json_field(obj, "url", &n)) != NULL)
        o.url = rec_add(r, s, n, w, off);
    if ((s = json_field(obj, "source", &n)) != NULL)
        o.source = rec_add(r, s, n, w, off);
    o.text = rec_add(r, text, tlen, w, off);
    if (o.id == NOFF || o.date == NOFF || o.text == NOFF)
        return oom(r, diag, line, off);
    o.text_len = strlen(r->rec.p + o.text);
    return rec_finish(r, &o, w, line, off, art, diag);
}

static int ensure_tok(annals_reader *r)
{
    if (!r->tok)
        r->tok = json_tokener_new_ex(64);
    if (!r->tok)
        return -1;
    json_tokener_reset(r->tok);
    return 0;
}

static annals_status read_jsonl(annals_reader *r, annals_article *art, annals_diag *diag)
{
    for (;;) {
        size_t total;
        int over;
        uint64_t start;
        if (!read_line(r, &total, &over, &start))
            return ANNALS_EOF;
        uint64_t line = r->lineno;
        if (over) {
            diag_set(r, diag, line, start,
                     "line of %zu bytes exceeds the %zu-byte record limit: skipped", total,
                     INGEST_MAX_RECORD);
            return ANNALS_SKIPPED;
        }
        const char *p = r->line.p;
        size_t n = r->line.len, b = 0;
        while (b < n && (ws_class[(unsigned char)p[b]] || p[b] == '\0'))
            b++;
        if (b == n)
            continue; /* blank line */
        if (line == 1 && n - b >= 3 && memcmp(p + b, "\xEF\xBB\xBF", 3) == 0)
            b += 3;
        warnings w;
        warn_init(&w);
        size_t nbad = 0, nnul = 0, first;
        r->tmp.len = 0;
        if (ingest_utf8_repair(p + b, n - b, &r->tmp.p, &r->tmp.len, &r->tmp.cap, &nbad, &nnul,
                               &first))
            return oom(r, diag, line, start);
        if (nbad || nnul) {
            w.nbad = nbad;
            w.nnul = nnul;
            w.first = start + b + first;
        }
        if (ensure_tok(r))
            return oom(r, diag, line, start);
        json_object *obj = json_tokener_parse_ex(r->tok, r->tmp.p, (int)r->tmp.len);
        enum json_tokener_error je = json_tokener_get_error(r->tok);
        size_t end = json_tokener_get_parse_end(r->tok);
        if (je == json_tokener_success) {
            while (end < r->tmp.len && ws_class[(unsigned char)r->tmp.p[end]])
                end++;
            if (end < r->tmp.len) {
                json_object_put(obj);
                diag_set(r, diag, line, start + b + end,
                         "malformed JSON: unexpected text after the object: skipped");
                return ANNALS_SKIPPED;
            }
        } else {
            if (obj)
                json_object_put(obj);
            const char *why = je == json_tokener_continue ? "unexpected end of line"
                                                          : json_tokener_error_desc(je);
            diag_set(r, diag, line, start + b + end, "malformed JSON (%s): skipped", why);
            return ANNALS_SKIPPED;
        }
        annals_status st = json_record(r, obj, line, start, &w, art, diag);
        json_object_put(obj);
        return st;
    }
}

/* .json: the whole file; values may be objects or arrays of objects. */
static annals_status read_json(annals_reader *r, annals_article *art, annals_diag *diag)
{
    if (!r->done) {
        r->done = 1;
        int trunc;
        if (read_whole(r, INGEST_MAX_JSON_FILE, &trunc))
            return oom(r, diag, 0, 0);
        if (trunc) {
            diag_set(r, diag, 0, 0, "JSON file larger than %zu bytes (use JSON lines): skipped",
                     INGEST_MAX_JSON_FILE);
            r->jpos = r->tmp.len = 0;
            return ANNALS_SKIPPED;
        }
        size_t nbad = 0, nnul = 0, first;
        r->tmp.len = 0;
        if (ingest_utf8_repair(r->line.p, r->line.len, &r->tmp.p, &r->tmp.len, &r->tmp.cap, &nbad,
                               &nnul, &first))
            return oom(r, diag, 0, 0);
        /* offsets below are in the repaired text; equal to the file's
         * unless bytes were repaired */
        r->jpos = 0;
        if (r->tmp.len >= 3 && memcmp(r->tmp.p, "\xEF\xBB\xBF", 3) == 0)
            r->jpos = 3;
        r->jline = 1;
        sb_trim(&r->line);
    }
    for (;;) {
        warnings w;
        warn_init(&w);
        if (r->jarr) {
            if (r->jidx < r->jlen) {
                json_object *el = json_object_array_get_idx(r->jarr, r->jidx++);
                if (!el) {
                    diag_set(r, diag, r->jarr_line, r->jarr_off, "array element %zu is null: skipped",
                             r->jidx);
                    return ANNALS_SKIPPED;
                }
                return json_record(r, el, r->jarr_line, r->jarr_off, &w, art, diag);
            }
            json_object_put(r->jarr);
            r->jarr = NULL;
        }
        const char *p = r->tmp.p;
        size_t n = r->tmp.len;
        while (r->jpos < n && ws_class[(unsigned char)p[r->jpos]]) {
            if (p[r->jpos] == '\n')
                r->jline++;
            r->jpos++;
        }
        if (r->jpos >= n)
            return ANNALS_EOF;
        if (ensure_tok(r))
            return oom(r, diag, r->jline, r->jpos);
        size_t at = r->jpos;
        uint64_t line = r->jline;
        json_object *obj = json_tokener_parse_ex(r->tok, p + at, (int)(n - at));
        enum json_tokener_error je = json_tokener_get_error(r->tok);
        size_t end = at + json_tokener_get_parse_end(r->tok);
        for (size_t i = at; i < end && i < n; i++)
            r->jline += p[i] == '\n';
        if (je != json_tokener_success) {
            if (obj)
                json_object_put(obj);
            const char *why = je == json_tokener_continue ? "unexpected end of file"
                                                          : json_tokener_error_desc(je);
            diag_set(r, diag, r->jline, end, "malformed JSON (%s): skipped to the next line "
                     "starting with '{'", why);
            /* resynchronise at the next line that starts with '{' */
            size_t k = end < n ? end : n;
            for (;;) {
                const char *nl = k < n ? memchr(p + k, '\n', n - k) : NULL;
                if (!nl) {
                    k = n;
                    break;
                }
                k = (size_t)(nl - p) + 1;
                r->jline++;
                if (k < n && p[k] == '{')
                    break;
            }
            r->jpos = k;
            return ANNALS_SKIPPED;
        }
        r->jpos = end;
        if (json_object_is_type(obj, json_type_array)) {
            r->jarr = obj;
            r->jidx = 0;
            r->jlen = json_object_array_length(obj);
            r->jarr_line = line;
            r->jarr_off = at;
            continue;
        }
        annals_status st = json_record(r, obj, line, at, &w, art, diag);
        json_object_put(obj);
        return st;
    }
}

/* ---------------------------------------------------------------- HTML */

typedef struct hctx {
    sbuf *out;
    int line_has_text;
    int pending_space;
    int oom;
    char title[512];
    char og_title[512];
    char date[64];      /* meta published time */
    char time_date[64]; /* first <time datetime> */
    char url[1024];
    char canonical[1024];
    char site[256];
} hctx;

static int name_in(const char *name, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(name, *list) == 0)
            return 1;
    return 0;
}

static const char *const html_skip[] = {
    "script", "style", "nav", "header", "footer", "aside", "form", "noscript", "template",
    "svg", "iframe", "button", "select", "textarea", "object", "embed", "canvas", "head",
    "menu", NULL,
};

static const char *const html_block[] = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "tr", "blockquote", "article",
    "section", "pre", "main", "ul", "ol", "dl", "dt", "dd", "table", "figure", "figcaption",
    "hr", "address", "body", "td", "th", "caption", NULL,
};

static void h_newline(hctx *h)
{
    if (h->line_has_text && sb_putc(h->out, '\n'))
        h->oom = 1;
    h->line_has_text = 0;
    h->pending_space = 0;
}

static void h_text(hctx *h, const unsigned char *s)
{
    for (; *s; s++) {
        if (ws_class[*s]) {
            h->pending_space = 1;
            continue;
        }
        if (h->pending_space && h->line_has_text && sb_putc(h->out, ' '))
            h->oom = 1;
        h->pending_space = 0;
        if (sb_putc(h->out, (char)*s))
            h->oom = 1;
        h->line_has_text = 1;
    }
}

/* Copy text content, whitespace collapsed, into dst. */
static void h_copy_collapsed(char *dst, size_t size, const unsigned char *s)
{
    size_t n = 0;
    int sp = 0;
    for (; s && *s && n + 1 < size; s++) {
        if (ws_class[*s]) {
            sp = n > 0;
            continue;
        }
        if (sp && n + 2 < size)
            dst[n++] = ' ';
        sp = 0;
        dst[n++] = (char)*s;
    }
    dst[n] = '\0';
}

static void h_meta(hctx *h, xmlNode *n)
{
    xmlChar *prop = xmlGetProp(n, (const xmlChar *)"property");
    if (!prop)
        prop = xmlGetProp(n, (const xmlChar *)"name");
    if (!prop)
        prop = xmlGetProp(n, (const xmlChar *)"itemprop");
    xmlChar *content = xmlGetProp(n, (const xmlChar *)"content");
    if (prop && content) {
        char key[64];
        size_t i = 0;
        for (; prop[i] && i + 1 < sizeof key; i++)
            key[i] = (char)lower_byte(prop[i]);
        key[i] = '\0';
        if (strcmp(key, "og:title") == 0 && !h->og_title[0])
            h_copy_collapsed(h->og_title, sizeof h->og_title, content);
        else if ((strcmp(key, "article:published_time") == 0 ||
                  strcmp(key, "datepublished") == 0 || strcmp(key, "og:published_time") == 0 ||
                  strcmp(key, "date") == 0 || strcmp(key, "pubdate") == 0 ||
                  strcmp(key, "publishdate") == 0 || strcmp(key, "dc.date") == 0 ||
                  strcmp(key, "dcterms.date") == 0) && !h->date[0])
            h_copy_collapsed(h->date, sizeof h->date, content);
        else if (strcmp(key, "og:url") == 0 && !h->url[0])
            h_copy_collapsed(h->url, sizeof h->url, content);
        else if (strcmp(key, "og:site_name") == 0 && !h->site[0])
            h_copy_collapsed(h->site, sizeof h->site, content);
    }
    xmlFree(prop);
    xmlFree(content);
}

/* Title, meta and link elements anywhere (usually in <head>). */
static void h_head(hctx *h, xmlNode *n, int depth)
{
    for (; n && depth < 256; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)n->name;
        if (strcmp(name, "title") == 0 && !h->title[0]) {
            xmlChar *t = xmlNodeGetContent(n);
            h_copy_collapsed(h->title, sizeof h->title, t);
            xmlFree(t);
        } else if (strcmp(name, "meta") == 0) {
            h_meta(h, n);
        } else if (strcmp(name, "link") == 0 && !h->canonical[0]) {
            xmlChar *rel = xmlGetProp(n, (const xmlChar *)"rel");
            if (rel && xmlStrcasecmp(rel, (const xmlChar *)"canonical") == 0) {
                xmlChar *href = xmlGetProp(n, (const xmlChar *)"href");
                h_copy_collapsed(h->canonical, sizeof h->canonical, href);
                xmlFree(href);
            }
            xmlFree(rel);
        } else if (strcmp(name, "time") == 0 && !h->time_date[0]) {
            xmlChar *dt = xmlGetProp(n, (const xmlChar *)"datetime");
            if (dt)
                h_copy_collapsed(h->time_date, sizeof h->time_date, dt);
            xmlFree(dt);
        }
        if (n->children)
            h_head(h, n->children, depth + 1);
    }
}

static void h_walk(hctx *h, xmlNode *n, int depth)
{
    for (; n && depth < 512; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content)
                h_text(h, n->content);
            continue;
        }
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)n->name;
        if (name_in(name, html_skip) || strcmp(name, "title") == 0)
            continue;
        if (strcmp(name, "br") == 0) {
            h_newline(h);
            continue;
        }
        int block = name_in(name, html_block);
        if (block)
            h_newline(h);
        else if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0)
            h->pending_space = 1;
        h_walk(h, n->children, depth + 1);
        if (block)
            h_newline(h);
    }
}

static annals_status read_html(annals_reader *r, annals_article *art, annals_diag *diag)
{
    if (r->done)
        return ANNALS_EOF;
    r->done = 1;
    int trunc;
    if (read_whole(r, INGEST_MAX_RECORD, &trunc))
        return oom(r, diag, 0, 0);
    warnings w;
    warn_init(&w);
    if (trunc) {
        char msg[96];
        snprintf(msg, sizeof msg, "file longer than %zu bytes: truncated", INGEST_MAX_RECORD);
        warn_add(&w, msg);
    }
    /* drop NUL bytes (libxml2 would stop there); the parser handles the
     * character set */
    char *nul = memchr(r->line.p, '\0', r->line.len);
    if (nul) {
        size_t j = (size_t)(nul - r->line.p), cnt = 0;
        if (w.first == UINT64_MAX)
            w.first = j;
        for (size_t i = j; i < r->line.len; i++) {
            if (r->line.p[i])
                r->line.p[j++] = r->line.p[i];
            else
                cnt++;
        }
        r->line.len = j;
        w.nnul += cnt;
    }
    htmlDocPtr doc = htmlReadMemory(r->line.p, (int)r->line.len, NULL, NULL,
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                        HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    if (!doc) {
        diag_set(r, diag, 0, 0, "HTML could not be parsed: skipped");
        return ANNALS_SKIPPED;
    }
    hctx *h = calloc(1, sizeof *h);
    if (!h) {
        xmlFreeDoc(doc);
        return oom(r, diag, 0, 0);
    }
    r->tmp.len = 0;
    h->out = &r->tmp;
    xmlNode *root = xmlDocGetRootElement(doc);
    h_head(h, root, 0);
    h_walk(h, root, 0);
    xmlFreeDoc(doc);
    annals_status st = ANNALS_OK;
    if (h->oom) {
        st = oom(r, diag, 0, 0);
        goto done;
    }
    while (r->tmp.len && r->tmp.p[r->tmp.len - 1] == '\n')
        r->tmp.len--;
    if (r->tmp.len == 0) {
        diag_set(r, diag, 0, 0, "no visible text in the HTML: skipped");
        st = ANNALS_SKIPPED;
        goto done;
    }
    r->rec.len = 0;
    recoffs o = {.title = NOFF, .url = NOFF, .source = NOFF};
    o.id = rec_raw(r, r->stem, strlen(r->stem));
    const char *ds = h->date[0] ? h->date : h->time_date;
    o.date = add_date(r, ds, strlen(ds), &w);
    const char *t = h->og_title[0] ? h->og_title : h->title;
    if (*t)
        o.title = rec_add(r, t, strlen(t), &w, 0);
    const char *u = h->url[0] ? h->url : h->canonical;
    if (*u)
        o.url = rec_add(r, u, strlen(u), &w, 0);
    if (h->site[0])
        o.source = rec_add(r, h->site, strlen(h->site), &w, 0);
    o.text = rec_add(r, r->tmp.p, r->tmp.len, &w, 0);
    if (o.id == NOFF || o.date == NOFF || o.text == NOFF) {
        st = oom(r, diag, 0, 0);
        goto done;
    }
    o.text_len = strlen(r->rec.p + o.text);
    st = rec_finish(r, &o, &w, 0, 0, art, diag);
done:
    free(h);
    return st;
}

/* ------------------------------------------------------------- next */

annals_status annals_reader_next(annals_reader *r, annals_article *art, annals_diag *diag)
{
    if (!r || !art)
        return ANNALS_EINVAL;
    if (diag) {
        diag->file[0] = '\0';
        diag->msg[0] = '\0';
        diag->line = diag->offset = 0;
    }
    for (;;) {
        if (!r->open) {
            annals_status st = next_file(r, diag);
            if (st != ANNALS_OK)
                return st;
        }
        annals_status st;
        switch (r->src) {
        case SRC_JSONL: st = read_jsonl(r, art, diag); break;
        case SRC_JSON: st = read_json(r, art, diag); break;
        case SRC_HTML: st = read_html(r, art, diag); break;
        default: st = read_text(r, art, diag); break;
        }
        if (st == ANNALS_EOF) {
            /* a read or decompression error ends the file: report it */
            if (r->rerr) {
                diag_set(r, diag, r->lineno, r->foff, "%s", r->errmsg);
                close_file(r);
                return ANNALS_EIO;
            }
            close_file(r);
            continue;
        }
        return st;
    }
}
