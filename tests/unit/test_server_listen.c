/* Unit tests: the listening socket and the reasons it gives when it cannot listen. */
#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "server/listen.h"

/* Occupies an ephemeral loopback port; returns its fd and the port in *port. */
static int occupy(int *port)
{
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    ck_assert_int_eq(listen(fd, 1), 0);
    ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
    *port = ntohs(sa.sin_port);
    return fd;
}

START_TEST(test_port_in_use)
{
    char err[256], want[128];
    int port, busy = occupy(&port);
    ck_assert_int_eq(listen_open("127.0.0.1", port, err, sizeof err), -1);
    snprintf(want, sizeof want, "cannot listen on 127.0.0.1:%d: address already in use", port);
    ck_assert_str_eq(err, want);
    close(busy);
    int fd = listen_open("127.0.0.1", port, err, sizeof err); /* free again: fine */
    ck_assert_int_ge(fd, 0);
    close(fd);
}
END_TEST

START_TEST(test_other_reasons)
{
    char err[256];
    ck_assert_int_eq(listen_open("192.0.2.1", 0, err, sizeof err), -1);
    ck_assert_str_eq(err, "cannot listen on 192.0.2.1:0: address not available on this machine");
    ck_assert_int_eq(listen_open("no-such-host.invalid", 8787, err, sizeof err), -1);
    ck_assert_msg(strncmp(err, "cannot listen on no-such-host.invalid:8787: unknown host (", 58)
                      == 0, "%s", err);
    ck_assert_str_eq(listen_reason(EACCES),
                     "permission denied (ports below 1024 need privileges)");
    ck_assert_str_eq(listen_reason(EADDRINUSE), "address already in use");
    ck_assert_str_eq(listen_reason(ENOMEM), strerror(ENOMEM));
    int fd = listen_open("::1", 0, err, sizeof err);
    if (fd < 0) /* a machine without IPv6 loopback */
        ck_assert_str_eq(err, "cannot listen on [::1]:0: address not available on this machine");
    else
        close(fd);
}
END_TEST

static Suite *listen_suite(void)
{
    Suite *s = suite_create("server listen");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_port_in_use);
    tcase_add_test(tc, test_other_reasons);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(listen_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
