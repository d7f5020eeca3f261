/* Unit tests: route matching, auth classification, rate limiting and the command line. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

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
    ck_assert_int_ge(match("HEAD", "/callback-destinations", &inst, &id, &allow), 0);
    ck_assert_int_eq(match("PUT", "/callback-destinations/x", &inst, &id, &allow), -2);
    ck_assert_str_eq(allow, "GET, PATCH, DELETE");
    ck_assert_int_eq(match("DELETE", "/callback-destinations", &inst, &id, &allow), -2);
    ck_assert_str_eq(allow, "GET, POST");
    const char *unknown[] = {"/", "/callback-destinations/", "/callback-destinations/a/b",
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
                    "--api-key", "k1", "--api-key", "k2", "--publishable-key", "p1",
                    "--seed", "42", "--rate-limit", "5/2", "--access-log", NULL};
    ck_assert_int_eq(parse_args(argv, 16, &cfg), OPTIONS_OK);
    ck_assert_str_eq(cfg.listen_host, "::1");
    ck_assert_int_eq(cfg.listen_port, 0);
    ck_assert_str_eq(cfg.db_path, "/tmp/x.db");
    ck_assert_uint_eq(cfg.n_secret, 2);
    ck_assert_str_eq(cfg.secret_keys[1], "k2");
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

static Suite *routes_suite(void)
{
    Suite *s = suite_create("server routes");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_routes);
    tcase_add_test(tc, test_auth);
    tcase_add_test(tc, test_ratelimit);
    tcase_add_test(tc, test_options);
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
