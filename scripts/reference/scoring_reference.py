"""Reference implementation of the scored pass (docs/matching.md, "Pass 4d: scored"), in plain Python
with exact fractions, written from the contract and not from the engine's code. recon_duckdb.py calls
it with the rows still open after the group pass when --scoring is given.

Rows are dicts as in groups_reference.py; bank rows carry e2e, description and counterparty; ledger
rows reference, counterparty (and id, the txn_id).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from fractions import Fraction
from math import floor

from groups_reference import compact, content_key, tokens
from pairing import by_key, mutual_best

WEIGHTS = dict(amount=350, date=150, counterparty=200, reference=300)


def digit_runs(text: str) -> list[bytes]:
    return [m.encode() for m in re.findall(r"[0-9]{6,}", text)]


class ScoredPass:
    def __init__(self, auto=900, suggest=600, window_days=5, max_candidates=16, patterns=()):
        self.auto, self.suggest, self.w, self.c = auto, suggest, window_days, max_candidates
        self.patterns = [re.compile(p) for p in patterns]

    def bank_text(self, b):
        raw = b["e2e"] + " " + b["description"] + " "
        refs = []
        for p in self.patterns:
            for m in p.finditer(raw):
                ref = compact(m.group(1) if p.groups >= 1 and m.group(1) is not None else m.group(0))
                if len(ref) >= 3:
                    refs.append(ref)
        return dict(compact=compact(raw), refs=refs, runs=digit_runs(raw), names=tokens(b["counterparty"]))

    @staticmethod
    def ledger_text(l):
        raw, refs = "", []
        for v in (l["reference"], l["id"]):
            if v:
                raw += v + " "
                c = compact(v)
                if len(c) >= 5:
                    refs.append(c)
        return dict(refs=refs, runs=digit_runs(raw), names=tokens(l["counterparty"]))

    def score(self, b, l, bt, lt):
        d = abs(b["amount"] - l["amount"])
        m = abs(l["amount"])
        if d == 0:
            amount = Fraction(1)
        elif m >= 10:
            amount = max(Fraction(0), 1 - Fraction(10 * d, m))
        else:
            amount = Fraction(0)
        days = abs(b["day"] - l["day"])
        date = max(Fraction(0), 1 - Fraction(days, self.w + 1))
        if any(r in bt["compact"] or r in bt["refs"] for r in lt["refs"]):
            reference = Fraction(1)
        elif any(x in y or y in x for x in lt["runs"] for y in bt["runs"]):
            reference = Fraction(3, 5)
        else:
            reference = Fraction(0)
        counterparty = Fraction(0)
        if bt["names"] and lt["names"]:
            short, long = (bt["names"], lt["names"]) if len(bt["names"]) <= len(lt["names"]) else (lt["names"], bt["names"])
            counterparty = Fraction(sum(1 for t in short if t in long), len(short))
        total = (WEIGHTS["amount"] * amount + WEIGHTS["date"] * date + WEIGHTS["counterparty"] * counterparty
                 + WEIGHTS["reference"] * reference)
        return floor(total)

    def run(self, bank_rows, ledger_rows):
        """The pairs matched automatically, as (bank row, ledger row, score)."""
        out = []
        for _, (bank, ledger) in by_key(bank_rows, ledger_rows, lambda r: (r["account"], r["currency"], r["amount"] < 0)):
            ledger = sorted(ledger, key=content_key)
            rank = {l["rn"]: i for i, l in enumerate(ledger)}
            by_day = sorted(ledger, key=lambda l: (l["day"], rank[l["rn"]]))
            days = [l["day"] for l in by_day]
            texts = {}
            kept = []
            for b in bank:
                bt = self.bank_text(b)
                mine = []
                for l in by_day[bisect_left(days, b["day"] - self.w):bisect_right(days, b["day"] + self.w)]:
                    lt = texts.get(l["rn"]) or texts.setdefault(l["rn"], self.ledger_text(l))
                    s = self.score(b, l, bt, lt)
                    if s >= self.suggest:
                        mine.append((s, b, l))
                mine.sort(key=lambda x: (-x[0], rank[x[2]["rn"]]))
                kept += mine[:self.c]
            sure = [x for x in kept if x[0] >= self.auto]
            out += mutual_best(sure, cost=lambda x: -x[0], bank=lambda x: x[1]["rn"], ledger=lambda x: x[2]["rn"])
        return out
