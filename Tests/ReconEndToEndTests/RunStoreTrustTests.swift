import Foundation
import GRDB
import ReconCore
import ReconStore
import ReconTestSupport
import Testing

/// The run store under an operator's faults (issue 21), through the binary: the README's own set-up,
/// disjoint ranges at once, tampering with every table, values of the wrong type, stale locks, and
/// commands that only read.
@Suite struct RunStoreTrustTests {
    typealias Job = NightlyJobTests.Job

    /// Three nights, a decision and an export: something in every table.
    func nights(_ name: String, report: Bool = false) throws -> Job {
        let job = try Job(name)
        try NightlyJobTests().week(job)
        try job.bank("2026-11-03", ["B3,ACC1,2026-11-03,,70.00,CNY,R3,,"])
        if report { try "\n[report]\nexports = [\"html\", \"jsonl\"]\n".appendLine(to: job.config) }
        #expect(try job.recon(["run", "--from", "2026-11-01", "--to", "2026-11-03"]).status == 0)
        // Night 3 again: its first run is superseded.
        #expect(try job.recon(["run", "--date", "2026-11-03"]).status == 0)
        let open = try job.recon(["breaks", "--open"]).stdout.split(separator: "\n").dropFirst()
        let id = try #require(open.first?.split(separator: ",")[2]).description
        #expect(try job.recon(["resolve", id, "--as", "write-off", "--note", "test", "--by", "ops"]).status == 0)
        #expect(try job.recon(["resolve", id, "--as", "explained", "--note", "on second thoughts", "--by", "lead"]).status == 0)
        return job
    }

    // MARK: 1. The README's nightly set-up

    @Test func theReadmesNightlySetUpWritesItsExportsWithAMaskKeyBesideAStoreNamedWithoutAFolder() throws {
        let job = try Job("readme-setup")
        try NightlyJobTests().week(job)
        try "\n[report]\nexports = [\"html\"]\n".appendLine(to: job.config)
        // Run as the README says: from the configuration's folder, naming it without a folder.
        let r = try ReconProcess.run(["run", "--from", "2026-11-01", "--to", "2026-11-02", "--config", "recon.toml", "--progress", "off"],
                                     directory: job.dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: job.dir + "/mask.key"))
        let store = try RunStore(path: job.dir + "/recon.db", access: .readOnly)
        #expect(try store.runs().filter { $0.status == "completed" }.count == 2, "both dates ran")
        #expect(try store.exports().count == 2, "each with its exports")
        // A one-off run with --mask-key mask.key, from the same folder.
        let one = try ReconProcess.run(["run", "--bank", "in/bank/bank-2026-11-01.csv", "--ledger", "in/ledger/ledger-2026-11-01.csv",
                                        "--out", "oneoff", "--html", "--mask-key", "mask2.key", "--progress", "off"], directory: job.dir)
        #expect(one.status == 0 || one.status == 1, "\(one.stderr)")
        #expect(FileManager.default.fileExists(atPath: job.dir + "/oneoff/report.html"))
        // A key others may read is refused, naming it.
        chmod(job.dir + "/mask2.key", 0o644)
        let open = try ReconProcess.run(["run", "--bank", "in/bank/bank-2026-11-01.csv", "--ledger", "in/ledger/ledger-2026-11-01.csv",
                                         "--out", "oneoff2", "--html", "--mask-key", "mask2.key", "--progress", "off"], directory: job.dir)
        #expect(open.status == 2 && open.stderr.contains("mask2.key") && open.stderr.contains("readable by others"), "\(open.stderr)")
    }

    // MARK: 2. Disjoint ranges at once; a new store opened by several processes

    @Test func disjointDatesRunAtTheSameTimeOnANewStoreAndAllComplete() throws {
        let job = try Job("disjoint")
        try NightlyJobTests().week(job)
        try job.bank("2026-11-03", [])
        let dates = ["2026-11-01", "2026-11-03", "2026-11-05", "2026-11-07"]
        let processes = try dates.map { date -> Process in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: ReconProcess.executable)
            p.arguments = ["run", "--date", date, "--config", job.config, "--progress", "off", "--no-cascade"]
            p.standardError = FileHandle.nullDevice
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            return p
        }
        for p in processes { p.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == [0, 0, 0, 0], "every disjoint date completes")
        let store = try RunStore(path: job.dir + "/recon.db", access: .readOnly)
        #expect(Set(try store.runs().filter { $0.status == "completed" }.map(\.businessDate)) == Set(dates))
        #expect(try job.recon(["audit", "verify"]).status == 0)
    }

    // MARK: 3 and 4. Tampering with every table; values of the wrong type

    /// One change to a copy of the store, described.
    struct Tamper { var name: String; var sql: [String] }

    static func tampers(tables: [String: [String]]) -> [Tamper] {
        var cases: [Tamper] = []
        for (table, columns) in tables.sorted(by: { $0.key < $1.key }) {
            cases.append(Tamper(name: "\(table): delete the first row", sql: ["DELETE FROM \(table) WHERE rowid = (SELECT MIN(rowid) FROM \(table))"]))
            cases.append(Tamper(name: "\(table): delete the last row", sql: ["DELETE FROM \(table) WHERE rowid = (SELECT MAX(rowid) FROM \(table))"]))
            // A copy of a row (a table's integer key, if it has one, gets a new value).
            let copied = columns.filter { $0 != "id" && $0 != "seq" }.joined(separator: ",")
            cases.append(Tamper(name: "\(table): insert a copy of a row",
                                sql: ["INSERT INTO \(table) (\(copied)) SELECT \(copied) FROM \(table) WHERE rowid = (SELECT MIN(rowid) FROM \(table))"]))
            for column in columns {
                cases.append(Tamper(name: "\(table).\(column): change the value",
                                    sql: ["UPDATE \(table) SET \(column) = CASE typeof(\(column)) WHEN 'integer' THEN \(column) + 1 WHEN 'text' THEN \(column) || 'x' WHEN 'null' THEN 'x' ELSE X'00' END WHERE rowid = (SELECT MAX(rowid) FROM \(table))"]))
                cases.append(Tamper(name: "\(table).\(column): a blob where a value was",
                                    sql: ["UPDATE \(table) SET \(column) = X'DEADBEEF' WHERE rowid = (SELECT MAX(rowid) FROM \(table))"]))
                cases.append(Tamper(name: "\(table).\(column): text where a value was",
                                    sql: ["UPDATE \(table) SET \(column) = 'abc' WHERE rowid = (SELECT MAX(rowid) FROM \(table))"]))
            }
            // Reorder: the first and last rows swap their contents.
            cases.append(Tamper(name: "\(table): reorder (first and last rows swap)", sql: [
                "CREATE TEMP TABLE t AS SELECT rowid AS r, CASE rowid WHEN (SELECT MIN(rowid) FROM \(table)) THEN (SELECT MAX(rowid) FROM \(table)) ELSE (SELECT MIN(rowid) FROM \(table)) END AS other FROM \(table) WHERE rowid IN ((SELECT MIN(rowid) FROM \(table)), (SELECT MAX(rowid) FROM \(table)))",
                "CREATE TEMP TABLE c AS SELECT rowid AS r, * FROM \(table)",
                "UPDATE \(table) SET " + columns.map { "\($0) = (SELECT c.\($0) FROM c JOIN t ON c.r = t.other WHERE t.r = \(table).rowid)" }.joined(separator: ", ")
                    + " WHERE rowid IN (SELECT r FROM t)"]))
        }
        cases.append(Tamper(name: "runs.superseded_by: a superseded run made current again",
                            sql: ["UPDATE runs SET superseded_by = NULL WHERE superseded_by IS NOT NULL"]))
        cases.append(Tamper(name: "audit_chain: truncate the last record", sql: ["DELETE FROM audit_chain WHERE seq = (SELECT MAX(seq) FROM audit_chain)"]))
        cases.append(Tamper(name: "audit_chain: truncate the last three", sql: ["DELETE FROM audit_chain WHERE seq > (SELECT MAX(seq) - 3 FROM audit_chain)"]))
        cases.append(Tamper(name: "audit_chain: delete every record", sql: ["DELETE FROM audit_chain"]))
        cases.append(Tamper(name: "runs: delete the last run with everything it stored and its record", sql: [
            "DELETE FROM breaks WHERE run_id = (SELECT MAX(id) FROM runs)", "DELETE FROM open_items WHERE run_id = (SELECT MAX(id) FROM runs)",
            "DELETE FROM run_inputs WHERE run_id = (SELECT MAX(id) FROM runs)", "DELETE FROM indicators WHERE run_id = (SELECT MAX(id) FROM runs)",
            "DELETE FROM bank_line_keys WHERE run_id = (SELECT MAX(id) FROM runs)", "DELETE FROM exports WHERE run_id = (SELECT MAX(id) FROM runs)",
            "DELETE FROM audit_chain WHERE seq >= (SELECT MIN(seq) FROM audit_chain WHERE kind = 'run' AND subject = (SELECT MAX(id) FROM runs))",
            "DELETE FROM runs WHERE id = (SELECT MAX(id) FROM runs)"]))
        return cases
    }

    @Test func tamperingWithAnyStoredTableOrCuttingTheChainIsDetectedAndNeverCrashes() throws {
        let job = try nights("tamper", report: true)
        let pristine = job.dir + "/recon.db"
        let verified = try job.recon(["audit", "verify"])
        #expect(verified.status == 0, "\(verified.stderr)")
        let head = try #require(verified.stdout.split(separator: "\n").first { $0.hasPrefix("head: ") }).dropFirst(6).description
        let db = try DatabaseQueue(path: pristine)
        let tables = try db.read { db -> [String: [String]] in
            var t: [String: [String]] = [:]
            for name in ["runs", "run_inputs", "breaks", "open_items", "indicators", "bank_line_keys", "decisions", "exports", "audit_chain"] {
                #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(name)") ?? 0 > 0, "\(name) has rows to tamper with")
                t[name] = try Row.fetchAll(db, sql: "PRAGMA table_info(\(name))").map { $0["name"] as String }
            }
            return t
        }
        try db.close()
        var tried = 0, detected = 0, impossible = 0, missed: [String] = []
        for tamper in Self.tampers(tables: tables) {
            let copy = try ReconProcess.temporaryDirectory("tamper-case")
            defer { try? FileManager.default.removeItem(atPath: copy) }
            try FileManager.default.copyItem(atPath: pristine, toPath: copy + "/recon.db")
            let q = try DatabaseQueue(path: copy + "/recon.db")
            var config = Configuration()
            config.foreignKeysEnabled = false
            let raw = try DatabaseQueue(path: copy + "/recon.db", configuration: config)
            try q.close()
            var applied = true
            do {
                try raw.write { db in
                    for sql in tamper.sql { try db.execute(sql: sql) }
                    if db.totalChangesCount == 0 { applied = false }
                }
            } catch { applied = false }
            try raw.close()
            // SQLite itself refuses some changes (text in an integer primary key, a second row for a
            // unique key): no store can hold them. A change that changes nothing is not a case either.
            guard applied else { impossible += 1; continue }
            tried += 1
            // Run from the job's folder so the report files it names are found; the head kept elsewhere is given.
            let r = try ReconProcess.run(["audit", "verify", "--store", copy + "/recon.db", "--head", head], directory: job.dir)
            #expect(r.status < 128, "\(tamper.name): audit verify crashed (\(r.status))")
            if r.status == 2 && r.stderr.contains("audit chain broken") { detected += 1 } else { missed.append("\(tamper.name): \(r.status) \(r.stdout)") }
        }
        #expect(missed.isEmpty, "undetected: \(missed.joined(separator: "; "))")
        #expect(tried > 150, "\(tried) cases tried")
        print("tamper cases: \(tried) tried, \(detected) detected, \(impossible) refused by SQLite itself")
    }

    // MARK: 7. Stale locks

    @Test func aLockWhosePidWasReusedOrThatIsTooOldIsTakenOverAndAnotherHostsYoungOneHolds() throws {
        let job = try Job("stale-lock")
        try NightlyJobTests().week(job)
        #expect(try job.recon(["run", "--date", "2026-11-01"]).status == 0)
        let db = try DatabaseQueue(path: job.dir + "/recon.db")
        let host = ProcessInfo.processInfo.hostName
        let now = ISO8601DateFormatter().string(from: Date())
        // This test's own pid is alive, but its start time is not the lock's: the pid was reused.
        try db.write { try $0.execute(sql: "INSERT INTO locks (date_from, date_to, pid, host, acquired_at, process_start) VALUES ('2026-11-01', '2026-11-09', ?, ?, ?, 'other-boot:1')",
                                      arguments: [Int(getpid()), host, now]) }
        let reused = try job.recon(["run", "--date", "2026-11-02"])
        #expect(reused.status == 0 && reused.stderr.contains("stale lock taken over"), "\(reused.stderr)")
        let locks = { try db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM locks") } }
        #expect(try locks() == 0, "the stale lock is gone, not passed over by every later run")
        // Another host's lock of an hour ago holds; one older than lock_max_age_hours (24) is taken over.
        try db.write { try $0.execute(sql: "INSERT INTO locks (date_from, date_to, pid, host, acquired_at, process_start) VALUES ('2026-11-01', '2026-11-09', 1, 'elsewhere', ?, '')",
                                      arguments: [ISO8601DateFormatter().string(from: Date().addingTimeInterval(-3600))]) }
        let held = try job.recon(["run", "--date", "2026-11-03"])
        #expect(held.status == 3 && held.stderr.contains("elsewhere"), "\(held.stderr)")
        try db.write { try $0.execute(sql: "UPDATE locks SET acquired_at = ?", arguments: [ISO8601DateFormatter().string(from: Date().addingTimeInterval(-25 * 3600))]) }
        let old = try job.recon(["run", "--date", "2026-11-04"])
        #expect((old.status == 0 || old.status == 1) && old.stderr.contains("older than 24 h"), "\(old.stderr)")
        #expect(try locks() == 0)
    }

    // MARK: 13. Commands that only read

    @Test func commandsThatOnlyReadNeverCreateAStoreAndNameTheMissingPath() throws {
        let dir = try ReconProcess.temporaryDirectory("no-store")
        let missing = dir + "/typo.db"
        for args in [["audit", "verify"], ["breaks"], ["custody-report", "--date", "2026-11-01"], ["export", "1"],
                     ["report", "--from", "2026-11-01", "--to", "2026-11-02", "--out", dir + "/r"], ["resolve", "BRK-000000000000", "--as", "write-off", "--note", "n", "--by", "x"]] {
            let r = try ReconProcess.run(args + ["--store", missing])
            #expect(r.status == 2, "\(args): \(r.status) \(r.stdout)")
            #expect(r.stderr.contains(missing), "\(args) names the path: \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: missing), "\(args) created no store")
        }
    }
}

extension String {
    func appendLine(to path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(utf8))
        try handle.close()
    }
}
