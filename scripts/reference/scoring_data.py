#!/usr/bin/env python3
"""Writes bank.csv, ledger.csv and recon.toml for the scored pass into OUT_DIR: 3,000 invoices, each
paid by a bank line a little off in amount (exact, 1%, 2%, 4%, 10%, 15%), 0 to 3 days later, naming
the invoice in one of several ways or not at all, under the same name, another one or none. The
engine and the reference (recon_duckdb.py --scoring) must agree on it row for row.

    python scoring_data.py OUT_DIR [SEED]
"""
import datetime as dt
import random
import sys

out, seed = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5
rng = random.Random(seed)
names = ["Acme Trading Ltd", "Globex", "Initech GmbH", "Umbrella Corp", "Wayne Enterprises", "Stark Industries", "李四",
         "王五科技有限公司"]
bank = ["bank_ref,account,booking_date,value_date,amount,currency,end_to_end_id,counterparty,description"]
ledger = ["txn_id,account,value_date,amount,currency,type,reference,batch_id,counterparty"]
base = dt.date(2026, 11, 1)
for i in range(3000):
    account = f"ACC{rng.randrange(20)}"
    amount = rng.randrange(1000, 500000)
    day = base + dt.timedelta(days=rng.randrange(25))
    name = rng.choice(names)
    ledger.append(f"T{i},{account},{day},{amount / 100:.2f},CNY,deposit,INV-2026-{i:05d},,{name}")
    factor = rng.choice([1.0, 0.99, 0.96, 0.9, 1.02, 0.85])
    paid = int(amount * factor)
    if paid == amount:
        paid = amount - rng.randrange(1, 50)
    when = day + dt.timedelta(days=rng.randrange(0, 4))
    text = rng.choice([f"PAYMENT INV 2026/{i:05d}", f"INV.2026.{i:05d}", "transfer", f"ref {i:07d}"])
    payer = rng.choice([name.upper(), name, rng.choice(names), ""])
    bank.append(f"B{i},{account},{when},,{paid / 100:.2f},CNY,,{payer},{text}")
with open(f"{out}/bank.csv", "w", encoding="utf-8") as f:
    f.write("\n".join(bank) + "\n")
with open(f"{out}/ledger.csv", "w", encoding="utf-8") as f:
    f.write("\n".join(ledger) + "\n")
with open(f"{out}/recon.toml", "w", encoding="utf-8") as f:
    f.write('[scoring]\nauto_threshold = "0.9"\nsuggest_threshold = "0.6"\nwindow_days = 5\n'
            'reference_patterns = ["INV[ .-]?(\\\\d{4}[ ./-]?\\\\d{5})"]\n')
