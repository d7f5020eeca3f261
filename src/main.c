/* cbdest entry point: one-shot subcommands go to the CLI, no subcommand (or `tui`) opens the TUI. */
#include <string.h>

#include "cli.h"
#include "tui.h"

int main(int argc, char **argv)
{
    int sub = cli_find_subcommand(argc, argv);
    if (sub < 0 || strcmp(argv[sub], "tui") == 0)
        return tui_main(argc, argv);
    return cli_main(argc, argv);
}
