"""Reference implementation of the tolerance pass (docs/matching.md, "Pass 4b: tolerance"), in plain
Python, written from the contract and not from the engine's code: calendar-day windows (not business
days), the direction rule, fee schedules, the write-off limit and the amount tolerance. recon_duckdb.py
calls it with the rows still open after pass 4 when --config names a file with a [tolerance] table.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from decimal import Decimal

from pairing import by_key, mutual_best


def ten_thousandths(text: str) -> int:
    return int((Decimal(text) * 10000).to_integral_value(rounding="ROUND_DOWN"))


def minor(tt: int, exponent: int) -> int:
    """A decimal in ten-thousandths as minor units of a currency, toward zero."""
    if exponent >= 4:
        return tt * 10 ** (exponent - 4)
    q = abs(tt) // 10 ** (4 - exponent)
    return q if tt >= 0 else -q


def percent(ppm: int, amount: int) -> int:
    """ppm (parts per million) of |amount|, rounded half up."""
    return (abs(amount) * ppm + 500_000) // 1_000_000


class TolerancePass:
    def __init__(self, table: dict):
        if table.get("business_days"):
            raise ValueError("the reference counts the tolerance window in calendar days only (business_days)")
        self.window = int(table.get("window_days", 3))
        self.after_only = table.get("direction", "either") == "bank_on_or_after_ledger"
        self.abs_tt = ten_thousandths(table.get("amount_abs", "0"))
        self.pct_ppm = ten_thousandths(table.get("amount_pct", "0"))
        self.write_off_tt = ten_thousandths(table.get("write_off_below", "0"))
        self.fees = [dict(types=f.get("types", []), counterparties=f.get("counterparties", []),
                          fixed=ten_thousandths(f.get("fixed", "0")), ppm=ten_thousandths(f.get("percent", "0")))
                     for f in table.get("fees", [])]

    def candidate(self, b, l, exponent):
        """(kind, rank) or None."""
        d = b["amount"] - l["amount"]
        if d == 0:
            return ("timing_difference", 0)
        if d < 0:
            for f in self.fees:
                if (not f["types"] or l["type"] in f["types"]) and (not f["counterparties"] or l["counterparty"] in f["counterparties"]):
                    if minor(f["fixed"], exponent) + percent(f["ppm"], l["amount"]) == -d:
                        return ("fee_deducted", 1)
        if abs(d) < max(0, minor(self.write_off_tt, exponent)):
            return ("written_off", 2)
        if abs(d) <= max(0, max(minor(self.abs_tt, exponent), percent(self.pct_ppm, l["amount"]))):
            return ("matched_within_tolerance", 3)
        return None

    def run(self, bank_rows, ledger_rows, exponent_of):
        """Pairs as (kind, bank row, ledger row)."""
        out = []
        for key, (bank, ledger) in by_key(bank_rows, ledger_rows, lambda r: (r["account"], r["currency"], r["amount"] < 0)):
            exponent = exponent_of(key[1])
            ledger = sorted(ledger, key=lambda l: l["day"])
            days = [l["day"] for l in ledger]
            cands = []
            for b in bank:
                for l in ledger[bisect_left(days, b["day"] - self.window):bisect_right(days, b["day"] + self.window)]:
                    if self.after_only and b["day"] < l["day"]:
                        continue
                    c = self.candidate(b, l, exponent)
                    if c:
                        cands.append(((c[1], abs(b["amount"] - l["amount"]), abs(b["day"] - l["day"])), c[0], b, l))
            out += [(k, b, l) for _, k, b, l in mutual_best(cands, cost=lambda x: x[0], bank=lambda x: x[2]["rn"],
                                                            ledger=lambda x: x[3]["rn"])]
        return out
