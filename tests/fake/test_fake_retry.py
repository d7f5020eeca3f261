"""Which failures are retried: only transient connection failures, never TLS, DNS or bad URLs."""
import socket
import threading


class CountingListener:
    """Accepts TCP connections, counts them, answers each with `reply` bytes and closes."""

    def __init__(self, reply):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self.reply = reply
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            try:
                conn.recv(4096)
                conn.sendall(self.reply)
            except OSError:
                pass
            conn.close()

    def stop(self):
        self.sock.close()


def test_tls_handshake_failure_is_not_retried(cbdest):
    # A plain-HTTP peer behind an https:// URL: "TLS handshake failed (... wrong version number)"
    srv = CountingListener(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
    try:
        r = cbdest("get", "cld_x", "--verbose", base_url=f"https://127.0.0.1:{srv.port}")
        assert r.rc == 3, r.err
        assert "cbdest: network error (tls): TLS handshake failed" in r.err
        assert srv.accepted == 1
        assert r.err.count("cbdest: > GET ") == 1 and "retrying" not in r.err
    finally:
        srv.stop()


def test_dns_failure_is_not_retried(cbdest):
    r = cbdest("get", "cld_x", "--verbose", base_url="http://no-such-host.invalid")
    assert r.rc == 3, r.err
    assert "cbdest: network error (dns): cannot resolve the host name" in r.err
    assert r.err.count("cbdest: > GET ") == 1 and "retrying" not in r.err


def test_connection_reset_is_retried_up_to_four_attempts(cbdest):
    # A peer that answers garbage-free resets: accepted, closed without a byte ("dropped")
    srv = CountingListener(b"")
    try:
        r = cbdest("get", "cld_x", "--verbose", base_url=f"http://127.0.0.1:{srv.port}")
        assert r.rc == 3, r.err
        assert "network error (dropped)" in r.err
        assert srv.accepted == 4
        assert r.err.count("cbdest: > GET ") == 4
        assert "retrying GET" in r.err and "(attempt 4 of 4)" in r.err
    finally:
        srv.stop()


def test_proxy_asking_for_credentials_is_not_retried(cbdest):
    proxy = CountingListener(b"HTTP/1.1 407 Proxy Authentication Required\r\n"
                             b"Proxy-Authenticate: Basic realm=x\r\nContent-Length: 0\r\n\r\n")
    try:
        env = {"https_proxy": f"http://127.0.0.1:{proxy.port}", "HTTPS_PROXY": "",
               "no_proxy": "", "NO_PROXY": ""}
        r = cbdest("get", "cld_x", "--verbose", base_url="https://api.example.invalid", env=env)
        assert r.rc == 3, r.err
        assert r.err.splitlines()[-1] == (
            "cbdest: network error (proxy): the proxy wants authentication (HTTP 407) "
            "(CONNECT tunnel failed, response 407)")
        assert proxy.accepted == 1
        assert r.err.count("cbdest: > GET ") == 1 and "retrying" not in r.err
    finally:
        proxy.stop()


def test_unreachable_proxy_is_named_without_its_credentials(cbdest):
    """A proxy from the environment that refuses connections is named as the proxy (its
    user:password never printed), and not retried."""
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()                                   # nothing listens there now
    env = {"http_proxy": f"http://user:s3cret@127.0.0.1:{port}", "no_proxy": "", "NO_PROXY": ""}
    r = cbdest("get", "cld_x", base_url="http://api.example.test", env=env)
    assert r.rc == 3, r.err
    assert r.err.startswith(
        f"cbdest: network error (proxy): cannot connect to the proxy http://127.0.0.1:{port} ("), r.err
    assert "s3cret" not in r.err and "user" not in r.err
    assert "retrying" not in r.err
    env["no_proxy"] = "localhost,127.0.0.1"          # exempt: a plain connect failure again
    r = cbdest("get", "cld_x", base_url=f"http://127.0.0.1:{port}", env=env)
    assert "network error (connect)" in r.err, r.err
