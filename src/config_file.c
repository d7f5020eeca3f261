/* The config file (INI profiles), secret-file permission checks and reading the API key. */
#include <ctype.h>
#include <stdarg.h>
#include <stddef.h>
#include <strings.h>
#include <sys/wait.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"

#define CONFIG_KEY_MAX 4096

__attribute__((format(printf, 2, 3))) static void config_set_err(char **err, const char *fmt, ...)
{
    char buf[1200];
    va_list ap;
    if (!err)
        return;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    *err = strdup(buf);
}

int config_check_private_file(const char *path, char **err)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        config_set_err(err, "%s: %s", path, strerror(errno));
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        config_set_err(err, "%s: not a regular file", path);
        return -1;
    }
    if (st.st_mode & 077) {
        config_set_err(err, "%s: mode %04o lets group or others read it; refusing to use it; "
                            "run: chmod 600 %s", path, (unsigned)(st.st_mode & 07777), path);
        return -1;
    }
    return 0;
}

static char *config_trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

/* Strips one pair of matching quotes. */
static char *config_unquote(char *v)
{
    size_t n = strlen(v);
    if (n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n - 1] == v[0]) {
        v[n - 1] = '\0';
        return v + 1;
    }
    return v;
}

int config_parse_bool(const char *v, bool *out)
{
    static const char *yes[] = {"1", "true", "yes", "on"}, *no[] = {"0", "false", "no", "off"};
    for (size_t i = 0; i < 4; i++) {
        if (strcasecmp(v, yes[i]) == 0)
            return *out = true, 0;
        if (strcasecmp(v, no[i]) == 0)
            return *out = false, 0;
    }
    return -1;
}

/* A copy of a path with a leading "~/" replaced by $HOME/. */
static char *config_expand_home(const char *value)
{
    const char *home = getenv("HOME");
    if (strncmp(value, "~/", 2) != 0 || !home || !*home)
        return strdup(value);
    size_t n = strlen(home) + strlen(value);
    char *out = malloc(n);
    if (out)
        snprintf(out, n, "%s%s", home, value + 1);
    return out;
}

static int config_set_value(struct config *cfg, const char *key, const char *value)
{
    static const struct {
        const char *key;
        size_t offset;
    } strings[] = {
        {"base_url", offsetof(struct config, base_url)},
        {"api_key_file", offsetof(struct config, api_key_file)},
        {"api_key_command", offsetof(struct config, api_key_command)},
        {"cacert", offsetof(struct config, cacert)},
    };
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
        if (strcmp(key, strings[i].key) == 0) {
            char **field = (char **)((char *)cfg + strings[i].offset);
            free(*field);
            *field = strcmp(key, "api_key_file") == 0 || strcmp(key, "cacert") == 0
                         ? config_expand_home(value)
                         : strdup(value);
            return *field ? 0 : -1;
        }
    if (strcmp(key, "read_only") == 0)
        return config_parse_bool(value, &cfg->read_only);
    if (strcmp(key, "page_size") == 0) {
        char *end;
        long n = strtol(value, &end, 10);
        if (*end || end == value || n < 1 || n > 100)
            return -1;
        cfg->page_size = (int)n;
        return 0;
    }
    return -1;
}

/* The profile name of a section header "[default]", "[profile NAME]", "[NAME]"; NULL if bad. */
static char *config_section(char *line)
{
    size_t n = strlen(line);
    if (n < 3 || line[n - 1] != ']')
        return NULL;
    line[n - 1] = '\0';
    char *name = config_trim(line + 1);
    if (strncmp(name, "profile", 7) == 0 && isspace((unsigned char)name[7]))
        name = config_trim(name + 8);
    return name[0] ? config_unquote(name) : NULL;
}

static int config_parse_line(char *line, long lineno, const char *profile, struct config *cfg,
                             bool *in_profile, bool *found, char **err)
{
    char *s = config_trim(line);
    if (!*s || *s == '#' || *s == ';')
        return 0;
    if (*s == '[') {
        char *name = config_section(s);
        if (!name)
            return config_set_err(err, "config line %ld: bad section header", lineno), -1;
        *in_profile = strcmp(name, profile) == 0;
        *found = *found || *in_profile;
        return 0;
    }
    char *eq = strchr(s, '=');
    if (!eq)
        return config_set_err(err, "config line %ld: expected key = value", lineno), -1;
    *eq = '\0';
    char *key = config_trim(s), *value = config_unquote(config_trim(eq + 1));
    if (!*in_profile)
        return 0;
    if (config_set_value(cfg, key, value) < 0)
        return config_set_err(err, "config line %ld: unknown setting or bad value for '%s'",
                              lineno, key), -1;
    return 0;
}

int config_parse_ini(const char *text, const char *profile, struct config *cfg,
                     bool *found_profile, char **err)
{
    char *copy = strdup(text);
    bool in_profile = false;
    long lineno = 0;
    int rc = 0;
    *found_profile = false;
    if (!copy)
        return -1;
    char *p = copy;
    while (rc == 0 && p) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        lineno++;
        rc = config_parse_line(p, lineno, profile, cfg, &in_profile, found_profile, err);
        p = nl ? nl + 1 : NULL;
    }
    free(copy);
    return rc;
}

/* Reads at most max bytes of a file into a NUL-terminated buffer. */
static char *config_slurp(FILE *f, size_t max)
{
    char *buf = malloc(max + 1);
    if (!buf)
        return NULL;
    size_t n = fread(buf, 1, max, f);
    buf[n] = '\0';
    return buf;
}

static char *config_read_file(const char *path, size_t max, char **err)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        config_set_err(err, "%s: %s", path, strerror(errno));
        return NULL;
    }
    char *text = config_slurp(f, max);
    fclose(f);
    return text;
}

/* The first line of text, trimmed; -1 (with *err) when empty or holding control bytes. */
static int config_key_from_text(char *text, const char *source, char **key, char **err)
{
    char *nl = strchr(text, '\n');
    if (nl)
        *nl = '\0';
    char *k = config_trim(text);
    for (char *p = k; *p; p++)
        if ((unsigned char)*p < 0x21 || (unsigned char)*p == 0x7F) {
            config_set_err(err, "the API key from %s contains spaces or control characters",
                           source);
            return -1;
        }
    if (!*k) {
        config_set_err(err, "the API key from %s is empty", source);
        return -1;
    }
    return (*key = strdup(k)) ? 0 : -1;
}

static int config_key_from_command(const char *cmd, char **key, char **err)
{
    FILE *p = popen(cmd, "r");
    if (!p) {
        config_set_err(err, "api_key_command: cannot run it: %s", strerror(errno));
        return -1;
    }
    char *out = config_slurp(p, CONFIG_KEY_MAX);
    int status = pclose(p);
    int rc = -1;
    if (!out)
        return -1;
    if (status != 0)
        config_set_err(err, "api_key_command failed (exit status %d)",
                       WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    else
        rc = config_key_from_text(out, "api_key_command", key, err);
    explicit_bzero(out, CONFIG_KEY_MAX);
    free(out);
    return rc;
}

int config_api_key(const struct config *cfg, char **key, char **err)
{
    *key = NULL;
    if (err)
        *err = NULL;
    if (cfg->api_key_file) {
        if (config_check_private_file(cfg->api_key_file, err) < 0)
            return -1;
        char *text = config_read_file(cfg->api_key_file, CONFIG_KEY_MAX, err);
        if (!text)
            return -1;
        int rc = config_key_from_text(text, cfg->api_key_file, key, err);
        explicit_bzero(text, strlen(text));
        free(text);
        return rc;
    }
    if (cfg->api_key_command)
        return config_key_from_command(cfg->api_key_command, key, err);
    const char *env = getenv("METORIAL_API_KEY");
    if (env && *env) {
        char *copy = strdup(env);
        int rc = copy ? config_key_from_text(copy, "METORIAL_API_KEY", key, err) : -1;
        free(copy);
        return rc;
    }
    config_set_err(err, "no API key: set METORIAL_API_KEY, pass --api-key-file PATH, or set "
                        "api_key_file in the profile (see docs/configuration.md)");
    return -1;
}
