"""Helpers for the cbdest-server contract tests: keys, shapes, raw HTTP, quick creation."""
import json
import re
import socket

SECRET_KEY = "metorial_sk_test_0123456789abcdef"
PUBLISHABLE_KEY = "metorial_pk_test_0123456789abcdef"
API_VERSION = "2026-01-01-magnetar"
BASE = "/callback-destinations"

OBJECT_KEYS = ["object", "id", "status", "name", "description", "metadata", "url", "method",
               "created_at", "updated_at"]
ID_RE = re.compile(r"^cld_[0-9a-z]{9}[0-9A-Za-z]{13}$")
DATE_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
REQ_ID_RE = re.compile(r"^req_[0-9A-Za-z]{20}$")


def assert_object(obj, **expected):
    """Checks a destination object's keys, order and types, plus any expected values."""
    assert list(obj.keys()) == OBJECT_KEYS, obj
    assert obj["object"] == "callback.destination"
    assert ID_RE.match(obj["id"]), obj["id"]
    assert obj["status"] in ("active", "archived")
    assert isinstance(obj["name"], str)
    assert obj["description"] is None or isinstance(obj["description"], str)
    assert isinstance(obj["metadata"], dict)
    assert obj["method"] == "POST"
    assert DATE_RE.match(obj["created_at"]) and DATE_RE.match(obj["updated_at"])
    assert obj["updated_at"] >= obj["created_at"]
    for key, value in expected.items():
        assert obj[key] == value, (key, obj[key], value)


def assert_error(status, body, want_status, code, entity=None, message=None):
    """Checks the contract's error JSON."""
    assert status == want_status, (status, body)
    assert isinstance(body, dict), body
    keys = list(body.keys())
    assert keys[:6] == ["object", "ok", "status", "code", "message", "hint"], keys
    assert body["object"] == "error" and body["ok"] is False
    assert body["status"] == want_status and body["code"] == code, body
    assert isinstance(body["message"], str) and body["message"]
    assert isinstance(body["hint"], str) and body["hint"]
    if entity is not None:
        assert body.get("entity") == entity, body
    if message is not None:
        assert body["message"] == message, body


def field_errors(body):
    """(code, path) pairs of an invalid_data error."""
    return [(e["code"], e["path"]) for e in body["errors"]]


def create(server, name="Dest", url="https://example.com/hook", **extra):
    body = {"name": name, "url": url}
    body.update(extra)
    status, _, obj = server.request("POST", BASE, body=body)
    assert status == 200, obj
    return obj


def raw_request(server, data, timeout=10):
    """Sends raw bytes on a fresh connection; returns (status, headers, parsed body)."""
    status, headers, body = raw_exchange(server, data, timeout)
    return status, headers, json.loads(body) if body else None


def raw_exchange(server, data, timeout=10):
    """Sends raw bytes on a fresh connection; returns (status, headers, body bytes unparsed)."""
    with socket.create_connection((server.host, server.port), timeout=timeout) as sock:
        sock.sendall(data)
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
            if _complete(b"".join(chunks)):
                break
    resp = b"".join(chunks)
    head, _, body = resp.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        k, _, v = line.partition(":")
        headers[k.strip().lower()] = v.strip()
    return status, headers, body


def _complete(resp):
    head, sep, body = resp.partition(b"\r\n\r\n")
    if not sep:
        return False
    m = re.search(rb"(?i)content-length:\s*(\d+)", head)
    return bool(m) and len(body) >= int(m.group(1))


def post_raw(server, body_bytes, path=BASE, method="POST", key=SECRET_KEY):
    req = (f"{method} {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {key}\r\n"
           f"Content-Type: application/json\r\nContent-Length: {len(body_bytes)}\r\n"
           f"Connection: close\r\n\r\n").encode() + body_bytes
    return raw_request(server, req)


def exchange_text(server, method, path, body_bytes=b"", key=SECRET_KEY):
    """One request with a raw body; returns (status, response body as text, byte for byte)."""
    req = (f"{method} {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {key}\r\n"
           f"Content-Type: application/json\r\nContent-Length: {len(body_bytes)}\r\n"
           f"Connection: close\r\n\r\n").encode() + body_bytes
    status, _, body = raw_exchange(server, req)
    return status, body.decode()


def shared_server_class():
    """The Server class of tests/conftest.py, loaded by path (immune to other conftest.py)."""
    import importlib.util
    import pathlib
    import sys
    path = pathlib.Path(__file__).resolve().parent.parent / "conftest.py"
    for mod in list(sys.modules.values()):
        if getattr(mod, "__file__", None) and pathlib.Path(mod.__file__).resolve() == path:
            return mod.Server
    spec = importlib.util.spec_from_file_location("cbdest_shared_conftest", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.Server
