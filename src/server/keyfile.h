/* keyfile: reading a key from a private file, and the generated server key beside the db. */
#ifndef CBDEST_SERVER_KEYFILE_H
#define CBDEST_SERVER_KEYFILE_H

#include <stddef.h>

#define KEYFILE_NAME "cbdest-server.key"

/* Reads the first line of path into a malloc'd *key. Refuses files readable by group or others
 * ("chmod 600 PATH") and empty files. Returns 0 or -1 with err set (never containing the key). */
int keyfile_read(const char *path, char **key, char *err, size_t errlen);

/* Uses dir/cbdest-server.key, creating it (mode 0600, "metorial_sk_" + 32 base62 + "\n") when
 * absent. Sets malloc'd *path (absolute) and *key. Returns 0 or -1 with err set. */
int keyfile_ensure(const char *dir, char **path, char **key, char *err, size_t errlen);

/* Makes "metorial_sk_" + 32 base62 chars from the kernel CSPRNG into out (45 bytes). */
int keyfile_generate(char out[45]);

/* mkdir -p with mode for the missing components; returns 0 or -1. */
int keyfile_mkdirs(const char *dir, unsigned mode);

#endif
