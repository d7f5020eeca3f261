/* keyfile: private key files (0600) for --api-key-file and the generated default key. */
#include "server/keyfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "server/rng.h"

static const char keyfile_b62[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

int keyfile_generate(char out[45])
{
    unsigned char byte;
    size_t n = 0;
    memcpy(out, "metorial_sk_", 12);
    while (n < 32) {
        if (rng_secure_bytes(&byte, 1) != 0)
            return -1;
        if (byte < 248) /* 248 = 4 * 62: unbiased */
            out[12 + n++] = keyfile_b62[byte % 62];
    }
    out[44] = '\0';
    return 0;
}

const char *keyfile_key_problem(const char *key)
{
    size_t n = strlen(key);
    if (n < KEYFILE_KEY_MIN || n > KEYFILE_KEY_MAX)
        return "a key must be 8..256 characters long";
    for (const char *p = key; *p; p++)
        if (*p <= ' ' || *p >= 0x7f || *p == '"' || *p == '\'' || *p == '\\')
            return "a key may only hold printable ASCII characters without spaces, quotes or "
                   "backslashes";
    return NULL;
}

int keyfile_mkdirs(const char *dir, unsigned mode)
{
    char buf[PATH_MAX];
    if (snprintf(buf, sizeof buf, "%s", dir) >= (int)sizeof buf)
        return -1;
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, mode) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    if (mkdir(buf, mode) != 0 && errno != EEXIST)
        return -1;
    return 0;
}

int keyfile_read(const char *path, char **key, char *err, size_t errlen)
{
    char line[512];
    struct stat st;
    int rc = -1;
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "cannot read key file %s: %s", path, strerror(errno));
        return -1;
    }
    if (fstat(fileno(f), &st) != 0 || (st.st_mode & 077)) {
        snprintf(err, errlen, "key file %s is readable by others: run chmod 600 %s", path, path);
        goto out;
    }
    if (!fgets(line, sizeof line, f)) {
        snprintf(err, errlen, "key file %s is empty", path);
        goto out;
    }
    line[strcspn(line, "\r\n")] = '\0';
    if (!line[0]) {
        snprintf(err, errlen, "key file %s is empty", path);
        goto out;
    }
    const char *problem = keyfile_key_problem(line);
    if (problem) {
        snprintf(err, errlen, "key file %s: %s", path, problem);
        goto out;
    }
    *key = strdup(line);
    rc = *key ? 0 : -1;
out:
    fclose(f);
    return rc;
}

static int keyfile_create(const char *path, char **key, char *err, size_t errlen)
{
    char fresh[45];
    if (keyfile_generate(fresh) != 0) {
        snprintf(err, errlen, "cannot generate a key: no randomness");
        return -1;
    }
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) {
        snprintf(err, errlen, "cannot create key file %s: %s", path, strerror(errno));
        return -1;
    }
    size_t len = strlen(fresh);
    fresh[len] = '\n';
    int ok = write(fd, fresh, len + 1) == (ssize_t)(len + 1) && fsync(fd) == 0;
    close(fd);
    fresh[len] = '\0';
    if (!ok) {
        unlink(path);
        snprintf(err, errlen, "cannot write key file %s", path);
        return -1;
    }
    *key = strdup(fresh);
    return *key ? 0 : -1;
}

int keyfile_ensure(const char *dir, char **path, char **key, char *err, size_t errlen)
{
    char abs_dir[PATH_MAX], full[PATH_MAX + 32];
    if (!realpath(dir, abs_dir)) {
        snprintf(err, errlen, "cannot resolve %s: %s", dir, strerror(errno));
        return -1;
    }
    snprintf(full, sizeof full, "%s/%s", abs_dir, KEYFILE_NAME);
    int rc = access(full, F_OK) == 0 ? keyfile_read(full, key, err, errlen)
                                      : keyfile_create(full, key, err, errlen);
    if (rc == 0) {
        *path = strdup(full);
        if (!*path) {
            free(*key);
            *key = NULL;
            rc = -1;
        }
    }
    return rc;
}
