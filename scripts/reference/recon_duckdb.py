#!/usr/bin/env python3
"""DuckDB reference implementation of Recon's matching passes (docs/matching.md).

The benchmark runs this next to the Swift engine and checks with compare_breaks.py that both write
the same break report, and compares their speed and memory. Everything heavy is SQL; Python only
drives the passes, the per-distance levels of pass 4 and (optionally) a label-propagation fixpoint.

    python recon_duckdb.py --bank B.csv [--bank B2.csv ...] --ledger L.csv [...] --out DIR \
        [--as-of yyyy-mm-dd] [--window-days 3] [--settlement-window-days 2] \
        [--amount-tolerance 0] [--threads N] [--memory-limit 16GB] \
        [--severity kind=level ...] [--components islands|propagate] [--skip-invalid]

It writes DIR/breaks.csv (and nothing else; DuckDB's spill files go to DIR/.recon_duckdb_tmp, which
is removed at the end). Phase timings and peak memory go to stderr.

Choices made where docs/matching.md leaves room (tell the owner if the Swift engine differs):

 1. Invalid input rows (bad date, bad amount, bad currency, empty bank_ref/txn_id/account, bank
    value_date neither empty nor a date) stop the run with an error naming the first few, like the
    Swift reader with no rejects allowed. `--skip-invalid` drops them instead (rejects allowed);
    the remaining rows keep their relative order. Dates must be exactly yyyy-mm-dd, year 0001-9999.
    Amounts: optional sign, digits with at most one dot (`5.`, `.5` accepted, as MinorUnits.parse
    does), no spaces; must fit in Int64 minor units. Header names are matched after trimming
    spaces, so column order may differ and extra columns are ignored. Quoted-empty ("") and empty
    fields are the same thing (empty).
 2. as-of without --as-of: the latest booking_date over all (valid) bank rows, duplicates
    included, else the latest ledger value_date over all (valid) ledger rows.
 3. The final "row number" tie-break of the sort: the bank row's number when the report row has a
    bank side, else the ledger row's number; then the ledger row's number (for a batch row: the
    group's first ledger row). Bank and ledger numbers never need comparing with each other: a
    ledger-only row has an empty bank_ref, a row with a bank side never does. Empty/absent text
    sorts as the empty string (first). Comparisons are bytewise (DuckDB's default binary collation).
 4. Pass 2: rule 1 (|Bg| = |Lg| = 1) is applied as the special case of rule 2 it is (same result).
    The tolerance applies to every pair of pass 2 (an amount-level pair has difference 0); a pair
    whose amounts differ inside it is `matched_within_tolerance`.
 5. Pass 3: the bank row must equal the ledger sum exactly; `--amount-tolerance` (the reference
    pass's tolerance) is not applied to batches. Sums are computed in 128-bit integers. A key is a
    batch group only when it has at least one open bank row AND one open ledger row; a group with
    several bank rows makes all its rows (both sides) ambiguous. Timing is bank date vs the latest
    ledger date of the group. The report row's lrn tie-break is the group's first ledger row.
 6. age_days of a two-sided amount_mismatch (pass 2 pair or batch): as-of minus the earlier of
    bank_date and ledger_date as written in the row (for a batch: the latest ledger date).
    timing_difference: |bank_date - ledger_date| (for pass 4 that is d).
 7. ambiguous rows are single-row report rows: only their own side's columns are filled,
    difference is empty, age_days = as-of - the row's date.
 8. Pass 4 considers every open row (with or without end_to_end_id/reference). Components are
    computed on a graph of "cells" (group, side, date) instead of rows: all rows of a cell have the
    same neighbours, so the components are the same. By default (`--components islands`) they are
    found without iteration: for d > 0 the cells of a group lie on chains B(t), L(t+d), B(t+2d), ...
    (one chain per residue of the date modulo 2d and side), and a component is a run of consecutive
    occupied positions on a chain (gaps-and-islands). `--components propagate` instead runs min-label
    propagation (with pointer jumping) over the cell edges until nothing changes; the self-test
    checks the two agree.
 9. Pass 5: a zero-amount bank row is unmatched_bank_credit ("negative" means < 0).
10. detail texts are free-form (the comparison ignores them): duplicates name the first
    occurrence (its id and global row number), ambiguous rows list up to ten candidates of the
    other side (of the same group / component), sorted by row number.
11. Row numbers: each file is read with a plain scan + projection into a table (files in
    command-line order), whose rowid then is the input order (DuckDB's documented order
    preservation); the number is taken from that rowid before any join or aggregate. Blank lines
    are skipped (as the Swift scanner does) and do not count.
12. Output: yyyy-mm-dd dates, amounts with exactly the currency's exponent (`-0.05`, `100.00`, `5`),
    absent values as empty unquoted fields, RFC 4180 quoting only where needed, LF line ends.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import re
import resource
import shutil
import sys
import time

import duckdb

from reference_common import (BANK_COLUMNS, DEFAULT_SEVERITY, EXPONENT_0, EXPONENT_3, EXPONENT_4,  # noqa: F401
                              LEDGER_COLUMNS, REPORT_HEADER, SEVERITY_RANK, core_parser, parse_core)


def q(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def in_list(codes: list[str]) -> str:
    return "(" + ", ".join(q(c) for c in codes) + ")"


# SQL macros shared by the passes. All money is BIGINT (input rows) or HUGEINT (sums, differences):
# never floating point.
MACROS = f"""
-- Minor-unit exponent of a currency code.
CREATE MACRO cur_exp(c) AS CASE
    WHEN c IN {in_list(EXPONENT_0)} THEN 0
    WHEN c IN {in_list(EXPONENT_3)} THEN 3
    WHEN c IN {in_list(EXPONENT_4)} THEN 4
    ELSE 2 END;

-- 10^e for the exponents in use (0, 2, 3, 4).
CREATE MACRO pow10(e) AS CASE e WHEN 0 THEN 1 WHEN 1 THEN 10 WHEN 2 THEN 100 WHEN 3 THEN 1000
                                ELSE 10000 END::HUGEINT;

-- A run of decimal digits (leading zeros already removed) as HUGEINT; NULL when it cannot fit.
CREATE MACRO digits_to_int(t) AS CASE
    WHEN t = '' THEN 0::HUGEINT
    WHEN length(t) > 20 THEN NULL
    ELSE t::HUGEINT END;

-- Exact conversion of a signed decimal text to minor units with exponent e (as HUGEINT; the caller
-- checks the Int64 range), or NULL when the text is not a plain decimal (sign, digits, at most one
-- dot, at least one digit: '5.', '.5', '+5' are fine, '1e5', ' 1' are not) or has non-zero digits
-- beyond the exponent. Once those two checks passed, every digit beyond the 4th decimal is a zero
-- (e <= 4), so a cast to the fixed-point DECIMAL(38, 4) is exact, and so is scaling it by 10^e.
-- Texts longer than 24 characters (where DECIMAL(38, 4) could overflow) take the slower textual
-- path: integer digits || fraction digits padded/cut to e, leading zeros dropped, e.g. '-12.5'
-- with e = 2: '12' || '50' = 1250, negated. Never floating point.
CREATE MACRO minor_units_wide(s, e) AS CASE
    WHEN NOT regexp_full_match(s, '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)') THEN NULL
    WHEN NOT regexp_full_match(substr(split_part(s, '.', 2), e + 1), '0*') THEN NULL
    WHEN length(s) <= 24 THEN (s::DECIMAL(38, 4) * pow10(e))::HUGEINT
    ELSE (CASE WHEN starts_with(s, '-') THEN -1 ELSE 1 END)
         * digits_to_int(ltrim(split_part(ltrim(s, '+-'), '.', 1)
                               || rpad(left(split_part(s, '.', 2), e), e, '0'), '0'))
    END;

-- Strict yyyy-mm-dd (year 0001-9999, real calendar day), else NULL.
CREATE MACRO parse_day(s) AS CASE
    WHEN regexp_full_match(s, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}') AND left(s, 4) <> '0000'
    THEN try_cast(s AS DATE) END;

-- Minor units back to text with exactly e decimals: -5 with e = 2 is '-0.05'.
CREATE MACRO fmt_minor(v, e) AS CASE
    WHEN v IS NULL THEN NULL
    WHEN e = 0 THEN v::HUGEINT::VARCHAR
    ELSE (CASE WHEN v < 0 THEN '-' ELSE '' END)
         || (abs(v::HUGEINT) // pow10(e))::VARCHAR || '.'
         || lpad((abs(v::HUGEINT) % pow10(e))::VARCHAR, e, '0') END;

-- Up to ten ids of a list (already sorted by row number) as text for `detail`.
CREATE MACRO first_ten(ids, n) AS
    array_to_string(ids[1:10], ' ') || CASE WHEN n > 10 THEN ' ...' ELSE '' END;
"""

# The report table every pass appends to. brn/lrn are the bank/ledger row numbers for the sort.
BREAKS_TABLE = """
CREATE TABLE breaks (
    kind VARCHAR, account VARCHAR, currency VARCHAR, bank_ref VARCHAR, ledger_id VARCHAR,
    bank_date DATE, ledger_date DATE, bank_amount HUGEINT, ledger_amount HUGEINT,
    age_days BIGINT, detail VARCHAR, brn BIGINT, lrn BIGINT)
"""


class InputFailure(Exception):
    pass


class Recon:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.out_dir = args.out
        os.makedirs(self.out_dir, exist_ok=True)
        self.tmp_dir = os.path.join(self.out_dir, ".recon_duckdb_tmp")
        self.con = duckdb.connect(":memory:")
        self.con.execute(f"SET temp_directory = {q(self.tmp_dir)}")
        self.con.execute("SET preserve_insertion_order = true")  # rowid = input order, COPY keeps ORDER BY
        if args.threads:
            self.con.execute(f"SET threads = {int(args.threads)}")
        if args.memory_limit:
            self.con.execute(f"SET memory_limit = {q(args.memory_limit)}")
        self.con.execute(MACROS)
        self.con.execute(BREAKS_TABLE)
        self.timings: list[tuple[str, float]] = []
        self.counts: dict[str, int] = {}
        self.as_of: dt.date | None = None
        self.open_tables: set[str] = set()  # sides whose *_open is a table (else a view of all rows)

    # -- helpers ----------------------------------------------------------------------------------

    def sql(self, text: str, params=None):
        return self.con.execute(text, params) if params is not None else self.con.execute(text)

    def scalar(self, text: str):
        row = self.con.execute(text).fetchone()
        return row[0] if row else None

    def phase(self, name: str, started: float) -> None:
        self.timings.append((name, time.perf_counter() - started))

    def leave(self, side: str, gone_table: str) -> None:
        """Takes the rows whose rn is in `gone_table` out of play on one side ('b' or 'l')."""
        self.sql(f"CREATE TABLE {side}_next AS "
                 f"SELECT * FROM {side}_open ANTI JOIN (SELECT DISTINCT rn FROM {gone_table}) USING (rn)")
        self.sql(f"DROP {'TABLE' if side in self.open_tables else 'VIEW'} {side}_open")
        self.sql(f"ALTER TABLE {side}_next RENAME TO {side}_open")
        self.open_tables.add(side)

    @property
    def asof_sql(self) -> str:
        return f"DATE {q(self.as_of.isoformat())}" if self.as_of else "NULL::DATE"

    # -- input ------------------------------------------------------------------------------------

    @staticmethod
    def header_of(path: str, required: list[str]) -> list[str]:
        """The header names of a CSV file (first record, BOM skipped, names trimmed of spaces)."""
        with open(path, newline="", encoding="utf-8-sig") as f:
            for record in csv.reader(f):
                if not record or record == [""]:
                    continue  # blank lines before the header
                names = [n.strip(" ") for n in record]
                missing = [c for c in required if c not in names]
                if missing:
                    raise InputFailure(f"{path}: header lacks column(s) {', '.join(missing)}")
                if len(set(names)) != len(names):
                    raise InputFailure(f"{path}: header has repeated column names")
                return names
        raise InputFailure(f"{path}: empty file: no header row")

    def read_csv_sql(self, path: str, names: list[str]) -> str:
        # Every column is read as VARCHAR, by position, named after the file's own header. Strict
        # mode makes a record with the wrong number of fields an error.
        columns = "{" + ", ".join(f"{q(n)}: 'VARCHAR'" for n in names) + "}"
        return (f"read_csv({q(path)}, columns = {columns}, header = true, auto_detect = false, "
                f"delim = ',', quote = '\"', escape = '\"', strict_mode = true)")

    # Parsing. `bad` names the first faulty field of a row, NULL when the row is valid. Each
    # conversion is computed once, in a CTE, since macros expand textually. rn is read from the raw
    # table's rowid in the first projection, so that no later reordering can change it (the IN
    # list of cur_exp, for one, becomes a join, and joins do not keep row order).
    BANK_PARSE = """
        WITH r AS (
            SELECT rowid + 1 AS rn, *, cur_exp(currency) AS e FROM bank_raw),
        c AS (
            SELECT *, parse_day(booking_date) AS bdate, parse_day(value_date) AS vdate,
                   minor_units_wide(amount, e) AS wide FROM r),
        v AS (
            SELECT *, CASE WHEN wide BETWEEN -9223372036854775808 AND 9223372036854775807
                           THEN wide::BIGINT END AS minor FROM c)
        SELECT rn, file, bank_ref, account, currency, e2e, bdate, minor AS amount,
               CASE WHEN bank_ref = '' THEN 'bank_ref: empty value'
                    WHEN account = '' THEN 'account: empty value'
                    WHEN bdate IS NULL THEN 'booking_date: ''' || booking_date || ''' is not a date yyyy-mm-dd'
                    WHEN value_date <> '' AND vdate IS NULL THEN 'value_date: ''' || value_date || ''' is not a date yyyy-mm-dd'
                    WHEN NOT regexp_full_match(currency, '[A-Z]{3}') THEN 'currency: ''' || currency || ''' is not an ISO 4217 code'
                    WHEN minor IS NULL THEN 'amount: ''' || amount || ''' is not an exact amount with ' || e || ' decimals in 64 bits'
               END AS bad
        FROM v"""
    LEDGER_PARSE = """
        WITH r AS (
            SELECT rowid + 1 AS rn, *, cur_exp(currency) AS e FROM ledger_raw),
        c AS (
            SELECT *, parse_day(value_date) AS ldate, minor_units_wide(amount, e) AS wide FROM r),
        v AS (
            SELECT *, CASE WHEN wide BETWEEN -9223372036854775808 AND 9223372036854775807
                           THEN wide::BIGINT END AS minor FROM c)
        SELECT rn, file, txn_id, account, currency, reference, batch_id, ldate, minor AS amount,
               CASE WHEN txn_id = '' THEN 'txn_id: empty value'
                    WHEN account = '' THEN 'account: empty value'
                    WHEN ldate IS NULL THEN 'value_date: ''' || value_date || ''' is not a date yyyy-mm-dd'
                    WHEN NOT regexp_full_match(currency, '[A-Z]{3}') THEN 'currency: ''' || currency || ''' is not an ISO 4217 code'
                    WHEN minor IS NULL THEN 'amount: ''' || amount || ''' is not an exact amount with ' || e || ' decimals in 64 bits'
               END AS bad
        FROM v"""

    def load(self) -> None:
        t0 = time.perf_counter()
        self.sql("CREATE TABLE bank_raw (file INTEGER, bank_ref VARCHAR, account VARCHAR, "
                 "booking_date VARCHAR, value_date VARCHAR, amount VARCHAR, currency VARCHAR, e2e VARCHAR)")
        if self.texts_needed:
            # The group and scored passes weigh names and references: the texts are kept beside the rows.
            self.sql("CREATE TABLE bank_text_raw (counterparty VARCHAR, description VARCHAR)")
            self.sql("CREATE TABLE ledger_text_raw (counterparty VARCHAR, type VARCHAR)")
        self.sql("CREATE TABLE ledger_raw (file INTEGER, txn_id VARCHAR, account VARCHAR, "
                 "value_date VARCHAR, amount VARCHAR, currency VARCHAR, reference VARCHAR, batch_id VARCHAR)")

        def c(name: str) -> str:  # empty and NULL are the same thing
            return f"coalesce(\"{name}\", '')"

        # One INSERT per file, in command-line order, of a plain scan + projection (no join, no
        # aggregate): with preserve_insertion_order the raw table's rowid is then the row's position
        # in the input (files in order, then line order). Row numbers come from that rowid.
        for i, path in enumerate(self.args.bank):
            source = self.read_csv_sql(path, self.header_of(path, BANK_COLUMNS))
            self.sql(f"INSERT INTO bank_raw SELECT {i}, {c('bank_ref')}, {c('account')}, "
                     f"{c('booking_date')}, {c('value_date')}, {c('amount')}, {c('currency')}, "
                     f"{c('end_to_end_id')} FROM {source}")
            if self.texts_needed:
                self.sql(f"INSERT INTO bank_text_raw SELECT {c('counterparty')}, {c('description')} FROM {source}")
        for i, path in enumerate(self.args.ledger):
            source = self.read_csv_sql(path, self.header_of(path, LEDGER_COLUMNS))
            self.sql(f"INSERT INTO ledger_raw SELECT {i}, {c('txn_id')}, {c('account')}, "
                     f"{c('value_date')}, {c('amount')}, {c('currency')}, {c('reference')}, "
                     f"{c('batch_id')} FROM {source}")
            if self.texts_needed:
                self.sql(f"INSERT INTO ledger_text_raw SELECT {c('counterparty')}, {c('type')} FROM {source}")
        self.phase("read csv", t0)

        t0 = time.perf_counter()
        self.sql("CREATE TABLE bank_all AS " + self.BANK_PARSE)
        self.sql("CREATE TABLE ledger_all AS " + self.LEDGER_PARSE)
        self.sql("DROP TABLE bank_raw")
        self.sql("DROP TABLE ledger_raw")
        self.check_invalid("bank", self.args.bank)
        self.check_invalid("ledger", self.args.ledger)
        # All valid rows. rn: the global row number, 1-based ("first" = lowest rn); skipped rows
        # leave gaps.
        self.sql("CREATE VIEW bank AS SELECT rn, bank_ref, account, currency, e2e, bdate, amount "
                 "FROM bank_all WHERE bad IS NULL")
        self.sql("CREATE VIEW ledger AS SELECT rn, txn_id, account, currency, reference, batch_id, "
                 "ldate, amount FROM ledger_all WHERE bad IS NULL")
        self.counts["bank rows"] = self.scalar("SELECT count(*) FROM bank")
        self.counts["ledger rows"] = self.scalar("SELECT count(*) FROM ledger")

        if self.args.as_of:
            self.as_of = dt.date.fromisoformat(self.args.as_of)
        else:
            self.as_of = (self.scalar("SELECT max(bdate) FROM bank")
                          or self.scalar("SELECT max(ldate) FROM ledger"))
        # Rows in play, shrinking pass after pass: views of all rows until the first leave().
        self.sql("CREATE VIEW b_open AS SELECT * FROM bank")
        self.sql("CREATE VIEW l_open AS SELECT * FROM ledger")
        self.phase("parse + check", t0)

    def check_invalid(self, side: str, paths: list[str]) -> None:
        table = f"{side}_all"
        n = self.scalar(f"SELECT count(*) FROM {table} WHERE bad IS NOT NULL")
        if not n:
            return
        # Record index within its file (1-based, after the header).
        rows = self.sql(f"""
            SELECT file, rn - min(rn) OVER (PARTITION BY file) + 1 AS rec, bad
            FROM {table} QUALIFY bad IS NOT NULL ORDER BY rn LIMIT 5""").fetchall()
        lines = [f"  {paths[f]}: record {rec}: {bad}" for f, rec, bad in rows]
        message = f"{n} invalid {side} row(s):\n" + "\n".join(lines)
        if not self.args.skip_invalid:
            raise InputFailure(message)
        print(f"skipping {message}", file=sys.stderr)
        self.counts[f"skipped {side} rows"] = n

    # -- pass 1: duplicates -----------------------------------------------------------------------

    def pass_duplicates(self) -> None:
        t0 = time.perf_counter()
        A = self.asof_sql
        # Key groups with more than one row; the first by content (date, then id, then rn) stays, the
        # others are duplicates, so that the order of the input rows does not matter.
        self.sql(f"""
            CREATE TEMP TABLE dup_b AS
            SELECT * FROM (
                SELECT b.*, first_value(b.rn) OVER w AS first_rn, first_value(b.bank_ref) OVER w AS first_id
                FROM b_open b JOIN (
                    SELECT account, currency, e2e, amount FROM b_open WHERE e2e <> '' GROUP BY ALL HAVING count(*) > 1
                ) f USING (account, currency, e2e, amount)
                WINDOW w AS (PARTITION BY account, currency, e2e, amount ORDER BY bdate, bank_ref, rn)
            ) WHERE rn <> first_rn""")
        self.sql(f"""
            INSERT INTO breaks
            SELECT 'duplicate_bank', account, currency, bank_ref, NULL, bdate, NULL, amount, NULL,
                   {A} - bdate,
                   'duplicate of bank_ref ' || first_id || ' (bank row ' || first_rn || '), end_to_end_id ' || e2e,
                   rn, NULL
            FROM dup_b""")
        self.sql(f"""
            CREATE TEMP TABLE dup_l AS
            SELECT * FROM (
                SELECT l.*, first_value(l.rn) OVER w AS first_rn, first_value(l.txn_id) OVER w AS first_id
                FROM l_open l JOIN (
                    SELECT account, currency, reference, amount FROM l_open WHERE reference <> '' GROUP BY ALL HAVING count(*) > 1
                ) f USING (account, currency, reference, amount)
                WINDOW w AS (PARTITION BY account, currency, reference, amount ORDER BY ldate, txn_id, rn)
            ) WHERE rn <> first_rn""")
        self.sql(f"""
            INSERT INTO breaks
            SELECT 'duplicate_ledger', account, currency, NULL, txn_id, NULL, ldate, NULL, amount,
                   {A} - ldate,
                   'duplicate of txn_id ' || first_id || ' (ledger row ' || first_rn || '), reference ' || reference,
                   NULL, rn
            FROM dup_l""")
        self.leave("b", "dup_b")
        self.leave("l", "dup_l")
        self.sql("DROP TABLE dup_b; DROP TABLE dup_l")
        self.phase("pass 1 duplicates", t0)

    # -- pass 2: reference ------------------------------------------------------------------------

    def pass_reference(self) -> None:
        t0 = time.perf_counter()
        A = self.asof_sql
        tol = int(self.args.amount_tolerance)
        # Rows of groups (account, currency, key) that have both sides.
        self.sql("""
            CREATE TEMP TABLE rb AS
            SELECT b.rn, b.account, b.currency, b.e2e AS k, b.amount, b.bdate, b.bank_ref
            FROM b_open b SEMI JOIN (SELECT DISTINCT account, currency, reference FROM l_open WHERE reference <> '') l
                 ON b.account = l.account AND b.currency = l.currency AND b.e2e = l.reference
            WHERE b.e2e <> ''""")
        self.sql("""
            CREATE TEMP TABLE rl AS
            SELECT l.rn, l.account, l.currency, l.reference AS k, l.amount, l.ldate, l.txn_id
            FROM l_open l SEMI JOIN (SELECT DISTINCT account, currency, e2e FROM b_open WHERE e2e <> '') b
                 ON l.account = b.account AND l.currency = b.currency AND l.reference = b.e2e
            WHERE l.reference <> ''""")
        # Step 2a: an amount with exactly one row on each side makes a pair.
        self.sql("""
            CREATE TEMP TABLE ref_pairs AS
            SELECT b.brn, l.lrn
            FROM (SELECT account, currency, k, amount, min(rn) AS brn FROM rb GROUP BY ALL HAVING count(*) = 1) b
            JOIN (SELECT account, currency, k, amount, min(rn) AS lrn FROM rl GROUP BY ALL HAVING count(*) = 1) l
                 USING (account, currency, k, amount)""")
        self.sql("CREATE TEMP TABLE rb_rest AS SELECT * FROM rb WHERE rn NOT IN (SELECT brn FROM ref_pairs)")
        self.sql("CREATE TEMP TABLE rl_rest AS SELECT * FROM rl WHERE rn NOT IN (SELECT lrn FROM ref_pairs)")
        # Step 2b: per group, what is left on each side.
        self.sql("""
            CREATE TEMP TABLE ref_rest AS
            SELECT account, currency, k, b.nb, b.brn, b.ids AS bank_ids, l.nl, l.lrn, l.ids AS ledger_ids
            FROM (SELECT account, currency, k, count(*) AS nb, min(rn) AS brn,
                         list(bank_ref ORDER BY bdate, bank_ref, rn)[1:10] AS ids FROM rb_rest GROUP BY ALL) b
            JOIN (SELECT account, currency, k, count(*) AS nl, min(rn) AS lrn,
                         list(txn_id ORDER BY ldate, txn_id, rn)[1:10] AS ids FROM rl_rest GROUP BY ALL) l
                 USING (account, currency, k)""")
        # One row left on each side: a pair too.
        self.sql("INSERT INTO ref_pairs SELECT brn, lrn FROM ref_rest WHERE nb = 1 AND nl = 1")
        # Pairs: matched (no report row), timing_difference or amount_mismatch.
        self.sql(f"""
            INSERT INTO breaks
            SELECT kind, account, currency, bank_ref, txn_id, bdate, ldate, b_amount, l_amount,
                   CASE WHEN kind IN ('timing_difference', 'matched_within_tolerance') THEN abs(bdate - ldate)
                        ELSE {A} - least(bdate, ldate) END,
                   'reference ' || k || CASE WHEN kind = 'timing_difference'
                        THEN ': dates differ by ' || abs(bdate - ldate) || ' day(s)'
                        WHEN kind = 'matched_within_tolerance' THEN ': amounts differ inside the tolerance'
                        ELSE ': amounts differ by more than the tolerance' END,
                   brn, lrn
            FROM (
                SELECT CASE WHEN abs(b.amount::HUGEINT - l.amount) > {tol} THEN 'amount_mismatch'
                            WHEN b.amount <> l.amount THEN 'matched_within_tolerance'
                            WHEN b.bdate <> l.ldate THEN 'timing_difference' END AS kind,
                       b.account, b.currency, b.k, b.bank_ref, l.txn_id, b.bdate, l.ldate,
                       b.amount AS b_amount, l.amount AS l_amount, p.brn, p.lrn
                FROM ref_pairs p JOIN rb b ON b.rn = p.brn JOIN rl l ON l.rn = p.lrn)
            WHERE kind IS NOT NULL""")
        # Rows left on both sides (and not one each): all ambiguous.
        self.sql(f"""
            INSERT INTO breaks
            SELECT 'ambiguous', b.account, b.currency, b.bank_ref, NULL, b.bdate, NULL, b.amount, NULL,
                   {A} - b.bdate,
                   'reference ' || b.k || ': ' || g.nl || ' ledger candidate(s): ' || first_ten(g.ledger_ids, g.nl),
                   b.rn, NULL
            FROM rb_rest b JOIN ref_rest g USING (account, currency, k)
            WHERE NOT (g.nb = 1 AND g.nl = 1)""")
        self.sql(f"""
            INSERT INTO breaks
            SELECT 'ambiguous', l.account, l.currency, NULL, l.txn_id, NULL, l.ldate, NULL, l.amount,
                   {A} - l.ldate,
                   'reference ' || l.k || ': ' || g.nb || ' bank candidate(s): ' || first_ten(g.bank_ids, g.nb),
                   NULL, l.rn
            FROM rl_rest l JOIN ref_rest g USING (account, currency, k)
            WHERE NOT (g.nb = 1 AND g.nl = 1)""")
        # Everything paired or ambiguous leaves play; rows of groups left on one side only stay.
        self.sql("""
            CREATE TEMP TABLE gone_b AS
            SELECT brn AS rn FROM ref_pairs
            UNION ALL SELECT rn FROM rb_rest SEMI JOIN ref_rest USING (account, currency, k)""")
        self.sql("""
            CREATE TEMP TABLE gone_l AS
            SELECT lrn AS rn FROM ref_pairs
            UNION ALL SELECT rn FROM rl_rest SEMI JOIN ref_rest USING (account, currency, k)""")
        self.leave("b", "gone_b")
        self.leave("l", "gone_l")
        self.sql("DROP TABLE rb; DROP TABLE rl; DROP TABLE ref_pairs; DROP TABLE rb_rest; "
                 "DROP TABLE rl_rest; DROP TABLE ref_rest; DROP TABLE gone_b; DROP TABLE gone_l")
        self.phase("pass 2 reference", t0)

    # -- pass 3: batch ----------------------------------------------------------------------------

    def pass_batch(self) -> None:
        t0 = time.perf_counter()
        A = self.asof_sql
        self.sql("""
            CREATE TEMP TABLE bb AS
            SELECT b.rn, b.account, b.currency, b.e2e AS k, b.amount, b.bdate, b.bank_ref
            FROM b_open b SEMI JOIN (SELECT DISTINCT account, currency, batch_id FROM l_open WHERE batch_id <> '') l
                 ON b.account = l.account AND b.currency = l.currency AND b.e2e = l.batch_id
            WHERE b.e2e <> ''""")
        self.sql("""
            CREATE TEMP TABLE bl AS
            SELECT l.rn, l.account, l.currency, l.batch_id AS k, l.amount, l.ldate, l.txn_id
            FROM l_open l SEMI JOIN (SELECT DISTINCT account, currency, e2e FROM b_open WHERE e2e <> '') b
                 ON l.account = b.account AND l.currency = b.currency AND l.batch_id = b.e2e
            WHERE l.batch_id <> ''""")
        self.sql("""
            CREATE TEMP TABLE batch_groups AS
            SELECT account, currency, k, b.nb, b.brn, b.ids AS bank_ids,
                   l.nl, l.lrn, l.total, l.latest, l.ids AS ledger_ids
            FROM (SELECT account, currency, k, count(*) AS nb, min(rn) AS brn,
                         list(bank_ref ORDER BY bdate, bank_ref, rn)[1:10] AS ids FROM bb GROUP BY ALL) b
            JOIN (SELECT account, currency, k, count(*) AS nl, min(rn) AS lrn,
                         sum(amount::HUGEINT) AS total, max(ldate) AS latest,
                         list(txn_id ORDER BY ldate, txn_id, rn)[1:10] AS ids FROM bl GROUP BY ALL) l
                 USING (account, currency, k)""")
        # One bank row: one report row for the whole group (unless matched).
        self.sql(f"""
            INSERT INTO breaks
            SELECT kind, account, currency, bank_ref, k, bdate, latest, amount, total,
                   CASE WHEN kind = 'timing_difference' THEN abs(bdate - latest)
                        ELSE {A} - least(bdate, latest) END,
                   'batch ' || k || ' of ' || nl || ' ledger row(s)' || CASE WHEN kind = 'timing_difference'
                        THEN ': bank date differs from the latest ledger date by ' || abs(bdate - latest) || ' day(s)'
                        ELSE ': ledger sum differs from the bank amount' END,
                   brn, lrn
            FROM (
                SELECT CASE WHEN g.total <> b.amount THEN 'amount_mismatch'
                            WHEN b.bdate <> g.latest THEN 'timing_difference' END AS kind,
                       g.*, b.bank_ref, b.bdate, b.amount
                FROM batch_groups g JOIN bb b ON b.rn = g.brn
                WHERE g.nb = 1)
            WHERE kind IS NOT NULL""")
        # Several bank rows: every row of the group, both sides, is ambiguous.
        self.sql(f"""
            INSERT INTO breaks
            SELECT 'ambiguous', b.account, b.currency, b.bank_ref, NULL, b.bdate, NULL, b.amount, NULL,
                   {A} - b.bdate,
                   'batch ' || b.k || ' claimed by ' || g.nb || ' bank rows; ledger rows: ' || first_ten(g.ledger_ids, g.nl),
                   b.rn, NULL
            FROM bb b JOIN batch_groups g USING (account, currency, k) WHERE g.nb > 1""")
        self.sql(f"""
            INSERT INTO breaks
            SELECT 'ambiguous', l.account, l.currency, NULL, l.txn_id, NULL, l.ldate, NULL, l.amount,
                   {A} - l.ldate,
                   'batch ' || l.k || ' claimed by ' || g.nb || ' bank rows: ' || first_ten(g.bank_ids, g.nb),
                   NULL, l.rn
            FROM bl l JOIN batch_groups g USING (account, currency, k) WHERE g.nb > 1""")
        # Every row of bb/bl is in a group with both sides, so all of them leave play.
        self.leave("b", "bb")
        self.leave("l", "bl")
        self.sql("DROP TABLE bb; DROP TABLE bl; DROP TABLE batch_groups")
        self.phase("pass 3 batch", t0)

    # -- pass 4: amount and date ------------------------------------------------------------------

    def pass_amount_date(self) -> None:
        t0 = time.perf_counter()
        A = self.asof_sql
        # Groups (account, currency, amount) with open rows on both sides get a small integer id;
        # rows of one-sided groups cannot match here and simply stay open. `day` is the date as a
        # non-negative day number, so integer division and modulo behave.
        self.sql("""
            CREATE TEMP TABLE g4 AS
            SELECT account, currency, amount, row_number() OVER () AS gid FROM (
                SELECT account, currency, amount FROM b_open
                INTERSECT SELECT account, currency, amount FROM l_open)""")
        self.sql("""
            CREATE TEMP TABLE ab AS
            SELECT g.gid, b.rn, b.bdate - DATE '0001-01-01' AS day, b.bank_ref AS id
            FROM b_open b JOIN g4 g USING (account, currency, amount)""")
        self.sql("""
            CREATE TEMP TABLE al AS
            SELECT g.gid, l.rn, l.ldate - DATE '0001-01-01' AS day, l.txn_id AS id
            FROM l_open l JOIN g4 g USING (account, currency, amount)""")
        self.sql("CREATE TEMP TABLE gone4_b (rn BIGINT, d INTEGER)")
        self.sql("CREATE TEMP TABLE gone4_l (rn BIGINT, d INTEGER)")

        for d in range(0, int(self.args.window_days) + 1):
            # Cells: the rows of one side of a group on one day. All rows of a cell have the same
            # neighbours, so components of the cell graph are the components of the row graph.
            self.sql("""
                CREATE OR REPLACE TEMP TABLE cells AS
                SELECT gid, 0 AS side, day, count(*) AS n FROM ab GROUP BY gid, day
                UNION ALL
                SELECT gid, 1 AS side, day, count(*) AS n FROM al GROUP BY gid, day""")
            if self.args.components == "propagate":
                self.components_by_propagation(d)
            else:
                self.components_by_islands(d)
            # comp_cells(gid, side, day, ck): cells in a component of two or more cells.
            self.sql("""
                CREATE OR REPLACE TEMP TABLE comps AS
                SELECT gid, ck, sum(n) FILTER (WHERE side = 0) AS nb, sum(n) FILTER (WHERE side = 1) AS nl
                FROM comp_cells GROUP BY gid, ck""")
            self.sql("""
                CREATE OR REPLACE TEMP TABLE mb AS
                SELECT b.*, c.ck, c.nb, c.nl FROM ab b
                JOIN comp_cells cc ON cc.gid = b.gid AND cc.side = 0 AND cc.day = b.day
                JOIN comps c ON c.gid = cc.gid AND c.ck = cc.ck""")
            self.sql("""
                CREATE OR REPLACE TEMP TABLE ml AS
                SELECT l.*, c.ck, c.nb, c.nl FROM al l
                JOIN comp_cells cc ON cc.gid = l.gid AND cc.side = 1 AND cc.day = l.day
                JOIN comps c ON c.gid = cc.gid AND c.ck = cc.ck""")
            if d > 0:
                # One row each side: a pair d days apart (at d = 0 it is matched: no report row).
                self.sql(f"""
                    INSERT INTO breaks
                    SELECT 'timing_difference', o.account, o.currency, o.bank_ref, l.txn_id,
                           o.bdate, l.ldate, o.amount, l.amount, {d},
                           'amount and date: ' || {d} || ' day(s) apart', o.rn, l.rn
                    FROM mb b JOIN ml m ON m.gid = b.gid AND m.ck = b.ck
                    JOIN bank o ON o.rn = b.rn JOIN ledger l ON l.rn = m.rn
                    WHERE b.nb = 1 AND b.nl = 1""")
            # Larger components: every row ambiguous; candidates are the other side's rows.
            self.sql("""
                CREATE OR REPLACE TEMP TABLE comp_ids AS
                SELECT gid, ck, bank_ids, ledger_ids FROM
                    (SELECT gid, ck, list(id ORDER BY rn)[1:10] AS bank_ids FROM mb WHERE NOT (nb = 1 AND nl = 1) GROUP BY ALL)
                JOIN (SELECT gid, ck, list(id ORDER BY rn)[1:10] AS ledger_ids FROM ml WHERE NOT (nb = 1 AND nl = 1) GROUP BY ALL)
                USING (gid, ck)""")
            self.sql(f"""
                INSERT INTO breaks
                SELECT 'ambiguous', o.account, o.currency, o.bank_ref, NULL, o.bdate, NULL, o.amount, NULL,
                       {A} - o.bdate,
                       'amount and date: ' || b.nl || ' ledger candidate(s) ' || {d} || ' day(s) apart: '
                           || first_ten(c.ledger_ids, b.nl),
                       o.rn, NULL
                FROM mb b JOIN comp_ids c USING (gid, ck) JOIN bank o ON o.rn = b.rn""")
            self.sql(f"""
                INSERT INTO breaks
                SELECT 'ambiguous', o.account, o.currency, NULL, o.txn_id, NULL, o.ldate, NULL, o.amount,
                       {A} - o.ldate,
                       'amount and date: ' || l.nb || ' bank candidate(s) ' || {d} || ' day(s) apart: '
                           || first_ten(c.bank_ids, l.nb),
                       NULL, o.rn
                FROM ml l JOIN comp_ids c USING (gid, ck) JOIN ledger o ON o.rn = l.rn""")
            # All rows of every component leave play before the next distance.
            self.sql(f"INSERT INTO gone4_b SELECT rn, {d} FROM mb")
            self.sql(f"INSERT INTO gone4_l SELECT rn, {d} FROM ml")
            self.sql("CREATE OR REPLACE TEMP TABLE ab AS SELECT * FROM ab ANTI JOIN mb USING (rn)")
            self.sql("CREATE OR REPLACE TEMP TABLE al AS SELECT * FROM al ANTI JOIN ml USING (rn)")

        self.leave("b", "gone4_b")
        self.leave("l", "gone4_l")
        for t in ["g4", "ab", "al", "gone4_b", "gone4_l", "cells", "comp_cells", "comps", "mb", "ml", "comp_ids"]:
            self.sql(f"DROP TABLE IF EXISTS {t}")
        self.phase("pass 4 amount+date", t0)

    def components_by_islands(self, d: int) -> None:
        """comp_cells for distance d without iteration.

        d = 0: a bank cell and the ledger cell of the same day form a component.
        d > 0: bank cell at day t is joined to ledger cells at t - d and t + d, which are joined to
        bank cells at t - 2d and t + 2d, and so on: the cells of a group lie on chains that step d
        days and alternate sides. Chain of a bank cell: day mod 2d; of a ledger cell: (day + d)
        mod 2d; position on the chain: day div d (consecutive positions alternate sides). A
        component is a maximal run of consecutive occupied positions (gaps and islands) with two
        or more cells."""
        if d == 0:
            self.sql("""
                CREATE OR REPLACE TEMP TABLE comp_cells AS
                SELECT gid, side, day, n, day AS ck FROM cells
                QUALIFY count(*) OVER (PARTITION BY gid, day) = 2""")
            return
        self.sql(f"""
            CREATE OR REPLACE TEMP TABLE comp_cells AS
            WITH placed AS (
                SELECT gid, side, day, n,
                       CASE side WHEN 0 THEN day % {2 * d} ELSE (day + {d}) % {2 * d} END AS chain,
                       day // {d} AS pos
                FROM cells),
            runs AS (
                SELECT *, pos - row_number() OVER (PARTITION BY gid, chain ORDER BY pos) AS island
                FROM placed)
            -- island >= -1 and < 2^32 (positions are day numbers), so the key below is unique.
            SELECT gid, side, day, n, chain * 4294967296 + island AS ck
            FROM runs
            QUALIFY count(*) OVER (PARTITION BY gid, chain, island) >= 2""")

    def components_by_propagation(self, d: int) -> None:
        """comp_cells for distance d by min-label propagation over the cell edges, to a fixpoint.

        Each cell starts with its own id as label; each round takes the least label among itself
        and its neighbours, then jumps once (label := label of label) to converge in fewer rounds.
        At the fixpoint labels are constant along every edge, i.e. one label per component."""
        self.sql("""
            CREATE OR REPLACE TEMP TABLE nodes AS
            SELECT row_number() OVER (ORDER BY gid, side, day) AS nid, * FROM cells""")
        offsets = [0] if d == 0 else [d, -d]
        self.sql("CREATE OR REPLACE TEMP TABLE edges AS " + " UNION ALL ".join(
            f"SELECT b.nid AS a, l.nid AS b FROM nodes b JOIN nodes l "
            f"ON l.gid = b.gid AND l.side = 1 AND b.side = 0 AND l.day = b.day + ({o})"
            for o in offsets))
        self.sql("INSERT INTO edges SELECT b, a FROM edges")
        self.sql("CREATE OR REPLACE TEMP TABLE labels AS SELECT DISTINCT a AS nid, a AS label FROM edges")
        rounds = 0
        while True:
            rounds += 1
            self.sql("""
                CREATE OR REPLACE TEMP TABLE step AS
                SELECT x.nid, least(x.label, min(y.label)) AS label
                FROM labels x JOIN edges e ON e.a = x.nid JOIN labels y ON y.nid = e.b
                GROUP BY x.nid, x.label""")
            self.sql("""
                CREATE OR REPLACE TEMP TABLE step2 AS
                SELECT s.nid, least(s.label, t.label) AS label FROM step s JOIN step t ON t.nid = s.label""")
            changed = self.scalar("""
                SELECT count(*) FROM step2 s JOIN labels l USING (nid) WHERE s.label <> l.label""")
            self.sql("CREATE OR REPLACE TEMP TABLE labels AS SELECT * FROM step2")
            if not changed:
                break
        self.counts[f"propagation rounds d={d}"] = rounds
        self.sql("""
            CREATE OR REPLACE TEMP TABLE comp_cells AS
            SELECT n.gid, n.side, n.day, n.n, l.label AS ck FROM nodes n JOIN labels l USING (nid)""")
        for t in ["nodes", "edges", "labels", "step", "step2"]:
            self.sql(f"DROP TABLE IF EXISTS {t}")

    # -- pass 4c: groups (plain Python, groups_reference.py) ----------------------------------------

    def open_rows(self):
        """The rows still in play, with the texts the group and scored passes read, in row order."""
        epoch = dt.date(1, 1, 1)
        bank = [dict(side="bank", rn=rn, id=ref, account=a, currency=c, day=(d - epoch).days, amount=amt, e2e=e2e,
                     counterparty=cp, description=desc)
                for rn, ref, a, c, d, amt, e2e, cp, desc in self.sql("""
                    SELECT b.rn, b.bank_ref, b.account, b.currency, b.bdate, b.amount, b.e2e, t.counterparty, t.description
                    FROM b_open b JOIN (SELECT rowid + 1 AS rn, * FROM bank_text_raw) t USING (rn) ORDER BY b.rn""").fetchall()]
        ledger = [dict(side="ledger", rn=rn, id=tid, account=a, currency=c, day=(d - epoch).days, amount=amt,
                       reference=ref, batch_id=batch, counterparty=cp, type=typ)
                  for rn, tid, a, c, d, amt, ref, batch, cp, typ in self.sql("""
                    SELECT l.rn, l.txn_id, l.account, l.currency, l.ldate, l.amount, l.reference, l.batch_id, t.counterparty, t.type
                    FROM l_open l JOIN (SELECT rowid + 1 AS rn, * FROM ledger_text_raw) t USING (rn) ORDER BY l.rn""").fetchall()]
        return bank, ledger

    @property
    def texts_needed(self) -> bool:
        return bool(self.args.groups or self.args.scoring or self.tolerance or self.fx)

    def config_table(self, name: str):
        if not hasattr(self, "_config"):
            self._config = {}
            if self.args.config:
                import tomllib
                with open(self.args.config, "rb") as f:
                    self._config = tomllib.load(f)
        return self._config.get(name)

    @property
    def tolerance(self):
        return self.config_table("tolerance")

    @property
    def fx(self):
        return self.config_table("fx")

    def exponents(self) -> dict:
        return dict(self.sql("SELECT DISTINCT currency, cur_exp(currency) FROM bank UNION "
                             "SELECT DISTINCT currency, cur_exp(currency) FROM ledger").fetchall())

    # -- pass 4a: FX (plain Python, fx_reference.py) -------------------------------------------------

    def pass_fx(self) -> None:
        from fx_reference import FXPass
        t0 = time.perf_counter()
        epoch = dt.date(1, 1, 1)
        bank, ledger = self.open_rows()
        exponents = self.exponents()
        pairs = FXPass(self.fx, os.path.dirname(os.path.abspath(self.args.config))).run(bank, ledger, lambda c: exponents[c])
        rows = []
        for b, l, c in pairs:
            bd, ld = epoch + dt.timedelta(days=b["day"]), epoch + dt.timedelta(days=l["day"])
            rows.append(["fx_matched", b["account"], b["currency"], b["id"], l["id"], bd, ld, b["amount"], c,
                         abs(b["day"] - l["day"]), "fx", b["rn"], l["rn"]])
        if rows:
            self.con.executemany("INSERT INTO breaks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self.take_out("x", [[b["rn"]] for b, _, _ in pairs], [[l["rn"]] for _, l, _ in pairs])
        self.counts["fx pairs"] = len(pairs)
        self.phase("pass 4a fx", t0)

    # -- pass 4b: tolerance (plain Python, tolerance_reference.py) -----------------------------------

    def pass_tolerance(self) -> None:
        from tolerance_reference import TolerancePass
        t0 = time.perf_counter()
        epoch = dt.date(1, 1, 1)
        bank, ledger = self.open_rows()
        exponents = self.exponents()
        pairs = TolerancePass(self.tolerance).run(bank, ledger, lambda c: exponents[c])
        rows = []
        for kind, b, l in pairs:
            if kind == "timing_difference" and b["day"] == l["day"]:
                continue  # matched, no report row
            bd, ld = epoch + dt.timedelta(days=b["day"]), epoch + dt.timedelta(days=l["day"])
            rows.append([kind, b["account"], b["currency"], b["id"], l["id"], bd, ld, b["amount"], l["amount"],
                         abs(b["day"] - l["day"]), "tolerance", b["rn"], l["rn"]])
        if rows:
            self.con.executemany("INSERT INTO breaks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self.take_out("t", [[b["rn"]] for _, b, _ in pairs], [[l["rn"]] for _, _, l in pairs])
        self.counts["tolerance pairs"] = len(pairs)
        self.phase("pass 4b tolerance", t0)

    def pass_groups(self) -> None:
        from groups_reference import GroupPass
        t0 = time.perf_counter()
        epoch = dt.date(1, 1, 1)
        bank, ledger = self.open_rows()
        groups = GroupPass(self.args.group_window_days, self.args.group_max_items,
                           self.args.group_max_candidates).run(bank, ledger)
        asof = self.as_of
        rows, gone_b, gone_l = [], [], []
        for b, l in groups:
            detail = "group of " + ";".join(r["id"] for r in b) + " and " + ";".join(r["id"] for r in l)
            for r in b:
                d = epoch + dt.timedelta(days=r["day"])
                rows.append(["group_match", r["account"], r["currency"], r["id"], None, d, None, r["amount"], None,
                             (asof - d).days, detail, r["rn"], None])
                gone_b.append([r["rn"]])
            for r in l:
                d = epoch + dt.timedelta(days=r["day"])
                rows.append(["group_match", r["account"], r["currency"], None, r["id"], None, d, None, r["amount"],
                             (asof - d).days, detail, None, r["rn"]])
                gone_l.append([r["rn"]])
        if rows:
            self.con.executemany("INSERT INTO breaks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self.take_out("g", gone_b, gone_l)
        self.counts["groups"] = len(groups)
        self.phase("pass 4c groups", t0)

    def take_out(self, tag: str, gone_b: list, gone_l: list) -> None:
        self.sql(f"CREATE TEMP TABLE gone_{tag}b (rn BIGINT)")
        self.sql(f"CREATE TEMP TABLE gone_{tag}l (rn BIGINT)")
        if gone_b:
            self.con.executemany(f"INSERT INTO gone_{tag}b VALUES (?)", gone_b)
        if gone_l:
            self.con.executemany(f"INSERT INTO gone_{tag}l VALUES (?)", gone_l)
        self.leave("b", f"gone_{tag}b")
        self.leave("l", f"gone_{tag}l")

    # -- pass 4d: scored (plain Python, scoring_reference.py) ---------------------------------------

    def pass_scoring(self) -> None:
        from scoring_reference import ScoredPass
        t0 = time.perf_counter()
        epoch = dt.date(1, 1, 1)
        bank, ledger = self.open_rows()
        a = self.args
        pairs = ScoredPass(a.scoring_auto, a.scoring_suggest, a.scoring_window_days, a.scoring_max_candidates,
                           a.scoring_pattern or []).run(bank, ledger)
        rows = []
        for score, b, l in pairs:
            bd, ld = epoch + dt.timedelta(days=b["day"]), epoch + dt.timedelta(days=l["day"])
            rows.append(["scored_match", b["account"], b["currency"], b["id"], l["id"], bd, ld, b["amount"], l["amount"],
                         abs(b["day"] - l["day"]), f"score {score}", b["rn"], l["rn"]])
        if rows:
            self.con.executemany("INSERT INTO breaks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self.take_out("s", [[b["rn"]] for _, b, _ in pairs], [[l["rn"]] for _, _, l in pairs])
        self.counts["scored pairs"] = len(pairs)
        self.phase("pass 4d scoring", t0)

    # -- pass 5: what is left ---------------------------------------------------------------------

    def pass_leftovers(self) -> None:
        t0 = time.perf_counter()
        A = self.asof_sql
        sw = int(self.args.settlement_window_days)
        self.sql(f"""
            INSERT INTO breaks
            SELECT CASE WHEN {A} - ldate <= {sw} THEN 'in_transit' ELSE 'missing_in_bank' END,
                   account, currency, NULL, txn_id, NULL, ldate, NULL, amount, {A} - ldate,
                   CASE WHEN {A} - ldate <= {sw} THEN 'not on the bank statement yet; within ' || {sw} || ' day(s) of as-of'
                        ELSE 'not on the bank statement; ' || ({A} - ldate) || ' day(s) old' END,
                   NULL, rn
            FROM l_open""")
        self.sql(f"""
            INSERT INTO breaks
            SELECT CASE WHEN amount < 0 THEN 'unmatched_bank_debit' ELSE 'unmatched_bank_credit' END,
                   account, currency, bank_ref, NULL, bdate, NULL, amount, NULL, {A} - bdate,
                   'no ledger entry found', rn, NULL
            FROM b_open""")
        self.phase("pass 5 leftovers", t0)

    # -- report -----------------------------------------------------------------------------------

    def write_report(self) -> str:
        t0 = time.perf_counter()
        severity = dict(DEFAULT_SEVERITY)
        for item in self.args.severity or []:
            kind, _, level = item.partition("=")
            if kind not in severity or level not in SEVERITY_RANK:
                raise InputFailure(f"--severity {item}: expected kind=level with a known kind and level")
            severity[kind] = level
        self.sql("CREATE TEMP TABLE sev (kind VARCHAR, severity VARCHAR, srank INTEGER)")
        self.con.executemany("INSERT INTO sev VALUES (?, ?, ?)",
                             [[k, v, SEVERITY_RANK[v]] for k, v in severity.items()])
        path = os.path.join(self.out_dir, "breaks.csv")
        self.sql(f"""
            COPY (
                SELECT kind, severity, account, currency, bank_ref, ledger_id,
                       bank_date::VARCHAR AS bank_date, ledger_date::VARCHAR AS ledger_date,
                       fmt_minor(bank_amount, e) AS bank_amount,
                       fmt_minor(ledger_amount, e) AS ledger_amount,
                       fmt_minor(diff, e) AS difference,
                       age_days, detail
                FROM (SELECT b.*, s.severity, s.srank, cur_exp(b.currency) AS e,
                             b.bank_amount - b.ledger_amount AS diff
                      FROM breaks b JOIN sev s USING (kind))
                ORDER BY srank, account, coalesce(bank_date, ledger_date), kind,
                         coalesce(bank_ref, ''), coalesce(ledger_id, ''),
                         coalesce(brn, lrn), lrn
            ) TO {q(path)} (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"')""")
        for kind, n in self.sql("SELECT kind, count(*) FROM breaks GROUP BY kind ORDER BY kind").fetchall():
            self.counts[kind] = n
        self.phase("write report", t0)
        return path

    def run(self) -> str:
        try:
            self.load()
            self.pass_duplicates()
            self.pass_reference()
            self.pass_batch()
            self.pass_amount_date()
            if self.fx:
                self.pass_fx()
            if self.tolerance:
                self.pass_tolerance()
            if self.args.groups:
                self.pass_groups()
            if self.args.scoring:
                self.pass_scoring()
            self.pass_leftovers()
            return self.write_report()
        finally:
            self.con.close()
            shutil.rmtree(self.tmp_dir, ignore_errors=True)


def parse_args(argv=None) -> argparse.Namespace:
    p = core_parser(__doc__.split("\n\n")[0], "DuckDB threads (default: all cores)")
    p.add_argument("--memory-limit", help="DuckDB memory_limit, e.g. 16GB (default: DuckDB's, 80%% of RAM)")
    p.add_argument("--components", choices=["islands", "propagate"], default="islands",
                   help="how pass 4 finds connected components (default islands)")
    p.add_argument("--config", help="a run configuration whose [tolerance] table runs the tolerance pass (pass 4b)")
    p.add_argument("--groups", action="store_true", help="run the group pass (pass 4c) after pass 4")
    p.add_argument("--group-window-days", type=int, default=2, help="groups.window_days (default 2)")
    p.add_argument("--group-max-items", type=int, default=3, help="groups.max_items (2 or 3; default 3)")
    p.add_argument("--group-max-candidates", type=int, default=32, help="groups.max_candidates (default 32)")
    p.add_argument("--scoring", action="store_true", help="run the scored pass (pass 4d) after the groups")
    p.add_argument("--scoring-auto", type=int, default=900, help="scoring.auto_threshold in thousandths (default 900)")
    p.add_argument("--scoring-suggest", type=int, default=600, help="scoring.suggest_threshold in thousandths (default 600)")
    p.add_argument("--scoring-window-days", type=int, default=5, help="scoring.window_days (default 5)")
    p.add_argument("--scoring-max-candidates", type=int, default=16, help="scoring.max_candidates (default 16)")
    p.add_argument("--scoring-pattern", action="append", help="scoring.reference_patterns (repeatable)")
    return parse_core(p, argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    recon = Recon(args)
    try:
        path = recon.run()
    except (InputFailure, duckdb.Error) as e:
        print(f"recon_duckdb: error: {e}", file=sys.stderr)
        return 2
    if not args.quiet:
        total = time.perf_counter() - started
        for name, seconds in recon.timings:
            print(f"  {name:<22} {seconds:8.2f} s", file=sys.stderr)
        print(f"  {'total':<22} {total:8.2f} s", file=sys.stderr)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  peak RSS {peak:.0f} MiB; as-of {recon.as_of}; wrote {path}", file=sys.stderr)
        for name, n in recon.counts.items():
            print(f"  {name}: {n}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
