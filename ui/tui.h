/* The terminal UI entry point. */
#ifndef CBDEST_TUI_H
#define CBDEST_TUI_H

/* Parses global options from argv (as the CLI does), runs the screen manager until the
 * user quits; returns the process exit code. The terminal is restored on every path. */
int tui_main(int argc, char **argv);

#endif
