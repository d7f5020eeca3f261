/* keyfile: reading a key from a private file, and the generated server key beside the db. */
#ifndef CBDEST_SERVER_KEYFILE_H
#define CBDEST_SERVER_KEYFILE_H

#include <stddef.h>

#define KEYFILE_NAME "cbdest-server.key"

#define KEYFILE_KEY_MIN 8
#define KEYFILE_KEY_MAX 256

/* Checks a key against the token rule every cbdest component shares: 8..256 characters of
 * printable ASCII without space, '"', '\'' or '\\'. Returns NULL when fine, else a static
 * reason (never containing the key). */
const char *keyfile_key_problem(const char *key);

/* Reads the first line of path into a malloc'd *key. Refuses files readable by group or others
 * ("chmod 600 PATH"), empty files and keys keyfile_key_problem refuses. Returns 0 or -1 with
 * err set (never containing the key). */
int keyfile_read(const char *path, char **key, char *err, size_t errlen);

/* Uses dir/cbdest-server.key, creating it (mode 0600, "metorial_sk_" + 32 base62 + "\n") when
 * absent. Sets malloc'd *path (absolute) and *key. Returns 0 or -1 with err set. */
int keyfile_ensure(const char *dir, char **path, char **key, char *err, size_t errlen);

/* Makes "metorial_sk_" + 32 base62 chars from the kernel CSPRNG into out (45 bytes). */
int keyfile_generate(char out[45]);

/* mkdir -p with mode for the missing components; returns 0 or -1. */
int keyfile_mkdirs(const char *dir, unsigned mode);

#endif
