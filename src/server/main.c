/* cbdest-server entry point: options, key, store, seed, HTTP daemon, signals, clean exit. */
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "server/app.h"
#include "server/auth.h"
#include "server/http.h"
#include "server/keyfile.h"
#include "server/listen.h"
#include "server/options.h"
#include "server/ratelimit.h"
#include "server/seed.h"
#include "server/store.h"

/* Picks $XDG_DATA_HOME/cbdest/cbdest.db or ~/.local/share/cbdest/cbdest.db; creates the dir. */
static char *default_db_path(void)
{
    char dir[PATH_MAX], path[PATH_MAX + 16];
    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    if (xdg && xdg[0] == '/')
        snprintf(dir, sizeof dir, "%s/cbdest", xdg);
    else if (home && home[0])
        snprintf(dir, sizeof dir, "%s/.local/share/cbdest", home);
    else
        return NULL;
    if (keyfile_mkdirs(dir, 0700) != 0)
        return NULL;
    snprintf(path, sizeof path, "%s/cbdest.db", dir);
    return strdup(path);
}

/* Without --api-key, generates or reuses <db dir>/cbdest-server.key. */
static int ensure_key(struct app_config *cfg)
{
    char err[512], dir[PATH_MAX], *key = NULL;
    if (cfg->n_secret > 0)
        return 0;
    snprintf(dir, sizeof dir, "%s", cfg->db_path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    if (keyfile_ensure(dir, &cfg->api_key_file_written, &key, err, sizeof err) != 0) {
        fprintf(stderr, "cbdest-server: %s\n", err);
        return -1;
    }
    cfg->secret_keys[cfg->n_secret++] = key;
    return 0;
}

static int serve(struct app *app, const struct app_config *cfg, sigset_t *sigs)
{
    char err[512];
    int fd = listen_open(cfg->listen_host, cfg->listen_port, err, sizeof err);
    if (fd < 0) {
        fprintf(stderr, "cbdest-server: %s\n", err);
        return 1;
    }
    struct http_server *srv = http_start(app, fd);
    if (!srv) {
        fprintf(stderr, "cbdest-server: cannot start the HTTP daemon on %s:%d\n",
                cfg->listen_host, cfg->listen_port);
        return 1;
    }
    int v6 = strchr(cfg->listen_host, ':') != NULL; /* a literal IPv6 address needs brackets */
    printf("cbdest-server listening on http://%s%s%s:%d\n", v6 ? "[" : "", cfg->listen_host,
           v6 ? "]" : "", http_port(srv));
    if (cfg->api_key_file_written)
        printf("api key file: %s\n", cfg->api_key_file_written);
    fflush(stdout);
    int sig = 0;
    sigwait(sigs, &sig);
    http_stop(srv, 10000);
    return 0;
}

static int run(struct app_config *cfg, sigset_t *sigs)
{
    char err[512];
    int rc = 1;
    struct app app = {.cfg = cfg};
    if (!cfg->db_path && !(cfg->db_path = default_db_path())) {
        fprintf(stderr, "cbdest-server: no --db given and no usable data directory\n");
        return 1;
    }
    if (ensure_key(cfg) != 0)
        return 1;
    app.ratelimit = ratelimit_new(cfg->rate_limit, cfg->rate_seconds, auth_bucket_count(cfg));
    app.store = store_open(cfg->db_path, err, sizeof err);
    if (!app.ratelimit || !app.store) {
        fprintf(stderr, "cbdest-server: %s\n", app.store ? "out of memory" : err);
        goto out;
    }
    if (cfg->seed > 0 && seed_run(app.store, cfg->seed) != 0) {
        fprintf(stderr, "cbdest-server: seeding failed\n");
        goto out;
    }
    rc = serve(&app, cfg, sigs);
out:
    store_close(app.store);
    ratelimit_free(app.ratelimit);
    return rc;
}

int main(int argc, char **argv)
{
    struct app_config cfg;
    char err[512];
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL); /* every thread inherits the mask */
    signal(SIGPIPE, SIG_IGN);
    umask(077); /* the db, its WAL and the key file are private to the user */
    switch (options_parse(argc, argv, &cfg, err, sizeof err)) {
    case OPTIONS_HELP:
        options_usage(stdout);
        app_config_free(&cfg);
        return 0;
    case OPTIONS_ERROR:
        fprintf(stderr, "cbdest-server: %s\n", err);
        app_config_free(&cfg);
        return 2;
    case OPTIONS_OK:
        break;
    }
    int rc = run(&cfg, &sigs);
    app_config_free(&cfg);
    return rc;
}
