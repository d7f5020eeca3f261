"""slowproxy: a threaded loopback reverse proxy that delays every answer (simulates a slow API)."""
import argparse
import http.client
import http.server
import signal
import sys
import threading
import time
import urllib.parse

HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "content-length",
               "proxy-connection", "upgrade", "te", "trailer"}


class Handler(http.server.BaseHTTPRequestHandler):
    """Forwards one request to the upstream, waits the delay, relays the answer."""
    protocol_version = "HTTP/1.1"
    upstream = None
    delay = 2.0
    log = False

    def log_message(self, fmt, *args):
        pass

    def _upstream_conn(self):
        conn = getattr(self, "_conn", None)
        if conn is None:
            host, port = self.upstream
            conn = self._conn = http.client.HTTPConnection(host, port, timeout=30)
        return conn

    def _forward(self, body):
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_HEADERS}
        for attempt in range(2):   # a kept-alive upstream connection may have been closed
            conn = self._upstream_conn()
            try:
                conn.request(self.command, self.path, body=body, headers=headers)
                resp = conn.getresponse()
                return resp.status, resp.getheaders(), resp.read()
            except (http.client.HTTPException, OSError):
                conn.close()
                self._conn = None
                if attempt:
                    raise
        raise RuntimeError("unreachable")

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        started = time.monotonic()
        if self.log:
            print(f"{time.monotonic():.3f} start {self.command} {self.path}", file=sys.stderr, flush=True)
        try:
            status, headers, data = self._forward(body)
        except (http.client.HTTPException, OSError, RuntimeError):
            status, headers, data = 502, [("Content-Type", "text/plain")], b"bad gateway\n"
        time.sleep(max(0.0, self.delay - (time.monotonic() - started)))
        if self.log:
            print(f"{time.monotonic():.3f} answer {status} {self.path}", file=sys.stderr, flush=True)
        self.send_response(status)
        for k, v in headers:
            if k.lower() not in HOP_HEADERS:
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_PATCH = do_DELETE = do_PUT = do_HEAD = _handle


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--upstream", required=True, help="http://HOST:PORT of the real server")
    ap.add_argument("--delay", type=float, default=2.0, help="seconds added to every answer")
    ap.add_argument("--listen-port", type=int, default=0)
    ap.add_argument("--log", action="store_true", help="log each request and answer on stderr")
    args = ap.parse_args()
    up = urllib.parse.urlsplit(args.upstream)
    Handler.upstream = (up.hostname, up.port or 80)
    Handler.delay = args.delay
    Handler.log = args.log
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", args.listen_port), Handler)
    srv.daemon_threads = True
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=srv.shutdown).start())
    print(f"slowproxy listening on http://127.0.0.1:{srv.server_address[1]}", flush=True)
    srv.serve_forever()
    srv.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
