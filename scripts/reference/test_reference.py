"""Self-test of the DuckDB and Polars references (recon_duckdb.py, recon_polars.py) on tiny
hand-written cases.

    .venv-bench/bin/python -m pytest scripts/reference/test_reference.py
    .venv-bench/bin/python scripts/reference/test_reference.py      # without pytest

Each case writes canonical bank/ledger CSVs, runs the DuckDB reference in-process (with both ways of
finding pass-4 components) and the Polars reference, checks that all of them write byte-identical
reports, and asserts the exact kind of every report row, keyed by (bank_ref, ledger_id). Rows that
are matched must not appear at all.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import os
import sys
import tempfile
from contextlib import redirect_stderr, redirect_stdout

HERE = os.path.dirname(os.path.abspath(__file__))


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, os.path.join(HERE, f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


recon = _load("recon_duckdb")
polars_recon = _load("recon_polars")
compare = _load("compare_breaks")

BANK_HEADER = "bank_ref,account,booking_date,value_date,amount,currency,end_to_end_id,counterparty,description"
LEDGER_HEADER = "txn_id,account,value_date,amount,currency,type,reference,batch_id,counterparty"


def bank(ref, date, amount, e2e="", account="ACC1", currency="USD", description=""):
    return [ref, account, date, "", amount, currency, e2e, "", description]


def ledger(txn, date, amount, reference="", batch="", account="ACC1", currency="USD"):
    return [txn, account, date, amount, currency, "", reference, batch, ""]


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        f.write(header + "\n")
        csv.writer(f, lineterminator="\n").writerows(rows)


def run(bank_rows, ledger_rows, *extra, components=("islands", "propagate")):
    """Runs the DuckDB reference (with each component method) and the Polars reference; checks that
    they write byte-identical reports and returns the report rows (dicts, in file order)."""
    reports = []
    with tempfile.TemporaryDirectory() as tmp:
        write_csv(os.path.join(tmp, "bank.csv"), BANK_HEADER, bank_rows)
        write_csv(os.path.join(tmp, "ledger.csv"), LEDGER_HEADER, ledger_rows)
        for method in components:
            out = os.path.join(tmp, f"out-{method}")
            rc = recon.main(["--bank", os.path.join(tmp, "bank.csv"), "--ledger", os.path.join(tmp, "ledger.csv"),
                             "--out", out, "--quiet", "--components", method, "--threads", "2", *extra])
            assert rc == 0
            with open(os.path.join(out, "breaks.csv"), "rb") as f:
                reports.append(f.read())
        out = os.path.join(tmp, "out-polars")
        rc = polars_recon.main(["--bank", os.path.join(tmp, "bank.csv"), "--ledger", os.path.join(tmp, "ledger.csv"),
                                "--out", out, "--quiet", "--threads", "2", *extra])
        assert rc == 0
        with open(os.path.join(out, "breaks.csv"), "rb") as f:
            reports.append(f.read())
    assert all(r == reports[0] for r in reports[:-1]), "component methods disagree"
    assert reports[-1] == reports[0], "the Polars reference disagrees with the DuckDB reference"
    text = reports[0].decode("utf-8")
    assert text.splitlines()[0] == recon.REPORT_HEADER
    return list(csv.DictReader(io.StringIO(text)))


def kinds(rows):
    """{(bank_ref, ledger_id): kind}; fails on a key reported twice."""
    result = {}
    for r in rows:
        key = (r["bank_ref"], r["ledger_id"])
        assert key not in result, f"{key} reported twice"
        result[key] = r["kind"]
    return result


def by_key(rows, bank_ref, ledger_id):
    return next(r for r in rows if r["bank_ref"] == bank_ref and r["ledger_id"] == ledger_id)


def test_duplicates_first_occurrence_stays():
    rows = run(
        [bank("B1", "2024-01-10", "100.00", "E1"),
         bank("B2", "2024-01-11", "100", "E1"),           # same key as B1 (100 = 100.00): duplicate
         bank("B3", "2024-01-10", "50.00", "E1"),         # other amount: not a duplicate
         bank("B4", "2024-01-10", "100.00", "E1", account="ACC2")],  # other account: not a duplicate
        [ledger("L1", "2024-01-10", "100.00", "E1"),
         ledger("L2", "2024-01-10", "100.00", "E1"),      # duplicate of L1
         ledger("L3", "2024-01-12", "50.00", "E1"),
         ledger("L4", "2024-01-10", "100.00", "E1", account="ACC2")])
    # B1-L1 and B4-L4 match by reference; B3-L3 pair by amount in group E1, two days apart.
    assert kinds(rows) == {
        ("B2", ""): "duplicate_bank",
        ("", "L2"): "duplicate_ledger",
        ("B3", "L3"): "timing_difference",
    }
    assert by_key(rows, "B3", "L3")["age_days"] == "2"
    assert by_key(rows, "B2", "")["severity"] == "high"


def test_reference_pairs_timing_amount_and_ambiguous():
    b = [bank("B1", "2024-01-05", "10.00", "E2"),
         bank("B2", "2024-01-05", "10.00", "E3"),
         bank("B3", "2024-01-05", "5.00", "E4"), bank("B4", "2024-01-05", "6.00", "E4"),
         bank("B5", "2024-01-05", "5.00", "E5"), bank("B6", "2024-01-05", "6.00", "E5"),
         bank("B7", "2024-01-05", "1.00", "E6"),
         bank("B8", "2024-01-05", "3.00", "E7")]          # no ledger with E7: stays open
    l = [ledger("L1", "2024-01-07", "10.00", "E2"),
         ledger("L2", "2024-01-05", "9.99", "E3"),
         ledger("L3", "2024-01-05", "7.00", "E4"), ledger("L4", "2024-01-05", "8.00", "E4"),
         ledger("L5", "2024-01-05", "5.00", "E5"), ledger("L6", "2024-01-05", "9.00", "E5"),
         ledger("L7", "2024-01-05", "2.00", "E6"), ledger("L8", "2024-01-05", "3.00", "E6")]
    rows = run(b, l, "--as-of", "2024-01-10")
    assert kinds(rows) == {
        ("B1", "L1"): "timing_difference",
        ("B2", "L2"): "amount_mismatch",
        # E4: no amount pairs, two rows left on each side.
        ("B3", ""): "ambiguous", ("B4", ""): "ambiguous", ("", "L3"): "ambiguous", ("", "L4"): "ambiguous",
        # E5: 5.00 pairs by amount (matched), then one row left each side: a pair, amounts differ.
        ("B6", "L6"): "amount_mismatch",
        # E6: one bank row, two ledger rows, no amount in common.
        ("B7", ""): "ambiguous", ("", "L7"): "ambiguous", ("", "L8"): "ambiguous",
        # E7 has no ledger side; B8 reaches pass 4, where L8 (E6) is already gone.
        ("B8", ""): "unmatched_bank_credit",
    }
    mismatch = by_key(rows, "B2", "L2")
    assert (mismatch["bank_amount"], mismatch["ledger_amount"], mismatch["difference"]) == ("10.00", "9.99", "0.01")
    assert mismatch["age_days"] == "5" and mismatch["severity"] == "high"
    assert by_key(rows, "B6", "L6")["difference"] == "-3.00"
    assert by_key(rows, "B1", "L1")["age_days"] == "2"

    # With a tolerance of 1 minor unit, B2-L2 is matched inside it and says so; B6-L6 is still a mismatch.
    rows = run(b, l, "--as-of", "2024-01-10", "--amount-tolerance", "1", components=("islands",))
    assert kinds(rows)[("B2", "L2")] == "matched_within_tolerance" and kinds(rows)[("B6", "L6")] == "amount_mismatch"
    inside = by_key(rows, "B2", "L2")
    assert (inside["difference"], inside["age_days"], inside["severity"]) == ("0.01", "0", "info")


def test_batch_sum_ok_and_not_ok():
    rows = run(
        [bank("B1", "2024-01-10", "300.00", "BATCH1"),
         bank("B2", "2024-01-10", "30.00", "BATCH2"),
         bank("B3", "2024-01-10", "31.00", "BATCH3"),
         bank("B4", "2024-01-10", "1.00", "BATCH4"), bank("B5", "2024-01-10", "2.00", "BATCH4")],
        [ledger("L1", "2024-01-08", "100.00", batch="BATCH1"), ledger("L2", "2024-01-09", "200.00", batch="BATCH1"),
         ledger("L3", "2024-01-10", "10.00", batch="BATCH2"), ledger("L4", "2024-01-10", "20.00", batch="BATCH2"),
         ledger("L5", "2024-01-10", "10.00", batch="BATCH3"), ledger("L6", "2024-01-09", "20.00", batch="BATCH3"),
         ledger("L7", "2024-01-10", "3.00", batch="BATCH4")],
        "--as-of", "2024-01-12")
    assert kinds(rows) == {
        ("B1", "BATCH1"): "timing_difference",   # sum ok, bank date after the latest ledger date
        # BATCH2: sum ok, same date: matched.
        ("B3", "BATCH3"): "amount_mismatch",     # 30.00 vs 31.00
        ("B4", ""): "ambiguous", ("B5", ""): "ambiguous", ("", "L7"): "ambiguous",
    }
    t = by_key(rows, "B1", "BATCH1")
    assert (t["ledger_date"], t["ledger_amount"], t["difference"], t["age_days"]) == ("2024-01-09", "300.00", "0.00", "1")
    m = by_key(rows, "B3", "BATCH3")
    # age: as-of minus the earlier of the bank date and the latest ledger date (both 2024-01-10).
    assert (m["ledger_amount"], m["difference"], m["age_days"]) == ("30.00", "1.00", "2")


def test_amount_and_date_distances_and_components():
    rows = run(
        [bank("B1", "2024-01-10", "42.00"),              # L1 two days later, nothing nearer: d = 2
         bank("B2", "2024-01-10", "77.00"),              # L2 and L3 both one day away: ambiguous
         bank("B3", "2024-01-10", "55.00"),              # L4 same day (matched) beats L5
         bank("B4", "2024-01-10", "66.00"),              # two ledger rows the same day: ambiguous at d = 0
         bank("B5", "2024-01-10", "88.00"), bank("B6", "2024-01-12", "88.00"),  # chain B5-L8-B6 at d = 1
         bank("B7", "2024-01-10", "99.00", account="ACC2")],  # same amount, other account: no match
        [ledger("L1", "2024-01-12", "42.00"),
         ledger("L2", "2024-01-11", "77.00"), ledger("L3", "2024-01-09", "77.00"),
         ledger("L4", "2024-01-10", "55.00"), ledger("L5", "2024-01-11", "55.00"),
         ledger("L6", "2024-01-10", "66.00"), ledger("L7", "2024-01-10", "66.00"),
         ledger("L8", "2024-01-11", "88.00"),
         ledger("L9", "2024-01-10", "99.00"),
         ledger("L10", "2024-01-14", "42.00")],          # 4 days from B1: outside the window anyway
        "--as-of", "2024-01-12")
    assert kinds(rows) == {
        ("B1", "L1"): "timing_difference",
        ("B2", ""): "ambiguous", ("", "L2"): "ambiguous", ("", "L3"): "ambiguous",
        ("", "L5"): "in_transit",
        ("B4", ""): "ambiguous", ("", "L6"): "ambiguous", ("", "L7"): "ambiguous",
        ("B5", ""): "ambiguous", ("B6", ""): "ambiguous", ("", "L8"): "ambiguous",
        ("B7", ""): "unmatched_bank_credit", ("", "L9"): "in_transit",
        ("", "L10"): "in_transit",
    }
    assert by_key(rows, "B1", "L1")["age_days"] == "2"
    # A window of 1 day leaves B1 and L1 unmatched.
    rows = run([bank("B1", "2024-01-10", "42.00")], [ledger("L1", "2024-01-12", "42.00")],
               "--window-days", "1", "--as-of", "2024-01-12")
    assert kinds(rows) == {("B1", ""): "unmatched_bank_credit", ("", "L1"): "in_transit"}


def test_leftovers_formatting_and_order():
    rows = run(
        [bank("B1", "2024-01-15", "-5.00", description='says "hi", twice'),
         bank("B2", "2024-01-15", "0.00"),
         bank("B3", "2024-01-14", "5", currency="JPY"),
         bank("B4", "2024-01-15", "-0.05"),
         bank("B5", "2024-01-15", "1.2340", currency="KWD")],
        [ledger("L1", "2024-01-18", "1.00"),            # as-of - 2 days: in transit
         ledger("L2", "2024-01-17", "2.00"),            # 3 days: missing
         ledger("L3", "2024-01-25", "3.00"),            # future: in transit, age -5
         ledger("L4", "2024-01-17", "-7", currency="JPY", account="ACC0")],
        "--as-of", "2024-01-20")
    assert kinds(rows) == {
        ("B1", ""): "unmatched_bank_debit", ("B2", ""): "unmatched_bank_credit",
        ("B3", ""): "unmatched_bank_credit", ("B4", ""): "unmatched_bank_debit",
        ("B5", ""): "unmatched_bank_credit",
        ("", "L1"): "in_transit", ("", "L2"): "missing_in_bank", ("", "L3"): "in_transit",
        ("", "L4"): "missing_in_bank",
    }
    amounts = {(r["bank_ref"] or r["ledger_id"]): r["bank_amount"] or r["ledger_amount"] for r in rows}
    assert amounts == {"B1": "-5.00", "B2": "0.00", "B3": "5", "B4": "-0.05", "B5": "1.234",
                       "L1": "1.00", "L2": "2.00", "L3": "3.00", "L4": "-7"}
    assert by_key(rows, "", "L3")["age_days"] == "-5"
    # Severity, then account, then date, then kind, bank_ref, ledger_id.
    order = [r["bank_ref"] or r["ledger_id"] for r in rows]
    assert order == ["B1", "B4",                 # critical, same account and date: by bank_ref
                     "L4",                       # medium: ACC0 before ACC1
                     "B3", "B2", "B5", "L2",     # medium ACC1: by date (01-14, 01-15 x2, 01-17)
                     "L1", "L3"]                 # info, by date


def test_amount_parsing_invalid_rows_and_compare_tool():
    # Exact text -> minor units (None: rejected), as MinorUnits.parse in the Swift engine.
    import duckdb
    con = duckdb.connect()
    con.execute(recon.MACROS)
    cases = [("+5", 2, 500), ("5.", 2, 500), (".5", 2, 50), ("-0.05", 2, -5), ("1.2300", 2, 123),
             ("1.2301", 2, None), ("7.000", 0, 7), ("7.5", 0, None), ("1.234", 3, 1234), ("2", 4, 20000),
             ("0" * 30 + "1.50", 2, 150), ("-92233720368547758.08", 2, -9223372036854775808),
             ("92233720368547758.08", 2, None), ("", 2, None), (".", 2, None), ("1e5", 2, None),
             (" 1", 2, None), ("1,00", 2, None), ("--1", 2, None)]
    for text, exponent, expected in cases:
        got = con.execute("SELECT CASE WHEN w BETWEEN -9223372036854775808 AND 9223372036854775807 THEN w END "
                          "FROM (SELECT minor_units_wide(?, ?) AS w)", [text, exponent]).fetchone()[0]
        assert got == expected, (text, exponent, got)
    # The Polars reference's conversion, on the same cases.
    polars_recon.import_polars(2)
    pl = polars_recon.pl
    frame = pl.DataFrame({"text": [t for t, _, _ in cases], "e": [e for _, e, _ in cases]})
    got = polars_recon.with_minor_units(frame, "text", "e", "v")["v"].to_list()
    assert got == [expected for _, _, expected in cases], list(zip(cases, got))
    with tempfile.TemporaryDirectory() as tmp:
        write_csv(os.path.join(tmp, "bank.csv"), BANK_HEADER, [bank("B1", "2024-01-10", "1.234")])
        write_csv(os.path.join(tmp, "ledger.csv"), LEDGER_HEADER, [ledger("L1", "2024-01-10", "1.00")])
        args = ["--bank", os.path.join(tmp, "bank.csv"), "--ledger", os.path.join(tmp, "ledger.csv"), "--quiet"]
        assert recon.main(args + ["--out", os.path.join(tmp, "a")]) == 2
        assert recon.main(args + ["--out", os.path.join(tmp, "b"), "--skip-invalid"]) == 0
        with redirect_stderr(io.StringIO()):
            assert polars_recon.main(args + ["--out", os.path.join(tmp, "c")]) == 2
            assert polars_recon.main(args + ["--out", os.path.join(tmp, "d"), "--skip-invalid"]) == 0
        report = os.path.join(tmp, "b", "breaks.csv")
        with open(report, "rb") as f, open(os.path.join(tmp, "d", "breaks.csv"), "rb") as g:
            assert f.read() == g.read()
        with open(report) as f:
            lines = f.read().splitlines()
        assert len(lines) == 2 and lines[1].startswith("in_transit,info,ACC1,USD,,L1,")
        # The comparison ignores detail and quoting, and notices everything else.
        same = os.path.join(tmp, "same.csv")
        with open(same, "w") as f:
            f.write(lines[0] + "\n" + lines[1].rsplit(",", 1)[0] + ',"another, detail"\n')
        changed = os.path.join(tmp, "changed.csv")
        with open(changed, "w") as f:
            f.write(lines[0] + "\n" + lines[1].replace(",1.00,", ",1.0,") + "\n")
        with redirect_stdout(io.StringIO()):
            assert compare.main([report, same]) == 0
            assert compare.main([report, changed]) == 1


if __name__ == "__main__":
    failed = 0
    for name, fn in list(globals().items()):
        if name.startswith("test_") and callable(fn):
            try:
                fn()
                print(f"ok   {name}")
            except Exception as e:  # noqa: BLE001
                failed += 1
                print(f"FAIL {name}: {type(e).__name__}: {e}")
    sys.exit(1 if failed else 0)
