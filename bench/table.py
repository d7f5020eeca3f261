"""table: print the bench rows aligned (TSV on stdin: key, figure, measured, baseline, ratio, target, met).

Rows are ordered by their numeric key (the figure's number), stably."""
import sys

HEAD = ["figure", "measured", "baseline (same run)", "ratio", "target", "met?"]


def main():
    body = []
    for line in sys.stdin:
        cells = line.rstrip("\n").split("\t")
        if len(cells) >= 3:
            key = int(cells[0]) if cells[0].isdigit() else 99
            body.append((key, (cells[1:] + [""] * len(HEAD))[:len(HEAD)]))
    rows = [HEAD] + [cells for _, cells in sorted(body, key=lambda kc: kc[0])]
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEAD))]
    fmt = lambda r: "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |"
    print(fmt(rows[0]))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows[1:]:
        print(fmt(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
