/*
 * main.c: the annals command: global options, subcommand dispatch and the
 * small helpers every subcommand shares (messages, dates).
 *
 * `annals SUBCOMMAND [ARGS]` looks SUBCOMMAND up in one table and calls its
 * `cmd_<name>(argc, argv)` with argv[0] = the subcommand; the function's
 * return value is the exit status (see cli.h: 0 done, 1 partly done,
 * 2 usage).  The store commands (ingest, events, ...) come from
 * cli/cmd_store.h when that header exists; without it they answer that
 * this build lacks them.  Only this layer prints; the library returns
 * statuses and diagnostics.
 */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* STORE COMMANDS: cli/cmd_store.h (owned by the store engineer) declares
 * int cmd_<name>(int argc, char **argv) for each store command; they are
 * dispatched below as soon as the header exists. */
#if defined(__has_include)
#if __has_include("cmd_store.h")
#include "cmd_store.h"
#define CLI_HAVE_STORE 1
#endif
#endif
#ifndef CLI_HAVE_STORE
#define CLI_HAVE_STORE 0
#endif

/* ------------------------------------------------------------ helpers */

void cli_error(const char *fmt, ...)
{
    va_list ap;
    fputs("annals: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void cli_diag(const annals_diag *d, const char *prefix)
{
    char buf[1024];
    annals_diag tmp = *d;
    /* put the prefix before the message, after the place */
    if (prefix && *prefix) {
        char msg[sizeof tmp.msg];
        snprintf(msg, sizeof msg, "%s%.*s", prefix, (int)(sizeof d->msg - 1), d->msg);
        memcpy(tmp.msg, msg, sizeof msg);
    }
    annals_diag_format(&tmp, buf, sizeof buf);
    fprintf(stderr, "annals: %s\n", buf);
}

int cli_valid_date(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    int v[3] = {0, 0, 0};
    const int at[3] = {0, 5, 8}, len[3] = {4, 2, 2};
    for (int k = 0; k < 3; k++) {
        for (int i = 0; i < len[k]; i++) {
            char c = s[at[k] + i];
            if (c < '0' || c > '9')
                return 0;
            v[k] = v[k] * 10 + (c - '0');
        }
    }
    int y = v[0], m = v[1], d = v[2];
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return 0;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 0;
    return 1;
}

int cli_is_dir(const char *path)
{
    struct stat st;
    return path && stat(path, &st) == 0 && S_ISDIR(st.st_mode) && access(path, R_OK | X_OK) == 0;
}

/* ----------------------------------------------------------- commands */

static const char main_usage[] =
    "Usage: annals COMMAND [OPTIONS] [ARGS]\n"
    "       annals --help | --version\n"
    "\n"
    "annals reads news articles and codes the political events they report:\n"
    "who did what to whom (CAMEO actor and event codes, Goldstein score, quad\n"
    "class, PLOVER category), when and where, each traceable to its sentence.\n"
    "\n"
    "Commands:\n"
    "  code [FILE|DIR|-]...  code articles, one event per line to stdout\n"
    "  dict check            validate the dictionaries (file:line: messages)\n"
    "  dict stats            count what the dictionaries hold\n"
    "  ingest                code articles into an event store\n"
    "  events                list stored events\n"
    "  timeline              events over time\n"
    "  series                event counts per period\n"
    "  dyads                 who acts on whom, with counts\n"
    "  actors                actors of the store\n"
    "  show                  one stored event with its sentence\n"
    "  export                write stored events in an output format\n"
    "  help COMMAND          help on a command (same as COMMAND --help)\n"
    "\n"
    "Options:\n"
    "  -h, --help     show this help and exit\n"
    "  -V, --version  show the version and exit\n"
    "\n"
    "Environment:\n"
    "  ANNALS_DATA    dictionary directory when --data is not given\n"
    "\n"
    "Exit status: 0 done; 1 some input was skipped or a file could not be\n"
    "read or written; 2 usage error; 3 database error (store commands).\n"
    "See annals(1) and annals COMMAND --help.\n";

static const char dict_usage[] =
    "Usage: annals dict check [--data DIR]\n"
    "       annals dict stats [--data DIR]\n"
    "\n"
    "check  validate every dictionary file in the data directory: syntax,\n"
    "       unknown codes, duplicate and conflicting entries; problems are\n"
    "       printed as FILE:LINE: MESSAGE on standard output\n"
    "stats  load the dictionaries and print how many countries, people,\n"
    "       roles, organisations, agents, patterns and words they hold\n"
    "\n"
    "Options:\n"
    "      --data DIR  dictionary directory (default: $ANNALS_DATA, else the\n"
    "                  directory annals was built with)\n"
    "  -h, --help      show this help and exit\n"
    "\n"
    "Exit status: 0 no errors; 1 errors found or the directory cannot be\n"
    "read; 2 usage error.\n";

static void dict_report(const char *msg, void *ctx)
{
    (void)ctx;
    fprintf(stdout, "%s\n", msg);
}

static int dict_usage_error(const char *what, const char *arg)
{
    fprintf(stderr, "annals: dict: %s '%s'\nTry 'annals dict --help'.\n", what, arg);
    return CLI_USAGE;
}

int cmd_dict(int argc, char **argv)
{
    const char *sub = NULL, *datadir = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(dict_usage, stdout);
            return CLI_OK;
        } else if (strcmp(a, "--data") == 0 || strncmp(a, "--data=", 7) == 0) {
            const char *v = a[6] == '=' ? a + 7 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v)
                return dict_usage_error("option needs a value:", "--data");
            if (!cli_is_dir(v))
                return dict_usage_error("--data: not a readable directory:", v);
            datadir = v;
        } else if (a[0] == '-' && a[1]) {
            return dict_usage_error("unknown option", a);
        } else if (!sub) {
            sub = a;
        } else {
            return dict_usage_error("unexpected argument", a);
        }
    }
    if (!sub) {
        fputs(dict_usage, stderr);
        return CLI_USAGE;
    }
    const char *dir = datadir ? datadir : annals_default_datadir();
    if (strcmp(sub, "check") == 0) {
        int n = annals_dict_check(datadir, dict_report, NULL);
        if (fflush(stdout) != 0) {
            cli_error("dict check: cannot write the output");
            return CLI_PARTIAL;
        }
        if (n < 0) {
            cli_error("dict check: cannot read %s", dir ? dir : "(no data directory)");
            return CLI_PARTIAL;
        }
        if (n > 0) {
            cli_error("dict check: %d error%s in %s", n, n == 1 ? "" : "s", dir ? dir : "");
            return CLI_PARTIAL;
        }
        return CLI_OK;
    }
    if (strcmp(sub, "stats") == 0) {
        annals_lexicon *lex = NULL;
        annals_diag d;
        memset(&d, 0, sizeof d);
        annals_status st = annals_lexicon_open(datadir, &lex, &d);
        if (st != ANNALS_OK) {
            if (!d.msg[0])
                snprintf(d.msg, sizeof d.msg, "cannot load dictionaries: %s",
                         annals_status_str(st));
            cli_diag(&d, NULL);
            return CLI_PARTIAL;
        }
        annals_lexicon_stats s;
        memset(&s, 0, sizeof s);
        annals_lexicon_stats_get(lex, &s);
        annals_lexicon_free(lex);
        printf("data\t%s\n", dir ? dir : "");
        printf("countries\t%zu\npeople\t%zu\nroles\t%zu\norganisations\t%zu\n"
               "agents\t%zu\npatterns\t%zu\nwords\t%zu\n",
               s.countries, s.people, s.roles, s.organisations, s.agents, s.patterns, s.words);
        return fflush(stdout) == 0 ? CLI_OK : CLI_PARTIAL;
    }
    return dict_usage_error("unknown dict command", sub);
}

#if !CLI_HAVE_STORE
static int cmd_store_missing(int argc, char **argv)
{
    (void)argc;
    cli_error("%s: the event store is not part of this build", argv[0]);
    return CLI_USAGE;
}
#define cmd_ingest cmd_store_missing
#define cmd_events cmd_store_missing
#define cmd_timeline cmd_store_missing
#define cmd_series cmd_store_missing
#define cmd_dyads cmd_store_missing
#define cmd_actors cmd_store_missing
#define cmd_show cmd_store_missing
#define cmd_export cmd_store_missing
#endif

static const struct {
    const char *name;
    int (*fn)(int argc, char **argv);
} commands[] = {
    {"code", cmd_code},
    {"dict", cmd_dict},
    {"ingest", cmd_ingest},
    {"events", cmd_events},
    {"timeline", cmd_timeline},
    {"series", cmd_series},
    {"dyads", cmd_dyads},
    {"actors", cmd_actors},
    {"show", cmd_show},
    {"export", cmd_export},
};

static int (*find_command(const char *name))(int, char **)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, name) == 0)
            return commands[i].fn;
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(main_usage, stderr);
        return CLI_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0) {
        fputs(main_usage, stdout);
        return fflush(stdout) == 0 ? CLI_OK : CLI_PARTIAL;
    }
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
        printf("annals %s\n", ANNALS_VERSION);
        return fflush(stdout) == 0 ? CLI_OK : CLI_PARTIAL;
    }
    if (strcmp(cmd, "help") == 0) {
        if (argc < 3) {
            fputs(main_usage, stdout);
            return CLI_OK;
        }
        int (*fn)(int, char **) = find_command(argv[2]);
        if (!fn) {
            cli_error("unknown command '%s'; try 'annals --help'", argv[2]);
            return CLI_USAGE;
        }
        char *av[] = {argv[2], (char *)"--help", NULL};
        return fn(2, av);
    }
    int (*fn)(int, char **) = find_command(cmd);
    if (!fn) {
        if (cmd[0] == '-')
            cli_error("unknown option '%s'; try 'annals --help'", cmd);
        else
            cli_error("unknown command '%s'; try 'annals --help'", cmd);
        return CLI_USAGE;
    }
    return fn(argc - 1, argv + 1);
}
