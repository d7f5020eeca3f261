"""A real terminal for end-to-end tests: a private tmux server running one command in a pane."""
import os
import shlex
import subprocess
import tempfile
import time
import uuid


class TmuxTerm:
    """Runs `argv` in a detached tmux pane of cols x rows on a private socket.

    env: the full environment for the command (defaults to os.environ plus TERM and a UTF-8
    locale). The pane stays after the command exits (remain-on-exit) so the final screen and
    exit status can be read.
    """

    def __init__(self, argv, cols=100, rows=30, env=None, cwd=None, term="tmux-256color"):
        self.socket = f"cbdest-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.cols, self.rows = cols, rows
        self.conf = tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False)
        self.conf.write(
            f'set -g default-terminal "{term}"\n'
            "set -g remain-on-exit on\n"
            "set -g status off\n"
            "set -g escape-time 0\n"
            "set -g history-limit 0\n")
        self.conf.close()
        full_env = dict(os.environ if env is None else env)
        full_env.setdefault("LANG", "C.UTF-8")
        full_env.setdefault("LC_ALL", full_env["LANG"])
        full_env.pop("TMUX", None)
        self.env = full_env
        command = " ".join(shlex.quote(a) for a in argv)
        self._tmux("new-session", "-d", "-s", "t", "-x", str(cols), "-y", str(rows),
                   command, cwd=cwd)

    def _tmux(self, *args, cwd=None, check=True):
        res = subprocess.run(["tmux", "-L", self.socket, "-f", self.conf.name, *args],
                             env=self.env, cwd=cwd, capture_output=True, text=True)
        if check and res.returncode != 0:
            raise RuntimeError(f"tmux {args[0]} failed: {res.stderr.strip()}")
        return res.stdout

    # --- input ---------------------------------------------------------------------------
    def keys(self, *names):
        """Named keys as tmux spells them: 'Enter', 'Escape', 'C-s', 'PageDown', 'j', 'BTab'."""
        self._tmux("send-keys", "-t", "t", *names)

    def type(self, text):
        """Literal text (UTF-8 allowed), no key-name interpretation."""
        self._tmux("send-keys", "-t", "t", "-l", text)

    def paste(self, text):
        """Bracketed paste of text (when the application enabled it)."""
        self._tmux("set-buffer", "-b", "p", text)
        self._tmux("paste-buffer", "-p", "-d", "-b", "p", "-t", "t")

    # --- output --------------------------------------------------------------------------
    def screen(self, attrs=False):
        """The visible screen as text lines joined by newlines (with -e: SGR attributes)."""
        args = ["capture-pane", "-p", "-t", "t"]
        if attrs:
            args.append("-e")
        return self._tmux(*args)

    def lines(self):
        return self.screen().split("\n")

    def wait_for(self, want, timeout=10.0):
        """Polls until `want` (a substring, or a predicate on the screen text) holds;
        returns the screen. Raises AssertionError with the last screen on timeout."""
        check = want if callable(want) else (lambda s: want in s)
        deadline = time.monotonic() + timeout
        while True:
            s = self.screen()
            if check(s):
                return s
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {want!r}; screen was:\n{s}")
            time.sleep(0.03)

    def settle(self, quiet=0.25, timeout=10.0):
        """Waits until the screen has not changed for `quiet` seconds; returns it."""
        deadline = time.monotonic() + timeout
        last, since = self.screen(), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.03)
            s = self.screen()
            if s != last:
                last, since = s, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return s
        return last

    def cursor(self):
        """(x, y) of the pane's cursor."""
        out = self._tmux("display-message", "-p", "-t", "t", "#{cursor_x} #{cursor_y}")
        x, y = out.split()
        return int(x), int(y)

    # --- lifecycle -----------------------------------------------------------------------
    def resize(self, cols, rows):
        self._tmux("resize-window", "-t", "t", "-x", str(cols), "-y", str(rows))
        self.cols, self.rows = cols, rows

    def is_dead(self):
        return self._tmux("display-message", "-p", "-t", "t", "#{pane_dead}").strip() == "1"

    def exit_status(self, timeout=10.0):
        """Waits for the command to exit; returns its exit status."""
        deadline = time.monotonic() + timeout
        while not self.is_dead():
            if time.monotonic() > deadline:
                raise AssertionError("command did not exit; screen:\n" + self.screen())
            time.sleep(0.03)
        out = self._tmux("display-message", "-p", "-t", "t", "#{pane_dead_status}")
        return int(out.strip() or "0")

    def pane_pid(self):
        return int(self._tmux("display-message", "-p", "-t", "t", "#{pane_pid}").strip())

    def close(self):
        self._tmux("kill-server", check=False)
        try:
            os.unlink(self.conf.name)
        except OSError:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
