"""No request hangs: a peer that accepts and never answers is cut off by the stall timeout, a
TLS peer that never completes the handshake by the connect timeout, each with the right words."""
import socket
import threading

from fakeserver import Reply, dest_json

FAST = {"CBDEST_STALL_TIMEOUT_S": "1", "CBDEST_RETRY_MAX_ATTEMPTS": "1"}


def test_get_without_response_headers_is_cut_by_the_stall_timeout(fake, cbdest):
    fake.script("GET", None, Reply(200, dest_json(1), delay=8), times=None)
    r = cbdest("get", "cld_fake0001", env=FAST)
    assert r.rc == 3
    assert r.err == "cbdest: network error (timeout): no data moved for 1 s (stalled transfer)\n"
    assert r.seconds < 4


def test_patch_without_response_headers_is_cut_by_the_stall_timeout(fake, cbdest):
    fake.script("GET", None, Reply(200, dest_json(1)), times=None)
    fake.script("PATCH", None, Reply(200, dest_json(1, name="n"), delay=8), times=None)
    r = cbdest("update", "cld_fake0001", "--name", "n", env=FAST)
    assert r.rc == 3
    assert r.err == "cbdest: network error (timeout): no data moved for 1 s (stalled transfer)\n"
    assert r.seconds < 4


def test_create_and_its_check_both_silent_end_in_bounded_time(fake, cbdest):
    fake.script(None, None, Reply(200, b"{}", delay=8), times=None)
    r = cbdest("create", "--name", "n", "--url", "https://e.com/", env=FAST)
    assert r.rc == 3
    lines = r.err.splitlines()
    assert lines[0] == "cbdest: the create's outcome is unknown; checking whether it landed"
    assert lines[1] == ("cbdest: network error (timeout): no data moved for 1 s (stalled "
                        "transfer); the request may or may not have been applied")
    assert lines[2].startswith("cbdest: could not check whether it was created")
    assert [q.method for q in fake.requests] == ["POST", "GET"]
    assert r.seconds < 6


def test_tls_peer_that_never_handshakes_is_cut_by_the_connect_timeout(cbdest):
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(4)
    held = []
    threading.Thread(target=lambda: held.append(srv.accept()), daemon=True).start()
    try:
        r = cbdest("get", "x", base_url=f"https://127.0.0.1:{srv.getsockname()[1]}",
                   env={**FAST, "CBDEST_STALL_TIMEOUT_S": "5", "CBDEST_CONNECT_TIMEOUT_S": "1"})
        assert r.rc == 3
        assert r.err.startswith("cbdest: network error (timeout): timed out connecting"), r.err
        assert "stalled" not in r.err
        assert r.seconds < 4
    finally:
        srv.close()


def test_a_trickling_response_is_cut_by_the_transfer_timeout(cbdest):
    """A peer that sends a byte every 0.3 s never trips the stall check; the whole-transfer
    limit still ends the attempt (here 2 s; 300 s by default)."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(4)
    stop = threading.Event()

    def trickle():
        conn, _ = srv.accept()
        conn.recv(65536)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 1000\r\n\r\n")
        for _ in range(40):                     # at most 12 s, then give up
            if stop.is_set():
                break
            try:
                conn.sendall(b" ")
            except OSError:
                break
            stop.wait(0.3)
        conn.close()

    threading.Thread(target=trickle, daemon=True).start()
    try:
        r = cbdest("get", "x", base_url=f"http://127.0.0.1:{srv.getsockname()[1]}",
                   env={**FAST, "CBDEST_STALL_TIMEOUT_S": "5", "CBDEST_TRANSFER_TIMEOUT_S": "2"})
        assert r.rc == 3
        assert r.err == ("cbdest: network error (timeout): the transfer took longer than 2 s "
                         "(the server is too slow)\n"), r.err
        assert r.seconds < 5
    finally:
        stop.set()
        srv.close()
