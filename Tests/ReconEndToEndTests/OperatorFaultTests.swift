import Foundation
import ReconCore
import ReconFormats
import ReconStore
import ReconTestSupport
import Testing

/// An operator's faults around the nightly job (issue 21): a FIFO where a file should be, a pattern
/// with `[`, the files' modes under a loose umask, and `suggestions.csv` in one order.
@Suite struct OperatorFaultTests {
    typealias Job = NightlyJobTests.Job

    @Test func aFIFOMatchedByAPatternStopsTheDateNamingItInsteadOfHangingUnderTheLock() throws {
        let job = try Job("fifo")
        try NightlyJobTests().week(job)
        let fifo = job.dir + "/in/bank/bank-2026-11-03.csv"
        #expect(mkfifo(fifo, 0o600) == 0)
        let start = Date()
        let r = try job.recon(["run", "--date", "2026-11-03"])
        #expect(Date().timeIntervalSince(start) < 20, "it does not wait on the FIFO")
        #expect(r.status == 2 && r.stderr.contains(fifo) && r.stderr.contains("not a regular file"), "\(r.stderr)")
        #expect(try job.recon(["run", "--date", "2026-11-01"]).status == 0, "the lock was released")
    }

    @Test func onlyTheStarIsAWildcardInAPattern() throws {
        let dir = try NightlyFolder.make("pattern")
        var config = try String(contentsOfFile: dir + "/recon.toml", encoding: .utf8)
        config = config.replacingOccurrences(of: "pattern = \"bank-{date}.csv\"", with: "pattern = \"bank[1]-{date}*.csv\"")
        try config.write(toFile: dir + "/recon.toml", atomically: true, encoding: .utf8)
        let header = NightlyJobTests.bankHeader
        try (header + "B1,ACC1,2026-11-01,,100.00,CNY,R1,,\n").write(toFile: dir + "/in/bank/bank1-2026-11-01.csv", atomically: true, encoding: .utf8)
        try NightlyJobTests.ledgerHeader.write(toFile: dir + "/in/ledger/ledger-2026-11-01.csv", atomically: true, encoding: .utf8)
        let unmatched = try ReconProcess.run(["run", "--date", "2026-11-01", "--config", dir + "/recon.toml"])
        #expect(unmatched.status == 2 && unmatched.stderr.contains("has not arrived"), "[1] is not a class matching '1': \(unmatched.stderr)")
        try (header + "B1,ACC1,2026-11-01,,100.00,CNY,R1,,\n").write(toFile: dir + "/in/bank/bank[1]-2026-11-01-a.csv", atomically: true, encoding: .utf8)
        let matched = try ReconProcess.run(["run", "--date", "2026-11-01", "--config", dir + "/recon.toml"])
        #expect(matched.status == 0 || matched.status == 1, "\(matched.stderr)")
    }

    @Test func filesHoldingAccountsAreTheOwnersOnlyWhateverTheUmask() throws {
        let job = try Job("modes")
        try NightlyJobTests().week(job)
        // Started under a loose umask, as cron or a shell might.
        let old = umask(0o022)
        defer { umask(old) }
        #expect(try job.recon(["run", "--from", "2026-11-01", "--to", "2026-11-02"]).status == 0)
        func mode(_ path: String) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? -1) & 0o777
        }
        let store = try RunStore(path: job.dir + "/recon.db", access: .readOnly)
        let run = try #require(try store.currentRun(for: "2026-11-02"))
        let folder = run.outputDirectory.hasPrefix("/") ? run.outputDirectory : job.dir + "/" + run.outputDirectory
        for file in [job.dir + "/recon.db", job.dir + "/recon.db.audit-head", folder + "/breaks.csv", folder + "/summary.json",
                     folder + "/carried-ledger.csv"] {
            #expect(try mode(file) == 0o600, "\(file)")
        }
        for dir in [folder, (folder as NSString).deletingLastPathComponent, job.dir + "/out"] {
            #expect(try mode(dir) == 0o700, "\(dir)")
        }
    }

    @Test func suggestionsComeInOneOrderWhateverTheInputOrderAndThreads() throws {
        let dir = try ReconProcess.temporaryDirectory("suggestion-order")
        try "[scoring]\nauto_threshold = \"0.99\"\nsuggest_threshold = \"0.3\"\nwindow_days = 5\n[groups]\nwindow_days = 2\n"
            .write(toFile: dir + "/recon.toml", atomically: true, encoding: .utf8)
        // Rivals for one line, and ties on what the matcher orders suggestions by (date and reference):
        // statements and ledgers that number their lines per account give two accounts the same
        // bank reference on the same day (S1, S7) and the same ledger id (P1), with equal scores, and
        // two group suggestions whose targets share reference and date.
        let bank = ["B1,ACC1,2026-11-02,,100.00,CNY,,ACME LTD,invoice 7", "B2,ACC1,2026-11-02,,200.00,CNY,,ACME LTD,invoice 7",
                    "B3,ACC2,2026-11-03,,99.00,CNY,,BETA,invoice 9",
                    "S1,ACC3,2026-11-02,,100.00,CNY,,ACME LTD,invoice 7", "S1,ACC4,2026-11-02,,100.00,CNY,,ACME LTD,invoice 7",
                    "S7,ACC3,2026-11-02,,300.00,CNY,,,", "S7,ACC4,2026-11-02,,300.00,CNY,,,"]
        let ledger = ["T1,ACC1,2026-11-01,99.50,CNY,deposit,,,ACME LTD", "T2,ACC1,2026-11-01,99.50,CNY,deposit,,,ACME LTD",
                      "T3,ACC2,2026-11-02,98.00,CNY,deposit,,,BETA", "T4,ACC2,2026-11-02,98.00,CNY,deposit,,,BETA",
                      "P1,ACC3,2026-11-01,99.50,CNY,deposit,,,ACME LTD", "P1,ACC4,2026-11-01,99.50,CNY,deposit,,,ACME LTD",
                      "G1,ACC3,2026-11-02,120.00,CNY,deposit,,,", "G2,ACC3,2026-11-02,180.00,CNY,deposit,,,",
                      "G3,ACC4,2026-11-02,110.00,CNY,deposit,,,", "G4,ACC4,2026-11-02,190.00,CNY,deposit,,,"]
        var rng = SplitMix64(seed: 21)
        let orders = [(bank, ledger), (bank.reversed(), ledger.reversed()), (bank.shuffled(using: &rng), ledger.shuffled(using: &rng))]
        var suggestions: [String] = [], breaks: [String] = []
        for (k, (b, l)) in orders.enumerated() {
            try (NightlyJobTests.bankHeader + b.joined(separator: "\n") + "\n").write(toFile: dir + "/bank\(k).csv", atomically: true, encoding: .utf8)
            try (NightlyJobTests.ledgerHeader + l.joined(separator: "\n") + "\n").write(toFile: dir + "/ledger\(k).csv", atomically: true, encoding: .utf8)
            let r = try ReconProcess.run(["run", "--bank", dir + "/bank\(k).csv", "--ledger", dir + "/ledger\(k).csv", "--config", dir + "/recon.toml",
                                          "--out", dir + "/out\(k)", "--threads", "\(1 + k % 2)", "--progress", "off"])
            #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
            suggestions.append(try String(contentsOfFile: dir + "/out\(k)/suggestions.csv", encoding: .utf8))
            breaks.append(try String(contentsOfFile: dir + "/out\(k)/breaks.csv", encoding: .utf8))
        }
        let lines = suggestions[0].split(separator: "\n").map { $0.split(separator: ",").prefix(3).joined(separator: ",") }
        for tie in ["S1,P1,ACC3", "S1,P1,ACC4", "S7,G1;G2,ACC3", "S7,G3;G4,ACC4"] { #expect(lines.contains(tie), "\(tie) is suggested") }
        #expect(suggestions[1] == suggestions[0] && suggestions[2] == suggestions[0], "\(suggestions)")
        #expect(breaks[1] == breaks[0] && breaks[2] == breaks[0])
    }
}
