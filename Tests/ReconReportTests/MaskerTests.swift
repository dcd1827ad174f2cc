import Foundation
import ReconCore
import ReconMatch
@testable import ReconReport
import ReconTestSupport
import Testing

@Suite struct MaskerTests {
    static let key = Array("0123456789abcdef0123456789abcdef".utf8)

    @Test func anAccountKeepsItsLastFourAndATokenThatIsTheSameUnderTheSameKey() {
        let a = Masker(key: Self.key), b = Masker(key: Self.key), other = Masker(key: Array("another key, another token......".utf8))
        let masked = a.account("6222020012345678")
        #expect(masked.hasPrefix("****5678#"))
        #expect(masked.count == "****5678#".count + 12)
        #expect(b.account("6222020012345678") == masked, "a second masker with the key joins the rows")
        #expect(a.account("6222020087655678") != masked, "another account with the same last four gets another token")
        #expect(other.account("6222020012345678") != masked, "without the key the token cannot be made")
        #expect(a.account("123") .hasPrefix("****#"), "a short account shows nothing of itself")
        #expect(a.account("") == "")
    }

    @Test func namesAndTheCounterpartiesNamedInDetailsAreMasked() {
        let m = Masker(key: Self.key)
        #expect(m.name("上海某某科技有限公司").hasPrefix("***#"))
        #expect(!m.name("ACME LTD").contains("ACME"))
        let denied = UnauthorizedText.deniedCounterparty + "ACME LTD; no ledger record authorises it"
        #expect(m.detail(denied) == UnauthorizedText.deniedCounterparty + m.name("ACME LTD") + "; no ledger record authorises it")
        let own = UnauthorizedText.platformAccount + "6222029999990001"
        #expect(m.detail(own) == UnauthorizedText.platformAccount + m.account("6222029999990001"))
        #expect(m.detail("money out with no ledger instruction") == "money out with no ledger instruction")
    }

    @Test func theClearMaskerChangesNothing() throws {
        let row = try BreakLineCodec.decode(["unauthorized_counterparty", "critical", "6222020012345678", "CNY", "B1", "", "2026-11-01", "", "-5.00", "",
                                             "", "1", UnauthorizedText.deniedCounterparty + "ACME LTD"], path: "test", line: 2)
        #expect(Masker.clear.line(row) == row)
        let masked = Masker(key: Self.key).line(row)
        #expect(masked.account.hasPrefix("****5678#"))
        #expect(!masked.detail.contains("ACME"))
        #expect(Array(BreakLineCodec.fields(masked)[3...11]) == Array(BreakLineCodec.fields(row)[3...11]), "only the account and the detail change")
    }

    @Test func theKeyFileIsCreatedOnceReadableByItsOwnerOnly() throws {
        let dir = try ReconProcess.temporaryDirectory("maskkey")
        let path = dir + "/keys/mask.key"
        let first = try MaskKey.load(path: path)
        #expect(first.count == 32)
        #expect(try MaskKey.load(path: path) == first)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: dir + "/short.key"))
        #expect(throws: ExportError.self) { try MaskKey.load(path: dir + "/short.key") }
    }
}

@Suite struct SpreadsheetTextTests {
    @Test func cellsThatAFormulaWouldStartWithAreNeutralised() {
        for text in ["=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-2+3", "@SUM(A1)", "\tX", "\rX", "-", "-1e5", "--1"] {
            #expect(SpreadsheetText.neutralised(text) == "'" + text, "\(text)")
        }
    }

    @Test func numbersAndOrdinaryTextAreLeftAlone() {
        for text in ["-12.50", "-3", "0.01", "12", "ACC-1", "上海", "", "a=b"] {
            #expect(SpreadsheetText.neutralised(text) == text, "\(text)")
        }
    }
}

@Suite struct JSONLinesTests {
    @Test func everyBreakIsOneJSONObjectWithTheColumnsOfBreaksCSV() throws {
        let dir = try ReconProcess.temporaryDirectory("jsonl")
        let rows = [try BreakLineCodec.decode(["unmatched_bank_credit", "medium", "A\"1", "CNY", "B\\1", "", "2026-11-01", "", "5.00", "", "", "3",
                                               "line\nbreak\tand \u{1} control, 中文"], path: "test", line: 2)]
        let run = ReportRun(label: "t", date: "2026-11-01", reconVersion: "0", exitCode: 0, breaks: 1, inputs: [], controlTotals: nil)
        var request = ExportRequest(title: "t", source: .lines(rows), runs: [run], formats: [.jsonl], directory: dir)
        request.masked = false
        try ReportExporter.export(request)
        let text = try String(contentsOfFile: dir + "/breaks.jsonl", encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 1)
        let o = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as! [String: Any]
        #expect(Set(o.keys) == Set(BreakLineCodec.columns))
        #expect(o["account"] as? String == "A\"1")
        #expect(o["bank_ref"] as? String == "B\\1")
        #expect(o["ledger_id"] is NSNull)
        #expect(o["age_days"] as? Int == 3)
        #expect(o["bank_amount"] as? String == "5.00", "amounts stay exact decimal strings")
        #expect(o["detail"] as? String == "line\nbreak\tand \u{1} control, 中文")
    }
}
