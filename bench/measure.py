"""measure: run a command, print its wall time and peak RSS (wait4), stdout to a file (bench helper)."""
import os
import subprocess
import sys
import time

USAGE = "usage: measure.py OUTFILE CMD [ARG...]   -> prints 'wall_s=.. maxrss_kb=.. rc=..'"


def main():
    if len(sys.argv) < 3:
        print(USAGE, file=sys.stderr)
        return 2
    with open(sys.argv[1], "wb") as out:
        t0 = time.monotonic()
        proc = subprocess.Popen(sys.argv[2:], stdout=out, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - t0
    rc = os.waitstatus_to_exitcode(status)
    # wait4 reports the larger of the child's own peak and that of its waited-for descendants.
    print(f"wall_s={wall:.3f} maxrss_kb={usage.ru_maxrss} rc={rc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
