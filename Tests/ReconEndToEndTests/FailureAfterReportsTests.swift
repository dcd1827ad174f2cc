import Foundation
import GRDB
import ReconStore
import ReconTestSupport
import Testing

/// Failures after a night's reports are written or at the store's commit (issue 21, item 5), made
/// real by running `recon` under a file-size limit (`ulimit -f`), as on a disk that fills up: a store
/// that cannot grow, a store that cannot be written at all, an export that cannot be written. Each
/// stops the night with exit code 2 and a message naming the file; the store's audit chain verifies;
/// no temporaries are left, no folder of reports the store does not know, no earlier report
/// replaced; the dates after the failed one are not run; and the next run without the limit
/// completes with reports byte-identical to those of a run that never failed.
@Suite struct FailureAfterReportsTests {
    typealias Job = NightlyJobTests.Job
    let nights = StopAndKillTests()

    /// `recon ARGS` on `job`'s configuration, no file it writes growing past `limit` bytes.
    func limited(_ job: Job, _ args: [String], limit: Int) throws -> ReconProcess.Result {
        try ReconProcess.run(args + ["--config", job.config, "--progress", "off"], fileSizeLimit: limit)
    }

    /// Every file under `dir` with its bytes, by its path below `dir`.
    func files(_ dir: String) -> [String: Data] {
        var out: [String: Data] = [:]
        for name in FileManager.default.enumerator(atPath: dir)?.compactMap({ $0 as? String }) ?? [] {
            var folder: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir + "/" + name, isDirectory: &folder), !folder.boolValue {
                out[name] = FileManager.default.contents(atPath: dir + "/" + name)
            }
        }
        return out
    }

    func size(_ path: String) throws -> Int { try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0 }

    func runs(_ job: Job) throws -> [RunRecord] { try RunStore(path: job.dir + "/recon.db", access: .readOnly).runs() }

    func locks(_ job: Job) throws -> Int {
        try DatabaseQueue(path: job.dir + "/recon.db").read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM locks") ?? -1 }
    }

    /// A run's folder.
    func folder(_ job: Job, _ run: RunRecord) -> String {
        run.outputDirectory.hasPrefix("/") ? run.outputDirectory : job.dir + "/" + run.outputDirectory
    }

    /// The run folders under a date's folder.
    func folders(_ job: Job, _ date: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: job.dir + "/out/" + date)) ?? []).filter { $0.hasPrefix("run-") }.sorted()
    }

    @Test func aStoreThatCannotGrowFailsTheDateItRecordsWithoutAMixedStateAndTheNextRunRepairsIt() throws {
        let reference = try Job("full-reference")
        try nights.nights(reference, rows: 4_000)
        #expect(try [0, 1].contains(reference.recon(["run", "--from", "2026-11-01", "--to", "2026-11-04"]).status))
        let expected = try nights.reports(reference)
        #expect(expected.count == 4)

        let job = try Job("full-store")
        try nights.nights(job, rows: 4_000)
        #expect(try [0, 1].contains(job.recon(["run", "--from", "2026-11-01", "--to", "2026-11-02"]).status))
        let store = job.dir + "/recon.db"
        let before = files(job.dir + "/out")
        // Room for the lock and the run's reservation, not for the night's breaks; its reports fit.
        let limit = try size(store) + 100_000
        #expect(try expected["03"].map(\.count) ?? .max < limit && size(store) < limit)
        let full = try limited(job, ["run", "--from", "2026-11-03", "--to", "2026-11-04"], limit: limit)
        #expect(full.status == 2 && full.stderr.contains("\(store): the run store could not record"), "\(full.stderr)")
        #expect(files(job.dir + "/out") == before, "the earlier reports as they were; none of 2026-11-03, which the store does not know")
        #expect(nights.temporaries(job.dir).isEmpty, "no temporaries: \(nights.temporaries(job.dir))")
        let failed = try runs(job)
        #expect(failed.map { "\($0.businessDate) \($0.status)" } == ["2026-11-01 completed", "2026-11-02 completed", "2026-11-03 failed"],
                "the date is recorded as failed and 2026-11-04 was not run")
        #expect(failed.last?.message.contains("\(store): the run store could not record") == true)
        #expect(try locks(job) == 0, "the lock was released")
        #expect(try job.recon(["audit", "verify"]).status == 0)

        // Without the limit the same command completes, as if nothing had failed.
        let next = try job.recon(["run", "--from", "2026-11-03", "--to", "2026-11-04"])
        #expect(next.status == 0 || next.status == 1, "\(next.stderr)")
        #expect(try job.recon(["audit", "verify"]).status == 0)
        #expect(try nights.reports(job) == expected, "every date's breaks.csv is byte-identical to a run that never failed")
        #expect(folders(job, "2026-11-03").count == 1)

        // A re-run that cannot be recorded replaces nothing: the dates keep their current runs and reports.
        let current = files(job.dir + "/out")
        let rerun = try limited(job, ["run", "--date", "2026-11-02"], limit: try size(store) + 100_000)
        #expect(rerun.status == 2 && rerun.stderr.contains("\(store): the run store could not record"), "\(rerun.stderr)")
        #expect(files(job.dir + "/out") == current)
        #expect(try nights.reports(job) == expected)
        #expect(try runs(job).last.map { "\($0.businessDate) \($0.status)" } == "2026-11-02 failed")
        #expect(nights.temporaries(job.dir).isEmpty)
        #expect(try job.recon(["audit", "verify"]).status == 0)
    }

    @Test func aStoreThatCannotBeWrittenAtAllStopsTheNightNamingItAndTheNextRunTakesOverWhatItLeft() throws {
        let job = try Job("stuck-store")
        try nights.nights(job, rows: 4_000, count: 3)
        #expect(try [0, 1].contains(job.recon(["run", "--from", "2026-11-01", "--to", "2026-11-02"]).status))
        let store = job.dir + "/recon.db"
        let before = files(job.dir + "/out")
        // Smaller than the store: no page past the limit can be written (the lock's, the run's, the
        // rollback's), so the process may have to leave its lock and the run it reserved.
        let stuck = try limited(job, ["run", "--date", "2026-11-03"], limit: try size(store) / 2)
        #expect(stuck.status == 2 && stuck.stderr.contains("\(store): the run store could not record"), "\(stuck.stderr)")
        #expect(files(job.dir + "/out") == before, "no reports the store does not know")
        #expect(nights.temporaries(job.dir).isEmpty, "no temporaries: \(nights.temporaries(job.dir))")
        // A command that may write the store first rolls back the write that could not finish.
        #expect(try job.recon(["audit", "verify"]).status == 0)
        #expect(try runs(job).filter { $0.status == "completed" }.map(\.businessDate) == ["2026-11-01", "2026-11-02"])

        let next = try job.recon(["run", "--date", "2026-11-03"])
        #expect(next.status == 0 || next.status == 1, "\(next.stderr)")
        let current = try #require(try RunStore(path: store, access: .readOnly).currentRun(for: "2026-11-03"))
        #expect(folders(job, "2026-11-03") == ["run-\(current.id)"], "only the recorded run's reports")
        #expect(try runs(job).allSatisfy { $0.status != "running" })
        #expect(try locks(job) == 0, "no lock left, the one taken over included")
        #expect(try job.recon(["audit", "verify"]).status == 0)
    }

    @Test func anExportThatCannotBeWrittenFailsItsDateBeforeTheStoreRecordsItAndTheLaterDatesWait() throws {
        func make(_ name: String) throws -> Job {
            let job = try Job(name)
            try "\n[report]\nexports = [\"excel-csv\", \"jsonl\"]\n".appendLine(to: job.config)
            for (n, rows) in [(1, 200), (2, 8_000), (3, 200)] { try nights.night(job, n, rows: rows) }
            return job
        }
        let reference = try make("export-reference")
        #expect(try [0, 1].contains(reference.recon(["run", "--from", "2026-11-01", "--to", "2026-11-03"]).status))
        let expected = try nights.reports(reference)

        let job = try make("export-fails")
        #expect(try [0, 1].contains(job.recon(["run", "--date", "2026-11-01"]).status))
        let before = files(job.dir + "/out")
        // 2026-11-02's breaks.csv and breaks-excel.csv fit; its breaks.jsonl (twice their size) does not.
        let limit = 300_000
        let big = folder(reference, try #require(try RunStore(path: reference.dir + "/recon.db", access: .readOnly).currentRun(for: "2026-11-02")))
        #expect(try size(big + "/breaks-excel.csv") < limit && size(big + "/breaks.jsonl") > limit && size(job.dir + "/recon.db") < limit)
        let r = try limited(job, ["run", "--from", "2026-11-02", "--to", "2026-11-03"], limit: limit)
        #expect(r.status == 2 && r.stderr.contains("/out/2026-11-02/run-2/breaks.jsonl: cannot write"), "\(r.stderr)")
        #expect(files(job.dir + "/out") == before, "2026-11-01 as it was; nothing of 2026-11-02, which the store does not record")
        #expect(nights.temporaries(job.dir).isEmpty, "no temporaries: \(nights.temporaries(job.dir))")
        let failed = try runs(job)
        #expect(failed.map { "\($0.businessDate) \($0.status)" } == ["2026-11-01 completed", "2026-11-02 failed"],
                "recorded as failed, not completed without its exports; 2026-11-03 waits for it")
        #expect(failed.last?.message.contains("breaks.jsonl: cannot write") == true)
        #expect(try RunStore(path: job.dir + "/recon.db", access: .readOnly).exports().map(\.runId) == [1])
        #expect(try locks(job) == 0)
        #expect(try job.recon(["audit", "verify"]).status == 0)

        let next = try job.recon(["run", "--from", "2026-11-02", "--to", "2026-11-03"])
        #expect(next.status == 0 || next.status == 1, "\(next.stderr)")
        #expect(try nights.reports(job) == expected)
        let store = try RunStore(path: job.dir + "/recon.db", access: .readOnly)
        for date in ["2026-11-02", "2026-11-03"] {
            let run = try #require(try store.currentRun(for: date))
            for name in ["breaks-excel.csv", "breaks.jsonl"] {
                #expect(FileManager.default.fileExists(atPath: folder(job, run) + "/" + name), "\(date) \(name)")
            }
        }
        #expect(try store.exports().count == 3)
        #expect(try job.recon(["audit", "verify"]).status == 0)
    }
}
