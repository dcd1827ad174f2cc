#!/usr/bin/env python3
"""Writes bank.csv, ledger.csv, rates.csv and recon.toml for the FX pass into OUT_DIR: platforms that
book in USD, EUR or JPY what the bank credits in CNY, converted at the day's rate (some days without
one, some pairs given the other way round), with residuals inside and past the tolerance, a day or
two apart, some naming the reference. The engine and the reference (recon_duckdb.py --config) must
agree on it row for row.

    python fx_data.py OUT_DIR [SEED]
"""
import datetime as dt
import random
import sys
from decimal import ROUND_HALF_UP, Decimal

out, seed = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3
rng = random.Random(seed)
base = dt.date(2026, 11, 1)
exp = {"USD": 2, "EUR": 2, "JPY": 0, "CNY": 2}
rates = ["date,from,to,rate"]
table = {}
for i in range(30):
    day = base + dt.timedelta(days=i)
    if i % 7 == 5:
        continue  # no rate that day: the latest earlier one is used
    for cur, mid in (("USD", "7.1"), ("EUR", "7.7"), ("JPY", "0.047")):
        r = (Decimal(mid) * (1 + Decimal(rng.randrange(-300, 300)) / 10000)).quantize(Decimal("0.0001"))
        table[(day, cur)] = r
        if cur == "EUR":
            inv = (1 / r).quantize(Decimal("0.00000001"))
            rates.append(f"{day},CNY,EUR,{inv}")
            table[(day, cur)] = 1 / inv
        else:
            rates.append(f"{day},{cur},CNY,{r}")


def rate_on(day, cur):
    while (day, cur) not in table:
        day -= dt.timedelta(days=1)
    return table[(day, cur)]


bank = ["bank_ref,account,booking_date,value_date,amount,currency,end_to_end_id,counterparty,description"]
ledger = ["txn_id,account,value_date,amount,currency,type,reference,batch_id,counterparty"]
for i in range(2000):
    account = f"FX{rng.randrange(10)}"
    cur = rng.choice(["USD", "EUR", "JPY"])
    day = base + dt.timedelta(days=1 + rng.randrange(27))
    sign = rng.choice([1, -1])
    minor = sign * rng.randrange(100, 2_000_000)
    amount = Decimal(minor).scaleb(-exp[cur])
    ledger.append(f"L{i},{account},{day},{amount},{cur},deposit,REF{i:06d},,")
    converted = (amount * rate_on(day, cur)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    residual = Decimal(rng.choice([0, 0, 1, -1, 5, 30, 500, 2000])) / 100 * sign
    paid = converted + residual
    when = day + dt.timedelta(days=rng.choice([0, 0, 1, 2, 4]))
    e2e = f"REF{i:06d}" if rng.randrange(3) == 0 else ""
    bank.append(f"B{i},{account},{when},,{paid},CNY,{e2e},,")
for name, lines in (("bank.csv", bank), ("ledger.csv", ledger), ("rates.csv", rates)):
    with open(f"{out}/{name}", "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
with open(f"{out}/recon.toml", "w", encoding="utf-8") as f:
    f.write('[fx]\nrates = "rates.csv"\nresidual_pct = "0.5"\nwindow_days = 3\nmax_rate_age_days = 5\n')
