"""cbdest-server contract: every error row and the bad inputs list (never a crash, never a 500)."""
import http.client
import json

import pytest

from contract_helpers import (BASE, PUBLISHABLE_KEY, SECRET_KEY, assert_error, create,
                              field_errors, post_raw, raw_request)


def test_unauthorized(server):
    status, _, err = server.request("GET", BASE, key=None)
    assert_error(status, err, 401, "unauthorized", message="Missing Authorization header")
    for key in ["metorial_sk_wrong", SECRET_KEY + "x", SECRET_KEY[:-1], ""]:
        status, _, err = server.request("GET", BASE, key=key)
        assert_error(status, err, 401, "unauthorized")
    status, _, err = server.request("GET", BASE, key=None,
                                    headers={"Authorization": f"Basic {SECRET_KEY}"})
    assert_error(status, err, 401, "unauthorized")
    # the key never comes back in a response
    for key in ["metorial_sk_wrong", PUBLISHABLE_KEY]:
        status, headers, err = server.request("POST", BASE, key=key, body={"name": "x"})
        assert key not in json.dumps(err) and key not in json.dumps(headers)


def test_forbidden(server):
    status, _, err = server.request("POST", BASE, key=PUBLISHABLE_KEY,
                                    body={"name": "x", "url": "https://a.b/"})
    assert_error(status, err, 403, "forbidden")


def test_not_found(server):
    status, _, err = server.request("GET", f"{BASE}/cld_0000000000000000000000")
    assert_error(status, err, 404, "not_found", entity="callback.destination")
    assert err["id"] == "cld_0000000000000000000000"
    for method, body in [("PATCH", {"name": "x"}), ("DELETE", None)]:
        status, _, err = server.request(method, f"{BASE}/cld_nope", body=body)
        assert_error(status, err, 404, "not_found", entity="callback.destination")
        assert err["id"] == "cld_nope"
    for path in ["/", "/nope", f"{BASE}/a/b", "/callback-destination", f"{BASE}//",
                 "/instances/x", "/v1/callback-destinations"]:
        status, _, err = server.request("GET", path)
        assert_error(status, err, 404, "not_found", entity="endpoint")


def test_method_not_allowed(server):
    obj = create(server)
    for method, path, allow in [("PUT", BASE, "GET, POST"), ("DELETE", BASE, "GET, POST"),
                                ("PATCH", BASE, "GET, POST"),
                                ("POST", f"{BASE}/{obj['id']}", "GET, PATCH, DELETE"),
                                ("PUT", f"/instances/i{BASE}/{obj['id']}", "GET, PATCH, DELETE")]:
        status, headers, err = server.request(method, path, body={})
        assert_error(status, err, 405, "method_not_allowed")
        assert headers["allow"] == allow


def test_payload_too_large(server):
    big = b'{"name":"' + b"x" * (1 << 20) + b'","url":"https://a.b/"}'
    status, _, err = post_raw(server, big)
    assert_error(status, err, 413, "payload_too_large")
    # exactly 1 MiB is read and judged on its content (too long a name)
    body = b'{"name":"' + b"y" * ((1 << 20) - 11) + b'"}'
    assert len(body) == 1 << 20
    status, _, err = post_raw(server, body)
    assert_error(status, err, 400, "invalid_data", entity="body")
    assert field_errors(err) == [("too_big", ["name"]), ("invalid_type", ["url"])]
    # and the server still works on keep-alive connections afterwards
    assert server.request("GET", BASE)[0] == 200


def test_rate_limit(make_server):
    for _ in range(2):  # retry once (fresh server) if the window happened to roll over
        srv = make_server(extra_args=["--rate-limit", "3/3600"])
        resets = set()
        results = []
        for _ in range(4):
            status, headers, body = srv.request("GET", BASE)
            results.append((status, int(headers["ratelimit-remaining"])))
            resets.add(headers["ratelimit-reset"])
        if len(resets) == 1:
            break
    assert len(resets) == 1
    assert results == [(200, 2), (200, 1), (200, 0), (429, 0)]
    assert_error(status, body, 429, "rate_limit_exceeded",
                 message="You have exceeded the rate limit for this instance")
    assert headers["ratelimit-limit"] == "3"
    assert "retry-after" not in headers
    # another key has its own budget
    assert srv.request("GET", BASE, key=PUBLISHABLE_KEY)[0] == 200


def bad_body(server, body, method="POST", path=BASE):
    raw = body if isinstance(body, bytes) else body.encode()
    return post_raw(server, raw, path=path, method=method)


@pytest.mark.parametrize("body", [
    b"", b"not json", b"[]", b'["name"]', b'"string"', b"42", b"null", b"true",
    b'{"name": "x", "url": "https://a.b/"', b'{"name": "x"} trailing', b"{'name': 'x'}",
    b'{"name": "\xff\xfe"', b'{"name": "a\x01b", "url": "https://a.b/"}',
    b'{"name": "bad escape \\q"}', b'{"name": "\\ud800", "url": "https://a.b/"}',
    b"\x00{}", b'{"a":' + b"[" * 65 + b"]" * 65 + b"}",
])
def test_bad_request_bodies(server, body):
    status, _, err = bad_body(server, body)
    assert_error(status, err, 400, "bad_request", entity="body")


@pytest.mark.parametrize("body,expected", [
    ({}, [("invalid_type", ["name"]), ("invalid_type", ["url"])]),
    ({"url": "https://a.b/"}, [("invalid_type", ["name"])]),
    ({"name": "n"}, [("invalid_type", ["url"])]),
    ({"name": "", "url": "https://a.b/"}, [("too_small", ["name"])]),
    ({"name": 5, "url": "https://a.b/"}, [("invalid_type", ["name"])]),
    ({"name": None, "url": "https://a.b/"}, [("invalid_type", ["name"])]),
    ({"name": ["x"], "url": {"u": 1}}, [("invalid_type", ["name"]), ("invalid_type", ["url"])]),
    ({"name": "n" * 257, "url": "https://a.b/"}, [("too_big", ["name"])]),
    ({"name": "n", "url": "https://a.b/", "description": 7}, [("invalid_type", ["description"])]),
    ({"name": "n", "url": "https://a.b/", "description": "d" * 4097},
     [("too_big", ["description"])]),
    ({"name": "n", "url": "https://a.b/" + "x" * 2040}, [("too_big", ["url"])]),
    ({"name": "n", "url": "https://a.b/", "metadata": []}, [("invalid_type", ["metadata"])]),
    ({"name": "n", "url": "https://a.b/", "metadata": "x"}, [("invalid_type", ["metadata"])]),
    ({"name": "n", "url": "https://a.b/", "metadata": {f"k{i}": i for i in range(65)}},
     [("too_big", ["metadata"])]),
    ({"name": "n", "url": "https://a.b/", "metadata": {"k": "v" * 16400}},
     [("too_big", ["metadata"])]),
    ({"name": "n", "url": "https://a.b/", "metadata": {"k" * 129: 1}},
     [("too_big", ["metadata", "k" * 129])]),
    ({"name": "n", "url": "https://a.b/", "metadata": {"": 1}}, [("too_small", ["metadata", ""])]),
    ({"name": "a\u0000b", "url": "https://a.b/"}, [("invalid_string", ["name"])]),
    ({"name": "n", "url": "https://a.b/\u0000"}, [("invalid_string", ["url"])]),
    ({"name": "n", "url": "https://a.b/", "description": "\u0000"},
     [("invalid_string", ["description"])]),
    ({"name": "n", "url": "https://a.b/", "metadata": {"k": {"deep": ["\u0000"]}}},
     [("invalid_string", ["metadata", "k"])]),
])
def test_invalid_data_bodies(server, body, expected):
    status, _, err = server.request("POST", BASE, body=body)
    assert_error(status, err, 400, "invalid_data", entity="body")
    assert field_errors(err) == expected
    for e in err["errors"]:
        assert isinstance(e["message"], str) and e["message"]
    assert server.request("GET", BASE)[2]["items"] == []  # nothing was stored


def test_invalid_data_details(server):
    status, _, err = server.request("POST", BASE, body={"name": 5})
    assert err["errors"][0] == {"code": "invalid_type", "message": "Expected string, received number",
                                "path": ["name"], "expected": "string", "received": "number"}
    status, _, err = server.request("POST", BASE, body={"name": "x" * 300, "url": "https://a/"})
    assert err["errors"][0]["max"] == 256


def test_invalid_utf8_in_strings(server):
    status, _, err = bad_body(server, b'{"name": "caf\xc3", "url": "https://a.b/"}')
    assert_error(status, err, 400, "invalid_data", entity="body")
    assert field_errors(err) == [("invalid_string", ["name"])]
    status, _, err = bad_body(server, b'{"name": "n", "url": "https://a.b/", '
                                      b'"metadata": {"k": "\xed\xa0\x80"}}')
    assert field_errors(err) == [("invalid_string", ["metadata", "k"])]
    status, _, err = bad_body(server, b'{"name": "n", "url": "https://a.b/", '
                                      b'"metadata": {"\xff": 1}}')
    assert field_errors(err) == [("invalid_string", ["metadata"])]


def test_nesting_limit(server):
    ok = {"name": "n", "url": "https://a.b/", "metadata": {"k": json.loads("[" * 62 + "]" * 62)}}
    assert server.request("POST", BASE, body=ok)[0] == 200  # 64 levels with the outer objects
    deep = '{"name":"n","url":"https://a.b/","metadata":{"k":' + "[" * 63 + "]" * 63 + "}}"
    status, _, err = bad_body(server, deep)
    assert_error(status, err, 400, "bad_request", entity="body")


@pytest.mark.parametrize("url", [
    "ftp://a.b/", "/relative/path", "example.com/hook", "", "https://", "http://a b/",
    "javascript:alert(1)", "mailto:x@y.z", "file:///etc/passwd", "   https://a.b/",
])
def test_invalid_urls(server, url):
    status, _, err = server.request("POST", BASE, body={"name": "n", "url": url})
    assert_error(status, err, 400, "invalid_callback_destination_url")
    assert [(e["code"], e["path"]) for e in err["errors"]] == [("invalid_url", ["url"])]
    obj = create(server)
    status, _, err = server.request("PATCH", f"{BASE}/{obj['id']}", body={"url": url})
    assert_error(status, err, 400, "invalid_callback_destination_url")


def test_patch_bad_bodies(server):
    obj = create(server)
    path = f"{BASE}/{obj['id']}"
    for body in [b"", b"[]", b"nope"]:
        status, _, err = bad_body(server, body, method="PATCH", path=path)
        assert_error(status, err, 400, "bad_request", entity="body")
    for body, expected in [({"name": ""}, [("too_small", ["name"])]),
                           ({"description": None}, [("invalid_type", ["description"])]),
                           ({"metadata": 1}, [("invalid_type", ["metadata"])])]:
        status, _, err = server.request("PATCH", path, body=body)
        assert_error(status, err, 400, "invalid_data", entity="body")
        assert field_errors(err) == expected
    assert server.request("GET", path)[2] == obj


@pytest.mark.parametrize("query,code,path", [
    ("limit=0", "invalid_min", ["limit"]), ("limit=101", "invalid_max", ["limit"]),
    ("limit=abc", "invalid_type", ["limit"]), ("limit=", "invalid_type", ["limit"]),
    ("limit=1.5", "invalid_type", ["limit"]), ("limit=-1", "invalid_min", ["limit"]),
    ("limit=99999999999999999999", "invalid_max", ["limit"]),
    ("order=ascending", "invalid_enum", ["order"]), ("order=", "invalid_enum", ["order"]),
    ("created_at[gt]=yesterday", "invalid_date", ["created_at", "gt"]),
    ("created_at%5Blt%5D=2026-13-01", "invalid_date", ["created_at", "lt"]),
    ("updated_at[gt]=2026-02-30T00:00:00Z", "invalid_date", ["updated_at", "gt"]),
    ("updated_at%5blt%5d=1700000000", "invalid_date", ["updated_at", "lt"]),
])
def test_invalid_query(server, query, code, path):
    status, _, err = server.request("GET", f"{BASE}?{query}")
    assert_error(status, err, 400, "invalid_data", entity="query")
    assert field_errors(err) == [(code, path)]


def test_invalid_query_collects_all(server):
    status, _, err = server.request("GET", f"{BASE}?limit=0&order=x&created_at[gt]=bad")
    assert field_errors(err) == [("invalid_min", ["limit"]), ("invalid_enum", ["order"]),
                                 ("invalid_date", ["created_at", "gt"])]
    assert err["errors"][0]["min"] == 1


@pytest.mark.parametrize("cur", ["garbage", "cur_", "cur_!!!", "cur_abc",
                                 "cur_" + "z" * 700, "cur_0"])
def test_bad_cursor(server, cur):
    status, _, err = server.request("GET", f"{BASE}?cursor={cur}")
    assert_error(status, err, 400, "bad_request", message="Invalid cursor format")


def test_hostile_paths_and_headers(server):
    create(server)
    for path in [f"{BASE}/%00", f"{BASE}/%FF%FE", f"{BASE}/" + "a" * 3000,
                 f"{BASE}/..%2F..%2Fetc", f"{BASE}/'%20OR%201=1--"]:
        status, _, err = server.request("GET", path)
        assert status == 404, (path, status)
        json.dumps(err)  # a well-formed JSON error
    status, _, page = server.request("GET", BASE, headers={"Metorial-Version": "x" * 500})
    assert status == 200
    # a keep-alive connection survives a bad request in the middle
    conn = http.client.HTTPConnection(server.host, server.port, timeout=10)
    auth = {"Authorization": f"Bearer {SECRET_KEY}", "Content-Type": "application/json"}
    for body, want in [(b"{bad", 400), (b'{"name":"k","url":"https://k.k/"}', 200), (None, 200)]:
        conn.request("POST" if body else "GET", BASE, body=body, headers=auth)
        resp = conn.getresponse()
        resp.read()
        assert resp.status == want
    conn.close()


def test_raw_garbage_does_not_kill_the_server(server):
    for data in [b"GARBAGE\r\n\r\n", b"GET /callback-destinations HTTP/1.1\r\n\r\n",
                 b"\x00\x01\x02\x03\r\n\r\n"]:
        try:
            raw_request(server, data, timeout=1)
        except (ValueError, IndexError, OSError):
            pass  # MHD may answer in its own words or just close
    assert server.request("GET", BASE)[0] == 200


def test_fuzzed_bodies_and_queries(server):
    """Mutated bodies and queries (fixed seed): only 200 or 4xx with the contract's JSON."""
    import random
    import urllib.parse
    rng = random.Random(1234)
    valid = json.dumps({"name": "Fuzz é 東", "url": "https://a.example/p?q=1",
                        "description": "d", "metadata": {"a": [1, {"b": None}], "c": "x"}}).encode()
    specials = [b"\x00", b"\\u0000", b"\xff", b"\xc0\x80", b"\\ud83d", b'"', b"{", b"[", b"\\",
                b"\x7f", b"\xf4\x90\x80\x80", b"1e999", b"-", b"null"]
    for _ in range(150):
        body = bytearray(valid)
        for _ in range(rng.randint(1, 4)):
            pos = rng.randrange(len(body))
            op = rng.random()
            if op < 0.4:
                body[pos:pos] = rng.choice(specials)
            elif op < 0.7:
                del body[pos:pos + rng.randint(1, 5)]
            else:
                body[pos] = rng.randrange(256)
        status, _, obj = post_raw(server, bytes(body))
        assert status in (200, 400), (status, bytes(body))
        if status == 400:
            assert obj["object"] == "error" and obj["code"] in (
                "bad_request", "invalid_data", "invalid_callback_destination_url")
        else:
            assert obj["object"] == "callback.destination"
            json.dumps(obj, ensure_ascii=False).encode("utf-8")  # valid Unicode throughout
    keys = ["limit", "order", "after", "before", "cursor", "created_at[gt]", "updated_at[lt]",
            "created_at%5Blt%5D", "x"]
    values = ["", "0", "20", "asc", "desc", "cur_zz", "2026-01-01", "\u00e9", "%00", "%ff", "a" * 300,
              "-1", "1e3", "cld_", "9" * 30]
    for _ in range(150):
        parts = [f"{rng.choice(keys)}={urllib.parse.quote(rng.choice(values), safe='%')}"
                 for _ in range(rng.randint(1, 4))]
        status, _, obj = server.request("GET", f"{BASE}?{'&'.join(parts)}")
        assert status in (200, 400), (status, parts)
        assert obj["object"] in ("list", "error")
    assert server.request("GET", BASE)[0] == 200
