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

    /// How a command opens the store.
    package enum Access: Sendable {
        /// Create it when missing, migrate it forward (the nightly job).
        case create
        /// It must exist and be current; it is written (commands that record a decision or an
        /// export: `recon resolve`, `export`, `report`), never created or migrated.
        case existing
        /// It must exist and is only read: never created, migrated or written (`audit verify`,
        /// `breaks`, `export`, `report`, `custody-report`).
        case readOnly
    }

    /// Opens the store at `path` as `access` says.
    ///
    /// - Throws: ``StoreError/missing(path:)`` when it must exist and does not;
    ///   ``StoreError/needsMigration(path:)`` when a command other than the nightly job meets a store
    ///   an older Recon wrote; ``StoreError/cannotOpen(path:reason:)`` naming the path otherwise.
    package init(path: String, access: Access = .create) throws {
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(30)
        if access != .create && !FileManager.default.fileExists(atPath: path) { throw StoreError.missing(path: path) }
        do {
            if access == .create {
                let dir = (path as NSString).deletingLastPathComponent
                if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
            }
            if access == .readOnly { Self.readOnly(&config, path: path) }
            queue = try DatabaseQueue(path: path, configuration: config)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
        if access != .create {
            let current: Bool
            do {
                current = try queue.read { try StoreSchema.migrator.hasCompletedMigrations($0) }
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_READONLY_ROLLBACK {
                throw StoreError.cannotOpen(path: path, reason: "it holds an unfinished write (a run stopped while writing) that only a process allowed to write the store can roll back; run `recon audit verify` as the store's owner")
            } catch {
                throw StoreError.cannotOpen(path: path, reason: "\(error)")
            }
            guard current else { throw StoreError.needsMigration(path: path) }
            return
        }
        try Self.migrate(queue, path: path)
    }

    /// A read-only command never writes a row. When it may write the file it opens it for writing
    /// with every statement refused (`query_only`), so that SQLite can roll back a write a killed run
    /// left unfinished and the command reads the store as it was before that write; otherwise (an
    /// auditor's copy on read-only media) it opens the file read-only.
    static func readOnly(_ config: inout Configuration, path: String) {
        let dir = (path as NSString).deletingLastPathComponent
        guard access(path, W_OK) == 0, access(dir.isEmpty ? "." : dir, W_OK) == 0 else {
            config.readonly = true
            return
        }
        config.prepareDatabase { try $0.execute(sql: "PRAGMA query_only = ON") }
    }

    /// Migrates forward. Several processes may open a new store at once: one creates the tables, the
    /// others (their migration then finding them made) try again and find nothing left to do.
    static func migrate(_ queue: DatabaseQueue, path: String) throws {
        var attempt = 0
        while true {
            do {
                try StoreSchema.migrator.migrate(queue)
                return
            } catch {
                attempt += 1
                if attempt >= 5 { throw StoreError.cannotOpen(path: path, reason: "\(error)") }
                usleep(useconds_t(50_000 * attempt))
            }
        }
    }

    package static func timestamp() -> String { ISO8601DateFormatter.withFractions.string(from: Date()) }

    package static func sha256Hex(_ data: some DataProtocol) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    // MARK: Locks

    /// Takes the lock for `[from, to]` (ISO dates), recording this process's pid, host and start
    /// time. A lock on an overlapping range is live while its process runs: same host, the pid alive
    /// and started when the lock says (a pid the system gave to another process since is not the
    /// holder). A lock whose process is gone, or older than `maxAgeHours` whatever its holder, is
    /// taken over; one of another host younger than that is live (it cannot be checked from here).
    ///
    /// - Returns: the lock's id for ``releaseLock(_:)``, and the locks taken over, described for the log.
    /// - Throws: ``StoreError/locked(path:holder:)`` (exit code 3) when a live run holds an overlapping range.
    package func acquireLock(from: String, to: String, maxAgeHours: Int = 24) throws -> (id: Int64, takenOver: [String]) {
        let pid = Int(getpid())
        let host = ProcessInfo.processInfo.hostName
        let started = ProcessStart.of(pid: pid) ?? ""
        let now = Date()
        return try naming { try queue.writeWithoutTransaction { db in
            var takenOver: [String] = []
            try db.inTransaction(.immediate) {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM locks WHERE date_from <= ? AND date_to >= ?", arguments: [to, from])
                for r in rows {
                    let v = StoredValue(row: r, table: "locks", path: path)
                    let holderPid = Int((try? v.int("pid")) ?? -1), holderHost = (try? v.text("host")) ?? "?"
                    let holderStart = (try? v.optionalText("process_start")) ?? nil
                    let acquired = (try? v.text("acquired_at")).flatMap(ISO8601DateFormatter.storeTime) ?? .distantPast
                    let ageHours = now.timeIntervalSince(acquired) / 3600
                    let holder = "pid \(holderPid) on \(holderHost) since \((try? v.text("acquired_at")) ?? "?"), dates \((try? v.text("date_from")) ?? "?")..\((try? v.text("date_to")) ?? "?")"
                    let sameProcess = holderHost == host && holderPid == pid
                    if !sameProcess {
                        if ageHours >= Double(maxAgeHours) {
                            takenOver.append("\(holder): older than \(maxAgeHours) h")
                        } else if holderHost != host {
                            throw StoreError.locked(path: path, holder: holder)
                        } else if ProcessStart.isAlive(pid: holderPid, started: holderStart) {
                            throw StoreError.locked(path: path, holder: holder)
                        } else {
                            takenOver.append("\(holder): its process is gone")
                        }
                    }
                    try db.execute(sql: "DELETE FROM locks WHERE id = ?", arguments: [r["id"] as DatabaseValue? ?? .null])
                }
                try db.execute(sql: "INSERT INTO locks (date_from, date_to, pid, host, acquired_at, process_start) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [from, to, pid, host, Self.timestamp(), started])
                return .commit
            }
            return (db.lastInsertedRowID, takenOver)
        } }
    }

    package func releaseLock(_ id: Int64) throws {
        try naming { try queue.write { db in try db.execute(sql: "DELETE FROM locks WHERE id = ?", arguments: [id]) } }
    }

    // MARK: Runs

    /// The latest completed run of `date` that no later run superseded.
    package func currentRun(for date: String) throws -> RunRecord? {
        try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE business_date = ? AND status = 'completed' AND superseded_by IS NULL ORDER BY id DESC LIMIT 1",
                             arguments: [date]).map(record)
        }
    }

    /// The current run of the latest business date before `date`: where open items come from.
    package func previousRun(before date: String) throws -> RunRecord? {
        try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE business_date < ? AND status = 'completed' AND superseded_by IS NULL ORDER BY business_date DESC, id DESC LIMIT 1",
                             arguments: [date]).map(record)
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
        try queue.read { db in try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [id]).map(record) }
    }

    /// The current completed runs of the business dates from `from` to `to`, oldest date first.
    package func currentRuns(from: String, to: String) throws -> [RunRecord] {
        try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM runs WHERE business_date >= ? AND business_date <= ? AND status = 'completed'
                AND superseded_by IS NULL ORDER BY business_date, id
                """, arguments: [from, to]).map(record)
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
        try append { db in
            try insertExport(db, runId: runId, from: from, to: to, ExportEntry(directory: directory, files: files, masked: masked))
        }
    }

    /// Inserts an export record and its audit record, in the caller's transaction.
    private func insertExport(_ db: Database, runId: Int64?, from: String, to: String, _ e: ExportEntry) throws {
        let user = ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] ?? "unknown"
        try db.execute(sql: """
            INSERT INTO exports (run_id, date_from, date_to, written_at, directory, files, masked, written_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [runId, from, to, Self.timestamp(), e.directory, e.files.joined(separator: ","), e.masked ? 1 : 0, user])
        let id = db.lastInsertedRowID
        try AuditChain.append(db, kind: "export", subject: id, parts: try AuditChain.rowParts(db, table: "exports", id: id))
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
        try queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY id").map(record) }
    }

    package func inputs(ofRun id: Int64) throws -> [StoredInput] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM run_inputs WHERE run_id = ? ORDER BY rowid", arguments: [id]).map { try Self.input($0, path: path) }
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
    /// store's history, supersedes nothing and carries nothing; the audit chain gets its record.
    @discardableResult
    package func recordFailedRun(date: String, status: String, configHash: String, engineVersion: String, message: String) throws -> Int64 {
        try append { db in
            let now = Self.timestamp()
            try db.execute(sql: """
                INSERT INTO runs (business_date, started_at, finished_at, status, config_hash, engine_version,
                                  bank_rows, ledger_rows, break_count, alerts, exit_code, output_dir, message)
                VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 2, '', ?)
                """, arguments: [date, now, now, status, configHash, engineVersion, message])
            let id = db.lastInsertedRowID
            try AuditChain.append(db, kind: "run", subject: id, parts: try AuditChain.runParts(db, id: id, outputsHash: ""))
            return id
        }
    }

    /// Reserves a run id for `date`: a `running` row, inserted in its own transaction, so that runs of
    /// other dates going on at the same time get other ids (the folder a run writes into is named
    /// after it). ``recordCompletedRun(_:inputs:breaks:openItems:outputsHash:indicators:bankLineKeys:)``
    /// turns it into the run; a run killed before that leaves it `running` until
    /// ``closeInterruptedRuns(from:to:)``.
    package func reserveRun(date: String, startedAt: String, configHash: String, engineVersion: String) throws -> Int64 {
        try naming { try queue.write { db in
            try db.execute(sql: """
                INSERT INTO runs (business_date, started_at, status, config_hash, engine_version, output_dir, message)
                VALUES (?, ?, 'running', ?, ?, '', '')
                """, arguments: [date, startedAt, configHash, engineVersion])
            return db.lastInsertedRowID
        } }
    }

    /// Runs `body`, turning an SQLite error (a full disk, a read-only file, a damaged database) into
    /// one that names the store.
    func naming<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StoreError.cannotWrite(path: path, reason: error.message ?? "\(error)")
        }
    }

    /// The runs of `[from, to]` still `running`: under the range's lock, those a process that is gone
    /// reserved and never recorded.
    package func runningRuns(from: String, to: String) throws -> [RunRecord] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM runs WHERE status = 'running' AND business_date >= ? AND business_date <= ? ORDER BY id",
                             arguments: [from, to]).map(record)
        }
    }

    /// Runs of `[from, to]` left `running` by a process that is gone (the caller holds the range's
    /// lock, so no live run has them) become `interrupted`, on the audit chain; returns their ids.
    @discardableResult
    package func closeInterruptedRuns(from: String, to: String) throws -> [Int64] {
        try append { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM runs WHERE status = 'running' AND business_date >= ? AND business_date <= ? ORDER BY id",
                                         arguments: [from, to])
            for id in ids {
                try db.execute(sql: "UPDATE runs SET status = 'interrupted', finished_at = ?, exit_code = 2, message = ? WHERE id = ?",
                               arguments: [Self.timestamp(), "the process running it stopped before it was recorded", id])
                try AuditChain.append(db, kind: "run", subject: id, parts: try AuditChain.runParts(db, id: id, outputsHash: ""))
            }
            return ids
        }
    }

    /// Records a reserved run that stopped on an error before it was recorded as `failed`, with the
    /// error as its message, on the audit chain. Returns false when the run is not `running` (recorded
    /// already, or closed by a stop).
    @discardableResult
    package func failRun(_ id: Int64, message: String) throws -> Bool {
        try append { db in
            try db.execute(sql: "UPDATE runs SET status = 'failed', finished_at = ?, exit_code = 2, message = ? WHERE id = ? AND status = 'running'",
                           arguments: [Self.timestamp(), message, id])
            guard db.changesCount == 1 else { return false }
            try AuditChain.append(db, kind: "run", subject: id, parts: try AuditChain.runParts(db, id: id, outputsHash: ""))
            return true
        }
    }

    /// Records a completed run in one transaction: the run (its reserved row), its inputs, breaks and
    /// open items; the earlier runs of its date become superseded by it; the audit chain gets its
    /// record.
    package func recordCompletedRun(_ run: RunRecord, inputs: [StoredInput], breaks: [StoredBreak], openItems: [OpenItem],
                                    outputsHash: String, indicators: [String: Int64] = [:],
                                    bankLineKeys: [UInt64] = [], export: ExportEntry? = nil) throws {
        try append { db in
            try db.execute(sql: """
                INSERT INTO runs (id, business_date, started_at, finished_at, status, config_hash, engine_version,
                                  bank_rows, ledger_rows, break_count, alerts, exit_code, output_dir, message)
                VALUES (?, ?, ?, ?, 'completed', ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET business_date = excluded.business_date, started_at = excluded.started_at,
                    finished_at = excluded.finished_at, status = 'completed', config_hash = excluded.config_hash,
                    engine_version = excluded.engine_version, bank_rows = excluded.bank_rows, ledger_rows = excluded.ledger_rows,
                    break_count = excluded.break_count, alerts = excluded.alerts, exit_code = excluded.exit_code,
                    output_dir = excluded.output_dir, message = excluded.message
                WHERE runs.status = 'running'
                """, arguments: [run.id, run.businessDate, run.startedAt, run.finishedAt, run.configHash, run.engineVersion,
                                 run.bankRows, run.ledgerRows, run.breakCount, run.alerts, run.exitCode,
                                 run.outputDirectory, run.message])
            guard db.changesCount == 1 else {
                throw StoreError.corrupt(path: path, table: "runs", reason: "run \(run.id) was recorded already, or not reserved by this run")
            }
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
            try AuditChain.append(db, kind: "run", subject: run.id, parts: try AuditChain.runParts(db, id: run.id, outputsHash: outputsHash))
            if let export {
                try insertExport(db, runId: run.id, from: run.businessDate, to: run.businessDate, export)
            }
        }
    }

    /// Exports written from a run, recorded with it.
    package struct ExportEntry: Sendable {
        package var directory: String
        package var files: [String]
        package var masked: Bool

        package init(directory: String, files: [String], masked: Bool) { self.directory = directory; self.files = files; self.masked = masked }
    }

    /// Runs `body` in one write transaction that appends to the audit chain, then writes the chain's
    /// head beside the store.
    func append<T>(_ body: (Database) throws -> T) throws -> T {
        let (value, head) = try naming {
            try queue.write { db in
                let value = try body(db)
                let head = try AuditChain.head(db)
                return (value, AuditHead(count: head.count, hash: head.hash))
            }
        }
        try head.write(path: AuditHead.path(besideStore: path))
        return value
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

    /// Recomputes the whole audit chain (``AuditVerifier``) and compares it with its head file beside
    /// the store and with `expected` (a head kept elsewhere); returns the head, or the first finding.
    package func verifyAudit(expected: AuditHead? = nil) throws -> Result<AuditHead, AuditFinding> {
        let headPath = AuditHead.path(besideStore: path)
        var heads: [(AuditHead, String)] = []
        if let kept = try AuditHead.read(path: headPath) { heads.append((kept, headPath)) }
        if let expected { heads.append((expected, "the head given")) }
        return try queue.read { db in
            var verifier = AuditVerifier(db: db, path: path)
            return try verifier.verify(expected: heads)
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
        try append { db in
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
            let id = db.lastInsertedRowID
            try AuditChain.append(db, kind: "decision", subject: id, parts: try AuditChain.rowParts(db, table: "decisions", id: id))
        }
    }

    package func decisions() throws -> [Decision] {
        try queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM decisions ORDER BY id").map(Self.decision) }
    }

    // MARK: Row mapping

    /// A run row, read defensively (``StoredValue``): a tampered type is an error, not a crash.
    static func record(_ r: Row, path: String) throws -> RunRecord {
        let v = StoredValue(row: r, table: "runs", path: path)
        return RunRecord(id: try v.int("id"), businessDate: try v.text("business_date"), startedAt: try v.text("started_at"),
                         finishedAt: try v.optionalText("finished_at"), status: try v.text("status"),
                         supersededBy: try v.optionalInt("superseded_by"), configHash: try v.text("config_hash"),
                         engineVersion: try v.text("engine_version"), bankRows: Int(try v.optionalInt("bank_rows") ?? 0),
                         ledgerRows: Int(try v.optionalInt("ledger_rows") ?? 0), breakCount: Int(try v.optionalInt("break_count") ?? 0),
                         alerts: Int(try v.optionalInt("alerts") ?? 0), exitCode: Int(try v.optionalInt("exit_code") ?? 0),
                         outputDirectory: try v.optionalText("output_dir") ?? "", message: try v.optionalText("message") ?? "")
    }

    func record(_ r: Row) throws -> RunRecord { try Self.record(r, path: path) }

    static func input(_ r: Row, path: String) throws -> StoredInput {
        let v = StoredValue(row: r, table: "run_inputs", path: path)
        return StoredInput(side: try v.text("side"), path: try v.text("path"), sha256: try v.text("sha256"), bytes: Int(try v.int("bytes")),
                           rows: Int(try v.int("rows")), carried: try v.int("carried") != 0, replacesSHA256: try v.optionalText("replaces_sha256"))
    }

    static func decision(_ r: Row) -> Decision {
        Decision(breakId: r["break_id"], kind: Decision.Kind(rawValue: r["decision"]) ?? .explained, matchedWith: r["matched_with"],
                 note: r["note"], decidedBy: r["decided_by"], decidedAt: r["decided_at"])
    }
}
