/* Configuration: global options, environment, the config file and its profiles, the API key. */
#ifndef CBDEST_CONFIG_H
#define CBDEST_CONFIG_H

#include <stdbool.h>

/* Settled configuration. Precedence: command-line option > environment > profile > default.
 * No field ever holds the API key: it is read on demand by config_api_key(). All strings are
 * owned; safe to print (they are local settings, still sanitise before drawing). */
struct config {
    char *profile_name;     /* the profile used ("default" when none was chosen) */
    char *config_path;      /* the config file read, or NULL when none exists */
    char *base_url;         /* e.g. "https://api.metorial.com" (no trailing '/') */
    char *host;             /* host[:port] of base_url, for the header line */
    char *cacert;           /* CA bundle path or NULL (libcurl's default store) */
    char *api_key_file;     /* where the key comes from (one of these two, or env) */
    char *api_key_command;
    char *key_source;       /* human text: "file /x/key", "env METORIAL_API_KEY", ... */
    bool read_only;         /* writes are refused locally */
    bool verbose;           /* log requests (key masked) to stderr */
    int page_size;          /* 1..100, default 20 */
    /* Transport tuning (defaults; overridable by env for tests only). */
    long connect_timeout_s; /* 10: DNS + TCP + TLS handshake (env CBDEST_CONNECT_TIMEOUT_S) */
    long stall_timeout_s;   /* 30: abort when < 1 byte/s for this long
                               (env CBDEST_STALL_TIMEOUT_S) */
    long transfer_timeout_s; /* 300: one attempt's whole transfer, however slowly bytes trickle
                               (env CBDEST_TRANSFER_TIMEOUT_S) */
    long retry_max_wait_ms; /* 60000 (env CBDEST_RETRY_MAX_WAIT_MS) */
    int retry_max_attempts; /* 4 (env CBDEST_RETRY_MAX_ATTEMPTS) */
    long retry_base_ms;     /* 500 (env CBDEST_RETRY_BASE_MS) */
};

/* Global options, valid anywhere on the command line (before or after the subcommand):
 *   --profile NAME  --base-url URL  --api-key-file PATH  --cacert PATH  --config PATH
 *   --page-size N   --read-only[=BOOL]  --no-read-only  --verbose   (also written --opt=value)
 * --read-only=false and --no-read-only turn off a profile's read_only.
 * Environment: CBDEST_PROFILE, METORIAL_BASE_URL, CBDEST_API_KEY_FILE, METORIAL_API_KEY,
 * CURL_CA_BUNDLE, SSL_CERT_FILE, CBDEST_CONFIG (config path), XDG_CONFIG_HOME.
 * Config file: $XDG_CONFIG_HOME/cbdest/config (~/.config/cbdest/config), INI:
 *   [default] or [profile NAME] sections with base_url, api_key_file, api_key_command,
 *   read_only, page_size, cacert. A config or key file readable by group/others is refused.
 * Non-global arguments are ignored here (the caller parses them).
 * Returns 0 and fills *cfg; or -1 with *err a malloc'd one-line message (usage error). */
int config_from_args(int argc, char **argv, struct config *cfg, char **err);

/* Frees every string of cfg and zeroes it. */
void config_clear(struct config *cfg);

/* If argv[i] is a global option returns how many argv words it uses (1 or 2), else 0. */
int config_global_option_words(int argc, char **argv, int i);

/* Reads the API key (file, env or command, per config). 0 ok with *key malloc'd (caller
 * wipes and frees it); -1 with *err a malloc'd message that never contains the key. */
int config_api_key(const struct config *cfg, char **key, char **err);

/* Checks that a secret file exists and is not readable by group or others. 0 ok; -1 with
 * *err: "...: mode 0644 is readable by others; run: chmod 600 PATH". */
int config_check_private_file(const char *path, char **err);

/* Parses an INI text into cfg for the given profile name (the testable core of the loader).
 * found_profile tells whether the profile's section exists. 0 ok; -1 with *err
 * ("config:LINE: ..."). Only fields the profile sets are changed. */
int config_parse_ini(const char *text, const char *profile, struct config *cfg,
                     bool *found_profile, char **err);

/* true/false, yes/no, on/off, 1/0 (any case) into *out; -1 (out unchanged) otherwise. */
int config_parse_bool(const char *v, bool *out);

/* Zeroes cfg and fills the defaults (no file, no env). 0 ok, -1 OOM. */
int config_defaults(struct config *cfg);

#endif
