/* The terminal UI entry point (placeholder until the screen manager lands). */
#include <stdio.h>

#include "tui.h"

int tui_main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "cbdest: the terminal UI is not built yet\n");
    return 2;
}
