"""tui_bench: drive cbdest's TUI in a pty and measure first screen, key latency, bytes, memory.

Each subcommand prints one JSON line. The client finds the server through the environment
(METORIAL_BASE_URL, CBDEST_API_KEY_FILE); --base-url overrides the URL (for the slow proxy).
"""
import argparse
import http.client
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ptyterm import Term, visible_text  # noqa: E402

PGDN, CTRL_L = b"\x1b[6~", b"\x0c"
SPINNER_TICK = 4    # the TUI's in-flight spinner writes "\b-" etc.: not a repaint
COLS, ROWS = 100, 30


def client_env(base_url=None):
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    env.pop("NO_COLOR", None)
    if base_url:
        env["METORIAL_BASE_URL"] = base_url
    return env


def api_get(path):
    """GET on the real server (not the proxy) with the bench key; returns parsed JSON."""
    url = urllib.parse.urlsplit(os.environ["METORIAL_BASE_URL"])
    with open(os.environ["CBDEST_API_KEY_FILE"]) as f:
        key = f.read().strip()
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    conn.request("GET", path, headers={"Authorization": f"Bearer {key}"})
    body = conn.getresponse().read()
    conn.close()
    return json.loads(body)


def first_row_markers():
    """Visible-text markers of the first row in either order: leading name text, id prefix."""
    markers = []
    for order in ("asc", "desc"):
        items = api_get(f"/callback-destinations?limit=1&order={order}").get("items") or []
        for item in items[:1]:
            name = visible_text(str(item.get("name", "")))[:10]
            if len(name) >= 4 and name.isprintable():
                markers.append(name)
            markers.append(visible_text(str(item.get("id", "")))[:14])
    return [m for m in markers if m]


def launch(args, base_url=None, extra=()):
    return Term([args.bin, *extra], client_env(base_url), COLS, ROWS)


def wait_first_screen(term, markers, timeout):
    """Seconds from launch until a first-row marker was drawn, or None."""
    if not term.wait_text(markers, timeout):
        return None
    return term.last_output - term.started


def cmd_first_screen(args):
    markers = first_row_markers()
    tui, cli, fails = [], [], 0
    for _ in range(args.runs):
        term = launch(args)
        dt = wait_first_screen(term, markers, 10.0)
        term.close()
        if dt is None:
            fails += 1
        else:
            tui.append(dt)
        t0 = time.monotonic()
        rc = subprocess.run([args.bin, "list", "--limit", "20"], env=client_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        if rc == 0:
            cli.append(time.monotonic() - t0)
    out = {"tui_ms": ms(statistics.median(tui)) if tui else None,
           "cli_ms": ms(statistics.median(cli)) if cli else None,
           "runs": args.runs, "tui_failed": fails, "cli_failed": args.runs - len(cli)}
    print(json.dumps(out))


def cmd_keys(args):
    markers = first_row_markers()
    term = launch(args, args.base_url)
    try:
        if wait_first_screen(term, markers, args.first_timeout) is None:
            print(json.dumps({"error": "first screen not drawn"}))
            return
        term.read_until_quiet(0.2, 1.0)    # the first prefetch may still be in flight: good
        lat, missing = [], 0
        for _ in range(args.presses):
            if args.log:
                print(f"{time.monotonic():.3f} press j", file=sys.stderr, flush=True)
            term.send(b"j")
            dt = term.wait_first_byte(3.0, ignore_upto=SPINNER_TICK)
            if dt is None:
                missing += 1
            else:
                lat.append(dt)
            term.read_until_quiet(0.1, 1.0)
        out = {"median_ms": ms(statistics.median(lat)) if lat else None,
               "max_ms": ms(max(lat)) if lat else None,
               "presses": args.presses, "no_repaint": missing}
        print(json.dumps(out))
    finally:
        term.close()


def bytes_of(term, keys, times=1, settle=0.3):
    """Median bytes written in answer to `keys`, sent `times` times."""
    counts = []
    for _ in range(times):
        term.send(keys)
        counts.append(term.read_until_quiet(settle, 5.0))
    return int(statistics.median(counts))


def cmd_bytes(args):
    markers = first_row_markers()
    term = launch(args)
    try:
        if wait_first_screen(term, markers, 10.0) is None:
            print(json.dumps({"error": "first screen not drawn"}))
            return
        first = term.total + term.read_until_quiet(0.5, 5.0)
        out = {"first_draw": first, "full": bytes_of(term, CTRL_L, 3),
               "j": bytes_of(term, b"j", 5), "pgdn": bytes_of(term, PGDN, 3)}
        term.resize(COLS + 10, ROWS + 2)
        out["resize"] = term.read_until_quiet(0.5, 5.0)
        out["resize_full"] = bytes_of(term, CTRL_L, 1)
        print(json.dumps(out))
    finally:
        term.close()


def cmd_idle(args):
    """Bytes written in `seconds` of idleness after the first screen settled."""
    markers = first_row_markers()
    term = launch(args)
    try:
        if wait_first_screen(term, markers, 10.0) is None:
            print(json.dumps({"error": "first screen not drawn"}))
            return
        term.read_until_quiet(1.0, 10.0)
        print(json.dumps({"idle_bytes": term.read_for(args.seconds), "seconds": args.seconds}))
    finally:
        term.close()


_POS_RE = re.compile(r"(\d+)-(\d+),more(above|below)(andbelow)?")


def at_end(chunk):
    """(last row number, True when nothing is below) from the position text of a full repaint."""
    found = _POS_RE.findall(chunk)
    if not found:
        return None, False
    first, last, where, both = found[-1]
    return int(last), where == "above" and not both


def position_check(term):
    """Forces a full repaint (Ctrl-L) and reads the position text back from it."""
    term.read_until_quiet(0.05, 2.0)
    term.start_chunk()
    term.send(CTRL_L)
    term.read_until_quiet(0.1, 2.0)
    return at_end(term.chunk)


def cmd_memory(args):
    markers = first_row_markers()
    extra = ["--page-size", str(args.page_size)] if args.page_size else []
    term = launch(args, None, extra)
    try:
        if wait_first_screen(term, markers, 10.0) is None:
            print(json.dumps({"error": "first screen not drawn"}))
            return
        term.read_until_quiet(0.5, 5.0)
        rss_first = term.rss_kb()
        peak, last, done = rss_first, 0, False
        start = time.monotonic()
        deadline = start + args.max_seconds
        while not done and time.monotonic() < deadline and not term.exited:
            # Hold PgDn for a second (a key every `interval` s, never blocking), then look.
            burst_end = min(deadline, time.monotonic() + 1.0)
            while time.monotonic() < burst_end and not term.exited:
                term.try_send(PGDN)
                term.read_for(args.interval)
            row, done = position_check(term)
            last = row or last
            peak = max(peak, term.rss_kb() or 0)
        peak = max(peak, term.rss_kb("VmHWM") or 0)
        out = {"rss_first_kb": rss_first, "rss_peak_kb": peak, "rss_end_kb": term.rss_kb(),
               "last_row": last, "reached_end": done,
               "seconds": round(time.monotonic() - start, 1)}
        print(json.dumps(out))
    finally:
        term.close()


def ms(seconds):
    return round(seconds * 1000.0, 2)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--bin", required=True, help="the cbdest binary")
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("first-screen")
    p.add_argument("--runs", type=int, default=5)
    p = sub.add_parser("keys")
    p.add_argument("--base-url")
    p.add_argument("--presses", type=int, default=20)
    p.add_argument("--first-timeout", type=float, default=15.0)
    p.add_argument("--log", action="store_true", help="log each press on stderr")
    sub.add_parser("bytes")
    p = sub.add_parser("idle")
    p.add_argument("--seconds", type=float, default=60.0)
    p = sub.add_parser("memory")
    p.add_argument("--page-size", type=int, default=0)
    p.add_argument("--interval", type=float, default=0.004, help="seconds between PgDn keys")
    p.add_argument("--max-seconds", type=float, default=90.0)
    args = ap.parse_args()
    # TERM (from run.sh's cleanup) unwinds through the `finally` blocks that stop the TUI.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    handlers = {"first-screen": cmd_first_screen, "keys": cmd_keys, "bytes": cmd_bytes,
                "idle": cmd_idle, "memory": cmd_memory}
    handlers[args.cmd](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
