/* The one-shot subcommands of cbdest (placeholder until the client core lands). */
#include <stdio.h>

#include "cli.h"

int cli_find_subcommand(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (argv[i][0] != '-')
            return i;
    return -1;
}

int cli_main(int argc, char **argv)
{
    (void)argc;
    fprintf(stderr, "cbdest: subcommand '%s' is not implemented yet\n", argv[1]);
    return 2;
}
