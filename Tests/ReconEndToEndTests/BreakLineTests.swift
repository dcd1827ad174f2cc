import Foundation
import ReconCore
import ReconMatch
@testable import ReconReport
import ReconRun
import ReconTestSupport
import Testing

/// A run's breaks are values (`BreakLine`) end to end: `breaks.csv` is exactly their text through the
/// one codec, on every row, for row breaks, statement breaks and custody breaks, and reading the file
/// back through the codec gives the same values (issue 19).
@Suite struct BreakLineTests {
    /// Runs the pipeline in this process and returns the outcome and the report's bytes.
    func run(_ request: RunRequest) throws -> (RunOutcome, Data) {
        let outcome = try RunPipeline.run(request)
        return (outcome, try Data(contentsOf: URL(fileURLWithPath: request.outputDirectory + "/breaks.csv")))
    }

    /// The report's bytes are the header and the codec's record of each line, in order; reading the
    /// file through the codec gives the lines back.
    func expectReportIsTheLines(_ outcome: RunOutcome, _ report: Data, path: String) throws {
        var expected = Array((BreakLineCodec.header + "\n").utf8)
        for line in outcome.lines { BreakLineCodec.append(line, to: &expected) }
        #expect(outcome.lines.count == outcome.breakCount)
        if Array(report) != expected {
            let got = String(decoding: report, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let want = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let first = (0..<min(got.count, want.count)).first { got[$0] != want[$0] } ?? min(got.count, want.count)
            Issue.record("breaks.csv differs from the codec's text of the run's lines at line \(first + 1): \(first < got.count ? got[first] : "(end)") vs \(first < want.count ? want[first] : "(end)")")
        }
        var read: [BreakLine] = []
        try BreakReportReader.read(path: path) { read.append($0) }
        #expect(read == Array(outcome.lines), "the file read through the codec gives every line back")
    }

    @Test func theShippedSamplesReportIsTheCodecsTextOfTheRunsLines() throws {
        let dir = try ReconProcess.temporaryDirectory("lines-samples")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let root = Fixture.repositoryRoot + "/samples"
        let (outcome, report) = try run(RunRequest(bankPaths: [root + "/bank.csv"], ledgerPaths: [root + "/ledger.csv"],
                                                   outputDirectory: dir, asOf: Day(iso: "2026-11-20")))
        #expect(outcome.breakCount > 10)
        try expectReportIsTheLines(outcome, report, path: dir + "/breaks.csv")
    }

    @Test func everyPassOnGeneratedRowsGivesTheCodecsTextOnEveryRow() throws {
        let dir = try ReconProcess.temporaryDirectory("lines-every-pass")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let gen = try ReconProcess.run(["gen", "--rows", "20000", "--groups", "200", "--seed", "19", "--out", dir])
        #expect(gen.status == 0, "\(gen.stderr)")
        let configuration = try MatchConfiguration(toml: EveryPassOrderIndependenceTests.config, path: "recon.toml")
        var request = RunRequest(bankPaths: [dir + "/bank.csv"], ledgerPaths: [dir + "/ledger.csv"], outputDirectory: dir + "/out",
                                 configuration: configuration)
        request.configuration.threads = 2
        let (outcome, report) = try run(request)
        let kinds = Set(outcome.lines.map(\.kind))
        #expect(kinds.count >= 6, "many kinds: \(kinds)")
        try expectReportIsTheLines(outcome, report, path: dir + "/out/breaks.csv")
    }

    @Test func custodyAndStatementBreaksAreTheCodecsTextOfTheirLines() throws {
        let dir = try ReconProcess.temporaryDirectory("lines-custody")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let scenario = CustodyScenario(seed: 19, customers: 30, start: Day(iso: "2026-11-02")!, dayCount: 4, skimDays: [1: 2, 2: 1])
        try scenario.write(to: dir)
        // A statement whose closing balance is not its opening balance plus its movements.
        try """
            :20:STMT-19
            :25:6222000000000099
            :28C:1/1
            :60F:C261102CNY1000,00
            :61:2611021102C100,00NTRFREF-19//X
            :86:payment, with a comma
            :62F:C261102CNY1200,00
            -
            """.write(toFile: dir + "/statement.mt940", atomically: true, encoding: .utf8)
        var request = RunRequest(bankPaths: [dir + "/bank.csv", dir + "/statement.mt940"], ledgerPaths: [dir + "/ledger.csv"],
                                 outputDirectory: dir + "/out",
                                 configuration: try MatchConfiguration(toml: scenario.configuration(), path: dir + "/recon.toml"))
        request.bankBalancePaths = [dir + "/bank-balances.csv"]
        request.ledgerBalancePaths = [dir + "/ledger-balances.csv"]
        let (outcome, report) = try run(request)
        let kinds = Set(outcome.lines.map(\.kind))
        #expect(kinds.isSuperset(of: [.segregationShortfall, .balanceMismatch, .unmatchedBankDebit]), "\(kinds)")
        try expectReportIsTheLines(outcome, report, path: dir + "/out/breaks.csv")
        // The custody statement likewise: the file is the codec's text of the run's lines, and reads back to them.
        let custody = try #require(outcome.custody)
        #expect(custody.count >= 4 && Set(custody.map(\.day)).count == custody.count, "one line per day for the custody account")
        #expect(custody.allSatisfy { $0.custodyAccount == CustodyScenario.custodyAccount })
        var expected = Array((CustodyStatementCodec.header + "\n").utf8)
        for line in custody { CustodyStatementCodec.append(line, to: &expected) }
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/out/custody.csv"))) == expected)
        #expect(try CustodyStatementCodec.read(path: dir + "/out/custody.csv") == custody)
    }
}
