#!/usr/bin/env python3
"""Compares two break reports (breaks.csv) on every column except `detail`.

    python compare_breaks.py A/breaks.csv B/breaks.csv [--ignore-order]

Rows are compared as text, exactly as written (amount formatting is part of the contract), after
CSV unquoting: `x` and `"x"` are the same field. The reports agree when they hold the same multiset
of rows AND list them in the same order (docs/matching.md fixes the sort order); `--ignore-order`
accepts the same multiset in any order. Prints the row count per kind of each report, whether the
order is identical, and the first 10 differences. Exit status: 0 when they agree, 1 when they do not,
2 on a usage or read error.

DuckDB does the work, so 10M-row reports compare in seconds and in bounded memory.
"""

from __future__ import annotations

import argparse
import csv
import sys

import duckdb

COLUMNS = ["kind", "severity", "account", "currency", "bank_ref", "ledger_id", "bank_date",
           "ledger_date", "bank_amount", "ledger_amount", "difference", "age_days", "detail"]
COMPARED = [c for c in COLUMNS if c != "detail"]


def q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def header_of(path: str) -> list[str]:
    with open(path, newline="", encoding="utf-8-sig") as f:
        for record in csv.reader(f):
            return [n.strip() for n in record]
    raise ValueError(f"{path}: empty file, no header")


def load(con, name: str, path: str) -> None:
    """Loads a report into table `name` with a 1-based `line` (data row index) in file order."""
    names = header_of(path)
    missing = [c for c in COMPARED if c not in names]
    if missing:
        raise ValueError(f"{path}: header lacks {', '.join(missing)}")
    columns = "{" + ", ".join(f"{q(n)}: 'VARCHAR'" for n in names) + "}"
    select = ", ".join(f"coalesce(\"{c}\", '') AS \"{c}\"" for c in COMPARED)
    con.execute(f"CREATE TABLE {name}_raw AS SELECT {select} FROM read_csv({q(path)}, columns = {columns}, "
                f"header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"')")
    # preserve_insertion_order (the default) keeps rowid in file order.
    con.execute(f"CREATE TABLE {name} AS SELECT rowid + 1 AS line, * FROM {name}_raw")
    con.execute(f"DROP TABLE {name}_raw")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description="Compare two breaks.csv files (all columns but detail).")
    p.add_argument("a")
    p.add_argument("b")
    p.add_argument("--ignore-order", action="store_true", help="agree on the same multiset in any order")
    p.add_argument("--limit", type=int, default=10, help="differences to print (default 10)")
    args = p.parse_args(argv)

    con = duckdb.connect(":memory:")
    con.execute("SET preserve_insertion_order = true")
    try:
        load(con, "a", args.a)
        load(con, "b", args.b)
    except (OSError, ValueError, duckdb.Error) as e:
        print(f"compare_breaks: error: {e}", file=sys.stderr)
        return 2

    cols = ", ".join(f'"{c}"' for c in COMPARED)
    na = con.execute("SELECT count(*) FROM a").fetchone()[0]
    nb = con.execute("SELECT count(*) FROM b").fetchone()[0]
    print(f"A: {args.a}: {na} rows")
    print(f"B: {args.b}: {nb} rows")

    # Rows per kind.
    kinds = con.execute("""
        SELECT kind, coalesce(x.n, 0), coalesce(y.n, 0)
        FROM (SELECT kind, count(*) AS n FROM a GROUP BY kind) x
        FULL JOIN (SELECT kind, count(*) AS n FROM b GROUP BY kind) y USING (kind)
        ORDER BY kind""").fetchall()
    width = max([len("kind")] + [len(k) for k, _, _ in kinds])
    print(f"\n  {'kind':<{width}} {'A':>10} {'B':>10}")
    for kind, x, y in kinds:
        mark = "" if x == y else "   <- differs"
        print(f"  {kind:<{width}} {x:>10} {y:>10}{mark}")

    # Multiset comparison: count of each distinct row on each side.
    diff_sql = f"""
        WITH x AS (SELECT {cols}, count(*) AS n, min(line) AS first FROM a GROUP BY ALL),
             y AS (SELECT {cols}, count(*) AS n, min(line) AS first FROM b GROUP BY ALL)
        SELECT coalesce(x.n, 0) AS in_a, coalesce(y.n, 0) AS in_b, x.first AS line_a, y.first AS line_b,
               {", ".join(f'coalesce(x."{c}", y."{c}")' for c in COMPARED)}
        FROM x FULL JOIN y ON {" AND ".join(f'x."{c}" = y."{c}"' for c in COMPARED)}
        WHERE coalesce(x.n, 0) <> coalesce(y.n, 0)"""
    n_diff, surplus_a, surplus_b = con.execute(
        f"SELECT count(*), coalesce(sum(greatest(in_a - in_b, 0)), 0), coalesce(sum(greatest(in_b - in_a, 0)), 0) "
        f"FROM ({diff_sql})").fetchone()
    same_multiset = n_diff == 0

    # Order comparison: row i of A against row i of B.
    first_order_diff = con.execute(f"""
        SELECT min(line) FROM (
            SELECT coalesce(a.line, b.line) AS line FROM a FULL JOIN b USING (line)
            WHERE a.line IS NULL OR b.line IS NULL OR
                  ({" OR ".join(f'a."{c}" <> b."{c}"' for c in COMPARED)}))""").fetchone()[0]
    same_order = first_order_diff is None

    print()
    print(f"same rows (multiset, detail ignored): {'yes' if same_multiset else 'NO'}")
    if not same_multiset:
        print(f"  {surplus_a} row(s) only in A, {surplus_b} row(s) only in B "
              f"({n_diff} distinct rows with different counts)")
        print(f"\nfirst {args.limit} differences (count in A / count in B, first line in A / B):")
        for row in con.execute(f"{diff_sql} ORDER BY least(coalesce(line_a, line_b), coalesce(line_b, line_a)) "
                               f"LIMIT {int(args.limit)}").fetchall():
            in_a, in_b, la, lb, *values = row
            print(f"  A x{in_a} B x{in_b} (line {la or '-'} / {lb or '-'}): {','.join(values)}")
    print(f"same order: {'yes' if same_order else f'NO (first difference at data row {first_order_diff})'}")
    if not same_order and same_multiset:
        for row in con.execute(f"""
                SELECT line, {", ".join(f'a."{c}"' for c in COMPARED)}, {", ".join(f'b."{c}"' for c in COMPARED)}
                FROM a JOIN b USING (line) WHERE line >= {first_order_diff} ORDER BY line LIMIT 3""").fetchall():
            n = len(COMPARED)
            print(f"  row {row[0]}: A {','.join(row[1:1 + n])}")
            print(f"  {' ' * len(str(row[0]))}      B {','.join(row[1 + n:])}")

    agree = same_multiset and (same_order or args.ignore_order)
    print(f"\n{'AGREE' if agree else 'DISAGREE'}")
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
