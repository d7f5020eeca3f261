/* Unit tests: route matching, auth classification, rate limiting and the command line. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "server/auth.h"
#include "server/options.h"
#include "server/ratelimit.h"
#include "server/routes.h"

static int match(const char *method, const char *path, const char **inst, const char **id,
                 const char **allow)
{
    static char scratch[256];
    *inst = *id = *allow = NULL;
    return routes_match(method, path, inst, id, allow, scratch, sizeof scratch);
}

START_TEST(test_routes)
{
    const char *inst, *id, *allow;
    ck_assert_int_ge(match("GET", "/callback-destinations", &inst, &id, &allow), 0);
    ck_assert_ptr_null(id);
    int get = match("GET", "/callback-destinations/cld_1", &inst, &id, &allow);
    ck_assert_int_ge(get, 0);
    ck_assert_str_eq(id, "cld_1");
    int aliased = match("GET", "/instances/ins_9/callback-destinations/cld_2", &inst, &id, &allow);
    ck_assert_int_ge(aliased, 0);
    ck_assert_int_ne(aliased, get);
    ck_assert_str_eq(inst, "ins_9");
    ck_assert_str_eq(id, "cld_2");
    ck_assert_int_eq(match("HEAD", "/callback-destinations", &inst, &id, &allow), -2);
    ck_assert_str_eq(allow, "GET, POST");
    ck_assert_int_eq(match("OPTIONS", "/instances/i/callback-destinations/x", &inst, &id, &allow),
                     -2);
    ck_assert_str_eq(allow, "GET, PATCH, DELETE");
    ck_assert_int_eq(match("GET", "/callback-destinations/", &inst, &id, &allow),
                     match("GET", "/callback-destinations", &inst, &id, &allow));
    ck_assert_int_eq(match("PATCH", "/callback-destinations/cld_7/", &inst, &id, &allow),
                     match("PATCH", "/callback-destinations/x", &inst, &id, &allow));
    match("PATCH", "/callback-destinations/cld_7/", &inst, &id, &allow);
    ck_assert_str_eq(id, "cld_7");
    ck_assert_int_ge(match("GET", "/callback-destinations/a%2Fb%20c+d%e2%82%ac%4", &inst, &id,
                           &allow), 0);
    ck_assert_str_eq(id, "a/b c+d\xe2\x82\xac%4");
    ck_assert_int_ge(match("DELETE", "/instances/%69ns%2F1/%63allback-destinations/%43ld", &inst,
                           &id, &allow), 0);
    ck_assert_str_eq(inst, "ins/1");
    ck_assert_str_eq(id, "Cld");
    ck_assert_int_eq(match("PUT", "/callback-destinations/x", &inst, &id, &allow), -2);
    ck_assert_str_eq(allow, "GET, PATCH, DELETE");
    ck_assert_int_eq(match("DELETE", "/callback-destinations", &inst, &id, &allow), -2);
    ck_assert_str_eq(allow, "GET, POST");
    const char *unknown[] = {"/", "/callback-destinations//", "/callback-destinations/a/b",
                             "/callback-destinations/a%00b", "/callback-destinations/x//",
                             "/callback-destination", "//callback-destinations",
                             "/instances//callback-destinations", "/instances/x", ""};
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++)
        ck_assert_msg(match("GET", unknown[i], &inst, &id, &allow) == -1, "%s", unknown[i]);
}
END_TEST

START_TEST(test_auth)
{
    struct app_config cfg = {0};
    size_t bucket;
    cfg.secret_keys[0] = (char *)"metorial_sk_a";
    cfg.secret_keys[1] = (char *)"metorial_sk_b";
    cfg.n_secret = 2;
    cfg.publishable_keys[0] = (char *)"metorial_pk_c";
    cfg.n_publishable = 1;
    ck_assert_uint_eq(auth_bucket_count(&cfg), 4);
    ck_assert_int_eq(auth_classify(&cfg, NULL, &bucket), KEY_NONE);
    ck_assert_uint_eq(bucket, 3);
    ck_assert_int_eq(auth_classify(&cfg, "  ", &bucket), KEY_NONE);
    ck_assert_int_eq(auth_classify(&cfg, "Bearer metorial_sk_b", &bucket), KEY_SECRET);
    ck_assert_uint_eq(bucket, 1);
    ck_assert_int_eq(auth_classify(&cfg, "bearer  metorial_pk_c ", &bucket), KEY_PUBLISHABLE);
    ck_assert_uint_eq(bucket, 2);
    ck_assert_int_eq(auth_classify(&cfg, "Bearer metorial_sk_", &bucket), KEY_UNKNOWN);
    ck_assert_int_eq(auth_classify(&cfg, "Bearer metorial_sk_ab", &bucket), KEY_UNKNOWN);
    ck_assert_int_eq(auth_classify(&cfg, "BEARER\t metorial_sk_a\t", &bucket), KEY_SECRET);
    ck_assert_uint_eq(bucket, 0);
    ck_assert_int_eq(auth_classify(&cfg, "Bearermetorial_sk_a", &bucket), KEY_UNKNOWN);
    ck_assert_int_eq(auth_classify(&cfg, "Bearer:metorial_sk_a", &bucket), KEY_UNKNOWN);
    ck_assert_int_eq(auth_classify(&cfg, "Bearer", &bucket), KEY_UNKNOWN);
    ck_assert_int_eq(auth_classify(&cfg, "Basic metorial_sk_a", &bucket), KEY_UNKNOWN);
    ck_assert_int_eq(auth_classify(&cfg, "metorial_sk_a", &bucket), KEY_UNKNOWN);
    ck_assert_uint_eq(bucket, 3);
}
END_TEST

START_TEST(test_ratelimit)
{
    struct ratelimit *rl = ratelimit_new(3, 60, 2);
    struct ratelimit_state s;
    int64_t t = 1800000000000LL; /* a multiple of 60 s */
    for (int i = 0; i < 3; i++) {
        ck_assert(ratelimit_take(rl, 0, t + 1000, &s));
        ck_assert_int_eq(s.remaining, 2 - i);
    }
    ck_assert(!ratelimit_take(rl, 0, t + 2000, &s));
    ck_assert_int_eq(s.remaining, 0);
    ck_assert_int_eq(s.limit, 3);
    ck_assert_int_eq(s.reset, t / 1000 + 60);
    ck_assert(ratelimit_take(rl, 1, t + 2000, &s)); /* other key: own bucket */
    ck_assert(ratelimit_take(rl, 0, t + 60000, &s)); /* next window */
    ck_assert_int_eq(s.remaining, 2);
    ratelimit_free(rl);
    long n, secs;
    ck_assert_int_eq(ratelimit_parse("100/60", &n, &secs), 0);
    ck_assert_int_eq(n, 100);
    ck_assert_int_eq(secs, 60);
    const char *bad[] = {"100", "0/60", "10/0", "-1/5", "a/b", "10/5x", "/5", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(ratelimit_parse(bad[i], &n, &secs) == -1, "%s", bad[i]);
}
END_TEST

/* options_parse wants char **: copy string literals into a NULL-ended writable argv. */
static enum options_result parse_args(const char *const *list, int n, struct app_config *cfg)
{
    char *argv[24], err[256];
    for (int i = 0; i < n; i++)
        argv[i] = strdup(list[i]);
    argv[n] = NULL;
    enum options_result r = options_parse(n, argv, cfg, err, sizeof err);
    for (int i = 0; i < n; i++)
        free(argv[i]);
    return r;
}

START_TEST(test_options)
{
    struct app_config cfg;
    const char *argv[] = {"cbdest-server", "--listen", "[::1]:0", "--db", "/tmp/x.db",
                    "--api-key", "key1_abc", "--api-key", "key2_abc",
                    "--publishable-key", "pk1_abcd",
                    "--seed", "42", "--rate-limit", "5/2", "--access-log", NULL};
    ck_assert_int_eq(parse_args(argv, 16, &cfg), OPTIONS_OK);
    ck_assert_str_eq(cfg.listen_host, "::1");
    ck_assert_int_eq(cfg.listen_port, 0);
    ck_assert_str_eq(cfg.db_path, "/tmp/x.db");
    ck_assert_uint_eq(cfg.n_secret, 2);
    ck_assert_str_eq(cfg.secret_keys[1], "key2_abc");
    ck_assert_uint_eq(cfg.n_publishable, 1);
    ck_assert_int_eq(cfg.seed, 42);
    ck_assert_int_eq(cfg.rate_limit, 5);
    ck_assert_int_eq(cfg.rate_seconds, 2);
    ck_assert(cfg.access_log);
    app_config_free(&cfg);
    const char *defaults[] = {"cbdest-server"};
    ck_assert_int_eq(parse_args(defaults, 1, &cfg), OPTIONS_OK);
    ck_assert_str_eq(cfg.listen_host, "127.0.0.1");
    ck_assert_int_eq(cfg.listen_port, 8787);
    ck_assert_int_eq(cfg.rate_limit, 100000);
    ck_assert_int_eq(cfg.rate_seconds, 60);
    app_config_free(&cfg);
    const char *help[] = {"cbdest-server", "--help"};
    ck_assert_int_eq(parse_args(help, 2, &cfg), OPTIONS_HELP);
    app_config_free(&cfg);
    const char *bad[][3] = {{"x", "--listen", "nope"}, {"x", "--listen", "h:99999"},
                      {"x", "--seed", "-1"}, {"x", "--rate-limit", "5"},
                      {"x", "--bogus", "1"}, {"x", "--api-key-file", "/nonexistent/k"}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_int_eq(parse_args(bad[i], 3, &cfg), OPTIONS_ERROR);
        app_config_free(&cfg);
    }
}
END_TEST

/* Parses {"x", option, value} and returns the error text ("" when accepted). */
static const char *option_error(const char *option, const char *value)
{
    static char err[256];
    struct app_config cfg;
    char *argv[] = {strdup("x"), strdup(option), strdup(value), NULL};
    err[0] = '\0';
    enum options_result r = options_parse(3, argv, &cfg, err, sizeof err);
    if (r == OPTIONS_OK)
        err[0] = '\0';
    app_config_free(&cfg);
    for (int i = 0; i < 3; i++)
        free(argv[i]);
    return err;
}

START_TEST(test_key_rules)
{
    const char *chars = "a key may only hold printable ASCII characters without spaces, quotes "
                        "or backslashes";
    char msg[256], long_key[258];
    const char *bad[] = {"has space", "tab\there", "quote\"key1", "apos'key1", "back\\slash1",
                         "caf\xc3\xa9key1", "del\x7fkey1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(msg, sizeof msg, "--api-key: %s", chars);
        ck_assert_str_eq(option_error("--api-key", bad[i]), msg);
        snprintf(msg, sizeof msg, "--publishable-key: %s", chars);
        ck_assert_str_eq(option_error("--publishable-key", bad[i]), msg);
    }
    ck_assert_str_eq(option_error("--api-key", "short7!"),
                     "--api-key: a key must be 8..256 characters long");
    ck_assert_str_eq(option_error("--api-key", ""),
                     "--api-key: a key must be 8..256 characters long");
    memset(long_key, 'k', 257);
    long_key[257] = '\0';
    ck_assert_str_eq(option_error("--api-key", long_key),
                     "--api-key: a key must be 8..256 characters long");
    long_key[256] = '\0';
    ck_assert_str_eq(option_error("--api-key", long_key), "");
    ck_assert_str_eq(option_error("--api-key", "8chars!!"), "");
    ck_assert_str_eq(option_error("--api-key", "metorial_sk_~!#$%&()*+,-./:;<=>?@[]^_`{|}"), "");
}
END_TEST

START_TEST(test_key_file_rules)
{
    char dir[] = "/tmp/srvkeyXXXXXX", path[64], want[256];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/k", dir);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs("has space in it\n", f);
    fclose(f);
    chmod(path, 0600);
    snprintf(want, sizeof want, "key file %s: a key may only hold printable ASCII characters "
             "without spaces, quotes or backslashes", path);
    ck_assert_str_eq(option_error("--api-key-file", path), want);
    f = fopen(path, "w");
    fputs("metorial_sk_fine_key\n", f);
    fclose(f);
    ck_assert_str_eq(option_error("--api-key-file", path), "");
    unlink(path);
    rmdir(dir);
}
END_TEST

static Suite *routes_suite(void)
{
    Suite *s = suite_create("server routes");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_routes);
    tcase_add_test(tc, test_auth);
    tcase_add_test(tc, test_ratelimit);
    tcase_add_test(tc, test_options);
    tcase_add_test(tc, test_key_rules);
    tcase_add_test(tc, test_key_file_rules);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(routes_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
