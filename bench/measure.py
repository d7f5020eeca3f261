"""measure: run a command, print its wall time and peak RSS (GNU time), stdout to a file (bench helper)."""
import os
import subprocess
import sys
import tempfile
import time

USAGE = "usage: measure.py OUTFILE CMD [ARG...]   -> prints 'wall_s=.. maxrss_kb=.. rc=..'"


def main():
    if len(sys.argv) < 3:
        print(USAGE, file=sys.stderr)
        return 2
    # The peak RSS comes from GNU time, not from our own wait4: a child that Python starts
    # (vfork + exec) inherits Python's ~10 MB high-water mark, so wait4 could never report a
    # smaller peak than the interpreter's, even for /bin/true. GNU time is a small C program.
    with open(sys.argv[1], "wb") as out, tempfile.NamedTemporaryFile("r") as rss:
        t0 = time.monotonic()
        proc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss.name, *sys.argv[2:]],
                              stdout=out, stdin=subprocess.DEVNULL)
        wall = time.monotonic() - t0
        maxrss = (rss.read().strip().splitlines() or ["0"])[-1]
    print(f"wall_s={wall:.3f} maxrss_kb={maxrss} rc={proc.returncode}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
