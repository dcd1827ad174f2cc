"""Reference implementation of the group pass (docs/matching.md, "Pass 4c: groups"), in plain Python,
written from the contract and not from the engine's code. recon_duckdb.py calls it with the rows
still open after pass 4 when --groups is given; only groups of 2 or 3 rows (max_items <= 3).

Rows are dicts: side ('bank'|'ledger'), rn, id (bank_ref or txn_id), account, currency, day (an
integer day number), amount (minor units), and the texts the evidence reads: e2e, description,
counterparty (bank); reference, batch_id, counterparty (ledger).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from math import comb, gcd

from pairing import by_key


def _norm(b: int):
    if 48 <= b <= 57 or 65 <= b <= 90 or b >= 128:
        return b
    if 97 <= b <= 122:
        return b - 32
    return None


def compact(text: str) -> bytes:
    return bytes(c for c in (_norm(b) for b in text.encode("utf-8")) if c is not None)


def tokens(text: str) -> list[bytes]:
    out, cur = [], bytearray()
    for b in text.encode("utf-8"):
        c = _norm(b)
        if c is None:
            if len(cur) >= 2:
                out.append(bytes(cur))
            cur = bytearray()
        else:
            cur.append(c)
    if len(cur) >= 2:
        out.append(bytes(cur))
    return out


def content_key(r):
    # Content order: date, then the id's bytes, then row number.
    return (r["day"], r["id"].encode("utf-8"), r["rn"])


def subsets(values: list[int], target: int, max_items: int):
    """'none', ('one', indices) or 'several': subsets of 2 (and 3) of values summing to target."""
    found = []
    n = len(values)
    for i in range(n):
        for j in range(i + 1, n):
            if values[i] + values[j] == target:
                found.append((i, j))
                if len(found) > 1:
                    return "several"
    if max_items >= 3:
        for i in range(n):
            for j in range(i + 1, n):
                for k in range(j + 1, n):
                    if values[i] + values[j] + values[k] == target:
                        found.append((i, j, k))
                        if len(found) > 1:
                            return "several"
    return ("one", found[0]) if found else "none"


class GroupPass:
    def __init__(self, window_days=2, max_items=3, max_candidates=32):
        if max_items > 3:
            raise ValueError("the reference implements groups of 2 or 3 rows only (max_items <= 3)")
        self.w, self.k, self.c = window_days, max_items, max_candidates

    def candidates(self, target, parts, window, limit):
        days = self._days if parts is self._parts else [p["day"] for p in parts]
        lo, hi = bisect_left(days, target["day"] - window), bisect_right(days, target["day"] + window)
        found = [p for p in parts[lo:hi]
                 if p["amount"] != 0
                 and (p["amount"] < 0) == (target["amount"] < 0) and abs(p["amount"]) < abs(target["amount"])]
        found.sort(key=lambda p: (abs(p["day"] - target["day"]), content_key(p)))
        return found[:limit]

    def evidence(self, target, members, n_candidates):
        count = sum(comb(n_candidates, k) for k in range(2, min(self.k, n_candidates) + 1))
        size = abs(target["amount"])
        step = size
        for m in members:
            step = gcd(step, abs(m["amount"]))
        step = max(1, step)
        bank = [target] if target["side"] == "bank" else members
        ledger = members if target["side"] == "bank" else [target]
        texts = [compact(b["e2e"] + " " + b["description"]) for b in bank]
        refs = [compact(l["reference"]) for l in ledger]
        reference = all(len(r) >= 5 and any(r in t for t in texts) for r in refs)
        batches = [l["batch_id"] for l in ledger]
        batch = len(ledger) >= 2 and batches[0] != "" and all(b == batches[0] for b in batches)
        names_b = [tokens(b["counterparty"]) for b in bank]
        names_l = [tokens(l["counterparty"]) for l in ledger]

        def agree(x, y):
            if not x or not y:
                return False
            short, long = (x, y) if len(x) <= len(y) else (y, x)
            return all(t in long for t in short)
        counterparty = all(agree(x, y) for x in names_b for y in names_l)

        def below(one_in):
            return count * step * one_in < size
        return reference or batch or below(1000) or (counterparty and below(20))

    def many_to_one(self, targets, parts):
        """Returns (groups, targets left, parts left); a group is (target, members)."""
        if len(parts) < 2:
            return [], targets, parts
        parts = sorted(parts, key=lambda p: (p["day"], content_key(p)))
        self._parts, self._days = parts, [p["day"] for p in parts]
        proposals = []
        for t in targets:
            if t["amount"] == 0:
                continue
            chosen = self.candidates(t, parts, self.w, self.c)
            if len(chosen) < 2:
                continue
            r = subsets([abs(p["amount"]) for p in chosen], abs(t["amount"]), self.k)
            if isinstance(r, tuple):
                proposals.append((t, [chosen[i] for i in r[1]], len(chosen)))
        claims = {}
        for _, members, _ in proposals:
            for m in members:
                claims[m["rn"]] = claims.get(m["rn"], 0) + 1
        groups, used_parts, used_targets = [], set(), set()
        for t, members, n in proposals:
            if any(claims[m["rn"]] > 1 for m in members):
                continue
            wide = self.candidates(t, parts, 2 * self.w, 2 * self.c)
            if subsets([abs(p["amount"]) for p in wide], abs(t["amount"]), self.k) == "several":
                continue
            if not self.evidence(t, members, n):
                continue
            groups.append((t, members))
            used_targets.add(t["rn"])
            used_parts.update(m["rn"] for m in members)
        return (groups, [t for t in targets if t["rn"] not in used_targets],
                [p for p in parts if p["rn"] not in used_parts])

    def netting(self, bank, ledger):
        if len(bank) < 2 or len(ledger) < 2:
            return []
        rows = sorted(bank + ledger, key=lambda r: (r["day"], 0 if r["side"] == "bank" else 1, r["rn"]))
        out, start = [], 0
        while start < len(rows):
            end = start + 1
            while end < len(rows) and rows[end]["day"] - rows[end - 1]["day"] <= self.w:
                end += 1
            run = rows[start:end]
            b = [r for r in run if r["side"] == "bank"]
            l = [r for r in run if r["side"] == "ledger"]
            if 2 <= len(b) <= self.k and 2 <= len(l) <= self.k and sum(r["amount"] for r in b) == sum(r["amount"] for r in l):
                out.append((b, l))
            start = end
        return out

    def run(self, bank_rows, ledger_rows):
        """Groups as (bank rows, ledger rows), per account and currency."""
        out = []
        for _, (bank, ledger) in by_key(bank_rows, ledger_rows, lambda r: (r["account"], r["currency"])):
            g1, bank, ledger = self.many_to_one(bank, ledger)
            out += [([t], m) for t, m in g1]
            g2, ledger, bank = self.many_to_one(ledger, bank)
            out += [(m, [t]) for t, m in g2]
            out += self.netting(bank, ledger)
        return out
