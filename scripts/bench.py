"""Runs recon, the DuckDB reference and the Polars reference on the same generated data and prints
them side by side, with ratios.

Called by scripts/bench (which builds recon and prepares the virtual environment). For each size N
(ledger rows) and each data shape:
  - few:     `recon gen --rows N --seed S` (its default: one account per 2,000 ledger rows);
  - custody: `recon gen --rows N --seed S --accounts N/A --skew` (A = --rows-per-account, default 5:
             millions of sub-accounts at 10M rows, most with one or two movements, a few busy ones);
  1. recon gen writes bank.csv, ledger.csv, expected.csv into WORK/N-S-SHAPE (reused when present and
     made by the same gen command, which gen-args.txt records);
  2. `recon run --verbose`, recon_duckdb.py and recon_polars.py reconcile the same files, each under
     /usr/bin/time -v, taking turns `--repeat` times (default 3), so that all see the machine in the
     same state;
  3. after every run of a reference, compare_breaks.py checks that its report holds the same breaks,
     in the same order, as recon's report of the same round (or, without recon, the first engine's);
  4. tables: per size and shape, each engine's median wall time, highest peak RSS, bytes of peak RSS
     per input row and rows per second, with recon/DuckDB and recon/Polars ratios of the medians;
     recon's phases (from its --verbose timing line, of its median run) and its read+parse speed in
     MB of CSV per second; the custody/few time ratio per size; scaling from the first size to the
     last per shape; and every single timing.
Exits 1 when any reference's breaks differ from recon's (the differences are printed as they occur).

    scripts/bench --sizes 1000000,10000000 --threads 2
    scripts/bench --sizes 200000 --shapes custody --engines recon,polars --repeat 1
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
REFERENCE = os.path.join(ROOT, "scripts", "reference")
CMP = os.path.join(REFERENCE, "compare_breaks.py")

ENGINES = ["recon", "duckdb", "polars"]
LABEL = {"recon": "recon", "duckdb": "DuckDB", "polars": "Polars"}
SHAPES = ["few", "custody"]


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


def recon_phases(stderr):
    """Seconds per phase from `recon run --verbose`'s line
    `timing read+parse 1.234s match ... cpu read+parse 2.100s match ...`: the wall times as
    {'read+parse': 1.234, 'match': ..., 'write': ...} and the CPU times (all threads) under 'cpu ' + name;
    empty when the line is missing."""
    line = next((l for l in stderr.splitlines() if "timing read+parse" in l), "")
    line = line[line.index("timing"):] if line else ""
    wall, _, cpu = line.partition(" cpu ")
    phases = {name: float(s) for name, s in re.findall(r"([\w+]+) ([\d.]+)s\b", wall)}
    phases.update({"cpu " + name: float(s) for name, s in re.findall(r"([\w+]+) ([\d.]+)s\b", cpu)})
    return phases


def engine_command(engine, bank, ledger, out, threads):
    if engine == "recon":
        return [RECON, "run", "--bank", bank, "--ledger", ledger, "--out", out, "--threads", str(threads), "--verbose"]
    script = os.path.join(REFERENCE, f"recon_{engine}.py")
    return [PY, script, "--bank", bank, "--ledger", ledger, "--out", out, "--threads", str(threads)]


def generate(d, n, seed, shape, rows_per_account):
    """Writes the data set of one size and shape into d (unless the same gen command made it);
    returns the number of accounts (recon gen's default for `few`)."""
    accounts = max(1, n // rows_per_account) if shape == "custody" else max(8, n // 2000)
    gen = ["--rows", str(n), "--seed", str(seed)]
    if shape == "custody":
        gen += ["--accounts", str(accounts), "--skew"]
    stamp = os.path.join(d, "gen-args.txt")
    os.makedirs(d, exist_ok=True)
    made = open(stamp).read().strip() if os.path.exists(stamp) else ""
    if made != " ".join(gen) or not os.path.exists(os.path.join(d, "expected.csv")):
        if os.path.exists(stamp):
            os.remove(stamp)
        subprocess.run([RECON, "gen"] + gen + ["--out", d], check=True)
        with open(stamp, "w") as f:
            f.write(" ".join(gen) + "\n")
    return accounts


def count_rows(path):
    """Data rows of a CSV file (lines less the header; generated files have no quoted newlines)."""
    with open(path, "rb") as f:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 24), b"")) - 1


def ratio(a, b, digits=3):
    return f"{a / b:.{digits}f}" if a is not None and b else ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000000", help="comma-separated ledger row counts")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--work", default=os.path.join(ROOT, "bench-out"))
    ap.add_argument("--repeat", type=int, default=3,
                    help="runs of each engine per size and shape, taking turns; the table shows the median time")
    ap.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated, of: few, custody (default both)")
    ap.add_argument("--engines", default=",".join(ENGINES), help="comma-separated, of: recon, duckdb, polars (default all)")
    ap.add_argument("--rows-per-account", type=int, default=5,
                    help="custody shape: ledger rows per account, i.e. --accounts N/this (default 5)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    shapes = [s for s in args.shapes.split(",") if s]
    engines = [e for e in args.engines.split(",") if e]
    if not sizes or not shapes or not engines or set(shapes) - set(SHAPES) or set(engines) - set(ENGINES):
        ap.error(f"--shapes from {SHAPES}, --engines from {ENGINES}, both non-empty")
    engines = [e for e in ENGINES if e in engines]  # fixed turn order; recon first when present
    base = engines[0]  # the engine every other one is compared with
    repeat = max(1, args.repeat)

    results = []  # one dict per (size, shape)
    for n in sizes:
        for shape in shapes:
            d = os.path.join(args.work, f"{n}-{args.seed}-{shape}")
            accounts = generate(d, n, args.seed, shape, args.rows_per_account)
            bank, ledger = os.path.join(d, "bank.csv"), os.path.join(d, "ledger.csv")
            rows = count_rows(bank) + count_rows(ledger)
            mb = (os.path.getsize(bank) + os.path.getsize(ledger)) / 1e6
            runs = {e: [] for e in engines}
            same = {e: True for e in engines}
            for _ in range(repeat):
                for e in engines:
                    out = os.path.join(d, e)
                    runs[e].append(timed(engine_command(e, bank, ledger, out, args.threads),
                                         ok=(0, 1) if e == "recon" else (0,)))
                    if e == base:
                        continue
                    cmp = subprocess.run([PY, CMP, os.path.join(d, base, "breaks.csv"), os.path.join(out, "breaks.csv")],
                                         capture_output=True, text=True)
                    if cmp.returncode != 0:
                        same[e] = False
                        print(f"bench: {LABEL[e]} disagrees with {LABEL[base]} on {d}:\n"
                              f"{cmp.stdout[-3000:]}{cmp.stderr[-1000:]}", file=sys.stderr)
            results.append(dict(
                n=n, shape=shape, accounts=accounts, rows=rows, mb=mb, runs=runs, same=same,
                wall={e: median_run(runs[e])[0] for e in engines},
                rss={e: max(r[1] for r in runs[e]) for e in engines},
                phases=recon_phases(median_run(runs["recon"])[2]) if "recon" in engines else {}))

    def at(n, shape):
        return next((r for r in results if r["n"] == n and r["shape"] == shape), None)

    print(f"\nRecon benchmark, {date.today().isoformat()}, {platform.node()}: {os.cpu_count()} cores, "
          f"threads={args.threads}, seed={args.seed}, median of {repeat} run(s) each, engines taking turns")
    print("shapes: few = `recon gen`'s default accounts (ledger rows / 2,000, at least 8); "
          f"custody = --accounts ledger rows / {args.rows_per_account} --skew. "
          "Ratios: recon's median (or highest RSS) over the engine's.\n")
    print("| ledger rows | shape | accounts | rows (both sides) | input MB | engine | median wall s | highest peak RSS MiB "
          "| bytes RSS / row | rows/s | recon/engine time | recon/engine RSS | same breaks |")
    print("|---:|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---|")
    for r in results:
        for e in engines:
            w, m = r["wall"][e], r["rss"][e]
            rw, rm = r["wall"].get("recon"), r["rss"].get("recon")
            rel = e != "recon" and "recon" in engines
            agree = "" if e == base else ("yes" if r["same"][e] else "NO")
            print(f"| {r['n']:,} | {r['shape']} | {r['accounts']:,} | {r['rows']:,} | {r['mb']:,.0f} | {LABEL[e]} "
                  f"| {w:.2f} | {m:,.0f} | {m * 1048576 / r['rows']:,.0f} | {r['rows'] / w:,.0f} "
                  f"| {ratio(rw, w) if rel else ''} | {ratio(rm, m) if rel else ''} | {agree} |")

    if "recon" in engines:
        print("\nrecon's phases (its median run, from --verbose), read+parse speed and memory per input row:\n")
        print("| ledger rows | shape | read+parse s | match s | write s | cpu s: read+parse, match, write "
              "| read+parse MB/s | bytes of peak RSS per input row |")
        print("|---:|---|---:|---:|---:|---|---:|---:|")
        for r in results:
            ph = r["phases"]
            rp = ph.get("read+parse")
            cells = [f"{ph[k]:.2f}" if k in ph else "?" for k in ("read+parse", "match", "write")]
            cpu = ", ".join(f"{ph['cpu ' + k]:.2f}" if "cpu " + k in ph else "?" for k in ("read+parse", "match", "write"))
            speed = f"{r['mb'] / rp:,.0f}" if rp else "?"
            per_row = r["rss"]["recon"] * 1048576 / r["rows"]
            print(f"| {r['n']:,} | {r['shape']} | {' | '.join(cells)} | {cpu} | {speed} | {per_row:,.0f} |")

    if "few" in shapes and "custody" in shapes:
        print("\ncustody/few, median wall time of the same size:\n")
        print("| ledger rows | " + " | ".join(LABEL[e] for e in engines) + " |")
        print("|---:|" + "---:|" * len(engines))
        for n in sizes:
            few, cus = at(n, "few"), at(n, "custody")
            print(f"| {n:,} | " + " | ".join(ratio(cus["wall"][e], few["wall"][e], 2) for e in engines) + " |")

    if len(sizes) > 1:
        print(f"\nscaling {sizes[0]:,} -> {sizes[-1]:,} ledger rows, median wall time (and per input row):\n")
        print("| shape | rows x | " + " | ".join(LABEL[e] for e in engines) + " |")
        print("|---|---:|" + "---:|" * len(engines))
        for shape in shapes:
            a, b = at(sizes[0], shape), at(sizes[-1], shape)
            grow = b["rows"] / a["rows"]
            print(f"| {shape} | {grow:.2f} | " + " | ".join(
                f"x{b['wall'][e] / a['wall'][e]:.2f} (x{b['wall'][e] / a['wall'][e] / grow:.2f})" for e in engines) + " |")

    print("\nevery run, in the order run (wall s / peak RSS MiB):\n")
    print("| ledger rows | shape | " + " | ".join(LABEL[e] for e in engines) + " |")
    print("|---:|---|" + "---|" * len(engines))
    for r in results:
        print(f"| {r['n']:,} | {r['shape']} | "
              + " | ".join(", ".join(f"{w:.2f}/{m:,.0f}" for w, m, _ in r["runs"][e]) for e in engines) + " |")

    failed = [f"{LABEL[e]} on {r['n']:,} {r['shape']}" for r in results for e in engines if not r["same"][e]]
    if failed:
        sys.exit(f"bench: breaks differ from {LABEL[base]}'s: {', '.join(failed)} (see above)")


if __name__ == "__main__":
    main()
