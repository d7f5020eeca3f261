"""ptyterm: run a program in a pseudo-terminal and observe the bytes it writes (bench helper)."""
import codecs
import errno
import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time

# CSI (with ncurses' REP "\e[Nb" handled apart), OSC, charset selects, other two-byte escapes.
_ESC_RE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|"
                     r"\x1b[()*+][0-9A-Za-z]|\x1b[@-Z\\-_=>78]")
_REP_RE = re.compile(r"(.)\x1b\[(\d+)b", re.S)
_CTRL_RE = re.compile(r"[\x00-\x1f\x7f\s]")


def visible_text(text):
    """Text of a terminal stream with escapes, controls and all whitespace removed."""
    text = _REP_RE.sub(lambda m: m.group(1) * (int(m.group(2)) + 1), text)
    return _CTRL_RE.sub("", _ESC_RE.sub("", text))


class Term:
    """One child process on a pty of COLS x ROWS; counts and keeps what it writes."""

    def __init__(self, argv, env, cols=100, rows=30):
        self.started = time.monotonic()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.total = 0
        self.text = ""          # visible text seen so far (bounded tail)
        self.chunk = ""         # visible text since the last start_chunk()
        self.last_output = None
        self.exited = False
        self._dec = codecs.getincrementaldecoder("utf-8")("replace")

    def _read_once(self, timeout):
        """Reads what is available within timeout; returns the bytes (b"" on none or EOF)."""
        if self.exited:
            time.sleep(max(0.0, timeout))
            return b""
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not ready:
            return b""
        try:
            data = os.read(self.fd, 65536)
        except OSError as e:
            if e.errno != errno.EIO:
                raise
            data = b""
        if not data:
            self.exited = True
            return b""
        self.total += len(data)
        self.last_output = time.monotonic()
        seen = visible_text(self._dec.decode(data))
        self.text = (self.text + seen)[-200000:]
        self.chunk = (self.chunk + seen)[-200000:]
        return data

    def start_chunk(self):
        """Starts collecting the visible text of what comes next into self.chunk."""
        self.chunk = ""

    def read_for(self, seconds):
        """Reads for a fixed time; returns the number of bytes written meanwhile."""
        start, end = self.total, time.monotonic() + seconds
        while time.monotonic() < end:
            self._read_once(end - time.monotonic())
        return self.total - start

    def read_until_quiet(self, quiet=0.2, timeout=5.0):
        """Reads until no byte arrives for `quiet` s (or timeout); returns the byte count."""
        start, end = self.total, time.monotonic() + timeout
        last = time.monotonic()
        while time.monotonic() < end and not self.exited:
            if self._read_once(min(quiet, end - time.monotonic())):
                last = time.monotonic()
            elif time.monotonic() - last >= quiet:
                break
        return self.total - start

    def wait_text(self, markers, timeout):
        """Waits until any marker (visible text, no spaces) was drawn; returns True if so."""
        end = time.monotonic() + timeout
        while time.monotonic() < end and not self.exited:
            if any(m in self.text for m in markers):
                return True
            self._read_once(min(0.05, end - time.monotonic()))
        return any(m in self.text for m in markers)

    def wait_first_byte(self, timeout, ignore_upto=0):
        """Waits for the next output; returns seconds until it came, or None. Reads of at most
        `ignore_upto` bytes (a spinner tick such as "\\b/") do not count as that output."""
        t0 = time.monotonic()
        end = t0 + timeout
        while time.monotonic() < end and not self.exited:
            if len(self._read_once(end - time.monotonic())) > ignore_upto:
                return self.last_output - t0
        return None

    def send(self, data):
        os.write(self.fd, data)

    def try_send(self, data):
        """Sends only if the pty's input queue has room now (never blocks); True if sent."""
        _, writable, _ = select.select([], [self.fd], [], 0)
        if not writable:
            return False
        os.write(self.fd, data)
        return True

    def resize(self, cols, rows):
        """TIOCSWINSZ on the master; the kernel then sends SIGWINCH to the foreground group."""
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def rss_kb(self, field="VmRSS"):
        """Resident set size of the child (VmRSS, or VmHWM: its peak), in KiB; None once gone."""
        try:
            with open(f"/proc/{self.pid}/status") as f:
                for line in f:
                    if line.startswith(field + ":"):
                        return int(line.split()[1])
        except OSError:
            pass
        return None

    def close(self, quit_keys=b"q"):
        """Asks the program to quit, then TERM, then KILL; always reaps the child."""
        try:
            if quit_keys and not self.exited:
                self.send(quit_keys)
                self.read_until_quiet(0.1, 1.0)
        except OSError:
            pass
        for sig, grace in ((None, 0.5), (signal.SIGTERM, 1.0), (signal.SIGKILL, 2.0)):
            if sig is not None:
                try:
                    os.kill(self.pid, sig)
                except ProcessLookupError:
                    pass
            end = time.monotonic() + grace
            while time.monotonic() < end:
                try:
                    pid, _ = os.waitpid(self.pid, os.WNOHANG)
                except ChildProcessError:
                    pid = self.pid
                if pid:
                    os.close(self.fd)
                    return
                try:
                    self._read_once(0.02)
                except OSError:
                    time.sleep(0.02)
        os.close(self.fd)
