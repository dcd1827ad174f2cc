import Crypto
import Foundation
import GRDB
import ReconCore

/// The embedded run store (SQLite through GRDB): runs and their inputs, breaks, the open items
/// carried from night to night, manual decisions, the audit chain and the run locks.
///
/// Everything a run records is written in one transaction when the run completes, so a run killed at
/// any point leaves the store as it was (its lock is then stale, and the next run takes it over).
package final class RunStore: Sendable {
    package let path: String
    let queue: DatabaseQueue

    /// Opens (creating and migrating when needed) the store at `path`.
    package init(path: String) throws {
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(30)
        do {
            let dir = (path as NSString).deletingLastPathComponent
            if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
            queue = try DatabaseQueue(path: path, configuration: config)
            try StoreSchema.migrator.migrate(queue)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
    }

    package static func timestamp() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: Date())
    }

    package static func sha256Hex(_ data: some DataProtocol) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    // MARK: Locks

    /// Takes the lock for `[from, to]` (ISO dates). A lock held by a live process for an overlapping
    /// range throws ``StoreError/locked(path:holder:)``; one left by a process that is gone (killed)
    /// is stale and taken over. Returns the lock's id for ``releaseLock(_:)``.
    package func acquireLock(from: String, to: String) throws -> Int64 {
        let pid = Int(getpid())
        let host = ProcessInfo.processInfo.hostName
        return try queue.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                let rows = try Row.fetchAll(db, sql: "SELECT id, date_from, date_to, pid, host FROM locks WHERE date_from <= ? AND date_to >= ?",
                                            arguments: [to, from])
                for r in rows {
                    let holderPid: Int = r["pid"], holderHost: String = r["host"]
                    let alive = holderHost != host || kill(pid_t(holderPid), 0) == 0 || errno == EPERM
                    if alive && holderPid != pid {
                        throw StoreError.locked(path: path, holder: "pid \(holderPid) on \(holderHost), dates \(r["date_from"] as String)..\(r["date_to"] as String)")
                    }
                    try db.execute(sql: "DELETE FROM locks WHERE id = ?", arguments: [r["id"] as Int64])
                }
                try db.execute(sql: "INSERT INTO locks (date_from, date_to, pid, host, acquired_at) VALUES (?, ?, ?, ?, ?)",
                               arguments: [from, to, pid, host, Self.timestamp()])
                return .commit
            }
            return db.lastInsertedRowID
        }
    }

    package func releaseLock(_ id: Int64) throws {
        try queue.write { db in try db.execute(sql: "DELETE FROM locks WHERE id = ?", arguments: [id]) }
    }

    // MARK: Runs

    /// The latest completed run of `date` that no later run superseded.
    package func currentRun(for date: String) throws -> RunRecord? {
        try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE business_date = ? AND status = 'completed' AND superseded_by IS NULL ORDER BY id DESC LIMIT 1",
                             arguments: [date]).map(Self.record)
        }
    }

    /// The current run of the latest business date before `date`: where open items come from.
    package func previousRun(before date: String) throws -> RunRecord? {
        try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE business_date < ? AND status = 'completed' AND superseded_by IS NULL ORDER BY business_date DESC, id DESC LIMIT 1",
                             arguments: [date]).map(Self.record)
        }
    }

    /// Each indicator's values in the current runs of the `limit` latest business dates before
    /// `date`, newest first.
    package func indicatorHistory(before date: String, limit: Int) throws -> [String: [Int64]] {
        try queue.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT i.name, i.value FROM indicators i JOIN runs r ON r.id = i.run_id
                WHERE r.id IN (SELECT id FROM runs WHERE business_date < ? AND status = 'completed' AND superseded_by IS NULL
                               ORDER BY business_date DESC LIMIT ?)
                ORDER BY r.business_date DESC
                """, arguments: [date, limit])
            var out: [String: [Int64]] = [:]
            for row in rows { out[row["name"] as String, default: []].append(row["value"] as Int64) }
            return out
        }
    }

    /// One run by id.
    package func run(id: Int64) throws -> RunRecord? {
        try queue.read { db in try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [id]).map(Self.record) }
    }

    /// The current completed runs of the business dates from `from` to `to`, oldest date first.
    package func currentRuns(from: String, to: String) throws -> [RunRecord] {
        try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM runs WHERE business_date >= ? AND business_date <= ? AND status = 'completed'
                AND superseded_by IS NULL ORDER BY business_date, id
                """, arguments: [from, to]).map(Self.record)
        }
    }

    /// A run's breaks in the report's order.
    package func breaks(ofRun id: Int64) throws -> [StoredBreak] {
        try queue.read { db in
            try BreakRecord.fetchAll(db, sql: "SELECT * FROM breaks WHERE run_id = ? ORDER BY rowid", arguments: [id]).map { try $0.stored(path: path) }
        }
    }

    /// Calls `body` with each of a run's breaks in the report's order, reading them from the store
    /// one at a time (a month of breaks is never held in memory).
    package func forEachBreak(ofRun id: Int64, _ body: (StoredBreak) throws -> Void) throws {
        try queue.read { db in
            let cursor = try BreakRecord.fetchCursor(db, sql: "SELECT * FROM breaks WHERE run_id = ? ORDER BY rowid", arguments: [id])
            while let record = try cursor.next() { try body(record.stored(path: path)) }
        }
    }

    /// Break counts by severity of the current runs of the `limit` latest business dates up to and
    /// including `date`, oldest first: the reports' trend.
    package func breakTrend(upTo date: String, limit: Int) throws -> [(date: String, runId: Int64, severities: [String: Int])] {
        try queue.read { db in
            let runs = try Row.fetchAll(db, sql: """
                SELECT id, business_date FROM runs WHERE business_date <= ? AND status = 'completed' AND superseded_by IS NULL
                ORDER BY business_date DESC, id DESC LIMIT ?
                """, arguments: [date, limit]).map { (id: $0["id"] as Int64, date: $0["business_date"] as String) }.reversed()
            return try runs.map { run in
                var severities: [String: Int] = [:]
                for r in try Row.fetchAll(db, sql: "SELECT severity, COUNT(*) AS n FROM breaks WHERE run_id = ? GROUP BY severity",
                                          arguments: [run.id]) {
                    severities[r["severity"] as String] = r["n"] as Int
                }
                return (run.date, run.id, severities)
            }
        }
    }

    /// Records that exports were written from a run (or a date range, `runId` nil), and whether in clear.
    package func recordExport(runId: Int64?, from: String, to: String, directory: String, files: [String], masked: Bool) throws {
        let user = ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] ?? "unknown"
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO exports (run_id, date_from, date_to, written_at, directory, files, masked, written_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [runId, from, to, Self.timestamp(), directory, files.joined(separator: ","), masked ? 1 : 0, user])
        }
    }

    /// The export records, oldest first: (run id, directory, files, masked).
    package func exports() throws -> [(runId: Int64?, directory: String, files: [String], masked: Bool)] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM exports ORDER BY id").map {
                ($0["run_id"], $0["directory"], ($0["files"] as String).split(separator: ",").map(String.init), ($0["masked"] as Int) != 0)
            }
        }
    }

    package func runs() throws -> [RunRecord] {
        try queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY id").map(Self.record) }
    }

    package func inputs(ofRun id: Int64) throws -> [StoredInput] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM run_inputs WHERE run_id = ? ORDER BY rowid", arguments: [id]).map(Self.input)
        }
    }

    /// Open items of a run to carry into `date`: those no decision has closed before `date`.
    ///
    /// A decision takes effect on the carry-forward into the dates after the one whose report it was
    /// made on, never on that date's own report: re-running a date reproduces its report, and the
    /// decision shows beside the row (`recon breaks`). A decision recorded before the store kept its
    /// date closes the item for every date.
    package func openItems(ofRun id: Int64, carryingInto date: String) throws -> [OpenItem] {
        try queue.read { db in
            try OpenItemRecord.fetchAll(db, sql: """
                SELECT * FROM open_items
                WHERE run_id = ? AND break_id NOT IN (SELECT break_id FROM decisions WHERE business_date IS NULL OR business_date < ?)
                ORDER BY rowid
                """, arguments: [id, date]).map { try $0.item(path: path) }
        }
    }

    /// The business dates after `date` that have a current completed run, oldest first: the nights a
    /// re-run of `date` reaches (their carry-forward starts from it).
    package func laterDates(after date: String) throws -> [String] {
        try queue.read { db in
            try String.fetchAll(db, sql: """
                SELECT DISTINCT business_date FROM runs WHERE business_date > ? AND status = 'completed' AND superseded_by IS NULL
                ORDER BY business_date
                """, arguments: [date])
        }
    }

    /// The bank lines the current runs of the `lookbackDays` days before `date` reconciled.
    package func bankLineHistory(before date: Day, lookbackDays: Int) throws -> BankLineHistory {
        try queue.read { db in
            var history = BankLineHistory()
            let rows = try Row.fetchAll(db, sql: """
                SELECT r.id, r.business_date, k.keys FROM bank_line_keys k JOIN runs r ON r.id = k.run_id
                WHERE r.business_date < ? AND r.business_date >= ? AND r.status = 'completed' AND r.superseded_by IS NULL
                ORDER BY r.business_date, r.id
                """, arguments: [date.iso, date.adding(days: -lookbackDays).iso])
            for row in rows {
                guard let blob = row["keys"] as Data?, let day = Day(iso: row["business_date"] as String) else { continue }
                history.add(keys: Self.keys(blob), date: day, runId: row["id"])
            }
            return history
        }
    }

    static func blob(_ keys: [UInt64]) -> Data {
        var data = Data(capacity: keys.count * 8)
        for k in keys { withUnsafeBytes(of: k.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    static func keys(_ blob: Data) -> [UInt64] {
        let bytes = [UInt8](blob)
        return stride(from: 0, to: bytes.count - bytes.count % 8, by: 8).map { i in
            var k: UInt64 = 0
            for j in 0..<8 { k |= UInt64(bytes[i + j]) << (8 * UInt64(j)) }
            return k
        }
    }

    /// Records a run that could not reconcile (a source file missing, bad input): it stays in the
    /// store's history, supersedes nothing and carries nothing.
    @discardableResult
    package func recordFailedRun(date: String, status: String, configHash: String, engineVersion: String, message: String) throws -> Int64 {
        try queue.write { db in
            let now = Self.timestamp()
            try db.execute(sql: """
                INSERT INTO runs (business_date, started_at, finished_at, status, config_hash, engine_version,
                                  bank_rows, ledger_rows, break_count, alerts, exit_code, output_dir, message)
                VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 2, '', ?)
                """, arguments: [date, now, now, status, configHash, engineVersion, message])
            return db.lastInsertedRowID
        }
    }

    /// The next run id (the directory a run writes into is named after it before it is recorded).
    package func nextRunId() throws -> Int64 {
        try queue.read { db in (try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) + 1 FROM runs")) ?? 1 }
    }

    /// Records a completed run in one transaction: the run, its inputs, breaks and open items; the
    /// earlier runs of its date become superseded by it; the audit chain gets its record.
    package func recordCompletedRun(_ run: RunRecord, inputs: [StoredInput], breaks: [StoredBreak], openItems: [OpenItem],
                                   outputsHash: String, indicators: [String: Int64] = [:],
                                   bankLineKeys: [UInt64] = []) throws {
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO runs (id, business_date, started_at, finished_at, status, config_hash, engine_version,
                                  bank_rows, ledger_rows, break_count, alerts, exit_code, output_dir, message)
                VALUES (?, ?, ?, ?, 'completed', ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [run.id, run.businessDate, run.startedAt, run.finishedAt, run.configHash, run.engineVersion,
                                 run.bankRows, run.ledgerRows, run.breakCount, run.alerts, run.exitCode,
                                 run.outputDirectory, run.message])
            try db.execute(sql: "UPDATE runs SET superseded_by = ? WHERE business_date = ? AND id <> ? AND superseded_by IS NULL AND status = 'completed'",
                           arguments: [run.id, run.businessDate, run.id])
            let insertInput = try db.makeStatement(sql: "INSERT INTO run_inputs VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            for i in inputs {
                try insertInput.execute(arguments: [run.id, i.side, i.path, i.sha256, i.bytes, i.rows, i.carried ? 1 : 0, i.replacesSHA256])
            }
            for b in breaks { try BreakRecord(runId: run.id, b).insert(db) }
            for o in openItems { try OpenItemRecord(runId: run.id, o).insert(db) }
            for (name, value) in indicators.sorted(by: { $0.key < $1.key }) {
                try db.execute(sql: "INSERT INTO indicators VALUES (?, ?, ?)", arguments: [run.id, name, value])
            }
            if !bankLineKeys.isEmpty {
                try db.execute(sql: "INSERT INTO bank_line_keys (run_id, keys) VALUES (?, ?)", arguments: [run.id, Self.blob(bankLineKeys)])
            }
            // The audit record: its hash covers the previous one, the run, its inputs, configuration and outputs.
            let prev = try String.fetchOne(db, sql: "SELECT record_hash FROM audit ORDER BY seq DESC LIMIT 1") ?? String(repeating: "0", count: 64)
            let stored = try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [run.id]).map(Self.record)!
            let inputsHash = Self.sha256Hex(Data(inputs.map(\.auditLine).joined(separator: "\n").utf8))
            let recordHash = Self.auditHash(prev: prev, run: stored, inputsHash: inputsHash, outputsHash: outputsHash)
            try db.execute(sql: "INSERT INTO audit (run_id, prev_hash, inputs_hash, config_hash, outputs_hash, record_hash) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [run.id, prev, inputsHash, run.configHash, outputsHash, recordHash])
        }
    }

    static func auditHash(prev: String, run: RunRecord, inputsHash: String, outputsHash: String) -> String {
        sha256Hex(Data([prev, run.auditText, inputsHash, run.configHash, outputsHash].joined(separator: "\n").utf8))
    }

    /// The SHA-256 over the report files of a run directory (name and digest of each, in name order).
    package static func outputsHash(directory: String, files: [String]) -> String {
        var lines: [String] = []
        for name in files.sorted() {
            let digest: String
            if let data = FileManager.default.contents(atPath: directory + "/" + name) {
                digest = sha256Hex(data)
            } else {
                digest = "missing"
            }
            lines.append(name + "|" + digest)
        }
        return sha256Hex(Data(lines.joined(separator: "\n").utf8))
    }

    /// The masking key's default place: `mask.key` in the store's folder (the current folder for a
    /// store named without one).
    package static func maskKeyPath(besideStore storePath: String) -> String {
        let folder = (storePath as NSString).deletingLastPathComponent
        return folder.isEmpty ? "mask.key" : folder + "/mask.key"
    }

    /// The report files the audit chain covers.
    package static let auditedOutputs = ["breaks.csv", "summary.json"]

    /// Recomputes the audit chain from the stored runs, inputs and the report files on disk; returns
    /// the first record that does not verify, or nil when the whole chain does.
    package func verifyAudit() throws -> (records: Int, finding: AuditFinding?) {
        try queue.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY seq")
            var prev = String(repeating: "0", count: 64)
            for r in rows {
                let seq: Int64 = r["seq"], runId: Int64 = r["run_id"]
                func finding(_ reason: String) -> (Int, AuditFinding?) { (rows.count, AuditFinding(seq: seq, runId: runId, reason: reason)) }
                if (r["prev_hash"] as String) != prev { return finding("does not follow the previous record (a record was removed or altered)") }
                guard let run = try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [runId]).map(Self.record) else {
                    return finding("its run record is gone")
                }
                let inputs = try Row.fetchAll(db, sql: "SELECT * FROM run_inputs WHERE run_id = ? ORDER BY rowid", arguments: [runId]).map(Self.input)
                let inputsHash = Self.sha256Hex(Data(inputs.map(\.auditLine).joined(separator: "\n").utf8))
                if inputsHash != (r["inputs_hash"] as String) { return finding("the run's recorded inputs changed") }
                let outputs = Self.outputsHash(directory: run.outputDirectory, files: Self.auditedOutputs)
                if outputs != (r["outputs_hash"] as String) {
                    return finding("a report file in \(run.outputDirectory) was changed or lost")
                }
                let expected = Self.auditHash(prev: prev, run: run, inputsHash: inputsHash, outputsHash: outputs)
                if expected != (r["record_hash"] as String) || run.configHash != (r["config_hash"] as String) {
                    return finding("the run record changed since it was written")
                }
                prev = expected
            }
            return (rows.count, nil)
        }
    }

    // MARK: Breaks and decisions

    /// Breaks of the current (not superseded) runs, newest business date first, with their decisions.
    package func currentBreaks() throws -> [(date: String, runId: Int64, breakRecord: StoredBreak, decision: Decision?)] {
        try queue.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT r.business_date, b.* FROM breaks b JOIN runs r ON r.id = b.run_id
                WHERE r.status = 'completed' AND r.superseded_by IS NULL
                ORDER BY r.business_date DESC, b.rowid
                """)
            let decisions = try Row.fetchAll(db, sql: "SELECT * FROM decisions ORDER BY id").map(Self.decision)
            var latest: [String: Decision] = [:]
            for d in decisions { latest[d.breakId] = d }
            return try rows.map { r in
                let b = try BreakRecord(row: r).stored(path: path)
                return (r["business_date"], r["run_id"], b, latest[b.id])
            }
        }
    }

    /// Records a decision about a break that some run reported.
    package func record(_ decision: Decision) throws {
        try queue.write { db in
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM breaks WHERE break_id = ?", arguments: [decision.breakId]) ?? 0 > 0 else {
                throw StoreError.unknownBreak(id: decision.breakId)
            }
            // The latest date whose current run reported the break: the decision closes it from the next date on.
            let date = try String.fetchOne(db, sql: """
                SELECT MAX(r.business_date) FROM breaks b JOIN runs r ON r.id = b.run_id
                WHERE b.break_id = ? AND r.status = 'completed' AND r.superseded_by IS NULL
                """, arguments: [decision.breakId])
            try db.execute(sql: """
                INSERT INTO decisions (break_id, decision, matched_with, note, decided_by, decided_at, business_date)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [decision.breakId, decision.kind.rawValue, decision.matchedWith, decision.note,
                                  decision.decidedBy, decision.decidedAt, date])
        }
    }

    package func decisions() throws -> [Decision] {
        try queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM decisions ORDER BY id").map(Self.decision) }
    }

    // MARK: Row mapping

    static func record(_ r: Row) -> RunRecord {
        RunRecord(id: r["id"], businessDate: r["business_date"], startedAt: r["started_at"], finishedAt: r["finished_at"],
                  status: r["status"], supersededBy: r["superseded_by"], configHash: r["config_hash"],
                  engineVersion: r["engine_version"], bankRows: r["bank_rows"] ?? 0, ledgerRows: r["ledger_rows"] ?? 0,
                  breakCount: r["break_count"] ?? 0, alerts: r["alerts"] ?? 0, exitCode: r["exit_code"] ?? 0,
                  outputDirectory: r["output_dir"] ?? "", message: r["message"] ?? "")
    }

    static func input(_ r: Row) -> StoredInput {
        StoredInput(side: r["side"], path: r["path"], sha256: r["sha256"], bytes: r["bytes"], rows: r["rows"],
                    carried: (r["carried"] as Int) != 0, replacesSHA256: r["replaces_sha256"])
    }

    static func decision(_ r: Row) -> Decision {
        Decision(breakId: r["break_id"], kind: Decision.Kind(rawValue: r["decision"]) ?? .explained, matchedWith: r["matched_with"],
                 note: r["note"], decidedBy: r["decided_by"], decidedAt: r["decided_at"])
    }
}
