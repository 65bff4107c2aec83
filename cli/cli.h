/*
 * cli.h: what the files of the annals command share.
 *
 * The command is a thin layer over include/annals.h: cli/main.c dispatches
 * to one function per subcommand (`int cmd_<name>(int argc, char **argv)`,
 * argv[0] being the subcommand's name, returning the process exit status),
 * cli/code.c codes articles, cli/dict.c checks dictionaries, and the store
 * commands live in cli/cmd_store.c.  Only this layer prints or exits.
 *
 * Exit statuses, the same for every subcommand:
 *   CLI_OK       everything asked for was done;
 *   CLI_PARTIAL  something was skipped or failed (unreadable records,
 *                dictionary errors, a write error);
 *   CLI_USAGE    bad command line (unknown option, bad value);
 *   3            database error (store commands, see cmd_store.h).
 */
#ifndef ANNALS_CLI_H
#define ANNALS_CLI_H

#include "annals.h"

enum { CLI_OK = 0, CLI_PARTIAL = 1, CLI_USAGE = 2 };

/* "annals: " + message + newline on stderr. */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* "annals: file:line: offset N: message" on stderr; prefix (may be NULL)
 * goes before the message, e.g. "warning: ". */
void cli_diag(const annals_diag *d, const char *prefix);

/* 1 if s is a real calendar date written YYYY-MM-DD. */
int cli_valid_date(const char *s);

/* 1 if path names a readable directory. */
int cli_is_dir(const char *path);

int cmd_code(int argc, char **argv);
int cmd_dict(int argc, char **argv);

#endif
