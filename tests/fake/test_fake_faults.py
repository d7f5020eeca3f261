"""cbdest against a hostile fake server: rate limits, proxies' HTML, empty, stalled, huge, lost and
redirected responses. Each test scripts the fake and checks the exit code, the message and what
the server saw."""
import json
import threading

from fakeserver import CLIENT, FAKE_KEY, Reply, dest_json, page_json

RATE = {"object": "error", "status": 429, "code": "rate_limit_exceeded",
        "message": "You have exceeded the rate limit for this instance"}


def test_get_sends_version_agent_and_key(fake, cbdest):
    fake.script("GET", "/callback-destinations/cld_fake0001", Reply(200, dest_json(1)))
    r = cbdest("get", "cld_fake0001", "--json")
    assert r.rc == 0, r.err
    assert r.json() == dest_json(1)
    req = fake.requests[0]
    assert req.headers["metorial-version"] == "2026-01-01-magnetar"
    assert req.headers["user-agent"].startswith("cbdest/")
    assert req.headers["authorization"] == "Bearer metorial_sk_fake0123456789abcdefghijklmnopq"
    assert "metorial_sk_fake" not in r.out + r.err


def test_429_without_retry_after_is_retried(fake, cbdest):
    fake.script("GET", None, Reply(429, RATE), times=2)
    fake.script("GET", None, Reply(200, page_json([dest_json(1)])))
    r = cbdest("list", "--json")
    assert r.rc == 0, r.err
    assert [d["id"] for d in r.json()] == ["cld_fake0001"]
    assert len(fake.requests) == 3
    assert r.seconds < 5


def test_429_retry_after_is_honoured(fake, cbdest):
    fake.script("GET", None, Reply(429, RATE, headers={"Retry-After": "1"}))
    fake.script("GET", None, Reply(200, page_json([])))
    r = cbdest("list", "--json")
    assert r.rc == 0, r.err
    assert r.out.strip() == "[]"
    gap = fake.requests[1].time - fake.requests[0].time
    assert 0.9 <= gap < 3.0
    assert "cbdest: retrying GET in 1000 ms (attempt 2 of 4)" in r.err.splitlines()


def test_429_absurd_retry_after_is_capped(fake, cbdest):
    fake.script("GET", None, Reply(429, RATE, headers={"Retry-After": "999999",
                                                      "RateLimit-Reset": "99999999999"}))
    fake.script("GET", None, Reply(200, page_json([])))
    r = cbdest("list", "--json", env={"CBDEST_RETRY_MAX_WAIT_MS": "400"})
    assert r.rc == 0, r.err
    gap = fake.requests[1].time - fake.requests[0].time
    assert 0.35 <= gap < 2.0


def test_429_forever_gives_up_after_bounded_attempts(fake, cbdest):
    fake.script("GET", None, Reply(429, RATE, headers={"metorial-req-id": "req_rl1"}), times=None)
    r = cbdest("list", env={"CBDEST_RETRY_MAX_ATTEMPTS": "3"})
    assert r.rc == 1
    assert len(fake.requests) == 3
    assert "HTTP 429 rate_limit_exceeded" in r.err
    assert "req_rl1" in r.err


def test_502_html_body_reports_status_and_clean_excerpt(fake, cbdest):
    html = "<html><body><h1>502 Bad Gateway</h1>\x1b[31mnginx\x07</body></html>"
    fake.script("GET", None, Reply(502, html, headers={"Content-Type": "text/html"}), times=None)
    r = cbdest("get", "cld_x", env={"CBDEST_RETRY_MAX_ATTEMPTS": "2"})
    assert r.rc == 1
    assert r.err == "cbdest: HTTP 502: Bad Gateway: 502 Bad Gateway nginx\n"
    assert len(fake.requests) == 2


def test_502_html_with_screen_clear_drops_the_whole_sequence(fake, cbdest):
    html = "<html><body><h1>502 Bad Gateway</h1>\n\x1b[2J\n<hr><center>nginx</center></body></html>"
    fake.script("GET", None, Reply(502, html, headers={"Content-Type": "text/html",
                                                       "metorial-req-id": "req_\x1b[2Jz"}),
                times=None)
    r = cbdest("get", "cld_x", env={"CBDEST_RETRY_MAX_ATTEMPTS": "1"})
    assert r.rc == 1
    assert r.err == "cbdest: HTTP 502: Bad Gateway: 502 Bad Gateway nginx (request req_ z)\n"


def test_empty_200_is_a_clear_error(fake, cbdest):
    fake.script("GET", None, Reply(200, b""), times=None)
    r = cbdest("get", "cld_x")
    assert r.rc == 1
    assert "bad response (HTTP 200)" in r.err and "(empty body)" in r.err


def test_stall_after_headers_times_out(fake, cbdest):
    body = json.dumps(dest_json(1)).encode()
    fake.script("GET", None, Reply(200, body, stall=6), times=None)
    r = cbdest("get", "cld_fake0001", env={"CBDEST_STALL_TIMEOUT_S": "1",
                                          "CBDEST_RETRY_MAX_ATTEMPTS": "1"})
    assert r.rc == 3
    assert "network error (timeout)" in r.err
    assert r.seconds < 5


def test_huge_body_with_length_is_refused(fake, cbdest):
    fake.script("GET", None, Reply(200, b"", content_length=20 * 1024 * 1024, stall=3), times=None)
    r = cbdest("list")
    assert r.rc == 3
    assert "larger than 16 MiB" in r.err
    assert len(fake.requests) == 1


def test_huge_chunked_body_is_capped(fake, cbdest):
    fake.script("GET", None, Reply(200, chunked_size=20 * 1024 * 1024), times=None)
    r = cbdest("list")
    assert r.rc == 3
    assert "larger than 16 MiB" in r.err
    assert len(fake.requests) == 1


def test_lost_create_response_reports_it_landed(fake, cbdest):
    stored = []

    def handler(req):
        if req.method == "POST":
            body = req.json()
            stored.append(dest_json(7, name=body["name"], url=body["url"]))
            return Reply(drop=True)
        if req.method == "GET":
            return Reply(200, page_json(list(reversed(stored))))
        return None

    fake.handler = handler
    r = cbdest("create", "--name", "hook 7", "--url", "https://example.com/h/7", "--json")
    assert r.rc == 0, r.err
    assert "it landed: cld_fake0007" in r.err
    assert r.json()["id"] == "cld_fake0007"
    posts = [q for q in fake.requests if q.method == "POST"]
    assert len(posts) == 1 and len(stored) == 1
    check = [q for q in fake.requests if q.method == "GET"][0]
    assert check.query["order"] == "desc" and "created_at[gt]" in check.query


def test_lost_create_that_did_not_land_is_not_resent(fake, cbdest):
    fake.script("POST", None, Reply(504, "<html>gateway timeout</html>"), times=None)
    fake.script("GET", None, Reply(200, page_json([dest_json(3)])), times=None)
    r = cbdest("create", "--name", "n", "--url", "https://example.com/")
    assert r.rc == 3
    assert "may or may not have been applied" in r.err
    assert "nothing was created" in r.err
    assert len([q for q in fake.requests if q.method == "POST"]) == 1


def test_create_429_is_retried_safely(fake, cbdest):
    fake.script("POST", None, Reply(429, RATE))
    fake.script("POST", None, Reply(200, dest_json(4)))
    r = cbdest("create", "--name", "hook 4", "--url", "https://example.com/h/4", "--json")
    assert r.rc == 0, r.err
    assert len([q for q in fake.requests if q.method == "POST"]) == 2


def test_redirect_to_other_host_is_not_followed(fake, other_host, cbdest):
    target = f"{other_host.base_url}/callback-destinations/cld_x"
    fake.script(None, None, Reply(307, b"", headers={"Location": target}), times=None)
    other_host.script(None, None, Reply(200, dest_json(1)), times=None)
    for args in (["get", "cld_x"], ["update", "cld_x", "--name", "z"],
                 ["archive", "cld_x", "--yes"]):
        r = cbdest(*args)
        assert r.rc == 1, r.err
        assert "redirected to" in r.err and "does not follow redirects" in r.err
    assert other_host.requests == []
    assert all("authorization" in q.headers for q in fake.requests)


def test_dropped_get_is_retried(fake, cbdest):
    fake.script("GET", None, Reply(drop=True))
    fake.script("GET", None, Reply(200, dest_json(2)))
    r = cbdest("get", "cld_fake0002", "--json")
    assert r.rc == 0, r.err
    assert len(fake.requests) == 2


def test_connection_refused_is_named(cbdest):
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    r = cbdest("get", "x", base_url=f"http://127.0.0.1:{port}",
               env={"CBDEST_RETRY_MAX_ATTEMPTS": "2"})
    assert r.rc == 3
    assert "network error (connect)" in r.err


def test_tls_failure_names_the_ca_file(fake, cbdest, tmp_path):
    bad_ca = tmp_path / "ca.pem"
    bad_ca.write_text("not a certificate\n")
    r = cbdest("get", "x", base_url=f"https://127.0.0.1:{fake.port}",
               env={"CURL_CA_BUNDLE": str(bad_ca), "CBDEST_RETRY_MAX_ATTEMPTS": "1"})
    assert r.rc == 3
    assert "network error (tls)" in r.err
    assert str(bad_ca) in r.err


def test_variant_envelopes_and_unknown_fields(fake, cbdest):
    item = dest_json(5, status="paused", extra={"x": 1})
    del item["object"]
    item["__typename"] = "callback.destination"
    fake.script("GET", None, Reply(200, {"__typename": "list", "items": [item], "cursor": None}))
    r = cbdest("list", "--jsonl")
    assert r.rc == 0, r.err
    assert json.loads(r.out.splitlines()[0]) == item


def test_error_with_typename_and_field_errors(fake, cbdest):
    err = {"__typename": "error", "status": 400, "code": "invalid_data",
           "message": "The provided data is invalid.", "hint": "Read the docs.",
           "errors": [{"code": "invalid_type", "message": "Expected string", "path": ["name"]}]}
    fake.script("PATCH", None, Reply(400, err, headers={"metorial-req-id": "req_t1"}))
    fake.script("GET", None, Reply(200, dest_json(1)))
    r = cbdest("update", "cld_fake0001", "--name", "new")
    assert r.rc == 1
    lines = r.err.strip().splitlines()
    assert lines[0] == ("cbdest: HTTP 400 invalid_data: The provided data is invalid. "
                        "(request req_t1)")
    assert "cbdest:   name: Expected string" in lines
    assert "cbdest:   hint: Read the docs." in lines
    patch = [q for q in fake.requests if q.method == "PATCH"][0]
    assert patch.json() == {"name": "new"}


def test_slow_concurrent_requests_do_not_block_each_other(fake, cbdest):
    fake.script("GET", None, Reply(200, dest_json(1), delay=0.5), times=None)
    results = []
    threads = [threading.Thread(target=lambda: results.append(cbdest("get", "cld_fake0001")))
               for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [r.rc for r in results] == [0, 0, 0]


def test_json_output_keeps_metadata_numbers_exactly(fake, cbdest):
    body = ('{"object":"callback.destination","id":"cld_n","status":"active","name":"n",'
            '"description":null,"metadata":{"big":12345678901234567890,"dec":1.50,"e":1e5},'
            '"url":"https://e.com/","method":"POST","created_at":"","updated_at":"","x":[0.10]}')
    fake.script("GET", None, Reply(200, body, headers={"Content-Type": "application/json"}),
                times=None)
    r = cbdest("get", "cld_n", "--json")
    assert r.rc == 0, r.err
    assert r.out == body + "\n"
    fake.script("PATCH", None, Reply(200, body, headers={"Content-Type": "application/json"}))
    r = cbdest("update", "cld_n", "--meta", "k=v")
    assert r.rc == 0, r.err
    patch = [q for q in fake.requests if q.method == "PATCH"][0]
    assert patch.body == b'{"metadata":{"big":12345678901234567890,"dec":1.50,"e":1e5,"k":"v"}}'


def test_list_all_stops_when_the_server_does_not_move_forward(fake, cbdest):
    fake.script("GET", None, Reply(200, page_json([dest_json(1), dest_json(2)], after=True)),
                times=None)
    r = cbdest("list", "--all", "--jsonl")
    assert r.rc == 1
    assert "did not move forward" in r.err
    assert len(fake.requests) == 2
    assert fake.requests[1].query["after"] == "cld_fake0002"


def test_list_all_stops_on_an_empty_page_claiming_more(fake, cbdest):
    fake.script("GET", None, Reply(200, page_json([dest_json(1)], after=True)))
    fake.script("GET", None, Reply(200, page_json([], before=True, after=True)), times=None)
    r = cbdest("list", "--all", "--jsonl")
    assert r.rc == 0, r.err
    assert [json.loads(x)["id"] for x in r.out.splitlines()] == ["cld_fake0001"]
    assert len(fake.requests) == 2


def test_update_does_not_fail_on_untouched_stored_values(fake, cbdest):
    odd = dest_json(1, url="ftp://legacy.example/")
    fake.script("GET", None, Reply(200, odd))
    fake.script("PATCH", None, Reply(200, {**odd, "name": "renamed"}))
    r = cbdest("update", "cld_fake0001", "--name", "renamed", "--json")
    assert r.rc == 0, r.err
    assert [q for q in fake.requests if q.method == "PATCH"][0].json() == {"name": "renamed"}


def test_lost_create_offers_an_explicit_retry_on_a_terminal(fake, tmp_path):
    import os
    import pty
    import select
    import subprocess
    import time
    fake.script("POST", None, Reply(504, "<html>gateway timeout</html>"))
    fake.script("POST", None, Reply(200, dest_json(9)))
    fake.script("GET", None, Reply(200, page_json([])), times=None)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CBDEST_", "METORIAL_"))}
    env.update({"METORIAL_API_KEY": FAKE_KEY, "METORIAL_BASE_URL": fake.base_url,
                "XDG_CONFIG_HOME": str(tmp_path), "no_proxy": "*"})
    master, slave = pty.openpty()
    proc = subprocess.Popen([str(CLIENT), "create", "--name", "hook 9", "--url",
                             "https://example.com/h/9"], stdin=slave, stdout=slave,
                            stderr=slave, env=env)
    os.close(slave)
    out, answered, deadline = b"", False, time.monotonic() + 20
    while time.monotonic() < deadline and proc.poll() is None:
        if select.select([master], [], [], 0.1)[0]:
            try:
                out += os.read(master, 4096)
            except OSError:
                break
        if not answered and b"Create it again? [y/N]" in out:
            os.write(master, b"y\n")
            answered = True
    assert proc.wait(timeout=10) == 0, out
    os.close(master)
    assert answered
    assert len([q for q in fake.requests if q.method == "POST"]) == 2


def test_https_with_cacert_and_without(tmp_path, cbdest):
    import shutil
    import ssl
    import subprocess

    import pytest
    from fakeserver import FakeServer
    if not shutil.which("openssl"):
        pytest.skip("openssl command not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "1", "-subj", "/CN=127.0.0.1", "-addext",
                    "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    srv = FakeServer(tls=ctx)
    try:
        srv.script("GET", None, Reply(200, dest_json(1)), times=None)
        r = cbdest("get", "cld_fake0001", "--json", "--cacert", str(cert), base_url=srv.base_url)
        assert r.rc == 0, r.err
        assert r.json()["id"] == "cld_fake0001"
        assert srv.requests[0].headers["authorization"].startswith("Bearer metorial_sk_")
        seen = len(srv.requests)
        r = cbdest("get", "cld_fake0001", base_url=srv.base_url,
                   env={"CBDEST_RETRY_MAX_ATTEMPTS": "1"})
        assert r.rc == 3
        assert "network error (tls)" in r.err and "CA file: the system default" in r.err
        assert len(srv.requests) == seen  # nothing (no key) went to an unverified peer
    finally:
        srv.stop()


def test_archive_answered_with_204_is_a_success(fake, cbdest):
    """Some deployments answer DELETE with 204 and no body: that is an archive, not an error."""
    fake.script("DELETE", None, Reply(204, b""))
    r = cbdest("archive", "cld_fake0001", "--yes")
    assert r.rc == 0, r.err
    assert (r.out, r.err) == ("archived cld_fake0001\n", "")
    assert [(q.method, q.path) for q in fake.requests] == [
        ("DELETE", "/callback-destinations/cld_fake0001")]
    fake.script("DELETE", None, Reply(204, b""))
    r = cbdest("archive", "cld_fake0001", "--yes", "--json")
    assert r.rc == 0, r.err
