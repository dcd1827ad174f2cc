import Foundation
import Testing
import ReconTestSupport

/// A quote left open at the end of a CSV file is one clear error naming the file and the line the
/// quote opens on, with or without `--max-rejects`: never "more than N rejected rows", and never
/// one row set aside for what may be the rest of the file.
@Suite struct UnclosedQuoteTests {
    @Test func anUnclosedQuoteAtTheEndIsOneErrorNamingItsLineNotTooManyRejects() throws {
        let dir = try ReconProcess.temporaryDirectory("hygiene-quote")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/bank.csv"
        let sample = try String(contentsOfFile: Fixture.repositoryRoot + "/samples/bank.csv", encoding: .utf8)
        try (sample + "BK099,CUST-001,2026-11-20,,1.00,CNY,,\"Acme, cut off\n").write(toFile: path, atomically: true, encoding: .utf8)
        for extra in [[], ["--max-rejects", "5"]] {
            let r = try ReconProcess.run(["run", "--bank", path, "--ledger", "samples/ledger.csv", "--out", dir + "/out"] + extra)
            #expect(r.status == 2, "\(r.stderr)")
            #expect(r.stderr.contains("\(path):21: the quote opened on this line is not closed before the end of the file"), "\(r.stderr)")
            #expect(!r.stderr.contains("rejected rows"), "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir + "/out/breaks.csv"))
        }
    }

    @Test func aStrayQuoteThatSwallowsRowsIsNamedNotCountedAsRejects() throws {
        let dir = try ReconProcess.temporaryDirectory("hygiene-stray")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/bank.csv"
        var lines = try String(contentsOfFile: Fixture.repositoryRoot + "/samples/bank.csv", encoding: .utf8)
            .split(separator: "\n").map(String.init)
        lines[lines.count - 2] = lines[lines.count - 2].replacingOccurrences(of: ",repayment", with: ",\"repayment")
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let r = try ReconProcess.run(["run", "--bank", path, "--ledger", "samples/ledger.csv", "--out", dir + "/out", "--max-rejects", "5"])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("\(path):19: the quote opened on this line is not closed before the end of the file: the line after it would be part of that field"),
                "\(r.stderr)")
        #expect(!r.stderr.contains("rejected rows"), "\(r.stderr)")
    }
}
