"""Reference implementation of the FX pass (docs/matching.md, "Pass 4a: foreign exchange"), in plain
Python with exact integers, written from the contract and not from the engine's code. recon_duckdb.py
calls it with the rows still open after pass 4 when --config names a file with an [fx] table.
"""
from __future__ import annotations

import csv
import datetime as dt
import os
from bisect import bisect_left, bisect_right

from pairing import by_key, mutual_best
from tolerance_reference import minor, percent, ten_thousandths

EPOCH = dt.date(1, 1, 1)


def half_away(n: int, d: int) -> int:
    """n / d rounded half away from zero (d > 0)."""
    q = (abs(n) + d // 2) // d
    return q if n >= 0 else -q


class FXPass:
    def __init__(self, table: dict, config_dir: str):
        path = table["rates"]
        if not os.path.isabs(path):
            path = os.path.join(config_dir, path)
        self.rates = {}  # "FROM/TO" -> sorted [(day, mantissa, scale)]
        with open(path, newline="", encoding="utf-8-sig") as f:
            for r in csv.DictReader(f):
                text = r["rate"].strip()
                whole, _, frac = text.partition(".")
                self.rates.setdefault(r["from"].strip() + "/" + r["to"].strip(), []).append(
                    ((dt.date.fromisoformat(r["date"].strip()) - EPOCH).days, int(whole + frac), len(frac)))
        for v in self.rates.values():
            v.sort()
        self.window = int(table.get("window_days", 3))
        self.max_age = int(table.get("max_rate_age_days", 5))
        self.res_ppm = ten_thousandths(table.get("residual_pct", "0.5"))
        self.res_abs = ten_thousandths(table.get("residual_abs", "0"))

    def rate(self, frm, to, day):
        for key, inverted in ((frm + "/" + to, False), (to + "/" + frm, True)):
            lst = self.rates.get(key)
            if not lst:
                continue
            i = bisect_right([r[0] for r in lst], day)
            if i > 0 and day - lst[i - 1][0] <= self.max_age:
                return lst[i - 1], inverted
        return None

    def run(self, bank_rows, ledger_rows, exponent_of):
        """Pairs as (bank row, ledger row, converted amount)."""
        out = []
        for _, (bank, ledger) in by_key(bank_rows, ledger_rows, lambda r: r["account"]):
            ledger = sorted(ledger, key=lambda l: l["day"])
            days = [l["day"] for l in ledger]
            cands = []
            for b in bank:
                for l in ledger[bisect_left(days, b["day"] - self.window):bisect_right(days, b["day"] + self.window)]:
                    if l["currency"] == b["currency"] or (b["amount"] < 0) != (l["amount"] < 0):
                        continue
                    found = self.rate(l["currency"], b["currency"], l["day"])
                    if not found:
                        continue
                    (_, mantissa, scale), inverted = found
                    el, eb = exponent_of(l["currency"]), exponent_of(b["currency"])
                    num, den = l["amount"] * 10 ** eb, 10 ** el
                    if inverted:
                        num, den = num * 10 ** scale, den * mantissa
                    else:
                        num, den = num * mantissa, den * 10 ** scale
                    c = half_away(num, den)
                    r = abs(b["amount"] - c)
                    if r > max(0, max(minor(self.res_abs, eb), percent(self.res_ppm, c))):
                        continue
                    same = b["e2e"] != "" and b["e2e"] == l["reference"]
                    cands.append(((0 if same else 1, r, abs(b["day"] - l["day"])), b, l, c))
            out += [(b, l, c) for _, b, l, c in mutual_best(cands, cost=lambda x: x[0], bank=lambda x: x[1]["rn"],
                                                            ledger=lambda x: x[2]["rn"])]
        return out
