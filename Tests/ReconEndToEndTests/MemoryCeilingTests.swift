import Foundation
import Testing
import ReconTestSupport

/// `--max-memory` / `[limits] max_memory`: a run that would pass its ceiling stops with exit code 2
/// and a message saying where, and writes no report; under the ceiling nothing changes.
@Suite struct MemoryCeilingTests {
    static let data: String = {
        let dir = try! ReconProcess.temporaryDirectory("ceiling")
        let r = try! ReconProcess.run(["gen", "--rows", "120000", "--seed", "3", "--out", dir])
        precondition(r.status == 0, r.stderr)
        return dir
    }()

    func run(_ extra: [String]) throws -> (ReconProcess.Result, String) {
        let out = try ReconProcess.temporaryDirectory("ceiling-out")
        let r = try ReconProcess.run(["run", "--bank", Self.data + "/bank.csv", "--ledger", Self.data + "/ledger.csv",
                                      "--out", out, "--threads", "2"] + extra)
        return (r, out)
    }

    func expectStopped(_ r: ReconProcess.Result, out: String, saying: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == 2, "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.contains("memory ceiling of ") && r.stderr.contains(saying)
                && r.stderr.contains("raise --max-memory or [limits] max_memory"), "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).isEmpty, sourceLocation: sourceLocation)
    }

    @Test func aCeilingBelowWhatReadingTakesStopsTheRunInsideTheFile() throws {
        let (r, out) = try run(["--max-memory", "4MiB"])
        expectStopped(r, out: out, saying: "4.0 MiB reached while reading \(Self.data)/bank.csv")
    }

    @Test func aCeilingThatMatchingWouldPassStopsTheRunBeforeMatching() throws {
        // What this build holds once the files are read, from a run that prints it (RECON_TRACE).
        let dir = try ReconProcess.temporaryDirectory("ceiling-trace")
        let traced = try ReconProcess.run(["run", "--bank", Self.data + "/bank.csv", "--ledger", Self.data + "/ledger.csv",
                                           "--out", dir, "--threads", "2"], environment: ["RECON_TRACE": "1"])
        let text = traced.stderr
        guard let line = text.split(separator: "\n").first(where: { $0.contains("trace read ledger") }),
              let peakWord = line.range(of: "peak "), let mib = Int(line[peakWord.upperBound...].prefix { $0.isNumber }) else {
            Issue.record("no trace of the read: \(text)")
            return
        }
        // With matching estimated at 1 MiB a row (229,137 rows: 224 GiB), a ceiling 32 MiB above the
        // peak of reading lets reading pass and stops before the passes, under any sanitizer too.
        let config = dir + "/estimate.toml"
        try "[limits]\nmatching_bytes_per_row = 1048576\n".write(toFile: config, atomically: true, encoding: .utf8)
        let (r, out) = try run(["--max-memory", "\(mib + 32)MiB", "--config", config])
        expectStopped(r, out: out, saying: "before matching 229137 rows (estimated at 1048576 bytes a row)")
    }

    @Test func underTheCeilingTheReportIsTheSame() throws {
        let (plain, plainOut) = try run([])
        let (limited, limitedOut) = try run(["--max-memory", "8GiB"])
        #expect(plain.status == limited.status)
        #expect(try String(contentsOfFile: plainOut + "/breaks.csv", encoding: .utf8)
                == String(contentsOfFile: limitedOut + "/breaks.csv", encoding: .utf8))
    }

    @Test func theConfigurationSetsTheCeilingAndBadValuesAreRefusedByName() throws {
        let dir = try ReconProcess.temporaryDirectory("ceiling-config")
        try "[limits]\nmax_memory = \"4MiB\"\n".write(toFile: dir + "/recon.toml", atomically: true, encoding: .utf8)
        let (r, out) = try run(["--config", dir + "/recon.toml"])
        expectStopped(r, out: out, saying: "while reading")
        try "[limits]\nmax_memory = \"lots\"\n".write(toFile: dir + "/bad.toml", atomically: true, encoding: .utf8)
        let (bad, _) = try run(["--config", dir + "/bad.toml"])
        #expect(bad.status == 2 && bad.stderr.contains("key 'limits.max_memory' must be a size"), "\(bad.stderr)")
        let (option, _) = try run(["--max-memory", "lots"])
        #expect(option.status == 2 || option.status == 64, "\(option.stderr)")
        #expect(option.stderr.contains("--max-memory 'lots' is not a size"), "\(option.stderr)")
    }

    @Test func theNightlyJobStopsAtItsCeilingAndTheNextNightRunsNormally() throws {
        let dir = try NightlyFolder.make("ceiling-nightly", top: "", tables: "[limits]\nmax_memory = \"4MiB\"\n")
        try FileManager.default.copyItem(atPath: Self.data + "/bank.csv", toPath: dir + "/in/bank/bank-2026-11-20.csv")
        try FileManager.default.copyItem(atPath: Self.data + "/ledger.csv", toPath: dir + "/in/ledger/ledger-2026-11-20.csv")
        let r = try ReconProcess.run(["run", "--config", dir + "/recon.toml", "--date", "2026-11-20"])
        #expect(r.status == 2 && r.stderr.contains("memory ceiling of 4.0 MiB reached while reading"), "\(r.stderr)")
        let reports = FileManager.default.enumerator(atPath: dir + "/out")?.compactMap { $0 as? String }
            .filter { $0.hasSuffix("breaks.csv") || $0.hasSuffix("summary.json") } ?? []
        #expect(reports.isEmpty, "\(reports)")
        // With the ceiling raised on the command line, the same night completes.
        let ok = try ReconProcess.run(["run", "--config", dir + "/recon.toml", "--date", "2026-11-20", "--max-memory", "16GiB"])
        #expect(ok.status == 0 || ok.status == 1, "\(ok.stderr)")
    }
}
