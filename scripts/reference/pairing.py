"""What the reference's deeper passes share: rows grouped by a key on both sides, and the pairing
rule of docs/matching.md (rows that are each other's single cheapest candidate are paired,
repeatedly; a row with two equally cheap candidates is never paired)."""
from __future__ import annotations


def by_key(bank_rows, ledger_rows, key):
    """{key: (bank rows, ledger rows)} for the keys both sides have, in key order."""
    groups = {}
    for r in bank_rows:
        groups.setdefault(key(r), ([], []))[0].append(r)
    for r in ledger_rows:
        groups.setdefault(key(r), ([], []))[1].append(r)
    return [(k, groups[k]) for k in sorted(groups) if groups[k][0] and groups[k][1]]


def mutual_best(candidates, cost, bank, ledger):
    """The candidates paired, round by round: lower `cost` is better; `bank` and `ledger` give a
    candidate's row numbers."""
    pairs = []
    while candidates:
        best_b, best_l = {}, {}
        for i, c in enumerate(candidates):
            for best, r in ((best_b, bank(c)), (best_l, ledger(c))):
                cur = best.get(r)
                if cur is None or cost(c) < cost(candidates[cur[0]]):
                    best[r] = (i, True)
                elif cost(c) == cost(candidates[cur[0]]):
                    best[r] = (cur[0], False)
        made = [c for i, c in enumerate(candidates) if best_b[bank(c)] == (i, True) and best_l[ledger(c)] == (i, True)]
        if not made:
            break
        pairs += made
        taken_b, taken_l = {bank(c) for c in made}, {ledger(c) for c in made}
        candidates = [c for c in candidates if bank(c) not in taken_b and ledger(c) not in taken_l]
    return pairs
