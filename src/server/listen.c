/* listen: getaddrinfo + socket/bind/listen with errno turned into a plain reason. */
#include "server/listen.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define LISTEN_BACKLOG 128

static const struct {
    int errnum;
    const char *reason;
} listen_reasons[] = {
    {EADDRINUSE, "address already in use"},
    {EACCES, "permission denied (ports below 1024 need privileges)"},
    {EPERM, "permission denied"},
    {EADDRNOTAVAIL, "address not available on this machine"},
    {EAFNOSUPPORT, "address family not supported (no IPv6?)"},
};

const char *listen_reason(int errnum)
{
    for (size_t i = 0; i < sizeof listen_reasons / sizeof listen_reasons[0]; i++)
        if (listen_reasons[i].errnum == errnum)
            return listen_reasons[i].reason;
    return strerror(errnum);
}

/* socket + options + bind + listen on one address; returns the fd or -1 with errno set. */
static int open_one(const struct addrinfo *ai)
{
    int one = 1;
    int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
        return -1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        (ai->ai_family == AF_INET6 &&
         setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one) != 0) ||
        bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 || listen(fd, LISTEN_BACKLOG) != 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

int listen_open(const char *host, int port, char *err, size_t errlen)
{
    struct addrinfo hints = {0}, *res = NULL;
    char service[16];
    const char *open = strchr(host, ':') ? "[" : "", *close_ = strchr(host, ':') ? "]" : "";
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    snprintf(service, sizeof service, "%d", port);
    int rc = getaddrinfo(host, service, &hints, &res);
    if (rc != 0) {
        snprintf(err, errlen, "cannot listen on %s%s%s:%d: unknown host (%s)", open, host,
                 close_, port, gai_strerror(rc));
        return -1;
    }
    int fd = open_one(res);
    if (fd < 0)
        snprintf(err, errlen, "cannot listen on %s%s%s:%d: %s", open, host, close_, port,
                 listen_reason(errno));
    freeaddrinfo(res);
    return fd;
}
