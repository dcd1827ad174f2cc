import Foundation
import GRDB
import ReconCore
import ReconFormats
import ReconStore
import ReconTestSupport
import Testing

/// Runs stopped from outside (issue 21): SIGTERM and SIGINT stop cleanly; a bad masking key stops a
/// run before anything is written; and twenty SIGKILLs at random moments of a four-night run leave a
/// store that verifies, no temporaries and no folder of an unrecorded run once the next run has gone,
/// and reports byte-identical to a run never killed.
@Suite(.serialized) struct StopAndKillTests {
    typealias Job = NightlyJobTests.Job

    /// Nights of generated rows (`rows` a night), written into `job`'s incoming folders; each night's
    /// references are its own (`B1…`, `T1…` on the first), so no line is taken for one sent again.
    func nights(_ job: Job, rows: Int, count: Int = 4) throws {
        for k in 0..<count { try night(job, k + 1, rows: rows) }
    }

    /// Night `n` (2026-11-0n) of generated rows, with references of its own.
    func night(_ job: Job, _ n: Int, rows: Int) throws {
        let d = String(format: "%02d", n)
        let gen = try ReconProcess.temporaryDirectory("killgen-\(d)")
        defer { try? FileManager.default.removeItem(atPath: gen) }
        #expect(try ReconProcess.run(["gen", "--rows", "\(rows)", "--seed", "\(39 + n)", "--out", gen]).status == 0)
        for name in ["bank", "ledger"] {
            let text = try String(contentsOfFile: gen + "/\(name).csv", encoding: .utf8)
                .replacingOccurrences(of: "B0000", with: "B\(n)000").replacingOccurrences(of: "T0000", with: "T\(n)000")
            try text.write(toFile: job.dir + "/in/\(name)/\(name)-2026-11-\(d).csv", atomically: true, encoding: .utf8)
        }
    }

    func start(_ job: Job, _ args: [String]) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: ReconProcess.executable)
        p.arguments = args + ["--config", job.config, "--threads", "1", "--progress", "off"]
        p.standardError = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        return p
    }

    func temporaries(_ dir: String) -> [String] {
        (FileManager.default.enumerator(atPath: dir)?.compactMap { $0 as? String } ?? []).filter { $0.contains(".tmp-") }
    }

    /// The current run's breaks.csv of each date.
    func reports(_ job: Job) throws -> [String: Data] {
        let store = try RunStore(path: job.dir + "/recon.db", access: .readOnly)
        var out: [String: Data] = [:]
        for d in ["01", "02", "03", "04"] {
            guard let run = try store.currentRun(for: "2026-11-\(d)") else { continue }
            let folder = run.outputDirectory.hasPrefix("/") ? run.outputDirectory : job.dir + "/" + run.outputDirectory
            out[d] = try Data(contentsOf: URL(fileURLWithPath: folder + "/breaks.csv"))
        }
        return out
    }

    @Test func sigtermAndSigintStopARunCleanly() throws {
        for (sig, code) in [(SIGTERM, Int32(143)), (SIGINT, Int32(130))] {
            let job = try Job("stop-\(sig)")
            try nights(job, rows: 60_000, count: 1)
            let p = try start(job, ["run", "--date", "2026-11-01"])
            // Once its run is reserved it is matching: stop it then.
            let db = job.dir + "/recon.db"
            var running = false
            for _ in 0..<600 where !running {
                if FileManager.default.fileExists(atPath: db),
                   let n = try? DatabaseQueue(path: db).read({ try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM runs WHERE status = 'running'") }), n > 0 {
                    running = true
                } else {
                    Thread.sleep(forTimeInterval: 0.01)
                }
            }
            #expect(running, "the run started")
            kill(p.processIdentifier, sig)
            p.waitUntilExit()
            #expect(p.terminationReason == .exit && p.terminationStatus == code, "exit \(p.terminationStatus) for signal \(sig)")
            let q = try DatabaseQueue(path: db)
            #expect(try q.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM locks") } == 0, "the lock was released")
            #expect(try q.read { try String.fetchAll($0, sql: "SELECT status FROM runs") } == ["interrupted"], "the run is recorded as interrupted")
            try q.close()
            #expect(temporaries(job.dir).isEmpty, "no temporaries: \(temporaries(job.dir))")
            #expect(!FileManager.default.fileExists(atPath: job.dir + "/out/2026-11-01/run-1"), "no folder of the interrupted run")
            #expect(try job.recon(["audit", "verify"]).status == 0)
            let next = try job.recon(["run", "--date", "2026-11-01"])
            #expect(next.status == 0 || next.status == 1)
        }
    }

    @Test func aMaskKeyOthersMayReadStopsTheNightBeforeAnythingIsWrittenOrRecorded() throws {
        let job = try Job("bad-key")
        try NightlyJobTests().week(job)
        try "\n[report]\nexports = [\"html\"]\n".appendLine(to: job.config)
        FileManager.default.createFile(atPath: job.dir + "/mask.key", contents: Data(repeating: 7, count: 32), attributes: [.posixPermissions: 0o644])
        let r = try job.recon(["run", "--date", "2026-11-01"])
        #expect(r.status == 2 && r.stderr.contains("mask.key"), "\(r.stderr)")
        let written = FileManager.default.enumerator(atPath: job.dir + "/out")?.compactMap { $0 as? String }.filter { $0.hasSuffix("breaks.csv") } ?? []
        #expect(written.isEmpty, "no report was written: \(written)")
        let store = try RunStore(path: job.dir + "/recon.db", access: .readOnly)
        #expect(try store.runs().filter { $0.status == "completed" }.isEmpty, "nothing was recorded as completed")
    }

    @Test func twentyKillsAtRandomMomentsLeaveAStoreThatVerifiesAndReportsThatMatchARunNeverKilled() throws {
        let reference = try Job("kill-reference")
        try nights(reference, rows: 10_000)
        let ref = try reference.recon(["run", "--from", "2026-11-01", "--to", "2026-11-04"])
        #expect(ref.status == 0 || ref.status == 1)
        let expected = try reports(reference)
        #expect(expected.count == 4)

        let job = try Job("kill-random")
        try nights(job, rows: 10_000)
        var rng = SplitMix64(seed: 2112)
        let deadline = Date().addingTimeInterval(60)
        var kills = 0
        while kills < 20 && Date() < deadline {
            let p = try start(job, ["run", "--from", "2026-11-01", "--to", "2026-11-04"])
            Thread.sleep(forTimeInterval: Double(rng.next() % 1_500) / 1_000)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            kills += 1
            let verify = try job.recon(["audit", "verify"])
            #expect(verify.status == 0, "after kill \(kills): \(verify.stderr)")
        }
        #expect(kills == 20, "20 kills within the minute")
        let final = try job.recon(["run", "--from", "2026-11-01", "--to", "2026-11-04"])
        #expect(final.status == 0 || final.status == 1, "\(final.stderr)")
        #expect(try job.recon(["audit", "verify"]).status == 0)
        #expect(temporaries(job.dir).isEmpty, "no temporaries left: \(temporaries(job.dir))")
        let store = try RunStore(path: job.dir + "/recon.db", access: .readOnly)
        #expect(try store.runs().allSatisfy { $0.status != "running" }, "every killed run is closed")
        let got = try reports(job)
        for d in ["01", "02", "03", "04"] { #expect(got[d] == expected[d], "breaks.csv of 2026-11-\(d) is byte-identical") }
        // No folder of reports the store does not know: a run folder is a completed run's.
        let completed = Set(try store.runs().filter { $0.status == "completed" }.map { "\($0.businessDate)/run-\($0.id)" })
        let folders = ["01", "02", "03", "04"].flatMap { d in
            ((try? FileManager.default.contentsOfDirectory(atPath: job.dir + "/out/2026-11-\(d)")) ?? []).map { "2026-11-\(d)/\($0)" }
        }
        #expect(folders.filter { !completed.contains($0) }.isEmpty, "folders the store does not know: \(folders.filter { !completed.contains($0) })")
    }
}
