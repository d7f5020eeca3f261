/* Configuration assembly: defaults, config file profile, environment, then global options. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>

#include "api.h"
#include "config.h"

#define CONFIG_FILE_MAX (256 * 1024)

/* Values of the global options as given on the command line (borrowed from argv). */
struct config_args {
    const char *profile, *base_url, *api_key_file, *cacert, *config, *page_size;
    bool verbose;
    int read_only; /* 0 not given, 1 on, -1 off */
};

/* VALUE: "--opt V" or "--opt=V"; FLAG: "--opt" sets a bool; TOGGLE: "--opt" or "--opt=BOOL"
 * sets an int to 1/-1; NEGATE: "--no-opt" sets that int to -1. */
enum config_opt_kind { CONFIG_OPT_VALUE, CONFIG_OPT_FLAG, CONFIG_OPT_TOGGLE, CONFIG_OPT_NEGATE };

static const struct {
    const char *name;
    enum config_opt_kind kind;
    size_t offset; /* into struct config_args */
} config_options[] = {
    {"--profile", CONFIG_OPT_VALUE, offsetof(struct config_args, profile)},
    {"--base-url", CONFIG_OPT_VALUE, offsetof(struct config_args, base_url)},
    {"--api-key-file", CONFIG_OPT_VALUE, offsetof(struct config_args, api_key_file)},
    {"--cacert", CONFIG_OPT_VALUE, offsetof(struct config_args, cacert)},
    {"--config", CONFIG_OPT_VALUE, offsetof(struct config_args, config)},
    {"--page-size", CONFIG_OPT_VALUE, offsetof(struct config_args, page_size)},
    {"--read-only", CONFIG_OPT_TOGGLE, offsetof(struct config_args, read_only)},
    {"--no-read-only", CONFIG_OPT_NEGATE, offsetof(struct config_args, read_only)},
    {"--verbose", CONFIG_OPT_FLAG, offsetof(struct config_args, verbose)},
};

#define CONFIG_NOPTS (sizeof config_options / sizeof config_options[0])

__attribute__((format(printf, 2, 3))) static int config_fail(char **err, const char *fmt, ...)
{
    char buf[1200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (err)
        *err = strdup(buf);
    return -1;
}

/* Index of the option argv[i] names (with or without "=value"); -1 if none. */
static int config_option_index(const char *arg)
{
    for (size_t k = 0; k < CONFIG_NOPTS; k++) {
        size_t n = strlen(config_options[k].name);
        if (strncmp(arg, config_options[k].name, n) == 0
            && (arg[n] == '\0'
                || (arg[n] == '=' && (config_options[k].kind == CONFIG_OPT_VALUE
                                      || config_options[k].kind == CONFIG_OPT_TOGGLE))))
            return (int)k;
    }
    return -1;
}

int config_global_option_words(int argc, char **argv, int i)
{
    int k = config_option_index(argv[i]);
    if (k < 0)
        return 0;
    if (config_options[k].kind != CONFIG_OPT_VALUE || strchr(argv[i], '='))
        return 1;
    return i + 1 < argc ? 2 : 1;
}

static int config_scan_args(int argc, char **argv, struct config_args *a, char **err)
{
    memset(a, 0, sizeof *a);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        int k = config_option_index(argv[i]);
        if (k < 0)
            continue;
        char *base = (char *)a + config_options[k].offset;
        const char *eq = strchr(argv[i], '=');
        if (config_options[k].kind == CONFIG_OPT_FLAG) {
            *(bool *)base = true;
            continue;
        }
        if (config_options[k].kind != CONFIG_OPT_VALUE) {
            bool on = config_options[k].kind == CONFIG_OPT_TOGGLE;
            if (eq && config_parse_bool(eq + 1, &on) < 0)
                return config_fail(err, "%s takes true or false, not '%.40s'",
                                   config_options[k].name, eq + 1);
            *(int *)base = on ? 1 : -1;
            continue;
        }
        if (!eq && i + 1 >= argc)
            return config_fail(err, "option %s needs a value", config_options[k].name);
        *(const char **)base = eq ? eq + 1 : argv[++i];
    }
    return 0;
}

int config_defaults(struct config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->page_size = 20;
    cfg->connect_timeout_s = 10;
    cfg->stall_timeout_s = 30;
    cfg->transfer_timeout_s = 300;
    cfg->retry_max_wait_ms = 60000;
    cfg->retry_max_attempts = 4;
    cfg->retry_base_ms = 500;
    if (!(cfg->base_url = strdup(API_DEFAULT_BASE_URL)) || !(cfg->profile_name = strdup("default")))
        return -1;
    return 0;
}

void config_clear(struct config *cfg)
{
    char *fields[] = {cfg->profile_name, cfg->config_path, cfg->base_url, cfg->host,
                      cfg->cacert, cfg->api_key_file, cfg->api_key_command, cfg->key_source};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        free(fields[i]);
    memset(cfg, 0, sizeof *cfg);
}

static int config_replace(char **field, const char *value)
{
    char *copy = value ? strdup(value) : NULL;
    if (value && !copy)
        return -1;
    free(*field);
    *field = copy;
    return 0;
}

/* The config file path: --config, $CBDEST_CONFIG, $XDG_CONFIG_HOME/cbdest/config, ~/.config/... */
static char *config_file_path(const struct config_args *a)
{
    char buf[4096];
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    if (a->config)
        return strdup(a->config);
    if (getenv("CBDEST_CONFIG") && *getenv("CBDEST_CONFIG"))
        return strdup(getenv("CBDEST_CONFIG"));
    if (xdg && *xdg)
        snprintf(buf, sizeof buf, "%s/cbdest/config", xdg);
    else if (home && *home)
        snprintf(buf, sizeof buf, "%s/.config/cbdest/config", home);
    else
        return NULL;
    return strdup(buf);
}

/* Reads the config file at path (refused when others may read it). NULL with *err naming
 * the path once. */
static char *config_read_config(const char *path, char **err)
{
    if (config_check_private_file(path, err) < 0) /* its message names the path */
        return NULL;
    char *text = malloc(CONFIG_FILE_MAX + 1);
    if (!text) {
        config_fail(err, "out of memory");
        return NULL;
    }
    FILE *f = fopen(path, "r");
    if (!f) {
        config_fail(err, "%s: %s", path, strerror(errno));
        free(text);
        return NULL;
    }
    text[fread(text, 1, CONFIG_FILE_MAX, f)] = '\0';
    fclose(f);
    return text;
}

static int config_load_file(struct config *cfg, const struct config_args *a, bool explicit_profile,
                            char **err)
{
    char *path = config_file_path(a), *text = NULL, *why = NULL;
    bool found = false;
    int rc = -1;
    if (!path || (access(path, F_OK) != 0 && !a->config)) {
        rc = explicit_profile && strcmp(cfg->profile_name, "default") != 0
                 ? config_fail(err, "profile '%s' not found: no config file %s", cfg->profile_name,
                               path ? path : "(no HOME)")
                 : 0;
        goto out;
    }
    if (!(text = config_read_config(path, err)))
        goto out;
    if (config_parse_ini(text, cfg->profile_name, cfg, &found, &why) < 0) {
        rc = config_fail(err, "%s: %s", path, why ? why : "out of memory");
        goto out;
    }
    if (!found && explicit_profile && strcmp(cfg->profile_name, "default") != 0) {
        rc = config_fail(err, "profile '%s' not found in %s", cfg->profile_name, path);
        goto out;
    }
    cfg->config_path = path, path = NULL;
    rc = 0;
out:
    free(why);
    free(text);
    free(path);
    return rc;
}

/* The API key source: --api-key-file > CBDEST_API_KEY_FILE > METORIAL_API_KEY > profile. */
static int config_key_source(struct config *cfg, const struct config_args *a)
{
    char buf[4200];
    const char *env_file = getenv("CBDEST_API_KEY_FILE"), *env_key = getenv("METORIAL_API_KEY");
    const char *file = a->api_key_file ? a->api_key_file
                       : env_file && *env_file ? env_file : NULL;
    if (file || (env_key && *env_key)) {
        if (config_replace(&cfg->api_key_file, file) < 0
            || config_replace(&cfg->api_key_command, NULL) < 0)
            return -1;
    }
    if (cfg->api_key_file)
        snprintf(buf, sizeof buf, "file %s", cfg->api_key_file);
    else if (env_key && *env_key)
        snprintf(buf, sizeof buf, "env METORIAL_API_KEY");
    else if (cfg->api_key_command)
        snprintf(buf, sizeof buf, "command (profile %s)", cfg->profile_name);
    else
        snprintf(buf, sizeof buf, "none");
    return config_replace(&cfg->key_source, buf);
}

static long config_env_long(const char *name, long fallback, long min, long max)
{
    const char *v = getenv(name);
    char *end;
    if (!v || !*v)
        return fallback;
    long n = strtol(v, &end, 10);
    return *end || n < min || n > max ? fallback : n;
}

static int config_host(struct config *cfg, char **err)
{
    CURLU *h = curl_url();
    char *scheme = NULL, *host = NULL, *port = NULL;
    int rc = -1;
    if (!h)
        return -1;
    if (curl_url_set(h, CURLUPART_URL, cfg->base_url, 0) != CURLUE_OK
        || curl_url_get(h, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK
        || curl_url_get(h, CURLUPART_HOST, &host, 0) != CURLUE_OK
        || (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0)) {
        rc = config_fail(err, "base URL '%.200s' is not an absolute http(s) URL", cfg->base_url);
        goto out;
    }
    curl_url_get(h, CURLUPART_PORT, &port, 0);
    char buf[600];
    snprintf(buf, sizeof buf, "%.500s%s%s", host, port ? ":" : "", port ? port : "");
    rc = config_replace(&cfg->host, buf);
out:
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    curl_url_cleanup(h);
    return rc;
}

static int config_apply_env_and_args(struct config *cfg, const struct config_args *a, char **err)
{
    const char *env_url = getenv("METORIAL_BASE_URL"), *ca = getenv("CURL_CA_BUNDLE");
    if (!ca || !*ca)
        ca = getenv("SSL_CERT_FILE");
    if ((env_url && *env_url && config_replace(&cfg->base_url, env_url) < 0)
        || (ca && *ca && config_replace(&cfg->cacert, ca) < 0)
        || (a->base_url && config_replace(&cfg->base_url, a->base_url) < 0)
        || (a->cacert && config_replace(&cfg->cacert, a->cacert) < 0))
        return config_fail(err, "out of memory");
    size_t n = strlen(cfg->base_url);
    while (n > 0 && cfg->base_url[n - 1] == '/')
        cfg->base_url[--n] = '\0';
    if (a->page_size) {
        char *end;
        long v = strtol(a->page_size, &end, 10);
        if (*end || end == a->page_size || v < 1 || v > 100)
            return config_fail(err, "--page-size must be a number from 1 to 100");
        cfg->page_size = (int)v;
    }
    if (a->read_only)
        cfg->read_only = a->read_only > 0;
    cfg->verbose = a->verbose || (getenv("CBDEST_VERBOSE") && *getenv("CBDEST_VERBOSE"));
    cfg->stall_timeout_s = config_env_long("CBDEST_STALL_TIMEOUT_S", cfg->stall_timeout_s, 1, 3600);
    cfg->transfer_timeout_s = config_env_long("CBDEST_TRANSFER_TIMEOUT_S",
                                              cfg->transfer_timeout_s, 1, 86400);
    cfg->connect_timeout_s = config_env_long("CBDEST_CONNECT_TIMEOUT_S", cfg->connect_timeout_s, 1,
                                             300);
    cfg->retry_max_wait_ms = config_env_long("CBDEST_RETRY_MAX_WAIT_MS", cfg->retry_max_wait_ms, 0,
                                             600000);
    cfg->retry_max_attempts = (int)config_env_long("CBDEST_RETRY_MAX_ATTEMPTS",
                                                   cfg->retry_max_attempts, 1, 20);
    cfg->retry_base_ms = config_env_long("CBDEST_RETRY_BASE_MS", cfg->retry_base_ms, 0, 60000);
    if (config_key_source(cfg, a) < 0)
        return config_fail(err, "out of memory");
    return config_host(cfg, err);
}

int config_from_args(int argc, char **argv, struct config *cfg, char **err)
{
    struct config_args a;
    const char *env_profile = getenv("CBDEST_PROFILE");
    if (err)
        *err = NULL;
    if (config_defaults(cfg) < 0)
        return config_fail(err, "out of memory");
    if (config_scan_args(argc, argv, &a, err) < 0)
        goto fail;
    const char *profile = a.profile ? a.profile : env_profile && *env_profile ? env_profile : NULL;
    if (profile && config_replace(&cfg->profile_name, profile) < 0)
        goto fail;
    if (config_load_file(cfg, &a, profile != NULL, err) < 0
        || config_apply_env_and_args(cfg, &a, err) < 0)
        goto fail;
    return 0;
fail:
    config_clear(cfg);
    return -1;
}
