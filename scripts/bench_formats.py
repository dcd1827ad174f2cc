"""Reconciles the same bank rows in every format and prints read throughput and peak memory.

For each format: stored size, read+parse time of the whole run (both sides; the ledger is the same
canonical CSV in every run), MB/s of the bank file as stored, bank rows/s, wall time, peak RSS, and
whether its breaks.csv is byte-identical to the canonical CSV's.
"""
import argparse
import filecmp
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RECON = os.path.join(ROOT, ".build", "release", "recon")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--work", default=os.path.join(ROOT, "bench-out"))
    args = ap.parse_args()
    d = os.path.join(args.work, f"formats-{args.rows}-{args.seed}")
    os.makedirs(d, exist_ok=True)
    if not os.path.exists(os.path.join(d, "bank.camt.xml.gz")):
        subprocess.run([RECON, "gen", "--rows", str(args.rows), "--seed", str(args.seed), "--out", d,
                        "--bank-formats", "gzip,cn-bank-fixed,camt"], check=True)
        subprocess.run(f"gzip -1 -c {d}/bank.camt.xml > {d}/bank.camt.xml.gz", shell=True, check=True)
    bank_rows = sum(1 for _ in open(os.path.join(d, "bank.csv"), "rb")) - 1
    formats = [("canonical CSV", "bank.csv"), ("canonical CSV, gzip", "bank.csv.gz"),
               ("camt.053 XML", "bank.camt.xml"), ("camt.053 XML, gzip -1", "bank.camt.xml.gz"),
               ("cn-bank-fixed (GB18030)", "bank.cn-fixed.txt")]
    rows = []
    for name, f in formats:
        path = os.path.join(d, f)
        out = os.path.join(d, "out-" + f)
        start = time.monotonic()
        p = subprocess.run(["/usr/bin/time", "-v", RECON, "run", "--bank", path, "--ledger", os.path.join(d, "ledger.csv"),
                            "--out", out, "--threads", str(args.threads), "--verbose"], capture_output=True, text=True)
        wall = time.monotonic() - start
        if p.returncode not in (0, 1):
            sys.exit(f"{name}: recon failed:\n{p.stderr[-2000:]}")
        parse = float(re.search(r"read\+parse ([\d.]+)s", p.stderr).group(1))
        rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1)) / 1024
        same = filecmp.cmp(os.path.join(d, "out-bank.csv", "breaks.csv"), os.path.join(out, "breaks.csv"), shallow=False)
        decoded = os.path.getsize(path[:-3] if path.endswith(".gz") else path) / 1e6
        rows.append((name, os.path.getsize(path) / 1e6, decoded, parse, wall, rss, same))
    print(f"\nReader benchmark: {bank_rows:,} bank rows, {args.rows:,} ledger rows, threads={args.threads}")
    print("| bank file | stored MB | decoded MB | read+parse s (both sides) | decoded MB/s | bank rows/s | wall s | peak RSS MiB | same breaks as CSV |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for name, mb, decoded, parse, wall, rss, same in rows:
        print(f"| {name} | {mb:,.0f} | {decoded:,.0f} | {parse:.2f} | {decoded / parse:,.0f} | {bank_rows / parse:,.0f} | {wall:.2f} | {rss:,.0f} | {'yes' if same else 'NO'} |")
    if not all(r[6] for r in rows):
        sys.exit("bench-formats: a format gave different breaks")


if __name__ == "__main__":
    main()
