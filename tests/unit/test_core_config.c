/* Unit tests: config file profiles, precedence, permission checks, the key; dates. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "datetime.h"

static char tmpdir[256];

static void clean_env(void)
{
    const char *vars[] = {"CBDEST_PROFILE", "METORIAL_BASE_URL", "CBDEST_API_KEY_FILE",
                          "METORIAL_API_KEY", "CURL_CA_BUNDLE", "SSL_CERT_FILE", "CBDEST_CONFIG",
                          "CBDEST_STALL_TIMEOUT_S", "CBDEST_RETRY_MAX_WAIT_MS",
                          "CBDEST_RETRY_MAX_ATTEMPTS", "CBDEST_RETRY_BASE_MS", "CBDEST_VERBOSE",
                          "CBDEST_CONNECT_TIMEOUT_S"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++)
        unsetenv(vars[i]);
    snprintf(tmpdir, sizeof tmpdir, "/tmp/cbdest-cfg-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
    setenv("XDG_CONFIG_HOME", tmpdir, 1);
}

/* Teardown: removes the test's temporary config directory. */
static void remove_tmpdir(void)
{
    char cmd[300];
    if (strncmp(tmpdir, "/tmp/cbdest-cfg-", 16) != 0)
        return;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
    tmpdir[0] = '\0';
}

static char *write_file(const char *name, const char *text, mode_t mode)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    chmod(path, mode);
    return path;
}

static int from_args(struct config *cfg, char **err, int argc, const char *const *args)
{
    char *argv[16];
    for (int i = 0; i < argc; i++)
        argv[i] = strdup(args[i]);
    int rc = config_from_args(argc, argv, cfg, err);
    for (int i = 0; i < argc; i++)
        free(argv[i]);
    return rc;
}

START_TEST(test_defaults)
{
    clean_env();
    struct config cfg;
    char *err = NULL;
    const char *args[] = {"cbdest", "list"};
    ck_assert_int_eq(from_args(&cfg, &err, 2, args), 0);
    ck_assert_str_eq(cfg.base_url, "https://api.metorial.com");
    ck_assert_str_eq(cfg.host, "api.metorial.com");
    ck_assert_str_eq(cfg.profile_name, "default");
    ck_assert_ptr_null(cfg.config_path);
    ck_assert_int_eq(cfg.page_size, 20);
    ck_assert(!cfg.read_only);
    ck_assert_str_eq(cfg.key_source, "none");
    char *key = NULL;
    ck_assert_int_eq(config_api_key(&cfg, &key, &err), -1);
    ck_assert(strstr(err, "no API key") != NULL);
    free(err);
    config_clear(&cfg);
}
END_TEST

START_TEST(test_ini_parse)
{
    struct config cfg;
    bool found;
    char *err = NULL;
    config_defaults(&cfg);
    const char *ini = "# comment\n[default]\nbase_url = https://d.example\n"
                      "[profile staging]\n base_url = \"http://127.0.0.1:9\" \n"
                      "read_only = yes\npage_size=50\ncacert = /ca.pem\n; more\n"
                      "api_key_command = pass show metorial\n[profile other]\npage_size = 7\n"
                      "[profile home]\napi_key_file = ~/k\ncacert = ~/ca.pem\n";
    ck_assert_int_eq(config_parse_ini(ini, "staging", &cfg, &found, &err), 0);
    ck_assert(found);
    ck_assert_str_eq(cfg.base_url, "http://127.0.0.1:9");
    ck_assert(cfg.read_only);
    ck_assert_int_eq(cfg.page_size, 50);
    ck_assert_str_eq(cfg.cacert, "/ca.pem");
    ck_assert_str_eq(cfg.api_key_command, "pass show metorial");
    config_clear(&cfg);
    config_defaults(&cfg);
    ck_assert_int_eq(config_parse_ini(ini, "missing", &cfg, &found, &err), 0);
    ck_assert(!found);
    ck_assert_str_eq(cfg.base_url, "https://api.metorial.com");
    setenv("HOME", "/home/tester", 1);
    ck_assert_int_eq(config_parse_ini(ini, "home", &cfg, &found, &err), 0);
    ck_assert_str_eq(cfg.api_key_file, "/home/tester/k");
    ck_assert_str_eq(cfg.cacert, "/home/tester/ca.pem");
    ck_assert_int_eq(config_parse_ini("[default]\npage_size = 500\n", "default", &cfg, &found, &err),
                     -1);
    ck_assert_str_eq(err, "config line 2: unknown setting or bad value for 'page_size'");
    free(err);
    ck_assert_int_eq(config_parse_ini("[default]\nnonsense\n", "default", &cfg, &found, &err), -1);
    ck_assert_str_eq(err, "config line 2: expected key = value");
    free(err);
    ck_assert_int_eq(config_parse_ini("[default\n", "default", &cfg, &found, &err), -1);
    ck_assert_str_eq(err, "config line 1: bad section header");
    free(err);
    config_clear(&cfg);
}
END_TEST

START_TEST(test_file_profile_and_precedence)
{
    clean_env();
    mkdir(strcat(strcpy((char[300]){0}, tmpdir), "/cbdest"), 0700);
    char *keyfile = strdup(write_file("key", "metorial_sk_abc\n", 0600));
    char ini[800];
    snprintf(ini, sizeof ini, "[profile prod]\nbase_url = https://prod.example:8443/\n"
                              "api_key_file = %s\nread_only = true\n", keyfile);
    write_file("cbdest/config", ini, 0600);
    struct config cfg;
    char *err = NULL, *key = NULL;
    const char *args[] = {"cbdest", "--profile", "prod", "list", "--page-size=5"};
    ck_assert_int_eq(from_args(&cfg, &err, 5, args), 0);
    ck_assert_str_eq(cfg.profile_name, "prod");
    ck_assert_str_eq(cfg.base_url, "https://prod.example:8443");
    ck_assert_str_eq(cfg.host, "prod.example:8443");
    ck_assert(cfg.read_only);
    ck_assert_int_eq(cfg.page_size, 5);
    ck_assert_int_eq(config_api_key(&cfg, &key, &err), 0);
    ck_assert_str_eq(key, "metorial_sk_abc");
    free(key);
    config_clear(&cfg);
    /* env beats the profile, options beat env; the key env beats the profile's file */
    setenv("METORIAL_BASE_URL", "http://env.example", 1);
    setenv("METORIAL_API_KEY", "metorial_sk_env", 1);
    ck_assert_int_eq(from_args(&cfg, &err, 5, args), 0);
    ck_assert_str_eq(cfg.base_url, "http://env.example");
    ck_assert_str_eq(cfg.key_source, "env METORIAL_API_KEY");
    ck_assert_int_eq(config_api_key(&cfg, &key, &err), 0);
    ck_assert_str_eq(key, "metorial_sk_env");
    free(key);
    config_clear(&cfg);
    const char *args2[] = {"cbdest", "list", "--base-url", "http://opt.example/", "--profile=prod"};
    ck_assert_int_eq(from_args(&cfg, &err, 5, args2), 0);
    ck_assert_str_eq(cfg.base_url, "http://opt.example");
    config_clear(&cfg);
    const char *args3[] = {"cbdest", "--profile", "nope", "list"};
    ck_assert_int_eq(from_args(&cfg, &err, 4, args3), -1);
    ck_assert(strstr(err, "profile 'nope' not found in ") != NULL);
    free(err);
    free(keyfile);
}
END_TEST

START_TEST(test_permissions_refused)
{
    clean_env();
    char *key = strdup(write_file("key", "metorial_sk_abc\n", 0644));
    char *err = NULL, *k = NULL;
    char want[700];
    ck_assert_int_eq(config_check_private_file(key, &err), -1);
    snprintf(want, sizeof want, "%s: mode 0644 lets group or others read it; refusing to use "
                                "it; run: chmod 600 %s", key, key);
    ck_assert_str_eq(err, want);
    free(err);
    struct config cfg;
    const char *args[] = {"cbdest", "--api-key-file", key, "get", "x"};
    ck_assert_int_eq(from_args(&cfg, &err, 5, args), 0);
    ck_assert_int_eq(config_api_key(&cfg, &k, &err), -1);
    ck_assert(strstr(err, "chmod 600") != NULL);
    ck_assert(strstr(err, "metorial_sk_abc") == NULL);
    free(err);
    config_clear(&cfg);
    chmod(key, 0600);
    ck_assert_int_eq(config_check_private_file(key, &err), 0);
    /* a group-readable config file is refused as well */
    char *conf = strdup(write_file("conf", "[default]\n", 0640));
    const char *args2[] = {"cbdest", "--config", conf, "list"};
    ck_assert_int_eq(from_args(&cfg, &err, 4, args2), -1);
    char want2[1200];
    snprintf(want2, sizeof want2, "%s: mode 0640 lets group or others read it; refusing to use "
                                  "it; run: chmod 600 %s", conf, conf); /* the path once */
    ck_assert_str_eq(err, want2);
    free(err);
    const char *args3[] = {"cbdest", "--config", "/nonexistent/cbdest.conf", "list"};
    ck_assert_int_eq(from_args(&cfg, &err, 4, args3), -1);
    ck_assert_str_eq(err, "/nonexistent/cbdest.conf: No such file or directory");
    free(err);
    chmod(conf, 0600);
    write_file("conf", "[default]\nbogus = 1\n", 0600);
    ck_assert_int_eq(from_args(&cfg, &err, 4, args2), -1);
    snprintf(want2, sizeof want2, "%s: config line 2: unknown setting or bad value for 'bogus'",
             conf);
    ck_assert_str_eq(err, want2);
    free(err);
    free(conf);
    free(key);
}
END_TEST

START_TEST(test_bad_values_and_command_key)
{
    clean_env();
    struct config cfg;
    char *err = NULL, *key = NULL;
    const char *a1[] = {"cbdest", "list", "--page-size", "0"};
    ck_assert_int_eq(from_args(&cfg, &err, 4, a1), -1);
    ck_assert_str_eq(err, "--page-size must be a number from 1 to 100");
    free(err);
    const char *a2[] = {"cbdest", "list", "--base-url", "ftp://x"};
    ck_assert_int_eq(from_args(&cfg, &err, 4, a2), -1);
    ck_assert_str_eq(err, "base URL 'ftp://x' is not an absolute http(s) URL");
    free(err);
    const char *a3[] = {"cbdest", "list", "--profile"};
    ck_assert_int_eq(from_args(&cfg, &err, 3, a3), -1);
    ck_assert_str_eq(err, "option --profile needs a value");
    free(err);
    config_defaults(&cfg);
    cfg.api_key_command = strdup("printf 'metorial_sk_cmd\\n'");
    ck_assert_int_eq(config_api_key(&cfg, &key, &err), 0);
    ck_assert_str_eq(key, "metorial_sk_cmd");
    free(key);
    free(cfg.api_key_command);
    cfg.api_key_command = strdup("exit 3");
    ck_assert_int_eq(config_api_key(&cfg, &key, &err), -1);
    ck_assert_str_eq(err, "api_key_command failed (exit status 3)");
    free(err);
    config_clear(&cfg);
    setenv("CBDEST_STALL_TIMEOUT_S", "2", 1);
    setenv("CBDEST_RETRY_MAX_WAIT_MS", "300", 1);
    setenv("CBDEST_CONNECT_TIMEOUT_S", "3", 1);
    const char *a4[] = {"cbdest", "list", "--verbose", "--read-only"};
    ck_assert_int_eq(from_args(&cfg, &err, 4, a4), 0);
    ck_assert_int_eq(cfg.stall_timeout_s, 2);
    ck_assert_int_eq(cfg.connect_timeout_s, 3);
    ck_assert_int_eq(cfg.retry_max_wait_ms, 300);
    ck_assert(cfg.verbose && cfg.read_only);
    config_clear(&cfg);
}
END_TEST

START_TEST(test_global_option_words)
{
    char a0[] = "cbdest", a1[] = "--profile", a2[] = "p", a3[] = "--verbose", a4[] = "--base-url=x",
         a5[] = "list", a6[] = "--json";
    char *argv[] = {a0, a1, a2, a3, a4, a5, a6};
    ck_assert_int_eq(config_global_option_words(7, argv, 1), 2);
    ck_assert_int_eq(config_global_option_words(7, argv, 3), 1);
    ck_assert_int_eq(config_global_option_words(7, argv, 4), 1);
    ck_assert_int_eq(config_global_option_words(7, argv, 5), 0);
    ck_assert_int_eq(config_global_option_words(7, argv, 6), 0);
}
END_TEST

/* --read-only, --read-only=BOOL and --no-read-only over a profile's read_only. */
START_TEST(test_read_only_toggle)
{
    clean_env();
    char *conf = strdup(write_file("conf", "[default]\nread_only = true\n", 0600));
    struct config cfg;
    char *err = NULL;
    static const struct {
        const char *opt; /* NULL: none given */
        bool want;
    } rows[] = {
        {NULL, true}, {"--read-only", true}, {"--read-only=false", false},
        {"--read-only=no", false}, {"--read-only=TRUE", true}, {"--no-read-only", false},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const char *args[] = {"cbdest", "--config", conf, "list", rows[i].opt};
        ck_assert_int_eq(from_args(&cfg, &err, rows[i].opt ? 5 : 4, args), 0);
        ck_assert_msg(cfg.read_only == rows[i].want, "%s", rows[i].opt ? rows[i].opt : "-");
        config_clear(&cfg);
    }
    write_file("conf", "[default]\n", 0600);
    const char *on[] = {"cbdest", "--config", conf, "--read-only=on", "list"};
    ck_assert_int_eq(from_args(&cfg, &err, 5, on), 0);
    ck_assert(cfg.read_only);
    config_clear(&cfg);
    const char *bad[] = {"cbdest", "--config", conf, "--read-only=maybe", "list"};
    ck_assert_int_eq(from_args(&cfg, &err, 5, bad), -1);
    ck_assert_str_eq(err, "--read-only takes true or false, not 'maybe'");
    free(err);
    char a0[] = "cbdest", a1[] = "--read-only=false", a2[] = "--no-read-only", a3[] = "list";
    char *argv[] = {a0, a1, a2, a3};
    ck_assert_int_eq(config_global_option_words(4, argv, 1), 1);
    ck_assert_int_eq(config_global_option_words(4, argv, 2), 1);
    ck_assert_int_eq(config_global_option_words(4, argv, 3), 0);
    free(conf);
}
END_TEST

START_TEST(test_dates)
{
    int64_t t;
    char out[DATETIME_ISO_LEN];
    ck_assert(datetime_parse_iso("2026-01-10T14:45:00.000Z", &t));
    ck_assert_int_eq(t, 1768056300000LL);
    datetime_format_iso(t, out);
    ck_assert_str_eq(out, "2026-01-10T14:45:00.000Z");
    ck_assert(datetime_parse_iso("2026-01-10T15:45:00.5+01:00", &t));
    ck_assert_int_eq(t, 1768056300500LL);
    ck_assert(datetime_parse_iso("2026-01-10", &t));
    ck_assert_int_eq(t, 1768003200000LL);
    ck_assert(!datetime_parse_iso("2026-02-30", &t));
    ck_assert(!datetime_parse_iso("2026-13-01", &t));
    ck_assert(!datetime_parse_iso("yesterday", &t));
    ck_assert(!datetime_parse_iso("2026-01-10T25:00Z", &t));
    int64_t now = 1768056300000LL;
    ck_assert(datetime_parse_bound("7d", now, out));
    ck_assert_str_eq(out, "2026-01-03T14:45:00.000Z");
    ck_assert(datetime_parse_bound("12h", now, out));
    ck_assert_str_eq(out, "2026-01-10T02:45:00.000Z");
    ck_assert(datetime_parse_bound("30m", now, out));
    ck_assert_str_eq(out, "2026-01-10T14:15:00.000Z");
    ck_assert(datetime_parse_bound("2w", now, out));
    ck_assert_str_eq(out, "2025-12-27T14:45:00.000Z");
    ck_assert(datetime_parse_bound("2026-01-01T00:00:00Z", now, out));
    ck_assert_str_eq(out, "2026-01-01T00:00:00.000Z");
    ck_assert(!datetime_parse_bound("7x", now, out));
    ck_assert(!datetime_parse_bound("d", now, out));
    ck_assert(!datetime_parse_bound("-7d", now, out));
    char age[32];
    datetime_format_age("2026-01-10T11:45:00.000Z", now, age, sizeof age);
    ck_assert_str_eq(age, "3h");
    datetime_format_age("2025-09-15T10:30:00.000Z", now, age, sizeof age);
    ck_assert_str_eq(age, "2025-09-15");
    datetime_format_age("garbage", now, age, sizeof age);
    ck_assert_str_eq(age, "garbage");
}
END_TEST

static Suite *config_suite(void)
{
    Suite *s = suite_create("config");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, NULL, remove_tmpdir);
    tcase_add_test(tc, test_defaults);
    tcase_add_test(tc, test_ini_parse);
    tcase_add_test(tc, test_file_profile_and_precedence);
    tcase_add_test(tc, test_permissions_refused);
    tcase_add_test(tc, test_bad_values_and_command_key);
    tcase_add_test(tc, test_global_option_words);
    tcase_add_test(tc, test_read_only_toggle);
    tcase_add_test(tc, test_dates);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(config_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
