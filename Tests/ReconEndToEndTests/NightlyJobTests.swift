import Foundation
import GRDB
import Testing
import ReconStore
import ReconTestSupport

/// The nightly job over a week of hand-made data with known answers: late settlements, a bank file
/// that arrives a day late, a corrected bank file; re-running the week; the audit chain; locks.
@Suite(.serialized) struct NightlyJobTests {
    static let bankHeader = "bank_ref,account,booking_date,value_date,amount,currency,end_to_end_id,counterparty,description\n"
    static let ledgerHeader = "txn_id,account,value_date,amount,currency,type,reference,batch_id,counterparty\n"

    struct Job {
        let dir: String
        var config: String { dir + "/recon.toml" }

        init(_ name: String) throws {
            dir = try NightlyFolder.make(name, top: "settlement_window_days = 2")
        }

        func bank(_ date: String, _ rows: [String]) throws {
            try (NightlyJobTests.bankHeader + rows.map { $0 + "\n" }.joined()).write(toFile: "\(dir)/in/bank/bank-\(date).csv", atomically: true, encoding: .utf8)
        }

        func ledger(_ date: String, _ rows: [String]) throws {
            try (NightlyJobTests.ledgerHeader + rows.map { $0 + "\n" }.joined()).write(toFile: "\(dir)/in/ledger/ledger-\(date).csv", atomically: true, encoding: .utf8)
        }

        @discardableResult
        func recon(_ args: [String]) throws -> ReconProcess.Result { try ReconProcess.run(args + ["--config", config]) }

        /// The current run's breaks.csv of a date, without its header.
        func breaks(_ date: String) throws -> [String] {
            let store = try RunStore(path: dir + "/recon.db")
            guard let run = try store.currentRun(for: date) else { return [] }
            let text = try String(contentsOfFile: run.outputDirectory.hasPrefix("/") ? run.outputDirectory + "/breaks.csv" : dir + "/" + run.outputDirectory + "/breaks.csv", encoding: .utf8)
            return Array(text.split(separator: "\n").dropFirst().map(String.init))
        }
    }

    /// Breaks as "kind ref age".
    func summary(_ rows: [String]) -> [String] {
        rows.map { r in
            let f = r.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return "\(f[0]) \(f[4].isEmpty ? f[5] : f[4] + "/" + f[5]) \(f[11])"
        }
    }

    func week(_ job: Job) throws {
        try job.ledger("2026-11-01", ["T1,ACC1,2026-11-01,100.00,CNY,deposit,R1,,", "T2,ACC1,2026-11-01,50.00,CNY,deposit,R2,,",
                                      "T3,ACC1,2026-11-01,70.00,CNY,deposit,R3,,", "T4,ACC1,2026-11-01,30.00,CNY,deposit,R4,,"])
        try job.bank("2026-11-01", ["B1,ACC1,2026-11-01,,100.00,CNY,R1,,"])
        try job.ledger("2026-11-02", ["T5,ACC1,2026-11-02,20.00,CNY,deposit,R5,,"])
        try job.bank("2026-11-02", ["B2,ACC1,2026-11-02,,50.00,CNY,R2,,"])
        try job.ledger("2026-11-03", [])
        try job.ledger("2026-11-04", [])
        try job.bank("2026-11-04", ["B9,ACC1,2026-11-04,,-9.00,CNY,,,"])
        for d in ["05", "06", "07"] {
            try job.ledger("2026-11-\(d)", [])
            try job.bank("2026-11-\(d)", [])
        }
    }

    @Test func aWeekOfNightsSettlesLatePaymentsLateFilesAndCorrectionsAndReRunsIdentically() throws {
        let job = try Job("week")
        try week(job)
        // Nights 1 and 2; night 3's bank file has not arrived: an alert and exit 2, nothing reconciled.
        #expect(try job.recon(["run", "--from", "2026-11-01", "--to", "2026-11-02"]).status == 0)
        // Open after night 2: T3 and T4 a day old, T5 booked that day; all in the 0-1 bucket.
        let ageing = try job.recon(["breaks", "--open", "--ageing"]).stdout.split(separator: "\n").map(String.init)
        #expect(ageing == ["age_bucket,from_days,to_days,count,currency,money_at_risk", "0-1,0,1,3,CNY,120.00",
                           "2-3,2,3,0,,", "4-7,4,7,0,,", "8-30,8,30,0,,", ">30,31,,0,,"])
        let missing = try job.recon(["run", "--date", "2026-11-03"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("bank file for 2026-11-03 has not arrived"))
        #expect(missing.stderr.contains("level=critical msg=\"input missing\"") && missing.stderr.contains("side=bank"))
        #expect(try job.breaks("2026-11-03").isEmpty)
        let alertsPath = job.dir + "/out/2026-11-03/alerts.json"
        let alerts = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: alertsPath))) as! [String: Any]
        let alert = try #require((alerts["alerts"] as? [[String: Any]])?.first)
        #expect(alerts["date"] as? String == "2026-11-03" && alert["kind"] as? String == "missing_input"
                && alert["side"] as? String == "bank" && alert["severity"] as? String == "critical")
        // It arrives a day late; night 3 and night 4 run.
        try job.bank("2026-11-03", ["B3,ACC1,2026-11-03,,70.00,CNY,R3,,", "B5,ACC1,2026-11-03,,20.00,CNY,R5,,"])
        let late = try job.recon(["run", "--from", "2026-11-03", "--to", "2026-11-04"])
        #expect(late.status == 1, "night 4 has a critical unmatched debit")
        #expect(!FileManager.default.fileExists(atPath: alertsPath), "the night's alert is answered once its file is in")
        #expect(late.stderr.contains("msg=\"run completed\"") && late.stderr.contains("date=2026-11-04"))
        #expect(late.stderr.contains("msg=\"open items carried\"") && late.stderr.contains("from_date=2026-11-02"))
        #expect(summary(try job.breaks("2026-11-04")) == ["unmatched_bank_debit B9/ 0", "missing_in_bank T4 3"])
        let aged = try job.recon(["breaks", "--open", "--ageing"]).stdout.split(separator: "\n").map(String.init)
        #expect(aged.contains("0-1,0,1,1,CNY,9.00") && aged.contains("2-3,2,3,1,CNY,30.00"), "\(aged)")
        let rows = try job.recon(["breaks", "--open", "--older-than", "2d"]).stdout.split(separator: "\n")
        #expect(rows.count == 2 && rows[1].contains(",missing_in_bank,") && rows[1].contains(",3,2-3,"), "T4, three days old")
        // The bank corrects night 4's file: the debit was a booking error, R4 settled that day.
        try job.bank("2026-11-04", ["B4,ACC1,2026-11-04,,30.00,CNY,R4,,"])
        let corrected = try job.recon(["run", "--from", "2026-11-04", "--to", "2026-11-07"])
        #expect(corrected.status == 0)
        #expect(corrected.stderr.contains("corrected bank file"))

        let expected: [String: [String]] = [
            "2026-11-01": ["in_transit T2 0", "in_transit T3 0", "in_transit T4 0"],
            "2026-11-02": ["in_transit T3 1", "in_transit T4 1", "in_transit T5 0", "timing_difference B2/T2 1"],
            "2026-11-03": ["in_transit T4 2", "timing_difference B3/T3 2", "timing_difference B5/T5 1"],
            "2026-11-04": ["timing_difference B4/T4 3"],
            "2026-11-05": [], "2026-11-06": [], "2026-11-07": [],
        ]
        var reports: [String: [String]] = [:]
        for (date, kinds) in expected {
            reports[date] = try job.breaks(date)
            #expect(summary(reports[date]!).sorted() == kinds, "\(date)")
        }
        let store = try RunStore(path: job.dir + "/recon.db")
        let night4 = try store.currentRun(for: "2026-11-04")!
        #expect(try store.inputs(ofRun: night4.id).contains { $0.side == "bank" && $0.replacesSHA256 != nil })
        #expect(try store.runs().contains { $0.businessDate == "2026-11-04" && $0.supersededBy == night4.id }, "the first night-4 run stays, superseded")
        #expect(try job.recon(["breaks", "--open"]).stdout.split(separator: "\n").count == 1, "nothing open after the week")

        // Re-running the whole week changes nothing.
        #expect(try job.recon(["run", "--from", "2026-11-01", "--to", "2026-11-07"]).status == 0)
        for (date, rows) in reports { #expect(try job.breaks(date) == rows, "\(date)") }

        // The audit chain verifies, and fails after one byte of a report or of a run record changes.
        #expect(try job.recon(["audit", "verify"]).status == 0)
        let runDir = try store.currentRun(for: "2026-11-02")!.outputDirectory
        let reportPath = (runDir.hasPrefix("/") ? runDir : job.dir + "/" + runDir) + "/breaks.csv"
        let original = try Data(contentsOf: URL(fileURLWithPath: reportPath))
        var changed = original
        changed[changed.count - 2] ^= 0x01
        try changed.write(to: URL(fileURLWithPath: reportPath))
        let broken = try job.recon(["audit", "verify"])
        #expect(broken.status == 2 && broken.stderr.contains("changed or lost"))
        try original.write(to: URL(fileURLWithPath: reportPath))
        #expect(try job.recon(["audit", "verify"]).status == 0)
        let db = try DatabaseQueue(path: job.dir + "/recon.db")
        try db.write { try $0.execute(sql: "UPDATE runs SET break_count = break_count + 1 WHERE id = 2") }
        let tampered = try job.recon(["audit", "verify"])
        #expect(tampered.status == 2 && tampered.stderr.contains("run record changed"))
    }

    /// The command lines of `scripts/deploy` (cron and systemd), run as written against a test job:
    /// the examples cannot drift from the options the command has.
    @Test func theCronAndSystemdExamplesRunTheNightlyJobAsWritten() throws {
        let deploy = Fixture.repositoryRoot + "/scripts/deploy/"
        let cron = try String(contentsOfFile: deploy + "recon.cron", encoding: .utf8).split(separator: "\n")
            .first { !$0.hasPrefix("#") && $0.contains(" recon run ") }
        let service = try String(contentsOfFile: deploy + "recon-nightly.service", encoding: .utf8).split(separator: "\n")
            .first { $0.hasPrefix("ExecStart=") }
        let cronArgs = try #require(cron).components(separatedBy: " recon ")[1].components(separatedBy: " 2>>")[0]
        let serviceArgs = try #require(service).components(separatedBy: "/recon ")[1]
        for (name, line) in [("cron", cronArgs), ("systemd", serviceArgs)] {
            let job = try Job("deploy-" + name)
            try week(job)
            var args = line.split(separator: " ").map(String.init)
            let config = try #require(args.firstIndex(of: "--config"), "\(name) names its configuration")
            args.removeSubrange(config...(config + 1))
            let r = try job.recon(args + ["--date", "2026-11-01"])
            #expect(r.status == 0, "\(name): \(r.stderr)")
            #expect(summary(try job.breaks("2026-11-01")).sorted() == ["in_transit T2 0", "in_transit T3 0", "in_transit T4 0"], "\(name)")
        }
    }

    @Test func aDecisionClosesAnItemAndSurvivesReRuns() throws {
        let job = try Job("decide")
        try week(job)
        try job.bank("2026-11-03", [])
        #expect(try job.recon(["run", "--from", "2026-11-01", "--to", "2026-11-03"]).status == 0)
        let open = try job.recon(["breaks", "--open", "--kind", "in_transit"]).stdout.split(separator: "\n").dropFirst()
        let t3 = try #require(open.first { $0.contains(",T3,") })
        let id = String(t3.split(separator: ",")[2])
        #expect(try job.recon(["resolve", id, "--as", "write-off", "--note", "refunded by hand", "--by", "alice"]).status == 0)
        #expect(try job.recon(["run", "--from", "2026-11-03", "--to", "2026-11-04"]).status == 1)
        #expect(!summary(try job.breaks("2026-11-04")).contains { $0.contains("T3") }, "a written-off item is not carried")
        #expect(try job.recon(["breaks"]).stdout.contains("write-off"))
        let decided = try job.recon(["breaks", "--kind", "in_transit"]).stdout.split(separator: "\n")
            .filter { $0.contains(id) }.map { $0.split(separator: ",", omittingEmptySubsequences: false).suffix(3).joined(separator: ",") }
        #expect(!decided.isEmpty && decided.allSatisfy { $0 == "write-off,alice,refunded by hand" }, "every row of the item shows the decision")
    }

    @Test func aRunOverAnOverlappingRangeWhileAnotherHoldsTheLockExitsWithThree() throws {
        let job = try Job("lock")
        try week(job)
        try job.bank("2026-11-03", [])
        let store = try RunStore(path: job.dir + "/recon.db")
        // This test process is alive: its lock is not stale.
        let lock = try store.acquireLock(from: "2026-11-02", to: "2026-11-05").id
        let loser = try job.recon(["run", "--from", "2026-11-01", "--to", "2026-11-03"])
        #expect(loser.status == 3)
        #expect(loser.stderr.contains("holds the lock"))
        #expect(try job.recon(["run", "--date", "2026-11-01"]).status == 0, "a range that does not overlap runs")
        try store.releaseLock(lock)
        #expect(try job.recon(["run", "--from", "2026-11-02", "--to", "2026-11-03"]).status == 0)
    }

    /// Two processes: a long run of night 3 holds the lock; a second run over nights 2–4 started
    /// meanwhile exits with 3 and records nothing; the first completes.
    @Test func twoConcurrentRunsOnOverlappingDatesOneCompletesTheOtherExitsWithThree() throws {
        let job = try Job("concurrent")
        try week(job)
        let gen = try ReconProcess.temporaryDirectory("concurrentgen")
        #expect(try ReconProcess.run(["gen", "--rows", "400000", "--seed", "8", "--out", gen]).status == 0)
        try FileManager.default.copyItem(atPath: gen + "/bank.csv", toPath: job.dir + "/in/bank/bank-2026-11-03.csv")
        try FileManager.default.removeItem(atPath: job.dir + "/in/ledger/ledger-2026-11-03.csv")
        try FileManager.default.copyItem(atPath: gen + "/ledger.csv", toPath: job.dir + "/in/ledger/ledger-2026-11-03.csv")
        let first = Process()
        first.executableURL = URL(fileURLWithPath: ReconProcess.executable)
        first.arguments = ["run", "--date", "2026-11-03", "--config", job.config, "--threads", "1", "--progress", "off"]
        first.standardError = FileHandle.nullDevice
        try first.run()
        // Wait until the first run holds its lock (the store exists once it has started).
        let db = job.dir + "/recon.db"
        var locked = false
        for _ in 0..<400 where !locked {
            if FileManager.default.fileExists(atPath: db),
               let n = try? DatabaseQueue(path: db).read({ try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM locks") }), n > 0 {
                locked = true
            } else {
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
        #expect(locked, "the first run took the lock")
        let second = try job.recon(["run", "--from", "2026-11-02", "--to", "2026-11-04"])
        first.waitUntilExit()
        #expect(second.status == 3 && second.stderr.contains("holds the lock"), "\(second.stderr)")
        #expect(first.terminationReason == .exit && (first.terminationStatus == 0 || first.terminationStatus == 1))
        let store = try RunStore(path: db)
        #expect(try store.runs().map(\.businessDate) == ["2026-11-03"], "only the first run is recorded")
        #expect(try job.recon(["audit", "verify"]).status == 0)
    }

    @Test func aRunKilledMidWayLeavesTheStoreAndReportsIntactAndTheNextRunCompletes() throws {
        let job = try Job("kill")
        try week(job)
        try job.bank("2026-11-03", [])
        #expect(try job.recon(["run", "--from", "2026-11-01", "--to", "2026-11-02"]).status == 0)
        let before = try job.breaks("2026-11-02")
        // Night 3 gets a large generated day, so that the kill lands while it runs.
        let gen = try ReconProcess.temporaryDirectory("killgen")
        #expect(try ReconProcess.run(["gen", "--rows", "400000", "--seed", "3", "--out", gen]).status == 0)
        try FileManager.default.removeItem(atPath: job.dir + "/in/bank/bank-2026-11-03.csv")
        try FileManager.default.removeItem(atPath: job.dir + "/in/ledger/ledger-2026-11-03.csv")
        try FileManager.default.copyItem(atPath: gen + "/bank.csv", toPath: job.dir + "/in/bank/bank-2026-11-03.csv")
        try FileManager.default.copyItem(atPath: gen + "/ledger.csv", toPath: job.dir + "/in/ledger/ledger-2026-11-03.csv")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: ReconProcess.executable)
        p.arguments = ["run", "--date", "2026-11-03", "--config", job.config, "--threads", "1"]
        p.standardError = FileHandle.nullDevice
        try p.run()
        Thread.sleep(forTimeInterval: 0.4)
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal, "the run was still going when killed")
        let store = try RunStore(path: job.dir + "/recon.db")
        #expect(try store.currentRun(for: "2026-11-03") == nil, "nothing of the killed run was recorded")
        #expect(try job.breaks("2026-11-02") == before)
        #expect(try job.recon(["audit", "verify"]).status == 0)
        // Its lock is stale (the process is gone): the next run takes it over and completes.
        let next = try job.recon(["run", "--date", "2026-11-03"])
        #expect(next.status == 0 || next.status == 1)
        #expect(try store.currentRun(for: "2026-11-03") != nil)
        #expect(try job.recon(["audit", "verify"]).status == 0)
    }
}
