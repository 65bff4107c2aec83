/*
 * code.c: `annals code`, articles in, one event per line out.
 *
 * One reader (annals_reader_*) walks the inputs in order; every article is
 * coded (annals_code) and its events formatted (annals_format_events) into
 * a buffer that goes to stdout with one fwrite into a 1 MB stdio buffer.
 *
 * With -j 1 (the default) this happens inline: read, code, write.  With
 * -j N, N worker threads share one annals_lexicon and own one annals_coder
 * each.  The main thread reads, copies each article into a slot of a ring
 * of 4N slots numbered by sequence, and writes finished slots strictly in
 * sequence order, so the output is byte for byte the output of -j 1.  The
 * ring bounds memory: the reader waits when the oldest unwritten article
 * is 4N articles behind.  Workers take the next unclaimed slot; one mutex
 * and two condition variables guard the three counters (filled, claimed,
 * written), taken once per article, never per event.
 *
 * Diagnostics: reader warnings (repaired input) and coder warnings are
 * printed unless --quiet; skipped or unreadable records are always
 * printed and make the exit status 1.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CODE_MAX_THREADS 256
#define CODE_OUTBUF ((size_t)1 << 20)
#define CODE_MAX_REPEAT 100 /* identical reader errors in a row: give up */

static const char code_usage[] =
    "Usage: annals code [OPTIONS] [FILE|DIR|-]...\n"
    "\n"
    "Read news articles and write the political events they report, one per\n"
    "line, to standard output.  Inputs are files, directories (read\n"
    "recursively: .txt, .jsonl, .ndjson, .json, .html, .htm, and each of them\n"
    "gzipped) or - for standard input; no input reads standard input.\n"
    "JSON-lines records carry \"id\", \"date\", \"title\", \"url\", \"source\",\n"
    "\"text\"; a text file whose first line is \"date YYYY-MM-DD\" is dated by it.\n"
    "\n"
    "Options:\n"
    "  -f, --format FMT    output format (default jsonl, also when writing to\n"
    "                      a terminal):\n"
    "                        jsonl  one JSON object per event (fields: see\n"
    "                               annals(1))\n"
    "                        table  aligned columns for reading\n"
    "                        tsv    tab-separated, with a header line\n"
    "                        csv    RFC 4180 comma-separated, with a header line\n"
    "                        gdelt  the 61 columns of the GDELT 2.0 event table\n"
    "      --input KIND    how to read inputs: auto (default: by extension;\n"
    "                      standard input is JSON lines if it starts with '{'),\n"
    "                      text, jsonl or html\n"
    "      --date DATE     story date YYYY-MM-DD for articles without one\n"
    "      --data DIR      dictionary directory (default: $ANNALS_DATA, else\n"
    "                      the directory annals was built with)\n"
    "  -j, --threads N     code with N worker threads (default 1, at most 256);\n"
    "                      the output is the same, in the same order\n"
    "      --no-background leave out background events (dated more than 30\n"
    "                      days before the story)\n"
    "      --no-when       do not resolve event dates: every event gets the\n"
    "                      story date\n"
    "      --no-where      do not resolve event locations\n"
    "  -q, --quiet         do not print warnings (errors are still printed)\n"
    "      --stats         print articles, sentences, events, seconds and\n"
    "                      sentences per second to standard error at the end\n"
    "  -h, --help          show this help and exit\n"
    "\n"
    "Warnings and errors go to standard error as\n"
    "  annals: FILE:LINE: offset N: MESSAGE\n"
    "\n"
    "Exit status:\n"
    "  0  every article was read and coded\n"
    "  1  some records were skipped or unreadable, or a file could not be\n"
    "     read or written (the rest was coded)\n"
    "  2  usage error: unknown option, bad value (format, date, threads...)\n";

/* ------------------------------------------------------------ the run */

typedef struct code_job {
    annals_article art;      /* pointers into mem (threaded) or the reader */
    char *mem;
    size_t mem_cap;
    annals_buf out;
    annals_diag diag;
    annals_status st;
    size_t events, sentences;
    int done;
} code_job;

typedef struct code_run {
    annals_format fmt;
    int quiet, stats;
    size_t articles, sentences, events, failed;
    int write_error;
    /* threaded */
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    code_job *slots;
    size_t nslots;
    uint64_t next_fill, next_claim, next_emit;
    int eof;
} code_run;

typedef struct code_worker {
    code_run *run;
    annals_coder *coder;
    pthread_t tid;
} code_worker;

static void code_job_run(annals_coder *c, annals_format fmt, code_job *j)
{
    const annals_event *ev = NULL;
    size_t n = 0;
    memset(&j->diag, 0, sizeof j->diag);
    j->events = j->sentences = 0;
    j->st = annals_code(c, &j->art, &ev, &n, &j->diag);
    if (j->st != ANNALS_OK)
        return;
    j->events = n;
    j->sentences = annals_coder_sentences(c);
    j->st = annals_format_events(fmt, ev, n, &j->out);
    if (j->st != ANNALS_OK)
        snprintf(j->diag.msg, sizeof j->diag.msg, "cannot format events: %s",
                 annals_status_str(j->st));
}

/* Name the article in a coder diagnostic that lacks a place. */
static void code_diag_place(annals_diag *d, const annals_article *a)
{
    if (d->file[0] || !a->file)
        return;
    snprintf(d->file, sizeof d->file, "%s", a->file);
    if (!d->line)
        d->line = a->line;
}

/* Write a finished job and count it. */
static void code_emit(code_run *r, code_job *j)
{
    r->articles++;
    if (j->st != ANNALS_OK) {
        code_diag_place(&j->diag, &j->art);
        if (!j->diag.msg[0])
            snprintf(j->diag.msg, sizeof j->diag.msg, "cannot code article: %s",
                     annals_status_str(j->st));
        cli_diag(&j->diag, NULL);
        r->failed++;
    } else if (j->diag.msg[0] && !r->quiet) {
        code_diag_place(&j->diag, &j->art);
        cli_diag(&j->diag, "warning: ");
    }
    r->sentences += j->sentences;
    r->events += j->events;
    if (j->out.len && !r->write_error) {
        if (fwrite(j->out.data, 1, j->out.len, stdout) != j->out.len)
            r->write_error = errno ? errno : EIO;
    }
    j->out.len = 0;
    if (j->out.cap > ((size_t)4 << 20)) /* do not keep a huge buffer per slot */
        annals_buf_free(&j->out);
}

/* Copy an article (owned by the reader until its next call) into j->mem. */
static int code_job_copy(code_job *j, const annals_article *a)
{
    const char *src[6] = {a->id, a->date, a->title, a->url, a->source, a->file};
    size_t len[6], total = a->text_len + 1;
    for (int i = 0; i < 6; i++) {
        len[i] = src[i] ? strlen(src[i]) + 1 : 0;
        total += len[i];
    }
    if (total > j->mem_cap || j->mem_cap > total * 8 + 65536) {
        char *m = realloc(j->mem, total);
        if (!m)
            return -1;
        j->mem = m;
        j->mem_cap = total;
    }
    char *p = j->mem;
    const char *dst[6];
    for (int i = 0; i < 6; i++) {
        dst[i] = NULL;
        if (src[i]) {
            memcpy(p, src[i], len[i]);
            dst[i] = p;
            p += len[i];
        }
    }
    if (a->text_len && a->text)
        memcpy(p, a->text, a->text_len);
    p[a->text_len] = '\0';
    j->art = *a;
    j->art.id = dst[0];
    j->art.date = dst[1];
    j->art.title = dst[2];
    j->art.url = dst[3];
    j->art.source = dst[4];
    j->art.file = dst[5];
    j->art.text = a->text ? p : NULL;
    return 0;
}

static void *code_worker_main(void *arg)
{
    code_worker *w = arg;
    code_run *r = w->run;
    pthread_mutex_lock(&r->mu);
    for (;;) {
        while (r->next_claim == r->next_fill && !r->eof)
            pthread_cond_wait(&r->work, &r->mu);
        if (r->next_claim == r->next_fill)
            break;
        code_job *j = &r->slots[r->next_claim % r->nslots];
        r->next_claim++;
        pthread_mutex_unlock(&r->mu);
        code_job_run(w->coder, r->fmt, j);
        pthread_mutex_lock(&r->mu);
        j->done = 1;
        pthread_cond_signal(&r->done);
    }
    pthread_mutex_unlock(&r->mu);
    return NULL;
}

/* Write the oldest job; wait for it if block, else return 0 if not done. */
static int code_emit_head(code_run *r, int block)
{
    pthread_mutex_lock(&r->mu);
    if (r->next_emit == r->next_fill) {
        pthread_mutex_unlock(&r->mu);
        return 0;
    }
    code_job *j = &r->slots[r->next_emit % r->nslots];
    while (!j->done && block)
        pthread_cond_wait(&r->done, &r->mu);
    int done = j->done;
    pthread_mutex_unlock(&r->mu);
    if (!done)
        return 0;
    code_emit(r, j);
    pthread_mutex_lock(&r->mu);
    j->done = 0;
    r->next_emit++;
    pthread_mutex_unlock(&r->mu);
    return 1;
}

/* ------------------------------------------------------------ reading */

typedef struct code_reading {
    annals_diag last;
    int repeat;
    size_t errors;
} code_reading;

/* Next article from the reader: 1 (art filled), 0 (end).  Reader problems
 * are reported and counted here. */
static int code_next(code_run *r, annals_reader *rd, code_reading *rs, annals_article *art)
{
    for (;;) {
        annals_diag d;
        memset(&d, 0, sizeof d);
        annals_status st = annals_reader_next(rd, art, &d);
        if (st == ANNALS_EOF)
            return 0;
        if (st == ANNALS_OK) {
            rs->repeat = 0;
            if (d.msg[0] && !r->quiet)
                cli_diag(&d, "warning: ");
            return 1;
        }
        if (!d.msg[0])
            snprintf(d.msg, sizeof d.msg, "%s", annals_status_str(st));
        cli_diag(&d, NULL);
        rs->errors++;
        if (st == ANNALS_ENOMEM)
            return 0;
        if (memcmp(&d, &rs->last, sizeof d) == 0) {
            if (++rs->repeat >= CODE_MAX_REPEAT) {
                cli_error("code: the reader makes no progress; giving up");
                return 0;
            }
        } else {
            rs->repeat = 0;
            rs->last = d;
        }
    }
}

static double code_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ------------------------------------------------------------ options */

enum {
    OPT_INPUT = 256,
    OPT_DATE,
    OPT_DATA,
    OPT_NO_BACKGROUND,
    OPT_NO_WHEN,
    OPT_NO_WHERE,
    OPT_STATS
};

static int code_usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "annals: code: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'annals code --help'.\n");
    return CLI_USAGE;
}

static int code_parse_threads(const char *s, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < 1 || v > CODE_MAX_THREADS)
        return -1;
    *out = (int)v;
    return 0;
}

int cmd_code(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},
        {"input", required_argument, NULL, OPT_INPUT},
        {"date", required_argument, NULL, OPT_DATE},
        {"data", required_argument, NULL, OPT_DATA},
        {"threads", required_argument, NULL, 'j'},
        {"no-background", no_argument, NULL, OPT_NO_BACKGROUND},
        {"no-when", no_argument, NULL, OPT_NO_WHEN},
        {"no-where", no_argument, NULL, OPT_NO_WHERE},
        {"quiet", no_argument, NULL, 'q'},
        {"stats", no_argument, NULL, OPT_STATS},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    code_run run;
    memset(&run, 0, sizeof run);
    run.fmt = ANNALS_FORMAT_JSONL;
    annals_input input = ANNALS_INPUT_AUTO;
    annals_options opt;
    memset(&opt, 0, sizeof opt);
    const char *date = NULL, *datadir = NULL;
    int threads = 1;

    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, ":f:j:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (annals_format_parse(optarg, &run.fmt) != ANNALS_OK)
                return code_usage_error("unknown format '%s' (jsonl, table, tsv, csv, gdelt)",
                                        optarg);
            break;
        case OPT_INPUT:
            if (strcmp(optarg, "auto") == 0)
                input = ANNALS_INPUT_AUTO;
            else if (strcmp(optarg, "text") == 0)
                input = ANNALS_INPUT_TEXT;
            else if (strcmp(optarg, "jsonl") == 0)
                input = ANNALS_INPUT_JSONL;
            else if (strcmp(optarg, "html") == 0)
                input = ANNALS_INPUT_HTML;
            else
                return code_usage_error("unknown input kind '%s' (auto, text, jsonl, html)",
                                        optarg);
            break;
        case OPT_DATE:
            if (!cli_valid_date(optarg))
                return code_usage_error("bad date '%s': want a real date YYYY-MM-DD", optarg);
            date = optarg;
            break;
        case OPT_DATA:
            if (!cli_is_dir(optarg))
                return code_usage_error("--data: '%s' is not a readable directory", optarg);
            datadir = optarg;
            break;
        case 'j':
            if (code_parse_threads(optarg, &threads) != 0)
                return code_usage_error("bad thread count '%s': want 1 to 256", optarg);
            break;
        case OPT_NO_BACKGROUND:
            opt.no_background = 1;
            break;
        case OPT_NO_WHEN:
            opt.no_when = 1;
            break;
        case OPT_NO_WHERE:
            opt.no_where = 1;
            break;
        case 'q':
            run.quiet = 1;
            break;
        case OPT_STATS:
            run.stats = 1;
            break;
        case 'h':
            fputs(code_usage, stdout);
            return fflush(stdout) == 0 ? CLI_OK : CLI_PARTIAL;
        case ':':
            if (optopt > 0 && optopt < 256) {
                char o[3] = {'-', (char)optopt, '\0'};
                return code_usage_error("option '%s' needs a value", o);
            }
            return code_usage_error("option '%s' needs a value", argv[optind - 1]);
        default:
            if (optopt > 0 && optopt < 256) {
                char o[3] = {'-', (char)optopt, '\0'};
                return code_usage_error("unknown option '%s'", o);
            }
            return code_usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }

    const char *const *paths = (const char *const *)(argv + optind);
    size_t npaths = (size_t)(argc - optind);

    annals_diag d;
    memset(&d, 0, sizeof d);
    annals_lexicon *lex = NULL;
    annals_status st = annals_lexicon_open(datadir, &lex, &d);
    if (st != ANNALS_OK) {
        if (!d.msg[0])
            snprintf(d.msg, sizeof d.msg, "cannot load dictionaries from %s: %s",
                     datadir ? datadir : annals_default_datadir(), annals_status_str(st));
        cli_diag(&d, NULL);
        return CLI_PARTIAL;
    }
    annals_reader *rd = NULL;
    st = annals_reader_open(paths, npaths, input, date, &rd);
    if (st != ANNALS_OK) {
        cli_error("code: cannot open input: %s", annals_status_str(st));
        annals_lexicon_free(lex);
        return CLI_PARTIAL;
    }

    int status = CLI_OK;
    size_t nworkers = (size_t)threads;
    code_worker *workers = calloc(nworkers, sizeof *workers);
    if (!workers) {
        cli_error("code: out of memory");
        status = CLI_PARTIAL;
        goto done;
    }
    /* nothing has been written to stdout yet: give it a large buffer */
    static char obuf[CODE_OUTBUF];
    setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
    for (size_t i = 0; i < nworkers; i++) {
        workers[i].run = &run;
        st = annals_coder_new(lex, &opt, &workers[i].coder);
        if (st != ANNALS_OK) {
            cli_error("code: cannot create a coder: %s", annals_status_str(st));
            status = CLI_PARTIAL;
            goto done;
        }
    }
    if (run.fmt != ANNALS_FORMAT_JSONL) {
        annals_buf hb = {0};
        if (annals_format_header(run.fmt, &hb) == ANNALS_OK && hb.len)
            fwrite(hb.data, 1, hb.len, stdout);
        annals_buf_free(&hb);
    }

    double t0 = code_now();
    code_reading rs;
    memset(&rs, 0, sizeof rs);
    annals_article art;
    if (nworkers == 1) {
        code_job j;
        memset(&j, 0, sizeof j);
        while (code_next(&run, rd, &rs, &art)) {
            j.art = art;
            code_job_run(workers[0].coder, run.fmt, &j);
            code_emit(&run, &j);
        }
        annals_buf_free(&j.out);
    } else {
        run.nslots = nworkers * 4;
        run.slots = calloc(run.nslots, sizeof *run.slots);
        if (!run.slots) {
            cli_error("code: out of memory");
            status = CLI_PARTIAL;
            goto done;
        }
        pthread_mutex_init(&run.mu, NULL);
        pthread_cond_init(&run.work, NULL);
        pthread_cond_init(&run.done, NULL);
        size_t started = 0;
        for (; started < nworkers; started++)
            if (pthread_create(&workers[started].tid, NULL, code_worker_main, &workers[started]))
                break;
        if (started == 0) {
            cli_error("code: cannot start threads");
            status = CLI_PARTIAL;
        }
        while (started && code_next(&run, rd, &rs, &art)) {
            /* the slot to fill must have been written out */
            while (run.next_fill - run.next_emit >= run.nslots)
                code_emit_head(&run, 1);
            code_job *j = &run.slots[run.next_fill % run.nslots];
            if (code_job_copy(j, &art) != 0) {
                cli_error("code: out of memory");
                run.failed++;
                break;
            }
            pthread_mutex_lock(&run.mu);
            run.next_fill++;
            pthread_cond_signal(&run.work);
            pthread_mutex_unlock(&run.mu);
            while (code_emit_head(&run, 0))
                ;
        }
        pthread_mutex_lock(&run.mu);
        run.eof = 1;
        pthread_cond_broadcast(&run.work);
        pthread_mutex_unlock(&run.mu);
        while (code_emit_head(&run, 1))
            ;
        for (size_t i = 0; i < started; i++)
            pthread_join(workers[i].tid, NULL);
        for (size_t i = 0; i < run.nslots; i++) {
            annals_buf_free(&run.slots[i].out);
            free(run.slots[i].mem);
        }
        free(run.slots);
        pthread_cond_destroy(&run.done);
        pthread_cond_destroy(&run.work);
        pthread_mutex_destroy(&run.mu);
    }
    double secs = code_now() - t0;

    if (fflush(stdout) != 0 && !run.write_error)
        run.write_error = errno ? errno : EIO;
    if (run.write_error) {
        cli_error("code: cannot write the output: %s", strerror(run.write_error));
        status = CLI_PARTIAL;
    }
    if (rs.errors || run.failed)
        status = CLI_PARTIAL;
    if (run.stats) {
        fprintf(stderr,
                "annals: %zu articles, %zu sentences, %zu events, %zu skipped, %.3f seconds, "
                "%.0f sentences/s\n",
                run.articles, run.sentences, run.events, rs.errors + run.failed, secs,
                secs > 0 ? (double)run.sentences / secs : 0.0);
    }

done:
    if (workers) {
        for (size_t i = 0; i < nworkers; i++)
            annals_coder_free(workers[i].coder);
        free(workers);
    }
    annals_reader_free(rd);
    annals_lexicon_free(lex);
    fflush(stdout);
    return status;
}
