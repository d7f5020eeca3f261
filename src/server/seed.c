/* seed: sample destinations (placeholder). */
#include "server/seed.h"

int seed_run(struct store *st, long n)
{
    (void)st;
    (void)n;
    return 0;
}
