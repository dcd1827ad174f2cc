import Foundation
import Testing
import ReconTestSupport

/// Malformed text in a field (a NUL, another control character, invalid UTF-8, a byte order mark
/// inside the text) never passes silently: without `--max-rejects` the run stops with exit code 2
/// naming file, line and column; with it, the row goes to `rejects.csv`, counts in the control
/// totals, and the reports stay valid UTF-8 without those bytes.
@Suite struct InputHygieneTests {
    /// One spoiled field: `find` is replaced by `replacement` in the sample file of `side`.
    struct Spoiled: Sendable, CustomTestStringConvertible {
        var what: String
        var side: String
        var find: String
        var replacement: [UInt8]
        var line: Int
        var field: String
        var testDescription: String { what }
    }

    static let cases: [Spoiled] = [
        Spoiled(what: "NUL in a description", side: "bank", find: "unidentified receipt",
                replacement: Array("unidentified".utf8) + [0x00] + Array("receipt".utf8), line: 12, field: "description"),
        Spoiled(what: "0xFF in a counterparty", side: "bank", find: "Unknown payer",
                replacement: Array("Unknown".utf8) + [0xFF] + Array("payer".utf8), line: 12, field: "counterparty"),
        Spoiled(what: "0xFF in a bank reference", side: "bank", find: "BK012,",
                replacement: Array("BK".utf8) + [0xFF] + Array("012,".utf8), line: 12, field: "bank_ref"),
        Spoiled(what: "U+FEFF inside a reference", side: "bank", find: "BK012,",
                replacement: Array("BK\u{FEFF}012,".utf8), line: 12, field: "bank_ref"),
        Spoiled(what: "0x01 in an account", side: "bank", find: "BK016,OPS-USD,",
                replacement: Array("BK016,OPS".utf8) + [0x01] + Array("USD,".utf8), line: 14, field: "account"),
        Spoiled(what: "a line break in a quoted reference", side: "bank", find: "BK012,",
                replacement: Array("\"BK\n012\",".utf8), line: 12, field: "bank_ref"),
        Spoiled(what: "ESC in a ledger reference", side: "ledger", find: "R-1014,",
                replacement: Array("R-".utf8) + [0x1B] + Array("1014,".utf8), line: 16, field: "reference"),
    ]

    /// Writes the sample file of `side` with the field spoiled; returns its path.
    func write(_ spoiled: Spoiled, in dir: String) throws -> String {
        let sample = Array(try Data(contentsOf: URL(fileURLWithPath: Fixture.repositoryRoot + "/samples/\(spoiled.side).csv")))
        let find = Array(spoiled.find.utf8)
        let at = try #require((0...(sample.count - find.count)).first { sample[$0..<($0 + find.count)].elementsEqual(find) })
        let bytes = Array(sample[..<at]) + spoiled.replacement + Array(sample[(at + find.count)...])
        let path = dir + "/\(spoiled.side).csv"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func run(_ spoiled: Spoiled, path: String, out: String, extra: [String] = []) throws -> ReconProcess.Result {
        let bank = spoiled.side == "bank" ? path : "samples/bank.csv"
        let ledger = spoiled.side == "ledger" ? path : "samples/ledger.csv"
        return try ReconProcess.run(["run", "--bank", bank, "--ledger", ledger, "--out", out] + extra)
    }

    /// A report file is valid UTF-8 and holds no control character but line breaks, no byte order
    /// mark and no U+FFFF.
    func expectClean(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let text = String(data: data, encoding: .utf8)
        #expect(text != nil, "\(path) is not valid UTF-8", sourceLocation: sourceLocation)
        let bad = text?.unicodeScalars.first { s in
            (s.value < 0x20 && s.value != 0x0A && s.value != 0x0D && s.value != 0x09)
                || (0x7F...0x9F).contains(s.value) || s.value == 0xFEFF || s.value == 0xFFFE || s.value == 0xFFFF
        }
        #expect(bad == nil, "\(path) holds U+\(String(bad?.value ?? 0, radix: 16))", sourceLocation: sourceLocation)
    }

    @Test(arguments: cases)
    func aSpoiledFieldStopsTheRunNamingFileLineAndColumn(_ spoiled: Spoiled) throws {
        let dir = try ReconProcess.temporaryDirectory("hygiene-stop")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try write(spoiled, in: dir)
        let r = try run(spoiled, path: path, out: dir + "/out")
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("\(path):\(spoiled.line): column '\(spoiled.field)'"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/breaks.csv"))
    }

    @Test(arguments: cases)
    func underMaxRejectsTheRowIsRejectedAndTheReportsStayCleanText(_ spoiled: Spoiled) throws {
        let dir = try ReconProcess.temporaryDirectory("hygiene-reject")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try write(spoiled, in: dir)
        let r = try run(spoiled, path: path, out: dir + "/out", extra: ["--max-rejects", "5"])
        #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
        let rejects = try CSVTable(path: dir + "/out/rejects.csv").rows
        #expect(rejects.count == 1)
        #expect(rejects.first?["file"] == path && rejects.first?["line"] == "\(spoiled.line)" && rejects.first?["field"] == spoiled.field,
                "\(rejects)")
        for report in ["breaks.csv", "rejects.csv", "summary.json"] { try expectClean(dir + "/out/" + report) }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/out/summary.json"))) as! [String: Any]
        let totals = (json["control_totals"] as! [String: [String: Any]])[spoiled.side]!
        #expect(totals["rows_rejected"] as? Int == 1)
        #expect(totals["rows_in"] as? Int == (totals["rows_matched"] as! Int) + (totals["rows_in_breaks"] as! Int) + 1)
    }

    @Test func aLineBreakInAQuotedDescriptionIsText() throws {
        let dir = try ReconProcess.temporaryDirectory("hygiene-linebreak")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let spoiled = Spoiled(what: "", side: "bank", find: "unidentified receipt",
                              replacement: Array("\"unidentified\r\nreceipt\"".utf8), line: 12, field: "description")
        let path = try write(spoiled, in: dir)
        let r = try run(spoiled, path: path, out: dir + "/out", extra: ["--max-rejects", "5"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect((try? CSVTable(path: dir + "/out/rejects.csv").rows.count) ?? 0 == 0)
        let converted = try ReconProcess.run(["convert", path])
        #expect(converted.stdout.contains("Unknown payer,\"unidentified\r\nreceipt\"\n"), "\(converted.stdout)")
    }

    /// An MT940 statement whose second transaction's `:86:` holds a NUL or a byte that is not UTF-8
    /// (once read as Latin-1 without a word): a reject, and the statement still reconciles.
    @Test(arguments: [([0x00] as [UInt8], "U+0000"), ([0xFF], "not valid UTF-8")])
    func anMT940TransactionWithBadTextIsRejectedAndItsStatementStillReconciles(_ bad: [UInt8], _ said: String) throws {
        let dir = try ReconProcess.temporaryDirectory("hygiene-mt940")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var text = Array("""
            :20:STMT-1
            :25:CUST-001
            :28C:1/1
            :60F:C261118CNY1000,00
            :61:2611181118C100,00NTRFREF-1//B1
            :86:first payment
            :61:2611181118D50,00NTRFREF-2//B2
            :86:second
            """.utf8)
        text += bad + Array(" payment\n:62F:C261118CNY1050,00\n-\n".utf8)
        let path = dir + "/statement.mt940"
        try Data(text).write(to: URL(fileURLWithPath: path))
        let stop = try ReconProcess.run(["run", "--bank", path, "--ledger", "samples/ledger.csv", "--out", dir + "/stop"])
        #expect(stop.status == 2, "\(stop.stderr)")
        #expect(stop.stderr.contains("\(path):7: column 'description'") && stop.stderr.contains(said), "\(stop.stderr)")
        let r = try ReconProcess.run(["run", "--bank", path, "--ledger", "samples/ledger.csv", "--out", dir + "/out", "--max-rejects", "5"])
        #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
        let rejects = try CSVTable(path: dir + "/out/rejects.csv").rows
        #expect(rejects.map { "\($0["line"]!) \($0["field"]!)" } == ["7 description"])
        let breaks = try CSVTable(path: dir + "/out/breaks.csv").rows
        #expect(!breaks.contains { $0["kind"] == "balance_mismatch" }, "the rejected movement still counts in its statement")
        for report in ["breaks.csv", "rejects.csv"] { try expectClean(dir + "/out/" + report) }
    }

    /// A statement's own text (its `:20:` id) is no row to set aside: it stops the run, also under
    /// `--max-rejects`.
    @Test func aControlCharacterInAStatementIdStopsTheRun() throws {
        let dir = try ReconProcess.temporaryDirectory("hygiene-statement")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/statement.mt940"
        try ":20:STMT\u{1B}1\n:25:CUST-001\n:28C:1/1\n:60F:C261118CNY1000,00\n:61:2611181118C100,00NTRFREF-1//B1\n:86:pay\n:62F:C261118CNY1100,00\n-\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let r = try ReconProcess.run(["run", "--bank", path, "--ledger", "samples/ledger.csv", "--out", dir + "/out", "--max-rejects", "5"])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("\(path):1: column 'statement id': control character U+001B (ESC)"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/breaks.csv"))
    }
}
