"""A terminal resize costs one full repaint at the new size: one clear, not the old layout first."""
import fcntl
import os
import select
import struct
import subprocess
import termios
import time

from tuihelp import CLIENT_BIN, client_env

CLEAR = b"\x1b[H\x1b[2J"        # xterm-256color's clear capability


def set_size(fd, cols, rows):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def own_tty():
    """In the child, after setsid: the pty becomes its controlling terminal (so it gets SIGWINCH)."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def read_quiet(fd, quiet=0.6, timeout=10):
    """Output until nothing came for `quiet` seconds (bounded by `timeout`)."""
    out, deadline = b"", time.monotonic() + timeout
    while time.monotonic() < deadline:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r:
            return out
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return out
        if not chunk:
            return out
        out += chunk
    raise AssertionError("the screen never settled")


def read_until(fd, needle, timeout=10):
    out, deadline = b"", time.monotonic() + timeout
    while needle not in out and time.monotonic() < deadline:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            out += os.read(fd, 65536)
    assert needle in out, out[-500:]
    return out + read_quiet(fd)


def test_a_resize_repaints_once(seeded_server, tmp_path):
    master, slave = os.openpty()
    set_size(slave, 100, 30)
    env = dict(client_env(seeded_server, tmp_path), TERM="xterm-256color")
    proc = subprocess.Popen([str(CLIENT_BIN)], stdin=slave, stdout=slave, stderr=slave,
                            env=env, start_new_session=True, preexec_fn=own_tty)
    os.close(slave)
    try:
        read_until(master, b"more below")
        set_size(master, 110, 32)               # the kernel sends SIGWINCH to the child
        resize = read_quiet(master)
        os.write(master, b"\x0c")               # Ctrl-L: a full repaint at the new size
        full = read_quiet(master)
        print(f"bytes: resize {len(resize)}, Ctrl-L repaint {len(full)}")
        assert full.count(CLEAR) == 1 and len(full) > 2000, full[:200]
        assert resize.count(CLEAR) == 1, resize.count(CLEAR)
        assert len(resize) < 1.3 * len(full), (len(resize), len(full))
        assert b"more below" in resize and b"cld_" in resize
        os.write(master, b"q")
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    reports = sorted(tmp_path.glob("sanitizer*"))       # under `make asan`
    assert not reports, reports[0].read_text()[:3000]
