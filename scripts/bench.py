"""Runs recon and the DuckDB reference on the same generated data and prints both, with ratios.

Called by scripts/bench (which builds recon and prepares the virtual environment). For each size:
  1. `recon gen --rows N --seed S` writes bank.csv, ledger.csv, expected.csv (reused when present);
  2. `recon run` and `recon_duckdb.py` reconcile the same files, each under /usr/bin/time, taking
     turns `--repeat` times (default 3), so that both see the machine in the same state;
  3. compare_breaks.py checks that both reports hold the same breaks (after every run);
  4. a table: median wall time, highest peak RSS, rows per second, recon/DuckDB ratios of the
     medians, recon's phase split (of its median run), and every single timing below it.
"""
import argparse
import os
import platform
import re
import subprocess
import sys
import time
from datetime import date

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RECON = os.path.join(ROOT, ".build", "release", "recon")
PY = sys.executable
REF = os.path.join(ROOT, "scripts", "reference", "recon_duckdb.py")
CMP = os.path.join(ROOT, "scripts", "reference", "compare_breaks.py")


def timed(cmd, ok=(0, 1)):
    """Runs cmd under /usr/bin/time -v; returns (wall seconds, peak RSS MiB, stderr)."""
    start = time.monotonic()
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True)
    wall = time.monotonic() - start
    if p.returncode not in ok:
        sys.exit(f"bench: {' '.join(cmd)} failed with {p.returncode}:\n{p.stderr[-3000:]}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1)) / 1024
    return wall, rss, p.stderr


def median_run(runs):
    """The run of median wall time (the lower middle one for an even count)."""
    ordered = sorted(runs, key=lambda r: r[0])
    return ordered[(len(ordered) - 1) // 2]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000000", help="comma-separated ledger row counts")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--work", default=os.path.join(ROOT, "bench-out"))
    ap.add_argument("--repeat", type=int, default=3,
                    help="runs of each engine per size, taking turns; the table shows the median time")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results = []
    timings = []
    for n in sizes:
        d = os.path.join(args.work, f"{n}-{args.seed}")
        os.makedirs(d, exist_ok=True)
        if not os.path.exists(os.path.join(d, "expected.csv")):
            subprocess.run([RECON, "gen", "--rows", str(n), "--seed", str(args.seed), "--out", d], check=True)
        bank, ledger = os.path.join(d, "bank.csv"), os.path.join(d, "ledger.csv")
        rows = sum(1 for _ in open(bank, "rb")) - 1 + sum(1 for _ in open(ledger, "rb")) - 1
        mb = (os.path.getsize(bank) + os.path.getsize(ledger)) / 1e6
        recon_runs, duck_runs = [], []
        for _ in range(max(1, args.repeat)):
            recon_runs.append(timed([RECON, "run", "--bank", bank, "--ledger", ledger, "--out", os.path.join(d, "recon"),
                                     "--threads", str(args.threads), "--verbose"]))
            duck_runs.append(timed([PY, REF, "--bank", bank, "--ledger", ledger, "--out", os.path.join(d, "duckdb"),
                                    "--threads", str(args.threads)], ok=(0,)))
            cmp = subprocess.run([PY, CMP, os.path.join(d, "recon", "breaks.csv"), os.path.join(d, "duckdb", "breaks.csv")],
                                 capture_output=True, text=True)
            same = cmp.returncode == 0
            if not same:
                print(cmp.stdout[-3000:], file=sys.stderr)
                break
        rw, _, rerr = median_run(recon_runs)
        dw, _, _ = median_run(duck_runs)
        rr = max(r[1] for r in recon_runs)
        dr = max(r[1] for r in duck_runs)
        timings.append((n, [r[0] for r in recon_runs], [r[0] for r in duck_runs]))
        phases = re.search(r"read\+parse ([\d.]+)s match ([\d.]+)s write ([\d.]+)s", rerr)
        results.append((n, rows, mb, rw, rr, dw, dr, same, phases.groups() if phases else ("?", "?", "?")))

    print(f"\nRecon benchmark, {date.today().isoformat()}, {platform.node()}: {os.cpu_count()} cores, "
          f"threads={args.threads}, seed={args.seed}, median of {max(1, args.repeat)} runs each, taking turns")
    print("| ledger rows | rows (both sides) | input MB | engine | median wall s | highest peak RSS MiB | rows/s | recon/DuckDB time | recon/DuckDB RSS | same breaks |")
    print("|---:|---:|---:|---|---:|---:|---:|---:|---:|---|")
    for n, rows, mb, rw, rr, dw, dr, same, _ in results:
        print(f"| {n:,} | {rows:,} | {mb:,.0f} | recon | {rw:.2f} | {rr:,.0f} | {rows / rw:,.0f} | {rw / dw:.3f} | {rr / dr:.3f} | {'yes' if same else 'NO'} |")
        print(f"| {n:,} | {rows:,} | {mb:,.0f} | DuckDB | {dw:.2f} | {dr:,.0f} | {rows / dw:,.0f} | | | |")
    print("\nrecon phases (s): | ledger rows | read+parse | match | write | bytes of peak RSS per input row |")
    for n, rows, mb, rw, rr, dw, dr, same, ph in results:
        print(f"| {n:,} | {ph[0]} | {ph[1]} | {ph[2]} | {rr * 1048576 / rows:,.0f} |")
    print("\nevery run (wall s, in the order run):")
    for n, rs, ds in timings:
        print(f"| {n:,} | recon {', '.join(f'{t:.2f}' for t in rs)} | DuckDB {', '.join(f'{t:.2f}' for t in ds)} |")
    if len(results) > 1:
        a, b = results[0], results[-1]
        print(f"\nscaling {a[0]:,} -> {b[0]:,} ledger rows: recon time x{b[3] / a[3]:.2f}, DuckDB time x{b[5] / a[5]:.2f} "
              f"(rows x{b[1] / a[1]:.2f})")
    if not all(r[7] for r in results):
        sys.exit("bench: recon and DuckDB disagree (see above)")


if __name__ == "__main__":
    main()
