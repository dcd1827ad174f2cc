#!/usr/bin/env python3
"""Polars reference implementation of Recon's core matching passes (docs/matching.md).

The benchmark runs this next to the Swift engine and the DuckDB reference (recon_duckdb.py), checks
with compare_breaks.py that all three write the same break report, and compares speed and memory.
Everything heavy is a Polars query (lazy frames, joins, group-bys, window expressions); Python only
drives the passes and the per-distance levels of pass 4. No Python loop ever visits a row.

    python recon_polars.py --bank B.csv [--bank B2.csv ...] --ledger L.csv [...] --out DIR \
        [--as-of yyyy-mm-dd] [--window-days 3] [--settlement-window-days 2] \
        [--amount-tolerance 0] [--threads N] [--engine in-memory|streaming] \
        [--severity kind=level ...] [--skip-invalid]

It writes DIR/breaks.csv (and nothing else). Phase timings and peak memory go to stderr.
`--threads N` sets POLARS_MAX_THREADS before polars is imported (polars is imported in main() for
that reason: the thread pool is sized once, at import).

It implements the passes the DuckDB reference runs in SQL: 1 duplicates, 2 reference, 3 batch,
4 amount and date, 5 what is left. The deeper passes (FX, tolerance, groups, scoring) are plain
Python in the DuckDB reference and are not repeated here.

Choices: the same as recon_duckdb.py's docstring, numbers 1-12, which this file follows one by one
(invalid rows, as-of, the sort's row-number tie-break, the passes' special cases, age_days, the
ambiguous rows, the detail texts, the output format). Where Polars made the same choice look
different, or differ:

 A. Reading: each file is scanned with every column as text (no type inference), columns named
    after the file's own header trimmed of spaces (column order may differ, extra columns are
    read and ignored), empty and quoted-empty fields both empty. Row numbers come from
    with_row_index over the files concatenated in command-line order, before anything reorders
    them (Polars keeps the order of a scan and of a vertical concat).
 B. Blank lines: Polars' CSV reader returns a blank line as a record of nulls, which is dropped
    before the rows are numbered. A record whose fields are all empty (`,,,,,,,,`) looks the same
    and is dropped as well, where the DuckDB reference rejects it as an invalid row (empty
    bank_ref/txn_id). A record with too few fields is read as if the missing ones were empty
    (Polars pads it), where DuckDB's strict mode rejects it. Too many fields: an error in both.
 C. Amounts (choice 1) are converted with string and integer expressions only, never floats:
    the text must match `[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)`; the integer digits (leading zeros
    dropped, at most 20 left) followed by the first four fraction digits (padded with zeros) are
    one Int128, the amount in 10^-4 units; digits beyond the 4th must be zeros, and the value
    must be a multiple of 10^(4 - e); divided by it, signed, and inside the Int64 range, it is the
    amount in minor units (Int64). Sums and differences of amounts are Int128 (DuckDB: HUGEINT).
 D. Dates: `[0-9]{4}-[0-9]{2}-[0-9]{2}`, year not 0000, then a strict calendar parse. Day
    arithmetic (age_days, distances, islands) is on day numbers counted from 0001-01-01, so that
    integer division and modulo of pass 4 work on non-negative numbers, as in the DuckDB
    reference.
 E. Pass 1's "first by content" is `rn.sort_by(date, id, rn).first()` over the key's window,
    computed only for keys with more than one row (a `len().over(key) > 1` filter).
 F. Pass 2 pairs rows without first restricting them to groups with both sides (the DuckDB
    reference's semi-joins): step 2a keeps, on each side, the rows alone in their (group,
    amount) bucket (`len().over(...) == 1`) and joins the two sides on it; step 2b does the
    same per group on what is left, and counts the rows left per group with an inner join of
    the two sides' counts, so one-sided groups drop out there. The pair rows carry their own
    fields, so nothing joins back to the rows. The result is the same; it is faster in Polars.
 G. Pass 4 (choice 8): only the `islands` method. Cells (group, side, day) are sorted by
    (group, chain, position); a new island starts wherever the group or chain changes or the
    position is not the previous one plus one, and a running sum of those starts numbers the
    islands (gaps and islands without a window function). At d = 0 a component is a group's bank
    cell and ledger cell of the same day. The DuckDB reference's `propagate` method (a fixpoint
    over edges) exists there to check `islands`; it is not repeated here.
 H. Intermediate frames are materialised step by step (collect), the way the DuckDB reference
    creates temp tables: collect_all runs independent frames in parallel, but computes a sub-plan
    that several of them share once for each (measured), so a shared step is collected first.
    The open rows of each side are a DataFrame that an `is_in` filter on the row numbers that
    left play shrinks after every pass (several times faster here than an anti-join).
 I. The report is sorted with nulls last (DuckDB's default for ORDER BY ... ASC), bytewise on text
    (Polars compares UTF-8 strings by their bytes) and written by Polars' CSV writer: quoting
    only where needed, empty fields for absent values, LF line ends.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import re
import resource
import sys
import time

pl = None  # the polars module, imported by import_polars() once POLARS_MAX_THREADS is set

from reference_common import (BANK_COLUMNS, DEFAULT_SEVERITY, EXPONENT_0, EXPONENT_3, EXPONENT_4,  # noqa: F401
                              LEDGER_COLUMNS, REPORT_HEADER, SEVERITY_RANK, core_parser, parse_core)

# Days from 0001-01-01 to 1970-01-01 (Polars' date epoch): day numbers start at 0001-01-01.
EPOCH_SHIFT = (dt.date(1970, 1, 1) - dt.date(1, 1, 1)).days
INT64_MIN, INT64_MAX = -(2 ** 63), 2 ** 63 - 1


def import_polars(threads: int) -> None:
    """Imports polars with a thread pool of `threads` (0: all cores). Only the first import sizes
    the pool, so in-process callers after the first (the self-test) keep the first one's."""
    global pl
    if threads:
        os.environ["POLARS_MAX_THREADS"] = str(int(threads))
    import polars
    pl = polars


class InputFailure(Exception):
    pass


# -- expressions shared by the passes ---------------------------------------------------------------

def cur_exp(currency):
    """Minor-unit exponent of a currency code (Int8)."""
    return (pl.when(currency.is_in(EXPONENT_0)).then(0)
            .when(currency.is_in(EXPONENT_3)).then(3)
            .when(currency.is_in(EXPONENT_4)).then(4)
            .otherwise(2).cast(pl.Int8))


def with_minor_units(frame, text: str, e: str, out: str):
    """`frame` with column `out`: the exact conversion of the signed decimal text in column `text`
    to Int64 minor units with the exponent in column `e`, or null (choice C). Never floating point.
    In stages (one with_columns each), so that every piece is computed once."""
    c = pl.col
    parts = c(text).str.strip_chars_start("+-").str.split_exact(".", 1)
    # 10^(4 - e): what one minor unit is in 10^-4 units.
    unit = (pl.when(c(e) == 0).then(10_000).when(c(e) == 2).then(100).when(c(e) == 3).then(10)
            .otherwise(1).cast(pl.Int128))
    return (frame
            .with_columns(_int=parts.struct.field("field_0").str.strip_chars_start("0"),
                          _frac=parts.struct.field("field_1").fill_null(""), _unit=unit)
            # The amount in 10^-4 units: "0" || integer digits || four fraction digits, as Int128.
            .with_columns(_t4=pl.concat_str([pl.lit("0"), c("_int"), c("_frac").str.pad_end(4, "0").str.slice(0, 4)])
                          .cast(pl.Int128, strict=False),
                          _ok=c(text).str.contains(r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$")
                          & (c("_int").str.len_bytes() <= 20)
                          & c("_frac").str.slice(4).str.contains(r"^0*$"))
            .with_columns(_mag=c("_t4") // c("_unit"), _ok=c("_ok") & (c("_t4") % c("_unit") == 0))
            .with_columns(_v=pl.when(c(text).str.starts_with("-")).then(pl.lit(0, pl.Int128) - c("_mag"))
                          .otherwise(c("_mag")))
            .with_columns(pl.when(c("_ok") & c("_v").is_between(INT64_MIN, INT64_MAX)).then(c("_v"))
                          .cast(pl.Int64).alias(out))
            .drop("_int", "_frac", "_unit", "_t4", "_ok", "_mag", "_v"))


def parse_day(text):
    """Strict yyyy-mm-dd (year 0001-9999, a real calendar day) as a Date, else null."""
    shaped = text.str.contains(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$") & ~text.str.starts_with("0000")
    return pl.when(shaped).then(text.str.to_date("%Y-%m-%d", strict=False))


def day_number(date):
    """A Date as days since 0001-01-01 (Int64, non-negative for valid dates)."""
    return date.cast(pl.Int32).cast(pl.Int64) + EPOCH_SHIFT


def days_between(later, earlier):
    """later - earlier in days (Int64), for two Date expressions."""
    return later.cast(pl.Int32).cast(pl.Int64) - earlier.cast(pl.Int32).cast(pl.Int64)


def fmt_minor(value, e):
    """Minor units back to text with exactly e decimals: -5 with e = 2 is '-0.05'. The remainder
    plus 10^e, written out, is '1' followed by exactly e digits: its tail is the padded fraction."""
    v = value.cast(pl.Int128)
    scale = (pl.when(e == 0).then(1).when(e == 2).then(100).when(e == 3).then(1000)
             .otherwise(10_000).cast(pl.Int128))
    whole = (v.abs() // scale).cast(pl.String)
    fraction = (v.abs() % scale + scale).cast(pl.String).str.slice(1)
    sign = pl.when(v < 0).then(pl.lit("-")).otherwise(pl.lit(""))
    return (pl.when(v.is_null()).then(None)
            .when(e == 0).then(v.cast(pl.String))
            .otherwise(pl.concat_str([sign, whole, pl.lit("."), fraction])))


def first_ten(ids, n):
    """A list of up to ten ids (for `detail`) as text, with ' ...' when the group had more (n)."""
    return pl.concat_str([ids.list.join(" "), pl.when(n > 10).then(pl.lit(" ...")).otherwise(pl.lit(""))])


def concat_text(*parts):
    """String concatenation of literals (str) and expressions (anything else, cast to text)."""
    return pl.concat_str([pl.lit(p) if isinstance(p, str) else p.cast(pl.String) for p in parts])


# The report rows every pass appends. brn/lrn are the bank/ledger row numbers for the sort.
def break_schema():
    return {"kind": pl.String, "account": pl.String, "currency": pl.String, "bank_ref": pl.String,
            "ledger_id": pl.String, "bank_date": pl.Date, "ledger_date": pl.Date,
            "bank_amount": pl.Int128, "ledger_amount": pl.Int128, "age_days": pl.Int64,
            "detail": pl.String, "brn": pl.Int64, "lrn": pl.Int64}


class Recon:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.out_dir = args.out
        os.makedirs(self.out_dir, exist_ok=True)
        self.engine = args.engine
        self.timings: list[tuple[str, float]] = []
        self.counts: dict[str, int] = {}
        self.as_of: dt.date | None = None
        self.breaks: list = []  # DataFrames of break_schema(), one or more per pass
        self.b_open = self.l_open = None  # rows still in play (DataFrames)

    # -- helpers ----------------------------------------------------------------------------------

    def phase(self, name: str, started: float) -> None:
        self.timings.append((name, time.perf_counter() - started))

    def collect(self, *frames):
        """Materialises lazy frames (run together, in parallel), like DuckDB's temp tables. Frames
        are collected together only when they share no costly sub-plan: collect_all computes a
        shared one once per frame (measured), so shared steps are materialised first (choice H)."""
        return pl.collect_all(list(frames), engine=self.engine)

    def report(self, frame, **columns):
        """A lazy frame of report rows: the given column expressions, the others null."""
        schema = break_schema()
        return frame.lazy().select([columns.get(name, pl.lit(None)).cast(dtype).alias(name)
                                    for name, dtype in schema.items()])

    @property
    def asof(self):
        return pl.lit(self.as_of, dtype=pl.Date)

    def age(self, date):
        """as-of - date in days."""
        return days_between(self.asof, date)

    @staticmethod
    def leave(open_rows, *gone):
        """The open rows (lazy) without those whose rn is in one of the `gone` DataFrames' rn
        (an is_in filter against the set of row numbers: several times faster here than an
        anti-join)."""
        rn = pl.concat([g["rn"] for g in gone]) if gone else pl.Series("rn", [], pl.Int64)
        return open_rows.lazy().filter(~pl.col("rn").is_in(rn.implode()))

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

    def scan(self, paths: list[str], required: list[str], wanted: dict[str, str]):
        """The files one after the other as one lazy frame of text columns (renamed by `wanted`,
        empty for absent values), numbered 1, 2, ... in input order (rn), with the file index."""
        frames = []
        for i, path in enumerate(paths):
            names = self.header_of(path, required)
            frame = (pl.scan_csv(path, has_header=True, infer_schema=False, new_columns=names,
                                 separator=",", quote_char='"', raise_if_empty=False)
                     # A blank line is a record of nulls (choice B).
                     .filter(~pl.all_horizontal(pl.all().is_null()))
                     .select([pl.lit(i, dtype=pl.Int32).alias("file")]
                             + [pl.col(c).fill_null("").alias(new) for c, new in wanted.items()]))
            frames.append(frame)
        return pl.concat(frames, how="vertical").with_row_index("rn", offset=1).with_columns(
            pl.col("rn").cast(pl.Int64))

    def load(self) -> None:
        t0 = time.perf_counter()
        bank = self.scan(self.args.bank, BANK_COLUMNS, {
            "bank_ref": "bank_ref", "account": "account", "booking_date": "booking_date",
            "value_date": "value_date", "amount": "amount_text", "currency": "currency", "end_to_end_id": "e2e"})
        ledger = self.scan(self.args.ledger, LEDGER_COLUMNS, {
            "txn_id": "txn_id", "account": "account", "value_date": "value_date",
            "amount": "amount_text", "currency": "currency", "reference": "reference", "batch_id": "batch_id"})
        # Parsing, with `ok` true for a valid row; the reason for an invalid one is worked out
        # afterwards, for those rows only.
        currency_ok = pl.col("currency").str.contains(r"^[A-Z]{3}$")
        bank = (with_minor_units(bank.with_columns(e=cur_exp(pl.col("currency"))), "amount_text", "e", "amount")
                .with_columns(bdate=parse_day(pl.col("booking_date")),
                              vdate_ok=(pl.col("value_date") == "") | parse_day(pl.col("value_date")).is_not_null())
                .with_columns(ok=(pl.col("bank_ref") != "") & (pl.col("account") != "") & pl.col("bdate").is_not_null()
                              & pl.col("vdate_ok") & currency_ok & pl.col("amount").is_not_null()))
        ledger = (with_minor_units(ledger.with_columns(e=cur_exp(pl.col("currency"))), "amount_text", "e", "amount")
                  .with_columns(ldate=parse_day(pl.col("value_date")))
                  .with_columns(ok=(pl.col("txn_id") != "") & (pl.col("account") != "") & pl.col("ldate").is_not_null()
                                & currency_ok & pl.col("amount").is_not_null()))
        bank_all, ledger_all = self.collect(bank, ledger)
        self.phase("read + parse", t0)

        t0 = time.perf_counter()
        self.check_invalid("bank", bank_all, self.args.bank)
        self.check_invalid("ledger", ledger_all, self.args.ledger)
        # All valid rows, the rows in play at the start. rn: the global row number, 1-based
        # ("first" = lowest rn); skipped rows leave gaps. Nothing else keeps the raw texts.
        self.b_open = bank_all.filter(pl.col("ok")).select("rn", "bank_ref", "account", "currency", "e2e", "bdate",
                                                           "amount")
        self.l_open = ledger_all.filter(pl.col("ok")).select("rn", "txn_id", "account", "currency", "reference",
                                                             "batch_id", "ldate", "amount")
        del bank_all, ledger_all
        self.counts["bank rows"] = self.b_open.height
        self.counts["ledger rows"] = self.l_open.height
        if self.args.as_of:
            self.as_of = dt.date.fromisoformat(self.args.as_of)
        else:
            self.as_of = self.b_open["bdate"].max() or self.l_open["ldate"].max()
        self.phase("check", t0)

    def check_invalid(self, side: str, rows, paths: list[str]) -> None:
        bad = rows.filter(~pl.col("ok"))
        if bad.height == 0:
            return
        # Record index within its file (1-based, after the header), and the first faulty field.
        first_rn = rows.group_by("file").agg(pl.col("rn").min().alias("first_rn"))
        c = pl.col

        def not_a_date(column):
            return concat_text(f"{column}: '", c(column), "' is not a date yyyy-mm-dd")

        if side == "bank":
            reason = (pl.when(c("bank_ref") == "").then(pl.lit("bank_ref: empty value"))
                      .when(c("account") == "").then(pl.lit("account: empty value"))
                      .when(c("bdate").is_null()).then(not_a_date("booking_date"))
                      .when(~c("vdate_ok")).then(not_a_date("value_date")))
        else:
            reason = (pl.when(c("txn_id") == "").then(pl.lit("txn_id: empty value"))
                      .when(c("account") == "").then(pl.lit("account: empty value"))
                      .when(c("ldate").is_null()).then(not_a_date("value_date")))
        reason = (reason.when(~c("currency").str.contains(r"^[A-Z]{3}$"))
                  .then(concat_text("currency: '", c("currency"), "' is not an ISO 4217 code"))
                  .otherwise(concat_text("amount: '", c("amount_text"), "' is not an exact amount with ", c("e"),
                                         " decimals in 64 bits")))
        first = (bad.join(first_rn, on="file").sort("rn").head(5)
                 .select("file", (c("rn") - c("first_rn") + 1).alias("rec"), reason.alias("bad")))
        lines = [f"  {paths[f]}: record {rec}: {why}" for f, rec, why in first.iter_rows()]
        message = f"{bad.height} invalid {side} row(s):\n" + "\n".join(lines)
        if not self.args.skip_invalid:
            raise InputFailure(message)
        print(f"skipping {message}", file=sys.stderr)
        self.counts[f"skipped {side} rows"] = bad.height

    # -- pass 1: duplicates -----------------------------------------------------------------------

    def pass_duplicates(self) -> None:
        t0 = time.perf_counter()
        c = pl.col

        def duplicates(rows, key, date, ident):
            # Key groups with more than one row; the first by content (date, then id, then rn)
            # stays, the others are duplicates, so that the order of the input rows does not matter.
            keys = ["account", "currency", key, "amount"]
            order = [date, ident, "rn"]
            return (rows.lazy().filter(c(key) != "").filter(pl.len().over(keys) > 1)
                    .with_columns(first_rn=c("rn").sort_by(order).first().over(keys),
                                  first_id=c(ident).sort_by(order).first().over(keys))
                    .filter(c("rn") != c("first_rn")))

        dup_b, dup_l = self.collect(duplicates(self.b_open, "e2e", "bdate", "bank_ref"),
                                    duplicates(self.l_open, "reference", "ldate", "txn_id"))
        rep_b = self.report(
            dup_b, kind=pl.lit("duplicate_bank"), account=c("account"), currency=c("currency"),
            bank_ref=c("bank_ref"), bank_date=c("bdate"), bank_amount=c("amount"), age_days=self.age(c("bdate")),
            detail=concat_text("duplicate of bank_ref ", c("first_id"), " (bank row ", c("first_rn"),
                               "), end_to_end_id ", c("e2e")),
            brn=c("rn"))
        rep_l = self.report(
            dup_l, kind=pl.lit("duplicate_ledger"), account=c("account"), currency=c("currency"),
            ledger_id=c("txn_id"), ledger_date=c("ldate"), ledger_amount=c("amount"), age_days=self.age(c("ldate")),
            detail=concat_text("duplicate of txn_id ", c("first_id"), " (ledger row ", c("first_rn"),
                               "), reference ", c("reference")),
            lrn=c("rn"))
        rep_b, rep_l, self.b_open, self.l_open = self.collect(
            rep_b, rep_l, self.leave(self.b_open, dup_b), self.leave(self.l_open, dup_l))
        self.breaks += [rep_b, rep_l]
        self.phase("pass 1 duplicates", t0)

    # -- pass 2: reference ------------------------------------------------------------------------

    def pass_reference(self) -> None:
        t0 = time.perf_counter()
        c = pl.col
        tol = int(self.args.amount_tolerance)
        g = ["account", "currency", "k"]
        # Open rows with a key. Rows of one-sided groups need not be filtered out first: they meet
        # no row of the other side in the joins below, and stay open.
        rb, rl = self.collect(
            self.b_open.lazy().filter(c("e2e") != "")
            .select("rn", "account", "currency", "amount", "bdate", "bank_ref", k=c("e2e")),
            self.l_open.lazy().filter(c("reference") != "")
            .select("rn", "account", "currency", "amount", "ldate", "txn_id", k=c("reference")))

        # The rows alone in their group (of `keys`) on one side; a join of the two sides pairs them.
        def lone(rows, keys):
            return rows.lazy().filter(pl.len().over(keys) == 1)

        def paired_with(bank_rows, ledger_rows, keys):
            return (lone(bank_rows, keys).select(g + ["amount", c("rn").alias("brn"), "bdate", "bank_ref"])
                    .join(lone(ledger_rows, keys).select(keys + [c("rn").alias("lrn"), "ldate", "txn_id",
                                                                 c("amount").alias("l_amount")]), on=keys)
                    .select(g + ["brn", "bdate", "bank_ref", c("amount").alias("b_amount"),
                                 "lrn", "ldate", "txn_id", "l_amount"]))

        # Step 2a: an amount with exactly one row on each side makes a pair (of equal amounts).
        pairs_a, = self.collect(paired_with(rb, rl, g + ["amount"]))
        rb_rest, rl_rest = self.collect(self.leave(rb, pairs_a.select(rn="brn")),
                                        self.leave(rl, pairs_a.select(rn="lrn")))
        # Step 2b: per group with rows left on both sides, how many on each side; one row left on
        # each side: a pair too.
        ref_rest, pairs_b = self.collect(
            rb_rest.lazy().group_by(g).agg(nb=pl.len()).join(rl_rest.lazy().group_by(g).agg(nl=pl.len()), on=g),
            paired_with(rb_rest, rl_rest, g))
        pairs = pl.concat([pairs_a, pairs_b])
        one_each = (c("nb") == 1) & (c("nl") == 1)

        # Pairs: matched (no report row), timing_difference or amount_mismatch.
        gap = (c("b_amount").cast(pl.Int128) - c("l_amount")).abs()
        kind = (pl.when(gap > tol).then(pl.lit("amount_mismatch"))
                .when(c("b_amount") != c("l_amount")).then(pl.lit("matched_within_tolerance"))
                .when(c("bdate") != c("ldate")).then(pl.lit("timing_difference")))
        paired = pairs.lazy().with_columns(kind=kind).filter(c("kind").is_not_null())
        apart = days_between(c("bdate"), c("ldate")).abs()
        rep_pairs = self.report(
            paired, kind=c("kind"), account=c("account"), currency=c("currency"), bank_ref=c("bank_ref"),
            ledger_id=c("txn_id"), bank_date=c("bdate"), ledger_date=c("ldate"), bank_amount=c("b_amount"),
            ledger_amount=c("l_amount"),
            age_days=pl.when(c("kind").is_in(["timing_difference", "matched_within_tolerance"])).then(apart)
            .otherwise(self.age(pl.min_horizontal("bdate", "ldate"))),
            detail=concat_text("reference ", c("k"),
                               pl.when(c("kind") == "timing_difference")
                               .then(concat_text(": dates differ by ", apart, " day(s)"))
                               .when(c("kind") == "matched_within_tolerance")
                               .then(pl.lit(": amounts differ inside the tolerance"))
                               .otherwise(pl.lit(": amounts differ by more than the tolerance"))),
            brn=c("brn"), lrn=c("lrn"))
        # Rows left on both sides (and not one each): all ambiguous. The candidate lists are made
        # for those groups only: sorted in content order, then the first ten of each group (a
        # group-by keeps the frame's order within each group).
        tangled = ref_rest.lazy().filter(~one_each)
        amb_b = rb_rest.lazy().join(tangled, on=g)
        amb_l = rl_rest.lazy().join(tangled, on=g)
        ids = (amb_b.sort("bdate", "bank_ref", "rn").group_by(g).agg(bank_ids=c("bank_ref").head(10))
               .join(amb_l.sort("ldate", "txn_id", "rn").group_by(g).agg(ledger_ids=c("txn_id").head(10)), on=g))
        rep_amb_b = self.report(
            amb_b.join(ids, on=g), kind=pl.lit("ambiguous"), account=c("account"),
            currency=c("currency"), bank_ref=c("bank_ref"), bank_date=c("bdate"), bank_amount=c("amount"),
            age_days=self.age(c("bdate")),
            detail=concat_text("reference ", c("k"), ": ", c("nl"), " ledger candidate(s): ",
                               first_ten(c("ledger_ids"), c("nl"))),
            brn=c("rn"))
        rep_amb_l = self.report(
            amb_l.join(ids, on=g), kind=pl.lit("ambiguous"), account=c("account"),
            currency=c("currency"), ledger_id=c("txn_id"), ledger_date=c("ldate"), ledger_amount=c("amount"),
            age_days=self.age(c("ldate")),
            detail=concat_text("reference ", c("k"), ": ", c("nb"), " bank candidate(s): ",
                               first_ten(c("bank_ids"), c("nb"))),
            lrn=c("rn"))
        # Everything paired or ambiguous leaves play; rows of groups left on one side only stay
        # (every group of ref_rest has both sides, so all of rb_rest/rl_rest in it leave).
        gone_b, gone_l = self.collect(rb_rest.lazy().join(ref_rest.lazy(), on=g, how="semi").select("rn"),
                                      rl_rest.lazy().join(ref_rest.lazy(), on=g, how="semi").select("rn"))
        rep_pairs, rep_amb_b, rep_amb_l, self.b_open, self.l_open = self.collect(
            rep_pairs, rep_amb_b, rep_amb_l,
            self.leave(self.b_open, pairs.select(rn="brn"), gone_b),
            self.leave(self.l_open, pairs.select(rn="lrn"), gone_l))
        self.breaks += [rep_pairs, rep_amb_b, rep_amb_l]
        self.phase("pass 2 reference", t0)

    # -- pass 3: batch ----------------------------------------------------------------------------

    def pass_batch(self) -> None:
        t0 = time.perf_counter()
        c = pl.col
        g = ["account", "currency", "k"]
        # Rows of keys with both sides (semi-joins; the groups below need exactly those).
        b_side = (self.b_open.lazy().filter(c("e2e") != "")
                  .select("rn", "account", "currency", "amount", "bdate", "bank_ref", k=c("e2e")))
        l_side = (self.l_open.lazy().filter(c("batch_id") != "")
                  .select("rn", "account", "currency", "amount", "ldate", "txn_id", k=c("batch_id")))
        bb, bl = self.collect(b_side.join(l_side.select(g), on=g, how="semi"),
                              l_side.join(b_side.select(g), on=g, how="semi"))
        groups, = self.collect(
            bb.lazy().group_by(g).agg(nb=pl.len(), brn=c("rn").min())
            .join(bl.lazy().group_by(g).agg(nl=pl.len(), lrn=c("rn").min(), total=c("amount").cast(pl.Int128).sum(),
                                             latest=c("ldate").max()), on=g))
        # One bank row: one report row for the whole group (unless matched).
        kind = (pl.when(c("total") != c("amount")).then(pl.lit("amount_mismatch"))
                .when(c("bdate") != c("latest")).then(pl.lit("timing_difference")))
        single = (groups.lazy().filter(c("nb") == 1)
                  .join(bb.lazy().select(brn="rn", bank_ref="bank_ref", bdate="bdate", amount="amount"), on="brn")
                  .with_columns(kind=kind).filter(c("kind").is_not_null()))
        apart = days_between(c("bdate"), c("latest")).abs()
        rep_single = self.report(
            single, kind=c("kind"), account=c("account"), currency=c("currency"), bank_ref=c("bank_ref"),
            ledger_id=c("k"), bank_date=c("bdate"), ledger_date=c("latest"), bank_amount=c("amount"),
            ledger_amount=c("total"),
            age_days=pl.when(c("kind") == "timing_difference").then(apart)
            .otherwise(self.age(pl.min_horizontal("bdate", "latest"))),
            detail=concat_text("batch ", c("k"), " of ", c("nl"), " ledger row(s)",
                               pl.when(c("kind") == "timing_difference")
                               .then(concat_text(": bank date differs from the latest ledger date by ", apart, " day(s)"))
                               .otherwise(pl.lit(": ledger sum differs from the bank amount"))),
            brn=c("brn"), lrn=c("lrn"))
        # Several bank rows: every row of the group, both sides, is ambiguous.
        claimed = groups.lazy().filter(c("nb") > 1)
        amb_b = bb.lazy().join(claimed, on=g)
        amb_l = bl.lazy().join(claimed, on=g)
        ids = (amb_b.sort("bdate", "bank_ref", "rn").group_by(g).agg(bank_ids=c("bank_ref").head(10))
               .join(amb_l.sort("ldate", "txn_id", "rn").group_by(g).agg(ledger_ids=c("txn_id").head(10)), on=g))
        rep_amb_b = self.report(
            amb_b.join(ids, on=g), kind=pl.lit("ambiguous"), account=c("account"), currency=c("currency"),
            bank_ref=c("bank_ref"), bank_date=c("bdate"), bank_amount=c("amount"), age_days=self.age(c("bdate")),
            detail=concat_text("batch ", c("k"), " claimed by ", c("nb"), " bank rows; ledger rows: ",
                               first_ten(c("ledger_ids"), c("nl"))),
            brn=c("rn"))
        rep_amb_l = self.report(
            amb_l.join(ids, on=g), kind=pl.lit("ambiguous"), account=c("account"), currency=c("currency"),
            ledger_id=c("txn_id"), ledger_date=c("ldate"), ledger_amount=c("amount"), age_days=self.age(c("ldate")),
            detail=concat_text("batch ", c("k"), " claimed by ", c("nb"), " bank rows: ",
                               first_ten(c("bank_ids"), c("nb"))),
            lrn=c("rn"))
        # Every row of bb/bl is in a group with both sides, so all of them leave play.
        rep_single, rep_amb_b, rep_amb_l, self.b_open, self.l_open = self.collect(
            rep_single, rep_amb_b, rep_amb_l, self.leave(self.b_open, bb), self.leave(self.l_open, bl))
        self.breaks += [rep_single, rep_amb_b, rep_amb_l]
        self.phase("pass 3 batch", t0)

    # -- pass 4: amount and date ------------------------------------------------------------------

    def pass_amount_date(self) -> None:
        t0 = time.perf_counter()
        c = pl.col
        keys = ["account", "currency", "amount"]
        # Groups (account, currency, amount) with open rows on both sides get a small integer id;
        # rows of one-sided groups cannot match here and simply stay open. `day` counts from
        # 0001-01-01, so integer division and modulo behave.
        g4, = self.collect(self.b_open.lazy().select(keys).unique()
                           .join(self.l_open.lazy().select(keys).unique(), on=keys)
                           .with_row_index("gid"))
        ab, al = self.collect(
            self.b_open.lazy().join(g4.lazy(), on=keys)
            .select("gid", "rn", day=day_number(c("bdate")), bank_ref="bank_ref", account="account",
                    currency="currency", bdate="bdate", amount="amount"),
            self.l_open.lazy().join(g4.lazy(), on=keys)
            .select("gid", "rn", day=day_number(c("ldate")), txn_id="txn_id", account="account",
                    currency="currency", ldate="ldate", l_amount="amount"))
        gone_b, gone_l = [], []

        for d in range(0, int(self.args.window_days) + 1):
            # Cells: the rows of one side of a group on one day. All rows of a cell have the same
            # neighbours, so components of the cell graph are the components of the row graph.
            cells = pl.concat([
                ab.lazy().group_by("gid", "day").agg(n=pl.len()).with_columns(side=pl.lit(0, pl.Int8)),
                al.lazy().group_by("gid", "day").agg(n=pl.len()).with_columns(side=pl.lit(1, pl.Int8))])
            comp_cells = self.components_by_islands(cells, d)
            # Cells in a component of two or more cells, with the component's row counts per side.
            cells_of, = self.collect(
                comp_cells.join(comp_cells.group_by("ck").agg(nb=c("n").filter(c("side") == 0).sum(),
                                                              nl=c("n").filter(c("side") == 1).sum()), on="ck")
                .select("gid", "side", "day", "ck", "nb", "nl"))
            mb, ml = self.collect(
                ab.lazy().join(cells_of.lazy().filter(c("side") == 0).drop("side"), on=["gid", "day"]),
                al.lazy().join(cells_of.lazy().filter(c("side") == 1).drop("side"), on=["gid", "day"]))
            one_each = (c("nb") == 1) & (c("nl") == 1)
            frames = []
            if d > 0:
                # One row each side: a pair d days apart (at d = 0 it is matched: no report row).
                pair = mb.lazy().filter(one_each).join(ml.lazy().select("ck", lrn="rn", txn_id="txn_id", ldate="ldate",
                                                                        l_amount="l_amount"), on="ck")
                frames.append(self.report(
                    pair, kind=pl.lit("timing_difference"), account=c("account"), currency=c("currency"),
                    bank_ref=c("bank_ref"), ledger_id=c("txn_id"), bank_date=c("bdate"), ledger_date=c("ldate"),
                    bank_amount=c("amount"), ledger_amount=c("l_amount"), age_days=pl.lit(d),
                    detail=pl.lit(f"amount and date: {d} day(s) apart"), brn=c("rn"), lrn=c("lrn")))
            # Larger components: every row ambiguous; candidates are the other side's rows, by row number.
            comp_ids = (mb.lazy().filter(~one_each).sort("rn").group_by("ck").agg(bank_ids=c("bank_ref").head(10))
                        .join(ml.lazy().filter(~one_each).sort("rn").group_by("ck").agg(ledger_ids=c("txn_id").head(10)),
                              on="ck"))
            frames.append(self.report(
                mb.lazy().join(comp_ids, on="ck"), kind=pl.lit("ambiguous"), account=c("account"),
                currency=c("currency"), bank_ref=c("bank_ref"), bank_date=c("bdate"), bank_amount=c("amount"),
                age_days=self.age(c("bdate")),
                detail=concat_text("amount and date: ", c("nl"), f" ledger candidate(s) {d} day(s) apart: ",
                                   first_ten(c("ledger_ids"), c("nl"))),
                brn=c("rn")))
            frames.append(self.report(
                ml.lazy().join(comp_ids, on="ck"), kind=pl.lit("ambiguous"), account=c("account"),
                currency=c("currency"), ledger_id=c("txn_id"), ledger_date=c("ldate"), ledger_amount=c("l_amount"),
                age_days=self.age(c("ldate")),
                detail=concat_text("amount and date: ", c("nb"), f" bank candidate(s) {d} day(s) apart: ",
                                   first_ten(c("bank_ids"), c("nb"))),
                lrn=c("rn")))
            # All rows of every component leave play before the next distance.
            *reps, ab, al = self.collect(*frames, self.leave(ab, mb), self.leave(al, ml))
            self.breaks += reps
            gone_b.append(mb)
            gone_l.append(ml)

        self.b_open, self.l_open = self.collect(self.leave(self.b_open, *gone_b), self.leave(self.l_open, *gone_l))
        self.phase("pass 4 amount+date", t0)

    @staticmethod
    def components_by_islands(cells, d: int):
        """(gid, side, day, n, ck) of the cells in a component of two or more cells at distance d,
        without iteration (choice G; recon_duckdb.py's components_by_islands explains the chains).

        d = 0: a bank cell and the ledger cell of the same day form a component.
        d > 0: chain of a bank cell: day mod 2d; of a ledger cell: (day + d) mod 2d; position on the
        chain: day div d (consecutive positions alternate sides). A component is a maximal run of
        consecutive occupied positions with two or more cells."""
        c = pl.col
        if d == 0:
            return (cells.filter(pl.len().over("gid", "day") == 2)
                    .with_columns(ck=pl.struct("gid", "day").rank("dense").cast(pl.Int64)))
        placed = (cells.with_columns(chain=pl.when(c("side") == 0).then(c("day") % (2 * d))
                                     .otherwise((c("day") + d) % (2 * d)),
                                     pos=c("day") // d)
                  .sort("gid", "chain", "pos"))
        # A new island where the group or the chain changes or a position is skipped; the running
        # count of island starts is a key unique over all groups.
        starts = ((c("gid") != c("gid").shift(1)) | (c("chain") != c("chain").shift(1))
                  | (c("pos") != c("pos").shift(1) + 1)).fill_null(True)
        return (placed.with_columns(ck=starts.cast(pl.Int64).cum_sum())
                .filter(pl.len().over("ck") >= 2)
                .select("gid", "side", "day", "n", "ck"))

    # -- pass 5: what is left ---------------------------------------------------------------------

    def pass_leftovers(self) -> None:
        t0 = time.perf_counter()
        c = pl.col
        sw = int(self.args.settlement_window_days)
        age_l = self.age(c("ldate"))
        rep_l = self.report(
            self.l_open.lazy(), kind=pl.when(age_l <= sw).then(pl.lit("in_transit")).otherwise(pl.lit("missing_in_bank")),
            account=c("account"), currency=c("currency"), ledger_id=c("txn_id"), ledger_date=c("ldate"),
            ledger_amount=c("amount"), age_days=age_l,
            detail=pl.when(age_l <= sw).then(pl.lit(f"not on the bank statement yet; within {sw} day(s) of as-of"))
            .otherwise(concat_text("not on the bank statement; ", age_l, " day(s) old")),
            lrn=c("rn"))
        rep_b = self.report(
            self.b_open.lazy(),
            kind=pl.when(c("amount") < 0).then(pl.lit("unmatched_bank_debit")).otherwise(pl.lit("unmatched_bank_credit")),
            account=c("account"), currency=c("currency"), bank_ref=c("bank_ref"), bank_date=c("bdate"),
            bank_amount=c("amount"), age_days=self.age(c("bdate")), detail=pl.lit("no ledger entry found"), brn=c("rn"))
        self.breaks += self.collect(rep_l, rep_b)
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
        c = pl.col
        breaks = pl.concat(self.breaks, how="vertical")
        self.breaks = []
        e = cur_exp(c("currency"))
        ordered = (breaks.lazy()
                   .with_columns(severity=c("kind").replace_strict(severity, return_dtype=pl.String))
                   .with_columns(srank=c("severity").replace_strict(SEVERITY_RANK, return_dtype=pl.Int8))
                   .sort([c("srank"), c("account"), pl.coalesce("bank_date", "ledger_date"), c("kind"),
                          c("bank_ref").fill_null(""), c("ledger_id").fill_null(""), pl.coalesce("brn", "lrn"), c("lrn")],
                         nulls_last=True)
                   .select("kind", "severity", "account", "currency", "bank_ref", "ledger_id",
                           c("bank_date").dt.strftime("%Y-%m-%d"), c("ledger_date").dt.strftime("%Y-%m-%d"),
                           fmt_minor(c("bank_amount"), e).alias("bank_amount"),
                           fmt_minor(c("ledger_amount"), e).alias("ledger_amount"),
                           fmt_minor(c("bank_amount") - c("ledger_amount"), e).alias("difference"),
                           "age_days", "detail"))
        report = self.collect(ordered)[0]
        path = os.path.join(self.out_dir, "breaks.csv")
        report.write_csv(path, include_header=True, separator=",", line_terminator="\n", quote_char='"',
                         null_value="", quote_style="necessary")
        for kind, n in breaks.group_by("kind").len().sort("kind").iter_rows():
            self.counts[kind] = n
        self.phase("write report", t0)
        return path

    def run(self) -> str:
        self.load()
        self.pass_duplicates()
        self.pass_reference()
        self.pass_batch()
        self.pass_amount_date()
        self.pass_leftovers()
        return self.write_report()


def parse_args(argv=None) -> argparse.Namespace:
    p = core_parser(__doc__.split("\n\n")[0], "Polars threads (POLARS_MAX_THREADS; default: all cores)")
    p.add_argument("--engine", choices=["in-memory", "streaming"], default="in-memory",
                   help="Polars query engine for every collect (default in-memory)")
    return parse_core(p, argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    import_polars(args.threads)
    started = time.perf_counter()
    recon = Recon(args)
    try:
        path = recon.run()
    except (InputFailure, pl.exceptions.PolarsError) as e:
        print(f"recon_polars: error: {e}", file=sys.stderr)
        return 2
    if not args.quiet:
        total = time.perf_counter() - started
        for name, seconds in recon.timings:
            print(f"  {name:<22} {seconds:8.2f} s", file=sys.stderr)
        print(f"  {'total':<22} {total:8.2f} s", file=sys.stderr)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  peak RSS {peak:.0f} MiB; as-of {recon.as_of}; {pl.thread_pool_size()} threads; wrote {path}",
              file=sys.stderr)
        for name, n in recon.counts.items():
            print(f"  {name}: {n}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
