"""A small scriptable HTTP server for hostile-peer tests: canned replies, delays, stalls, drops.

A test scripts it with fake.script(method, path_prefix, Reply(...), times=N) rules (first match
wins, a rule with times=None never runs out) or fake.handler = callable(req) -> Reply. Every
request is recorded in fake.requests (method, path, query, headers lower-cased, body bytes,
monotonic time) before it is answered.
"""
import json
import os
import pathlib
import socket
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLIENT = pathlib.Path(os.environ.get("CBDEST_BUILD", ROOT / "build")) / "cbdest"
FAKE_KEY = "metorial_sk_fake0123456789abcdefghijklmnopq"


class Reply:
    """What to answer: status, headers, body (bytes, str or JSON-able), and misbehaviour.

    delay: seconds before answering; stall: seconds to sleep after the headers and part of
    the body; drop: close the connection without any answer; chunked_size: stream a body of
    that many bytes with chunked encoding (no Content-Length)."""

    def __init__(self, status=200, body=b"", headers=None, delay=0.0, stall=0.0, drop=False,
                 chunked_size=0, content_length=None):
        self.status = status
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            headers = {"Content-Type": "application/json", **(headers or {})}
        elif isinstance(body, str):
            body = body.encode()
        self.body = body
        self.headers = headers or {}
        self.delay = delay
        self.stall = stall
        self.drop = drop
        self.chunked_size = chunked_size
        self.content_length = content_length


class Request:
    def __init__(self, handler, body):
        parts = urllib.parse.urlsplit(handler.path)
        self.method = handler.command
        self.path = parts.path
        self.raw_query = parts.query
        self.query = dict(urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
        self.headers = {k.lower(): v for k, v in handler.headers.items()}
        self.body = body
        self.time = time.monotonic()

    def json(self):
        return json.loads(self.body.decode()) if self.body else None


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet
        pass

    def _serve(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        req = Request(self, body)
        fake = self.server.fake
        with fake.lock:
            fake.requests.append(req)
        reply = fake.reply_for(req)
        if reply.delay:
            time.sleep(reply.delay)
        if reply.drop:
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        self._answer(reply)

    def _answer(self, reply):
        self.send_response(reply.status)
        for k, v in reply.headers.items():
            self.send_header(k, v)
        if reply.chunked_size:
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self._send_chunked(reply.chunked_size)
            return
        length = reply.content_length if reply.content_length is not None else len(reply.body)
        self.send_header("Content-Length", str(length))
        self.end_headers()
        try:
            if reply.stall:
                self.wfile.write(reply.body[: len(reply.body) // 2])
                self.wfile.flush()
                time.sleep(reply.stall)
                self.close_connection = True
                return
            self.wfile.write(reply.body)
        except OSError:
            self.close_connection = True

    def _send_chunked(self, total):
        chunk = b"x" * 65536
        sent = 0
        try:
            while sent < total:
                part = chunk[: min(len(chunk), total - sent)]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
                sent += len(part)
            self.wfile.write(b"0\r\n\r\n")
        except OSError:
            pass
        self.close_connection = True

    do_GET = do_POST = do_PATCH = do_DELETE = do_PUT = _serve


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class FakeServer:
    """One listener on an ephemeral port of `host`."""

    def __init__(self, host="127.0.0.1", tls=None):
        """tls: an ssl.SSLContext to serve HTTPS with."""
        self.lock = threading.Lock()
        self.requests = []
        self.rules = []
        self.handler = None
        self.default = Reply(404, {"object": "error", "status": 404, "code": "not_found",
                                   "message": "no scripted reply"})
        self.httpd = _Server((host, 0), _Handler)
        self.httpd.fake = self
        if tls:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        self.host = host
        self.port = self.httpd.server_address[1]
        self.base_url = f"{'https' if tls else 'http'}://{host}:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever,
                                       kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def script(self, method, path_prefix, reply, times=1):
        """Adds a rule; method/path_prefix None match anything; times=None never runs out."""
        with self.lock:
            self.rules.append([method, path_prefix, reply, times])

    def reply_for(self, req):
        if self.handler:
            reply = self.handler(req)
            if reply is not None:
                return reply
        with self.lock:
            for rule in self.rules:
                method, prefix, reply, times = rule
                if method and method != req.method:
                    continue
                if prefix and not req.path.startswith(prefix):
                    continue
                if times is not None:
                    if times <= 0:
                        continue
                    rule[3] = times - 1
                return reply
        return self.default

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def forward(server, req):
    """Sends req on to a real server (anything with .host and .port), passing the headers that
    matter to the API; returns (status, body bytes, response headers as (name, value) pairs)."""
    import http.client
    conn = http.client.HTTPConnection(server.host, server.port, timeout=30)
    path = req.path + ("?" + req.raw_query if req.raw_query else "")
    headers = {k: v for k, v in req.headers.items()
               if k in ("authorization", "metorial-version", "content-type")}
    try:
        conn.request(req.method, path, body=req.body or None, headers=headers)
        resp = conn.getresponse()
        return resp.status, resp.read(), resp.getheaders()
    finally:
        conn.close()


def dest_json(i=1, **over):
    """A destination object as the API sends it."""
    d = {"object": "callback.destination", "id": f"cld_fake{i:04d}", "status": "active",
         "name": f"hook {i}", "description": None, "metadata": {},
         "url": f"https://example.com/h/{i}", "method": "POST",
         "created_at": "2026-01-10T14:45:00.000Z", "updated_at": "2026-01-10T14:45:00.000Z"}
    d.update(over)
    return d


def page_json(items, before=False, after=False):
    return {"object": "list", "items": items,
            "pagination": {"has_more_before": before, "has_more_after": after}}
