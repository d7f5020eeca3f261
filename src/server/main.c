/* cbdest-server entry point (placeholder until the server lands). */
#include <stdio.h>

int main(void)
{
    fprintf(stderr, "cbdest-server: not built yet\n");
    return 2;
}
