import Foundation
import Testing
import ReconCore
import ReconTestSupport
@testable import ReconFormats

/// Detection never depends on line breaks (issue 18): CFONB 120 and NACHA files written without
/// record separators, and a NACHA file without any batch, are recognised by their records and read
/// exactly as their twins with line breaks.
@Suite struct DetectionWithoutLineBreaksTests {
    /// Detects and reads `bytes` written to a temporary file, as `recon run` does.
    static func load(_ bytes: [UInt8], name: String) throws -> (spec: FormatSpec, table: BankTable, result: BankFileResult) {
        let dir = try ReconProcess.temporaryDirectory("detect")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let registry = try FormatRegistry()
        let loader = BankFileLoader(registry: registry, limits: RunLimits())
        var table = BankTable(), catalog = Catalog(), rejects = RejectLog(limit: 0)
        table.stores = .all
        let loaded = try loader.load(path: path, spec: nil, fileIndex: 0, into: &table, catalog: &catalog, rejects: &rejects, workers: 1)
        return (loaded.spec, table, loaded.result)
    }

    /// A NACHA record of 94 characters from its fields at 1-based positions.
    static func record(_ fields: [(Int, String)]) -> String {
        var r = [Character](repeating: " ", count: 94)
        for (at, text) in fields { for (i, c) in text.enumerated() { r[at - 1 + i] = c } }
        return String(r)
    }

    /// A one-batch PPD file (after the layout of moov-io/ach's test files): two credits to receivers.
    static let nacha: [String] = [
        record([(1, "101"), (4, " 091000019"), (14, " 123456789"), (24, "261120"), (30, "1200"), (34, "A094101")]),
        record([(1, "5"), (2, "220"), (5, "RECON PLATFORM"), (41, "1234567890"), (51, "PPD"), (54, "PAYOUT"), (70, "261120"),
                (79, "1"), (80, "09100001"), (88, "0000001")]),
        record([(1, "6"), (2, "22"), (4, "09100001"), (12, "9"), (13, "12345678"), (30, "0000010000"), (40, "P-1"), (55, "ALICE"),
                (79, "0"), (80, "091000010000001")]),
        record([(1, "6"), (2, "22"), (4, "09100001"), (12, "9"), (13, "12345678"), (30, "0000025050"), (40, "P-2"), (55, "BOB"),
                (79, "0"), (80, "091000010000002")]),
        record([(1, "8220"), (5, "000002"), (11, "0018200002"), (21, "000000000000"), (33, "000000035050"), (45, "1234567890"),
                (80, "09100001"), (88, "0000001")]),
        record([(1, "9000001"), (8, "000001"), (14, "00000002"), (22, "0018200002"), (32, "000000000000"), (44, "000000035050")]),
    ]

    @Test func aNACHAFileWithoutLineBreaksIsDetectedAndReadLikeItsTwin() throws {
        let withBreaks = try Self.load(Array((Self.nacha.joined(separator: "\n") + "\n").utf8), name: "a.ach")
        let without = try Self.load(Array(Self.nacha.joined().utf8), name: "b.ach")
        #expect(withBreaks.spec.name == "nacha" && without.spec.name == "nacha")
        #expect(without.spec.detection.reason == "starts with '101'; records of 94 bytes, the second starting with '5' or '9'")
        #expect(without.table.amount == [-100_00, -250_50] && withBreaks.table.amount == without.table.amount)
        #expect(without.result.rows == 2 && without.table.amount.reduce(0, +) == -350_50)
        #expect(without.result.statements.count == 1 && without.result.statements.allSatisfy { $0.controls.allSatisfy(\.holds) })
        // The same statements, but for where they start: without line breaks the whole file is line 1.
        func unlined(_ s: [StatementSummary]) -> [StatementSummary] { s.map { var s = $0; s.line = 0; return s } }
        #expect(unlined(without.result.statements) == unlined(withBreaks.result.statements))
    }

    @Test func aNACHAFileWithoutAnyBatchIsDetected() throws {
        let empty = [Self.nacha[0],
                     Self.record([(1, "9000000"), (8, "000001"), (14, "00000000"), (22, "0000000000"), (32, "000000000000"), (44, "000000000000")]),
                     String(repeating: "9", count: 94)]
        for separator in ["\n", ""] {
            let out = try Self.load(Array(empty.joined(separator: separator).utf8), name: "empty.ach")
            #expect(out.spec.name == "nacha" && out.result.rows == 0 && out.table.count == 0, "separator \(separator.debugDescription)")
        }
    }

    /// The CFONB 120 fixture of FixedWidthReaderTests without record separators (as some French banks
    /// deliver it over EBICS; the CFONB "relevé de comptes" brochure allows both).
    @Test func aCFONB120FileWithoutRecordSeparatorsIsDetectedAndReadLikeItsTwin() throws {
        let withBreaks = try Self.load(fixedFile(CFONBFixture.lines), name: "a.cfo")
        let without = try Self.load(fixedFile(CFONBFixture.lines, separator: ""), name: "b.cfo")
        #expect(withBreaks.spec.name == "cfonb120" && without.spec.name == "cfonb120")
        #expect(without.table.amount == withBreaks.table.amount && without.table.amount.count == 2)
        #expect(without.result.statements == withBreaks.result.statements && without.result.statements.first?.balanceGap == 0)
    }

    /// A batch whose effective entry date is `000000` but whose settlement date (a day of the year,
    /// positions 76-78, as the ACH operator writes it) is there: that day, in the file's creation
    /// year (NACHA operating rules, batch header record).
    @Test func aBatchDatedZeroWithASettlementDateIsBookedOnIt() throws {
        var lines = Self.nacha
        lines[1] = Self.record([(1, "5"), (2, "220"), (5, "RECON PLATFORM"), (41, "1234567890"), (51, "PPD"), (54, "PAYOUT"),
                                (70, "000000"), (76, "325"), (79, "1"), (80, "09100001"), (88, "0000001")])
        let out = try Self.load(Array((lines.joined(separator: "\n") + "\n").utf8), name: "settled.ach")
        #expect(out.result.rows == 2 && out.table.date(0) == Day(iso: "2026-11-21") && out.table.date(1) == Day(iso: "2026-11-21"))
        #expect(out.result.statements.first?.assumptions == ["batch 0000001: effective entry date 000000; the settlement date (day 325) 2026-11-21 is used"])
        // A date that is neither a date nor zeros is still refused.
        lines[1] = lines[1].replacingOccurrences(of: "000000325", with: "261399325")
        #expect(throws: InputError.self) { try Self.load(Array(lines.joined(separator: "\n").utf8), name: "bad.ach") }
    }
}
