/* The one-shot subcommands of cbdest (list, get, create, update, archive). */
#ifndef CBDEST_CLI_H
#define CBDEST_CLI_H

/* Index in argv of the first non-option word (the subcommand), skipping global options
 * and their values; -1 when there is none. */
int cli_find_subcommand(int argc, char **argv);

/* Runs the subcommand named in argv; returns the process exit code
 * (0 ok, 1 the API refused, 2 usage, 3 network or TLS). */
int cli_main(int argc, char **argv);

#endif
