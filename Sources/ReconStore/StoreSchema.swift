import GRDB
import ReconCore

/// The run store's versioned migrations. A store is created on first use and migrated forward on
/// every open; a migration, once released, is never edited (add a new one instead).
enum StoreSchema {
    /// Over 80 lines on purpose: the migrations in the order they run, mostly their SQL.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1: runs, inputs, breaks, open items, decisions, audit chain, locks") { db in
            try db.execute(sql: """
                CREATE TABLE runs (
                    id INTEGER PRIMARY KEY,
                    business_date TEXT NOT NULL,
                    started_at TEXT NOT NULL,
                    finished_at TEXT,
                    status TEXT NOT NULL,              -- running | completed | failed | missing_input
                    superseded_by INTEGER REFERENCES runs(id),
                    config_hash TEXT NOT NULL,
                    engine_version TEXT NOT NULL,
                    bank_rows INTEGER, ledger_rows INTEGER, break_count INTEGER, alerts INTEGER,
                    exit_code INTEGER,
                    output_dir TEXT,
                    message TEXT
                );
                CREATE INDEX runs_by_date ON runs(business_date, id);
                CREATE TABLE run_inputs (
                    run_id INTEGER NOT NULL REFERENCES runs(id),
                    side TEXT NOT NULL,                -- bank | ledger
                    path TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    bytes INTEGER NOT NULL,
                    rows INTEGER NOT NULL,
                    carried INTEGER NOT NULL,          -- 1: open items carried from an earlier night
                    replaces_sha256 TEXT               -- a corrected file: the digest it replaces
                );
                CREATE INDEX run_inputs_by_run ON run_inputs(run_id);
                CREATE TABLE breaks (
                    run_id INTEGER NOT NULL REFERENCES runs(id),
                    break_id TEXT NOT NULL,
                    kind TEXT NOT NULL, severity TEXT NOT NULL,
                    account TEXT NOT NULL, currency TEXT NOT NULL,
                    bank_ref TEXT NOT NULL, ledger_id TEXT NOT NULL,
                    bank_date TEXT NOT NULL, ledger_date TEXT NOT NULL,
                    bank_amount TEXT NOT NULL, ledger_amount TEXT NOT NULL, difference TEXT NOT NULL,
                    age_days INTEGER NOT NULL,
                    detail TEXT NOT NULL
                );
                CREATE INDEX breaks_by_run ON breaks(run_id);
                CREATE INDEX breaks_by_id ON breaks(break_id);
                CREATE TABLE open_items (
                    run_id INTEGER NOT NULL REFERENCES runs(id),
                    side TEXT NOT NULL,
                    break_id TEXT NOT NULL,
                    row_csv TEXT NOT NULL              -- the row in the canonical layout of its side
                );
                CREATE INDEX open_items_by_run ON open_items(run_id);
                CREATE TABLE decisions (
                    id INTEGER PRIMARY KEY,
                    break_id TEXT NOT NULL,
                    decision TEXT NOT NULL,            -- write-off | explained | matched-with
                    matched_with TEXT,
                    note TEXT NOT NULL,
                    decided_by TEXT NOT NULL,
                    decided_at TEXT NOT NULL
                );
                CREATE INDEX decisions_by_break ON decisions(break_id);
                CREATE TABLE audit (
                    seq INTEGER PRIMARY KEY,
                    run_id INTEGER NOT NULL REFERENCES runs(id),
                    prev_hash TEXT NOT NULL,
                    inputs_hash TEXT NOT NULL,
                    config_hash TEXT NOT NULL,
                    outputs_hash TEXT NOT NULL,
                    record_hash TEXT NOT NULL
                );
                CREATE TABLE locks (
                    id INTEGER PRIMARY KEY,
                    date_from TEXT NOT NULL, date_to TEXT NOT NULL,
                    pid INTEGER NOT NULL, host TEXT NOT NULL,
                    acquired_at TEXT NOT NULL
                );
                """)
        }
        m.registerMigration("v2: indicators per run") { db in
            try db.execute(sql: """
                CREATE TABLE indicators (
                    run_id INTEGER NOT NULL REFERENCES runs(id),
                    name TEXT NOT NULL,                -- match_rate, unmatched_count, ... (ReconMatch.Indicator)
                    value INTEGER NOT NULL             -- the match rate in millionths, amounts in minor units
                );
                CREATE INDEX indicators_by_run ON indicators(run_id);
                """)
        }
        m.registerMigration("v3: exports written from runs") { db in
            try db.execute(sql: """
                CREATE TABLE exports (
                    id INTEGER PRIMARY KEY,
                    run_id INTEGER REFERENCES runs(id),   -- null for a date range's report
                    date_from TEXT NOT NULL, date_to TEXT NOT NULL,
                    written_at TEXT NOT NULL,
                    directory TEXT NOT NULL,
                    files TEXT NOT NULL,               -- the file names, comma-separated
                    masked INTEGER NOT NULL,           -- 0: written in clear (--unmasked)
                    written_by TEXT NOT NULL
                );
                CREATE INDEX exports_by_run ON exports(run_id);
                """)
        }
        m.registerMigration("v4: bank lines reconciled per run; the business date a decision was made on") { db in
            try db.execute(sql: """
                CREATE TABLE bank_line_keys (
                    run_id INTEGER PRIMARY KEY REFERENCES runs(id),
                    keys BLOB NOT NULL                 -- sorted 64-bit keys (ReconCore.BankLineHistory), little-endian
                );
                ALTER TABLE decisions ADD COLUMN business_date TEXT;  -- the latest date whose run reported the break
                """)
        }
        m.registerMigration("v5: breaks typed (amounts in minor units)") { db in
            // The text table steps aside; the typed one takes its name, so records insert as themselves.
            try db.execute(sql: """
                ALTER TABLE breaks RENAME TO breaks_text;
                CREATE TABLE breaks (
                    run_id INTEGER NOT NULL REFERENCES runs(id),
                    break_id TEXT NOT NULL,
                    kind TEXT NOT NULL, severity TEXT NOT NULL,
                    account TEXT NOT NULL, currency TEXT NOT NULL,
                    bank_ref TEXT NOT NULL, ledger_id TEXT NOT NULL,
                    bank_date TEXT, ledger_date TEXT,              -- yyyy-mm-dd
                    -- Minor units: integers, or their digits as text beyond 64 bits. No declared type,
                    -- so SQLite keeps each value as written (an INTEGER column would turn wide digits
                    -- into an inexact REAL).
                    bank_amount, ledger_amount, difference,
                    exponent INTEGER NOT NULL,                     -- the currency's decimals
                    age_days INTEGER NOT NULL,
                    detail TEXT NOT NULL
                );
                """)
            let columns = ["kind", "severity", "account", "currency", "bank_ref", "ledger_id", "bank_date", "ledger_date",
                           "bank_amount", "ledger_amount", "difference", "age_days", "detail"]
            let rows = try Row.fetchCursor(db, sql: "SELECT rowid, * FROM breaks_text ORDER BY rowid")
            while let row = try rows.next() {
                let fields = columns.map { c -> String in
                    let v: DatabaseValue = row[c]
                    return String.fromDatabaseValue(v) ?? Int64.fromDatabaseValue(v).map(String.init) ?? ""
                }
                let line = try BreakLineCodec.decode(fields, path: "breaks table", line: row["rowid"])
                try BreakRecord(runId: row["run_id"], StoredBreak(id: row["break_id"], line: line)).insert(db)
            }
            try db.execute(sql: """
                DROP TABLE breaks_text;
                CREATE INDEX breaks_by_run ON breaks(run_id);
                CREATE INDEX breaks_by_id ON breaks(break_id);
                """)
        }
        m.registerMigration("v6: open items typed") { db in
            try db.execute(sql: """
                ALTER TABLE open_items RENAME TO open_items_text;
                CREATE TABLE open_items (
                    run_id INTEGER NOT NULL REFERENCES runs(id),
                    side TEXT NOT NULL,                            -- bank | ledger
                    break_id TEXT NOT NULL,
                    ref TEXT NOT NULL,                             -- bank_ref, or the ledger's txn_id
                    account TEXT NOT NULL, currency TEXT NOT NULL,
                    booking_date TEXT,                             -- bank lines only
                    value_date TEXT NOT NULL,
                    amount INTEGER NOT NULL,                       -- minor units
                    end_to_end_id TEXT, counterparty TEXT NOT NULL, description TEXT,  -- bank lines
                    type TEXT, reference TEXT, batch_id TEXT                            -- ledger records
                );
                """)
            let rows = try Row.fetchCursor(db, sql: "SELECT rowid, * FROM open_items_text ORDER BY rowid")
            while let row = try rows.next() {
                guard let item = OpenItemRecord.item(side: row["side"], breakId: row["break_id"], rowCSV: row["row_csv"]) else {
                    throw StoreError.corrupt(path: "open_items", table: "open_items",
                                             reason: "row \(row["rowid"] as Int64) is not a row of the canonical \(row["side"] as String) layout")
                }
                try OpenItemRecord(runId: row["run_id"], item).insert(db)
            }
            try db.execute(sql: """
                DROP TABLE open_items_text;
                CREATE INDEX open_items_by_run ON open_items(run_id);
                """)
        }
        m.registerMigration("v7: an audit chain over everything stored") { db in
            try db.execute(sql: """
                CREATE TABLE audit_chain (
                    seq INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL,                -- run | decision | export
                    subject INTEGER NOT NULL,          -- the run's, decision's or export's id
                    prev_hash TEXT NOT NULL,           -- the previous record's (the earlier chain's head for the first)
                    parts TEXT NOT NULL,               -- one line per part of the subject: name and SHA-256 of its stored values
                    record_hash TEXT NOT NULL
                );
                ALTER TABLE locks ADD COLUMN process_start TEXT;  -- boot id and start ticks of the holder (/proc/PID/stat)
                CREATE TABLE audit_meta (
                    name TEXT PRIMARY KEY,             -- boundary.<table>: the last row written before this chain
                    value INTEGER NOT NULL
                );
                """)
            // Rows written before the chain covered everything are vouched for by the earlier chain
            // (runs, inputs, report files) only; orphans are looked for after these rows.
            for table in ["runs", "run_inputs", "breaks", "open_items", "indicators", "bank_line_keys", "decisions", "exports"] {
                try db.execute(sql: "INSERT INTO audit_meta (name, value) SELECT 'boundary.' || ?, COALESCE(MAX(rowid), 0) FROM \(table)",
                               arguments: [table])
            }
        }
        return m
    }
}
