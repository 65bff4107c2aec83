/*
 * cmd_store.h: the store subcommands of annals (cli/cmd_store.c).  Each takes
 * argv[0] = its name and returns the exit status: 0 ok, 1 partial (records
 * skipped), 2 usage, 3 database error.
 */
#ifndef ANNALS_CMD_STORE_H
#define ANNALS_CMD_STORE_H

int cmd_ingest(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_timeline(int argc, char **argv);
int cmd_series(int argc, char **argv);
int cmd_dyads(int argc, char **argv);
int cmd_actors(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_export(int argc, char **argv);

#endif
