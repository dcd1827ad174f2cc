"""What the DuckDB and Polars references of recon's core passes share: the canonical layouts, the
default severities, the report's header, the currencies' exponents and the core command line."""
from __future__ import annotations

import argparse
import re

BANK_COLUMNS = ["bank_ref", "account", "booking_date", "value_date", "amount", "currency",
                "end_to_end_id", "counterparty", "description"]
LEDGER_COLUMNS = ["txn_id", "account", "value_date", "amount", "currency", "type", "reference",
                  "batch_id", "counterparty"]

DEFAULT_SEVERITY = {
    "timing_difference": "info",
    "in_transit": "info",
    "amount_mismatch": "high",
    "missing_in_bank": "medium",
    "unmatched_bank_credit": "medium",
    "unmatched_bank_debit": "critical",
    "duplicate_bank": "high",
    "duplicate_ledger": "high",
    "ambiguous": "medium",
    "matched_within_tolerance": "info",
    "group_match": "info",
    "scored_match": "info",
    "fee_deducted": "info",
    "written_off": "low",
    "fx_matched": "info",
}
SEVERITY_RANK = {"critical": 0, "high": 1, "medium": 2, "low": 3, "info": 4}

REPORT_HEADER = ("kind,severity,account,currency,bank_ref,ledger_id,bank_date,ledger_date,"
                 "bank_amount,ledger_amount,difference,age_days,detail")

# ISO 4217 exponents (docs/matching.md); every other code has 2.
EXPONENT_0 = ["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI",
              "VND", "VUV", "XAF", "XOF", "XPF"]
EXPONENT_3 = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]
EXPONENT_4 = ["CLF", "UYW"]


def core_parser(description: str, threads_help: str) -> argparse.ArgumentParser:
    """The options both references take: inputs, output, as-of, the core passes' windows and
    tolerance, threads, severities, rejects and quiet."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--bank", action="append", required=True, help="bank CSV (repeatable, in order)")
    p.add_argument("--ledger", action="append", required=True, help="ledger CSV (repeatable, in order)")
    p.add_argument("--out", required=True, help="output directory (breaks.csv)")
    p.add_argument("--as-of", help="yyyy-mm-dd; default: latest bank booking date, else latest ledger date")
    p.add_argument("--window-days", type=int, default=3, help="amount_date.window_days (default 3)")
    p.add_argument("--settlement-window-days", type=int, default=2, help="default 2")
    p.add_argument("--amount-tolerance", type=int, default=0,
                   help="reference.amount_tolerance in minor units (default 0)")
    p.add_argument("--threads", type=int, default=0, help=threads_help)
    p.add_argument("--severity", action="append", metavar="KIND=LEVEL", help="override a severity")
    p.add_argument("--skip-invalid", action="store_true", help="drop invalid rows instead of failing")
    p.add_argument("--quiet", action="store_true", help="no timings on stderr")
    return p


def parse_core(p: argparse.ArgumentParser, argv=None) -> argparse.Namespace:
    """Parses argv and checks what both references require of it."""
    args = p.parse_args(argv)
    if args.as_of and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", args.as_of):
        p.error("--as-of must be yyyy-mm-dd")
    if args.window_days < 0 or args.settlement_window_days < 0 or args.amount_tolerance < 0:
        p.error("windows and tolerance must not be negative")
    return args
