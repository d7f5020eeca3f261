/* options: getopt_long over the documented flags; keys may come from argv or key files. */
#include "server/options.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "server/keyfile.h"
#include "server/ratelimit.h"

void options_usage(FILE *out)
{
    fputs("usage: cbdest-server [--listen HOST:PORT] [--db PATH] [--api-key KEY]...\n"
          "                     [--api-key-file PATH]... [--publishable-key KEY]...\n"
          "                     [--seed N] [--rate-limit N/SECONDS] [--access-log] [--help]\n"
          "\n"
          "Serves the Metorial Callback Destinations API from a local SQLite database.\n"
          "  --listen HOST:PORT      address to listen on (default 127.0.0.1:8787; port 0 picks\n"
          "                          a free port, printed on the first stdout line)\n"
          "  --db PATH               database file (default $XDG_DATA_HOME/cbdest/cbdest.db or\n"
          "                          ~/.local/share/cbdest/cbdest.db)\n"
          "  --api-key KEY           a secret key allowed to read and write (repeatable)\n"
          "  --api-key-file PATH     read a secret key from PATH (mode 0600; repeatable)\n"
          "  --publishable-key KEY   a read-only key (repeatable)\n"
          "  --seed N                fill an empty database with N sample destinations\n"
          "  --rate-limit N/SECONDS  requests allowed per key per window (default 100000/60)\n"
          "  --access-log            one line per request on stderr (never the key)\n"
          "Without --api-key/--api-key-file a secret key is generated once into\n"
          "<db dir>/cbdest-server.key (mode 0600); its path is printed, never the key.\n",
          out);
}

int options_split_listen(const char *text, char *host, size_t hostlen, int *port)
{
    const char *colon, *h = text;
    size_t n;
    if (text[0] == '[') {
        const char *close = strchr(text, ']');
        if (!close || close[1] != ':')
            return -1;
        h = text + 1;
        n = (size_t)(close - h);
        colon = close + 1;
    } else {
        colon = strrchr(text, ':');
        if (!colon)
            return -1;
        n = (size_t)(colon - text);
    }
    if (n == 0 || n >= hostlen)
        return -1;
    char *end;
    errno = 0;
    long p = strtol(colon + 1, &end, 10);
    if (colon[1] < '0' || colon[1] > '9' || *end || errno || p < 0 || p > 65535)
        return -1;
    memcpy(host, h, n);
    host[n] = '\0';
    *port = (int)p;
    return 0;
}

static int add_key(char **keys, size_t *n, const char *key, const char *option, char *err,
                   size_t errlen)
{
    const char *problem = keyfile_key_problem(key);
    if (problem) {
        snprintf(err, errlen, "%s: %s", option, problem);
        return -1;
    }
    if (*n >= APP_MAX_KEYS) {
        snprintf(err, errlen, "%s: too many keys (at most %d)", option, APP_MAX_KEYS);
        return -1;
    }
    if (!(keys[*n] = strdup(key))) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    (*n)++;
    return 0;
}

static int parse_long(const char *text, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (text[0] < '0' || text[0] > '9' || *end || errno || v < 0 || v > 10000000)
        return -1;
    *out = v;
    return 0;
}

static const struct option long_options[] = {
    {"listen", required_argument, NULL, 'l'},   {"db", required_argument, NULL, 'd'},
    {"api-key", required_argument, NULL, 'k'},  {"api-key-file", required_argument, NULL, 'K'},
    {"publishable-key", required_argument, NULL, 'p'},
    {"seed", required_argument, NULL, 's'},     {"rate-limit", required_argument, NULL, 'r'},
    {"access-log", no_argument, NULL, 'a'},     {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* Applies one option; returns 0 or -1 with err set. */
static int apply_option(int c, const char *arg, struct app_config *cfg, char *err,
                        size_t errlen)
{
    char *key = NULL;
    int rc = 0;
    switch (c) {
    case 'l':
        if (options_split_listen(arg, cfg->listen_host, sizeof cfg->listen_host,
                                 &cfg->listen_port) == 0)
            return 0;
        snprintf(err, errlen, "--listen wants HOST:PORT, got '%s'", arg);
        return -1;
    case 'd':
        free(cfg->db_path);
        cfg->db_path = strdup(arg);
        return 0;
    case 'k':
        return add_key(cfg->secret_keys, &cfg->n_secret, arg, "--api-key", err, errlen);
    case 'K':
        if (keyfile_read(arg, &key, err, errlen) != 0)
            return -1;
        rc = add_key(cfg->secret_keys, &cfg->n_secret, key, "--api-key-file", err, errlen);
        free(key);
        return rc;
    case 'p':
        return add_key(cfg->publishable_keys, &cfg->n_publishable, arg, "--publishable-key", err,
                       errlen);
    case 's':
        if (parse_long(arg, &cfg->seed) == 0)
            return 0;
        snprintf(err, errlen, "--seed wants a number 0..10000000");
        return -1;
    case 'r':
        if (ratelimit_parse(arg, &cfg->rate_limit, &cfg->rate_seconds) == 0)
            return 0;
        snprintf(err, errlen, "--rate-limit wants N/SECONDS, e.g. 100/60");
        return -1;
    case 'a':
        cfg->access_log = true;
        return 0;
    default:
        snprintf(err, errlen, "unknown option (see --help)");
        return -1;
    }
}

enum options_result options_parse(int argc, char **argv, struct app_config *cfg, char *err,
                                  size_t errlen)
{
    int c;
    memset(cfg, 0, sizeof *cfg);
    snprintf(cfg->listen_host, sizeof cfg->listen_host, "127.0.0.1");
    cfg->listen_port = 8787;
    cfg->rate_limit = 100000;
    cfg->rate_seconds = 60;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", long_options, NULL)) != -1) {
        if (c == 'h')
            return OPTIONS_HELP;
        if (c == '?' || c == ':') {
            snprintf(err, errlen, "unknown option or missing value: %s (see --help)",
                     argv[optind - 1]);
            return OPTIONS_ERROR;
        }
        if (apply_option(c, optarg, cfg, err, errlen) != 0)
            return OPTIONS_ERROR;
    }
    if (optind < argc) {
        snprintf(err, errlen, "unexpected argument: %s", argv[optind]);
        return OPTIONS_ERROR;
    }
    return OPTIONS_OK;
}

void app_config_free(struct app_config *cfg)
{
    for (size_t i = 0; i < cfg->n_secret; i++)
        free(cfg->secret_keys[i]);
    for (size_t i = 0; i < cfg->n_publishable; i++)
        free(cfg->publishable_keys[i]);
    free(cfg->db_path);
    free(cfg->api_key_file_written);
    memset(cfg, 0, sizeof *cfg);
}
