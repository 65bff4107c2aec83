/*
 * cmd_store.c: `annals ingest` and the commands that question the store
 * (events, timeline, series, dyads, actors, show, export).
 *
 * Each command parses its options by hand (one table of common query
 * options, see parse_common), opens the store (--db, else $ANNALS_DB, else
 * ./annals.db; queries open it read-only), runs one query from
 * include/annals.h and formats rows as they stream in: an aligned table
 * (default on a terminal), CSV (RFC 4180 quoting) or JSON lines (default
 * otherwise); export also writes GDELT-like tab-separated rows.  ingest
 * reads with annals_reader_*, skips articles the store already holds with
 * the same text, codes the rest and stores them in batches (one
 * transaction per --batch articles, each article all-or-nothing); on a
 * terminal it draws a progress line on stderr.
 * Exit statuses: 0 ok, 1 partial (records skipped), 2 usage, 3 database.
 */
#include "annals.h"
#include "cmd_store.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { EX_OK = 0, EX_PARTIAL = 1, EX_USAGE = 2, EX_DB = 3 };
enum fmt { F_TABLE, F_CSV, F_JSONL, F_GDELT };

static void err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void err(const char *fmt, ...)
{
    va_list ap;
    fputs("annals: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static const char *const COMMON_HELP =
    "      --db PATH          database (default: $ANNALS_DB, else ./annals.db)\n"
    "      --format F         table (default on a terminal), csv, jsonl (default otherwise)\n"
    "  -h, --help             this help\n"
    "\nExit status: 0 ok, 1 partial (some records skipped), 2 usage, 3 database error\n"
    "(missing, locked, read-only, full disk, made by a newer annals).\n";

static const char *const FILTER_HELP =
    "      --actor A          actor: country code (RUS), CAMEO actor code (RUSGOV; shorter:\n"
    "                         a prefix, IGO), or a name (Putin, Xi Jinping, Russia) read\n"
    "                         with the dictionaries and the names stored with events;\n"
    "                         an unknown name gets the closest stored names suggested\n"
    "      --dyad A B         events between A and B (either direction)\n"
    "      --directed         only A -> B\n"
    "      --code C           CAMEO event code prefix (19, 193)\n"
    "      --root R           CAMEO root code (two digits)\n"
    "      --quad N           quad class 1-4\n"
    "      --from D, --to D   dates YYYY[-MM[-DD]], inclusive\n"
    "      --place P          location name or country code\n"
    "      --text Q           full-text query over the sentences (FTS5 syntax)\n"
    "      --no-background    leave out background events\n"
    "      --limit N          at most N rows\n"
    "      --desc             newest first\n"
    "      --data DIR         dictionaries for names (default: $ANNALS_DATA or built-in)\n";

typedef struct opts {
    const char *db;
    const char *datadir;
    enum fmt fmt;
    int fmt_set;
    annals_query q;
    annals_period by;
    const char *pos[4];
    int npos;
} opts;

static int parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || end == s || s[0] == '-')
        return -1;
    *out = (size_t)v;
    return 0;
}

/* Parse argv; filters: also accept the query options; returns -1 on a usage
 * error (printed), 1 on --help, 0 otherwise. */
static int parse_common(int argc, char **argv, opts *o, int filters, int allow_gdelt,
                        const char *usage)
{
    memset(o, 0, sizeof *o);
    o->fmt = isatty(1) ? F_TABLE : F_JSONL;
    o->by = ANNALS_PERIOD_MONTH;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
#define NEED(n)                                                   \
    if (i + (n) >= argc) {                                        \
        err("%s: %s needs a value", argv[0], a);                  \
        return -1;                                                \
    }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage, stdout);
            if (filters)
                fputs(FILTER_HELP, stdout);
            fputs(COMMON_HELP, stdout);
            return 1;
        } else if (strcmp(a, "--db") == 0) {
            NEED(1);
            o->db = argv[++i];
        } else if (filters && strcmp(a, "--data") == 0) {
            NEED(1);
            o->datadir = argv[++i];
        } else if (strcmp(a, "--format") == 0 || strcmp(a, "--as") == 0) {
            NEED(1);
            const char *f = argv[++i];
            if (strcmp(f, "table") == 0 && !allow_gdelt)
                o->fmt = F_TABLE;
            else if (strcmp(f, "csv") == 0)
                o->fmt = F_CSV;
            else if (strcmp(f, "jsonl") == 0)
                o->fmt = F_JSONL;
            else if (allow_gdelt && strcmp(f, "gdelt") == 0)
                o->fmt = F_GDELT;
            else {
                err("%s: unknown format \"%s\" (table, csv, jsonl%s)", argv[0], f,
                    allow_gdelt ? ", gdelt" : "");
                return -1;
            }
            o->fmt_set = 1;
        } else if (filters && strcmp(a, "--actor") == 0) {
            NEED(1);
            o->q.actor = argv[++i];
        } else if (filters && strcmp(a, "--dyad") == 0) {
            NEED(2);
            o->q.actor = argv[++i];
            o->q.actor2 = argv[++i];
        } else if (filters && strcmp(a, "--directed") == 0) {
            o->q.directed = 1;
        } else if (filters && strcmp(a, "--code") == 0) {
            NEED(1);
            o->q.code = argv[++i];
        } else if (filters && strcmp(a, "--root") == 0) {
            NEED(1);
            o->q.root = argv[++i];
        } else if (filters && strcmp(a, "--quad") == 0) {
            NEED(1);
            size_t v;
            if (parse_size(argv[++i], &v) || v < 1 || v > 4) {
                err("%s: --quad must be 1-4", argv[0]);
                return -1;
            }
            o->q.quad = (int)v;
        } else if (filters && strcmp(a, "--from") == 0) {
            NEED(1);
            o->q.from = argv[++i];
        } else if (filters && strcmp(a, "--to") == 0) {
            NEED(1);
            o->q.to = argv[++i];
        } else if (filters && strcmp(a, "--place") == 0) {
            NEED(1);
            o->q.place = argv[++i];
        } else if (filters && strcmp(a, "--text") == 0) {
            NEED(1);
            o->q.text = argv[++i];
        } else if (filters && strcmp(a, "--no-background") == 0) {
            o->q.no_background = 1;
        } else if (filters && strcmp(a, "--desc") == 0) {
            o->q.descending = 1;
        } else if (filters && strcmp(a, "--limit") == 0) {
            NEED(1);
            if (parse_size(argv[++i], &o->q.limit)) {
                err("%s: --limit needs a number", argv[0]);
                return -1;
            }
        } else if (filters && strcmp(a, "--by") == 0) {
            NEED(1);
            if (annals_period_parse(argv[++i], &o->by) != ANNALS_OK) {
                err("%s: --by must be day, week, month or year", argv[0]);
                return -1;
            }
        } else if (a[0] == '-' && a[1]) {
            err("%s: unknown option %s (see --help)", argv[0], a);
            return -1;
        } else {
            if (o->npos >= 4) {
                err("%s: too many arguments", argv[0]);
                return -1;
            }
            o->pos[o->npos++] = a;
        }
#undef NEED
    }
    return 0;
}

static int status_exit(annals_status st)
{
    switch (st) {
    case ANNALS_OK: return EX_OK;
    case ANNALS_EINVAL:
    case ANNALS_EPARSE:
    case ANNALS_ENOTFOUND: return EX_USAGE;
    default: return EX_DB;
    }
}

static const char *db_path(const opts *o)
{
    if (o->db)
        return o->db;
    const char *e = getenv("ANNALS_DB");
    return e && *e ? e : "annals.db";
}

/* Names typed in queries ("Xi Jinping", "Moscow"), read as the coder reads
 * them: through the public API, the probe sentence "NAME criticized
 * Ruritania." dated today is coded with the lexicon (people with dated
 * offices, countries, capitals, organisations) and the source code of an
 * event whose source is the name (or its last words) is the answer.  The
 * lexicon is loaded on the first name only; the store falls back to the
 * names stored with mentions.  One command per process: one lookup state. */
typedef struct name_lookup {
    const char *datadir;
    annals_lexicon *lex;
    annals_coder *coder;
    int failed;
} name_lookup;

static name_lookup names;

static int lookup_name(const char *name, char *code, size_t size, void *ctx)
{
    name_lookup *nl = ctx;
    if (nl->failed)
        return 0;
    if (!nl->coder) {
        annals_diag d;
        annals_options co = {.no_where = 1};
        if (annals_lexicon_open(nl->datadir, &nl->lex, &d) != ANNALS_OK ||
            annals_coder_new(nl->lex, &co, &nl->coder) != ANNALS_OK) {
            nl->failed = 1;
            return 0;
        }
    }
    /* a name typed all in lower case is tried capitalised, as news write it */
    char nm[128];
    snprintf(nm, sizeof nm, "%s", name);
    int lower = 1;
    for (const char *p = nm; *p; p++)
        lower &= !(*p >= 'A' && *p <= 'Z');
    for (char *p = nm; lower && *p; p++)
        if ((p == nm || p[-1] == ' ') && *p >= 'a' && *p <= 'z')
            *p = (char)(*p - 32);
    char text[192], date[16];
    snprintf(text, sizeof text, "%s criticized Ruritania.", nm);
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(date, sizeof date, "%Y-%m-%d", &tm);
    annals_article a = {.id = "name", .date = date, .text = text, .text_len = strlen(text),
                        .file = "-"};
    const annals_event *ev;
    size_t n = 0;
    annals_diag d;
    if (annals_code(nl->coder, &a, &ev, &n, &d) != ANNALS_OK)
        return 0;
    size_t ln = strlen(nm);
    for (size_t i = 0; i < n; i++) {
        const char *sn = ev[i].source_name;
        size_t ls = sn ? strlen(sn) : 0;
        if (!ls || !ev[i].source || ls > ln || strcasecmp(nm + ln - ls, sn) != 0 ||
            (ls < ln && nm[ln - ls - 1] != ' '))
            continue;
        snprintf(code, size, "%s", ev[i].source);
        return 1;
    }
    return 0;
}

static void names_free(void)
{
    annals_coder_free(names.coder);
    annals_lexicon_free(names.lex);
    memset(&names, 0, sizeof names);
}

static annals_store *open_db(const opts *o, int readonly, int *ex)
{
    annals_store_options so = {.readonly = readonly};
    annals_store *s = NULL;
    annals_diag d;
    annals_status st = annals_store_open(db_path(o), &so, &s, &d);
    if (st != ANNALS_OK) {
        err("%s", d.msg[0] ? d.msg : annals_status_str(st));
        *ex = EX_DB;
        return NULL;
    }
    names.datadir = o->datadir;
    annals_store_set_resolver(s, lookup_name, &names);
    return s;
}

/* ------------------------------------------------------------ formatting */

static void csv_field(FILE *f, const char *s)
{
    if (!s)
        return;
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void json_str(FILE *f, const char *s)
{
    if (!s) {
        fputs("null", f);
        return;
    }
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", f);
        else if (*p == '\t')
            fputs("\\t", f);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

typedef struct out {
    enum fmt fmt;
    long rows;
    int header_done;
} out;

static const char *nz(const char *s) { return s ? s : ""; }

static int event_row(const annals_event_row *r, void *ctx)
{
    out *o = ctx;
    FILE *f = stdout;
    char num[64];
    switch (o->fmt) {
    case F_TABLE:
        if (!o->header_done++)
            printf("%-8s %-10s %-5s %-12s %-12s %-4s %-1s %6s %-18s %4s %3s %3s\n", "ID", "DATE",
                   "PREC", "SOURCE", "TARGET", "CODE", "Q", "GS", "LOCATION", "MENT", "SRC", "ART");
        printf("%-8lld %-10s %-5.5s %-12s %-12s %-4s %d %6.1f %-18.18s %4u %3u %3u%s\n",
               (long long)r->id, r->date ? r->date : "-", nz(r->date_precision),
               r->source ? r->source : "-", r->target ? r->target : "-", nz(r->code), r->quad_class,
               r->goldstein, r->location_name ? r->location_name : "-", r->num_mentions,
               r->num_sources, r->num_articles, r->background ? " bg" : "");
        break;
    case F_CSV: {
        if (!o->header_done++)
            puts("event_id,date,date_precision,background,source,source_country,source_name,"
                 "target,target_country,target_name,code,root,quad_class,goldstein,plover,"
                 "location,location_country,lat,lon,num_mentions,num_sources,num_articles,"
                 "first_seen,last_seen");
        const char *v[] = {r->date, r->date_precision, r->background ? "1" : "0", r->source,
                           r->source_country, r->source_name, r->target, r->target_country,
                           r->target_name, r->code, r->root};
        printf("%lld", (long long)r->id);
        for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
            fputc(',', f);
            csv_field(f, v[i]);
        }
        printf(",%d,%g,", r->quad_class, r->goldstein);
        csv_field(f, r->plover);
        fputc(',', f);
        csv_field(f, r->location_name);
        fputc(',', f);
        csv_field(f, r->location_country);
        if (r->has_coords)
            printf(",%.5f,%.5f", r->lat, r->lon);
        else
            fputs(",,", f);
        printf(",%u,%u,%u,%s,%s\n", r->num_mentions, r->num_sources, r->num_articles,
               nz(r->first_seen), nz(r->last_seen));
        break;
    }
    case F_JSONL:
        printf("{\"event_id\":%lld,\"date\":", (long long)r->id);
        json_str(f, r->date);
        fputs(",\"date_precision\":", f);
        json_str(f, r->date_precision);
        printf(",\"background\":%s,\"source\":", r->background ? "true" : "false");
        json_str(f, r->source);
        fputs(",\"source_country\":", f);
        json_str(f, r->source_country);
        fputs(",\"source_name\":", f);
        json_str(f, r->source_name);
        fputs(",\"target\":", f);
        json_str(f, r->target);
        fputs(",\"target_country\":", f);
        json_str(f, r->target_country);
        fputs(",\"target_name\":", f);
        json_str(f, r->target_name);
        fputs(",\"code\":", f);
        json_str(f, r->code);
        fputs(",\"root\":", f);
        json_str(f, r->root);
        printf(",\"quad_class\":%d,\"goldstein\":%g,\"plover\":", r->quad_class, r->goldstein);
        json_str(f, r->plover);
        fputs(",\"location\":", f);
        if (r->location_name || r->location_country) {
            fputs("{\"name\":", f);
            json_str(f, r->location_name);
            fputs(",\"country\":", f);
            json_str(f, r->location_country);
            if (r->has_coords)
                printf(",\"lat\":%.5f,\"lon\":%.5f", r->lat, r->lon);
            fputc('}', f);
        } else {
            fputs("null", f);
        }
        printf(",\"num_mentions\":%u,\"num_sources\":%u,\"num_articles\":%u,\"first_seen\":",
               r->num_mentions, r->num_sources, r->num_articles);
        json_str(f, r->first_seen);
        fputs(",\"last_seen\":", f);
        json_str(f, r->last_seen);
        fputs("}\n", f);
        break;
    case F_GDELT: {
        /* GDELT 2.0 event columns that apply, tab-separated: id, day, actor1
         * code/country, actor2 code/country, root-event flag, code, base,
         * root, quad, goldstein, mentions, sources, articles, place */
        char day[16] = "";
        if (r->date)
            snprintf(day, sizeof day, "%.4s%.2s%.2s", r->date, r->date + 5, r->date + 8);
        snprintf(num, sizeof num, "%.3s", nz(r->code));
        printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t%d\t%.1f\t%u\t%u\t%u\t%s\t%s",
               (long long)r->id, day, day[0] ? day : "", nz(r->source), nz(r->source_country),
               nz(r->target), nz(r->target_country), nz(r->source_name), !r->background,
               nz(r->code), num, nz(r->root), r->quad_class, r->goldstein, r->num_mentions,
               r->num_sources, r->num_articles, nz(r->location_name), nz(r->location_country));
        if (r->has_coords)
            printf("\t%.4f\t%.4f\n", r->lat, r->lon);
        else
            fputs("\t\t\n", f);
        break;
    }
    }
    o->rows++;
    return ferror(f) ? 1 : 0;
}

static int query_error(annals_store *s, annals_status st)
{
    err("%s", annals_store_errmsg(s)[0] ? annals_store_errmsg(s) : annals_status_str(st));
    return status_exit(st);
}

static int finish(annals_store *s, annals_status st)
{
    int ex = st == ANNALS_OK ? EX_OK : query_error(s, st);
    annals_store_close(s);
    names_free();
    if (fflush(stdout) != 0 || ferror(stdout)) {
        err("error writing the output");
        return ex ? ex : EX_PARTIAL;
    }
    return ex;
}

/* ------------------------------------------------------- events, export */

static int events_like(int argc, char **argv, const char *usage, int export)
{
    opts o;
    int r = parse_common(argc, argv, &o, 1, export, usage);
    if (r)
        return r > 0 ? EX_OK : EX_USAGE;
    if (o.npos) {
        err("%s: unexpected argument \"%s\"", argv[0], o.pos[0]);
        return EX_USAGE;
    }
    if (export && !o.fmt_set)
        o.fmt = F_CSV;
    int ex;
    annals_store *s = open_db(&o, 1, &ex);
    if (!s)
        return ex;
    out w = {.fmt = o.fmt};
    return finish(s, annals_query_events(s, &o.q, event_row, &w));
}

int cmd_events(int argc, char **argv)
{
    return events_like(argc, argv,
                       "Usage: annals events [OPTIONS]\n"
                       "List deduplicated stored events (by date) matching the filters.\n\n", 0);
}

int cmd_export(int argc, char **argv)
{
    return events_like(argc, argv,
                       "Usage: annals export [--format csv|jsonl|gdelt] [FILTERS]\n"
                       "Write deduplicated events with their mention, source and article counts\n"
                       "(default csv; gdelt: GDELT-like tab-separated columns).\n\n", 1);
}

int cmd_timeline(int argc, char **argv)
{
    opts o;
    static const char *usage = "Usage: annals timeline [OPTIONS] A B\n"
                               "Distinct events between actors A and B (either direction unless\n"
                               "--directed), by date.\n\n";
    int r = parse_common(argc, argv, &o, 1, 0, usage);
    if (r)
        return r > 0 ? EX_OK : EX_USAGE;
    if (o.npos != 2) {
        err("timeline: needs two actors (see --help)");
        return EX_USAGE;
    }
    int ex;
    annals_store *s = open_db(&o, 1, &ex);
    if (!s)
        return ex;
    out w = {.fmt = o.fmt};
    return finish(s, annals_query_timeline(s, o.pos[0], o.pos[1], &o.q, event_row, &w));
}

/* ----------------------------------------------------------------- series */

static int series_row(const annals_series_row *r, void *ctx)
{
    out *o = ctx;
    switch (o->fmt) {
    case F_TABLE:
        if (!o->header_done++)
            printf("%-10s %8s %8s %8s %8s %8s %8s\n", "PERIOD", "EVENTS", "VERB_CO", "MAT_CO",
                   "VERB_CF", "MAT_CF", "GS_MEAN");
        printf("%-10s %8llu %8llu %8llu %8llu %8llu %8.2f\n", r->period,
               (unsigned long long)r->events, (unsigned long long)r->quad[1],
               (unsigned long long)r->quad[2], (unsigned long long)r->quad[3],
               (unsigned long long)r->quad[4], r->goldstein_mean);
        break;
    case F_CSV:
        if (!o->header_done++)
            puts("period,events,quad1,quad2,quad3,quad4,goldstein_mean");
        printf("%s,%llu,%llu,%llu,%llu,%llu,%.4f\n", r->period, (unsigned long long)r->events,
               (unsigned long long)r->quad[1], (unsigned long long)r->quad[2],
               (unsigned long long)r->quad[3], (unsigned long long)r->quad[4], r->goldstein_mean);
        break;
    default:
        printf("{\"period\":\"%s\",\"events\":%llu,\"quad\":[%llu,%llu,%llu,%llu],"
               "\"goldstein_mean\":%.4f}\n", r->period, (unsigned long long)r->events,
               (unsigned long long)r->quad[1], (unsigned long long)r->quad[2],
               (unsigned long long)r->quad[3], (unsigned long long)r->quad[4], r->goldstein_mean);
    }
    o->rows++;
    return ferror(stdout) ? 1 : 0;
}

int cmd_series(int argc, char **argv)
{
    opts o;
    static const char *usage = "Usage: annals series [OPTIONS] A [B]\n"
                               "Events per period involving A (or between A and B): counts per\n"
                               "quad class and mean Goldstein score.\n\n"
                               "      --by P             day, week (Mondays), month (default), year\n";
    int r = parse_common(argc, argv, &o, 1, 0, usage);
    if (r)
        return r > 0 ? EX_OK : EX_USAGE;
    if (o.npos < 1 || o.npos > 2) {
        err("series: needs one or two actors (see --help)");
        return EX_USAGE;
    }
    o.q.actor = o.pos[0];
    o.q.actor2 = o.npos > 1 ? o.pos[1] : NULL;
    int ex;
    annals_store *s = open_db(&o, 1, &ex);
    if (!s)
        return ex;
    out w = {.fmt = o.fmt};
    return finish(s, annals_query_series(s, &o.q, o.by, series_row, &w));
}

/* ---------------------------------------------------------- actors, dyads */

static int actor_row(const annals_actor_row *r, void *ctx)
{
    out *o = ctx;
    int dy = r->actor2 != NULL;
    double bal = r->events ? ((double)r->cooperation - (double)r->conflict) / (double)r->events : 0;
    switch (o->fmt) {
    case F_TABLE:
        if (!o->header_done++)
            printf("%-6s %-6s %9s %9s %9s %9s %7s %7s\n", "ACTOR", dy ? "TARGET" : "", "EVENTS",
                   "MENTIONS", "COOP", "CONFLICT", "BALANCE", "GS_MEAN");
        printf("%-6s %-6s %9llu %9llu %9llu %9llu %+7.2f %7.2f\n", nz(r->actor), nz(r->actor2),
               (unsigned long long)r->events, (unsigned long long)r->mentions,
               (unsigned long long)r->cooperation, (unsigned long long)r->conflict, bal,
               r->goldstein_mean);
        break;
    case F_CSV:
        if (!o->header_done++)
            puts(dy ? "source,target,events,mentions,cooperation,conflict,balance,goldstein_mean"
                    : "actor,events,mentions,cooperation,conflict,balance,goldstein_mean");
        csv_field(stdout, r->actor);
        if (dy) {
            fputc(',', stdout);
            csv_field(stdout, r->actor2);
        }
        printf(",%llu,%llu,%llu,%llu,%.4f,%.4f\n", (unsigned long long)r->events,
               (unsigned long long)r->mentions, (unsigned long long)r->cooperation,
               (unsigned long long)r->conflict, bal, r->goldstein_mean);
        break;
    default:
        fputs(dy ? "{\"source\":" : "{\"actor\":", stdout);
        json_str(stdout, r->actor);
        if (dy) {
            fputs(",\"target\":", stdout);
            json_str(stdout, r->actor2);
        }
        printf(",\"events\":%llu,\"mentions\":%llu,\"cooperation\":%llu,\"conflict\":%llu,"
               "\"balance\":%.4f,\"goldstein_mean\":%.4f}\n", (unsigned long long)r->events,
               (unsigned long long)r->mentions, (unsigned long long)r->cooperation,
               (unsigned long long)r->conflict, bal, r->goldstein_mean);
    }
    o->rows++;
    return ferror(stdout) ? 1 : 0;
}

static int ranking_cmd(int argc, char **argv, int dyads)
{
    opts o;
    const char *usage = dyads ? "Usage: annals dyads [OPTIONS]\n"
                                "The most active directed dyads (country, else actor code\n"
                                "prefix) with their cooperation/conflict balance (default 20).\n\n"
                              : "Usage: annals actors [OPTIONS]\n"
                                "The most active actors (country, else actor code prefix) with\n"
                                "their cooperation/conflict balance (default 20).\n\n";
    int r = parse_common(argc, argv, &o, 1, 0, usage);
    if (r)
        return r > 0 ? EX_OK : EX_USAGE;
    if (o.npos) {
        err("%s: unexpected argument \"%s\"", argv[0], o.pos[0]);
        return EX_USAGE;
    }
    int ex;
    annals_store *s = open_db(&o, 1, &ex);
    if (!s)
        return ex;
    out w = {.fmt = o.fmt};
    annals_status st = dyads ? annals_query_dyads(s, &o.q, actor_row, &w)
                             : annals_query_actors(s, &o.q, actor_row, &w);
    return finish(s, st);
}

int cmd_dyads(int argc, char **argv) { return ranking_cmd(argc, argv, 1); }
int cmd_actors(int argc, char **argv) { return ranking_cmd(argc, argv, 0); }

/* ------------------------------------------------------------------- show */

typedef struct show_ctx {
    out o;
    int nm;
} show_ctx;

static int show_event(const annals_event_row *r, void *ctx)
{
    show_ctx *c = ctx;
    if (c->o.fmt == F_TABLE) {
        printf("event %lld  %s (%s)%s\n", (long long)r->id, r->date ? r->date : "undated",
               nz(r->date_precision), r->background ? "  background" : "");
        printf("  %s (%s) -> %s (%s)  code %s  quad %d  goldstein %.1f%s%s\n", nz(r->source),
               r->source_name ? r->source_name : "-", r->target ? r->target : "-",
               r->target_name ? r->target_name : "-", nz(r->code), r->quad_class, r->goldstein,
               r->plover ? "  " : "", nz(r->plover));
        if (r->location_name || r->location_country)
            printf("  at %s %s\n", nz(r->location_name), nz(r->location_country));
        printf("  %u mentions, %u articles, %u sources, seen %s .. %s\n\n", r->num_mentions,
               r->num_articles, r->num_sources, nz(r->first_seen), nz(r->last_seen));
        return 0;
    }
    return event_row(r, &c->o);
}

static int show_mention(const annals_mention_row *m, void *ctx)
{
    show_ctx *c = ctx;
    annals_buf b = {0};
    if (annals_mention_mark(m, &b) != ANNALS_OK)
        return 1;
    const char *marked = b.data ? b.data : "";
    if (c->o.fmt == F_TABLE) {
        printf("  [%d] %s %s  %s  sentence %u%s%s\n      %s\n", ++c->nm, nz(m->article_date),
               nz(m->outlet), nz(m->article_id), m->sentence, m->url ? "  " : "", nz(m->url),
               marked);
    } else if (c->o.fmt == F_CSV) {
        if (!c->nm++)
            puts("article,article_date,outlet,cluster,sentence,trigger,source_name,target_name,"
                 "marked");
        csv_field(stdout, m->article_id);
        printf(",%s,", nz(m->article_date));
        csv_field(stdout, m->outlet);
        printf(",%lld,%u,", (long long)m->cluster, m->sentence);
        csv_field(stdout, m->trigger);
        fputc(',', stdout);
        csv_field(stdout, m->source_name);
        fputc(',', stdout);
        csv_field(stdout, m->target_name);
        fputc(',', stdout);
        csv_field(stdout, marked);
        fputc('\n', stdout);
    } else {
        fputs("{\"mention\":{\"article\":", stdout);
        json_str(stdout, m->article_id);
        fputs(",\"article_date\":", stdout);
        json_str(stdout, m->article_date);
        fputs(",\"outlet\":", stdout);
        json_str(stdout, m->outlet);
        printf(",\"cluster\":%lld,\"sentence\":%u,\"trigger\":", (long long)m->cluster, m->sentence);
        json_str(stdout, m->trigger);
        fputs(",\"source_name\":", stdout);
        json_str(stdout, m->source_name);
        fputs(",\"target_name\":", stdout);
        json_str(stdout, m->target_name);
        fputs(",\"text\":", stdout);
        json_str(stdout, m->text);
        fputs(",\"marked\":", stdout);
        json_str(stdout, marked);
        fputs("}}\n", stdout);
    }
    free(b.data);
    return ferror(stdout) ? 1 : 0;
}

int cmd_show(int argc, char **argv)
{
    opts o;
    static const char *usage = "Usage: annals show [OPTIONS] EVENT_ID\n"
                               "One stored event with every sentence that mentions it; the\n"
                               "source is marked [..], the target {..}, the trigger <<..>>.\n"
                               "(csv/jsonl: the event row, then one row per mention.)\n\n";
    int r = parse_common(argc, argv, &o, 0, 0, usage);
    if (r)
        return r > 0 ? EX_OK : EX_USAGE;
    char *end;
    long long id = o.npos == 1 ? strtoll(o.pos[0], &end, 10) : 0;
    if (o.npos != 1 || *end || id <= 0) {
        err("show: needs one event id (see --help)");
        return EX_USAGE;
    }
    int ex;
    annals_store *s = open_db(&o, 1, &ex);
    if (!s)
        return ex;
    show_ctx c = {.o = {.fmt = o.fmt}};
    annals_status st = annals_query_show(s, id, show_event, show_mention, &c);
    if (st == ANNALS_ENOTFOUND) {
        err("%s", annals_store_errmsg(s));
        annals_store_close(s);
        return EX_PARTIAL;
    }
    return finish(s, st);
}

/* ----------------------------------------------------------------- ingest */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct progress {
    int on;
    double start, last;
    uint64_t total_bytes, bytes, articles, sentences, events;
} progress;

static void progress_draw(progress *p, int final)
{
    double t = now_s();
    if (!p->on || (!final && t - p->last < 0.2))
        return;
    p->last = t;
    double el = t - p->start;
    double rate = el > 0 ? (double)p->sentences / el : 0;
    char eta[32] = "";
    if (p->total_bytes && p->bytes && !final) {
        double frac = (double)p->bytes / (double)p->total_bytes;
        if (frac > 0.99)
            frac = 0.99;
        double rest = el / frac - el;
        snprintf(eta, sizeof eta, "  %3.0f%%  ETA %d:%02d", frac * 100, (int)rest / 60,
                 (int)rest % 60);
    }
    fprintf(stderr, "\r%llu articles  %llu events  %.0f sentences/s%s\033[K",
            (unsigned long long)p->articles, (unsigned long long)p->events, rate, eta);
    if (final)
        fputc('\n', stderr);
}

int cmd_ingest(int argc, char **argv)
{
    static const char *usage =
        "Usage: annals ingest [OPTIONS] [FILE|DIR|-]...\n"
        "Code articles and store them with their events (deduplicated across articles and\n"
        "near-duplicate copies).  Re-running is safe: articles already stored with the same\n"
        "text are skipped, changed ones replaced; an interrupted run loses at most the\n"
        "current batch, never half an article.\n\n"
        "      --input KIND       auto (default), text, jsonl, html\n"
        "      --date D           date of articles that have none (YYYY-MM-DD)\n"
        "      --data DIR         dictionaries (default: $ANNALS_DATA or built-in)\n"
        "      --batch N          articles per transaction (default 200)\n"
        "      --no-background    do not store background events\n"
        "      --no-when, --no-where  as for annals code\n"
        "  -q, --quiet            no progress line, no summary\n";
    const char *db = NULL, *date = NULL, *datadir = NULL;
    annals_input kind = ANNALS_INPUT_AUTO;
    annals_options copt = {0};
    size_t batch = 200;
    int quiet = 0;
    const char **paths = calloc((size_t)argc + 1, sizeof *paths);
    size_t npaths = 0;
    if (!paths) {
        err("out of memory");
        return EX_DB;
    }
    int ex = EX_OK;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int more = i + 1 < argc;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage, stdout);
            fputs("      --db PATH          database (default: $ANNALS_DB, else ./annals.db)\n"
                  "  -h, --help             this help\n"
                  "\nExit status: 0 ok, 1 partial (some records skipped), 2 usage,\n"
                  "3 database error (locked, read-only, full disk, made by a newer annals).\n",
                  stdout);
            free(paths);
            return EX_OK;
        } else if (strcmp(a, "--db") == 0 && more) {
            db = argv[++i];
        } else if (strcmp(a, "--date") == 0 && more) {
            date = argv[++i];
        } else if (strcmp(a, "--data") == 0 && more) {
            datadir = argv[++i];
        } else if (strcmp(a, "--batch") == 0 && more) {
            if (parse_size(argv[++i], &batch) || batch == 0) {
                err("ingest: --batch needs a positive number");
                free(paths);
                return EX_USAGE;
            }
        } else if (strcmp(a, "--input") == 0 && more) {
            const char *k = argv[++i];
            if (strcmp(k, "auto") == 0) kind = ANNALS_INPUT_AUTO;
            else if (strcmp(k, "text") == 0) kind = ANNALS_INPUT_TEXT;
            else if (strcmp(k, "jsonl") == 0) kind = ANNALS_INPUT_JSONL;
            else if (strcmp(k, "html") == 0) kind = ANNALS_INPUT_HTML;
            else {
                err("ingest: unknown input kind \"%s\"", k);
                free(paths);
                return EX_USAGE;
            }
        } else if (strcmp(a, "--no-background") == 0) {
            copt.no_background = 1;
        } else if (strcmp(a, "--no-when") == 0) {
            copt.no_when = 1;
        } else if (strcmp(a, "--no-where") == 0) {
            copt.no_where = 1;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            quiet = 1;
        } else if (a[0] == '-' && a[1]) {
            err("ingest: unknown option or missing value: %s (see --help)", a);
            free(paths);
            return EX_USAGE;
        } else {
            paths[npaths++] = a;
        }
    }
    if (date) {
        int y = 0, m = 0, dd = 0, n = 0;
        if (sscanf(date, "%4d-%2d-%2d%n", &y, &m, &dd, &n) != 3 || n != 10 || strlen(date) != 10 ||
            m < 1 || m > 12 || dd < 1 || dd > 31) {
            err("ingest: --date must be YYYY-MM-DD");
            free(paths);
            return EX_USAGE;
        }
    }
    opts o = {.db = db};
    annals_store *s = open_db(&o, 0, &ex);
    if (!s) {
        free(paths);
        return ex;
    }
    annals_lexicon *lex = NULL;
    annals_coder *coder = NULL;
    annals_reader *rd = NULL;
    annals_diag d = {0};
    annals_status st = annals_lexicon_open(datadir, &lex, &d);
    if (st != ANNALS_OK) {
        char buf[1024];
        annals_diag_format(&d, buf, sizeof buf);
        err("%s", buf);
        ex = EX_USAGE;
        goto done;
    }
    if ((st = annals_coder_new(lex, &copt, &coder)) != ANNALS_OK) {
        err("ingest: %s", annals_status_str(st));
        ex = EX_DB;
        goto done;
    }
    if ((st = annals_reader_open(paths, npaths, kind, date, &rd)) != ANNALS_OK) {
        err("ingest: %s", annals_status_str(st));
        ex = EX_USAGE;
        goto done;
    }
    progress pg = {.on = !quiet && isatty(2), .start = now_s()};
    for (size_t i = 0; i < npaths; i++) {
        struct stat sb;
        size_t pl = strlen(paths[i]);
        if (strcmp(paths[i], "-") == 0 || stat(paths[i], &sb) != 0 || !S_ISREG(sb.st_mode) ||
            (pl > 3 && strcmp(paths[i] + pl - 3, ".gz") == 0)) {
            pg.total_bytes = 0;
            break;
        }
        pg.total_bytes += (uint64_t)sb.st_size;
    }
    size_t in_batch = 0;
    uint64_t skipped = 0, known = 0;
    for (;;) {
        annals_article art;
        memset(&d, 0, sizeof d);
        st = annals_reader_next(rd, &art, &d);
        if (st == ANNALS_EOF)
            break;
        if (st != ANNALS_OK) {
            char buf[1024];
            annals_diag_format(&d, buf, sizeof buf);
            if (pg.on)
                fputc('\n', stderr);
            err("%s", buf);
            skipped++;
            continue;
        }
        pg.bytes += art.text_len;
        if (in_batch == 0 && (st = annals_store_begin(s)) != ANNALS_OK) {
            err("%s", annals_store_errmsg(s));
            ex = EX_DB;
            break;
        }
        in_batch++;
        int k = annals_store_known(s, &art);
        if (k == 1) {
            known++;
        } else {
            const annals_event *evs = NULL;
            size_t nev = 0;
            st = annals_code(coder, &art, &evs, &nev, &d);
            if (st != ANNALS_OK) {
                char buf[1024];
                annals_diag_format(&d, buf, sizeof buf);
                err("%s: %s", art.id ? art.id : "?", d.msg[0] ? buf : annals_status_str(st));
                skipped++;
            } else {
                pg.sentences += annals_coder_sentences(coder);
                pg.events += nev;
                st = annals_store_add(s, &art, evs, nev);
                if (st == ANNALS_EPARSE || st == ANNALS_EINVAL) {
                    err("%s", annals_store_errmsg(s));
                    skipped++;
                } else if (st != ANNALS_OK) {
                    err("%s", annals_store_errmsg(s));
                    ex = EX_DB;
                    break;
                }
            }
        }
        pg.articles++;
        if (in_batch >= batch) {
            if ((st = annals_store_commit(s)) != ANNALS_OK) {
                err("%s", annals_store_errmsg(s));
                ex = EX_DB;
                break;
            }
            in_batch = 0;
        }
        progress_draw(&pg, 0);
    }
    if (ex == EX_OK && in_batch && (st = annals_store_commit(s)) != ANNALS_OK) {
        err("%s", annals_store_errmsg(s));
        ex = EX_DB;
    }
    if (ex != EX_OK)
        annals_store_rollback(s);
    progress_draw(&pg, 1);
    if (ex == EX_OK && skipped)
        ex = EX_PARTIAL;
    if (!quiet) {
        annals_store_stats ss;
        if (annals_store_stats_get(s, &ss) == ANNALS_OK)
            fprintf(stderr, "ingest: %llu articles read (%llu new, %llu replaced, %llu unchanged,"
                    " %llu skipped); store: %llu articles, %llu events, %llu mentions\n",
                    (unsigned long long)pg.articles + skipped, (unsigned long long)ss.added,
                    (unsigned long long)ss.replaced,
                    (unsigned long long)(ss.unchanged + known), (unsigned long long)skipped,
                    (unsigned long long)ss.articles, (unsigned long long)ss.events,
                    (unsigned long long)ss.mentions);
    }
done:
    annals_reader_free(rd);
    annals_coder_free(coder);
    annals_lexicon_free(lex);
    annals_store_close(s);
    free(paths);
    return ex;
}
