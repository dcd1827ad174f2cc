#!/usr/bin/env python3
"""Dumps every sheet of an XLSX workbook as JSON lines, read by openpyxl (an independent reader):
{"sheet": NAME, "row": [[TYPE, VALUE], ...]} with TYPE "n" (number, VALUE as repr), "d" (date,
VALUE yyyy-mm-dd), "s" (string), "b" (bool) or "-" (empty). Also one line per sheet first:
{"sheet": NAME, "frozen": CELL, "autofilter": RANGE, "rows": N}.
Usage: xlsx-dump.py FILE.xlsx [--meta-only]
"""
import datetime
import json
import sys

import openpyxl


def cell(v, number_format):
    if v is None:
        return ["-", None]
    if isinstance(v, bool):
        return ["b", v]
    if isinstance(v, datetime.datetime) or isinstance(v, datetime.date):
        return ["d", v.strftime("%Y-%m-%d")]
    if isinstance(v, (int, float)):
        return ["n", repr(v), number_format]
    return ["s", v]


def main():
    path = sys.argv[1]
    meta_only = "--meta-only" in sys.argv
    # Full mode reads the sheet properties (frozen panes, autofilter); read-only mode streams rows.
    wb = openpyxl.load_workbook(path, read_only=meta_only)
    out = sys.stdout
    for ws in wb.worksheets:
        if meta_only:
            n = sum(1 for _ in ws.iter_rows(values_only=True))
            out.write(json.dumps({"sheet": ws.title, "rows": n}) + "\n")
            continue
        out.write(json.dumps({"sheet": ws.title, "frozen": ws.freeze_panes, "autofilter": ws.auto_filter.ref,
                              "rows": ws.max_row, "widths": {k: v.width for k, v in ws.column_dimensions.items()}}) + "\n")
        for row in ws.iter_rows():
            out.write(json.dumps({"sheet": ws.title, "row": [cell(c.value, c.number_format) for c in row]},
                                 ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
