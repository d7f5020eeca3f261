/* seed: fills an empty store with realistic sample destinations. */
#ifndef CBDEST_SERVER_SEED_H
#define CBDEST_SERVER_SEED_H

struct store;

/* Inserts n destinations in one transaction if the store is empty; 0 on success or when the
 * store already holds data, -1 on error. */
int seed_run(struct store *st, long n);

#endif
