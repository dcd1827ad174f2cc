import Foundation
import Testing
import ReconCore
import ReconTestSupport
@testable import ReconFormats

@Suite struct CamtWriterTests {
    /// A CSV field, quoted when it must be.
    func field(_ s: String) -> String {
        // By bytes: "\r\n" is one Character, equal to neither "\r" nor "\n".
        s.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    /// A canonical bank CSV of `count` rows over interleaved accounts and currencies, with text that
    /// XML must escape.
    func canonicalCSV(rows count: Int) -> String {
        let accounts = [("NL77ABNA0574908765", "EUR"), ("6222000000000001", "CNY"), ("6222000000000002", "CNY"),
                        ("6222000000000002", "USD"), ("CH2801234000123456789", "JPY"), ("KW81CBKU0000000000001234560101", "KWD")]
        let counterparties = ["张三", "Acme & Sons", "<Bad> \"quoted\" 'single'", "", "王五科技有限公司", "multi\nline", "a]]>b"]
        let descriptions = ["代付 payout", "fee, \"adjusted\"", "", "x < y & z", "line\r\nbreak", "充值"]
        var csv = CanonicalLayout.bankColumns.joined(separator: ",") + "\n"
        for i in 0..<count {
            let (account, currency) = accounts[(i * 5 + i / 7) % accounts.count]
            let exponent = Currency.exponent(ofCode: Array(currency.utf8))
            let minor = Int64((i * 7919) % 2_000_003) - 1_000_000
            let amount = i % 37 == 0 ? "0" : MinorUnits.format(minor, exponent: exponent)
            let booking = Day(year: 2026, month: 11, day: 1)!.adding(days: i % 20)
            let value = i % 4 == 0 ? "" : booking.adding(days: i % 3).iso
            let e2e = i % 5 == 0 ? "" : (i % 11 == 0 ? "R&D<\(i)>" : "E2E-\(i)")
            let ref = i % 13 == 0 ? "参考-\(i)" : "B\(i)"
            csv += [ref, account, booking.iso, value, amount, currency, e2e, counterparties[i % counterparties.count],
                    descriptions[i % descriptions.count]].map(field).joined(separator: ",") + "\n"
        }
        return csv
    }

    @Test func aWrittenStatementFileReadsBackAsTheSameRowsGroupedByAccount() throws {
        let dir = try ReconProcess.temporaryDirectory("camt-writer")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try canonicalCSV(rows: 400).write(toFile: dir + "/bank.csv", atomically: true, encoding: .utf8)
        let summary = try CamtWriter.write(bankCSV: dir + "/bank.csv", to: dir + "/bank.xml")
        #expect(summary == CamtWriter.Summary(rows: 400, statements: 6))
        #expect(!FileManager.default.fileExists(atPath: dir + "/bank.xml.tmp-\(getpid())"))

        var csvSource = try FileByteSource(path: dir + "/bank.csv")
        var csvTable = BankTable(), csvCatalog = Catalog(), rejects = RejectLog(limit: 0)
        _ = try CanonicalBankReader().read(source: &csvSource, path: "bank.csv", fileIndex: 0, into: &csvTable,
                                           catalog: &csvCatalog, rejects: &rejects)
        let camt = try CamtRead(file: dir + "/bank.xml")

        // Expected order: statements by (account, currency) in order of first appearance, rows in input
        // order within each.
        var order: [String] = []
        var groups: [String: [Int]] = [:]
        for i in 0..<csvTable.count {
            let key = csvCatalog.accounts.string(csvTable.account[i]) + "/" + csvCatalog.currencies.string(csvTable.currency[i])
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(i)
        }
        let expected = order.flatMap { groups[$0]! }.map { CamtRow(csvTable, csvCatalog, $0) }
        #expect(camt.rows.count == 400)
        #expect(camt.rows == expected)
        #expect(camt.result.file.rejected == 0 && camt.result.notBooked == 0)
        let hashes = order.flatMap { groups[$0]! }.map { csvTable.endToEndHash[$0] }
        #expect(camt.table.endToEndHash == hashes)
        #expect(camt.rows.contains { $0.counterparty == "<Bad> \"quoted\" 'single'" })
        #expect(camt.rows.contains { $0.endToEndId.hasPrefix("R&D<") })
        #expect(camt.rows.contains { $0.bankRef.hasPrefix("参考-") })

        // One statement per account and currency, opening at 0 and closing at the sum: they reconcile.
        #expect(camt.statements.map { "\($0.account)/\($0.currency)" } == order)
        #expect(camt.statements.map(\.movementCount) == order.map { groups[$0]!.count })
        for s in camt.statements {
            #expect(s.openingBalance == 0)
            #expect(s.closingBalance == s.movementSum)
            #expect(s.balanceGap == 0)
        }
        let xml = try String(contentsOfFile: dir + "/bank.xml", encoding: .utf8)
        #expect(xml.contains("<IBAN>NL77ABNA0574908765</IBAN>"))
        #expect(xml.contains("<Othr><Id>6222000000000001</Id></Othr>"))
        #expect(xml.contains("<Ustrd>line&#13;\nbreak</Ustrd>"))
        #expect(xml.contains("<EndToEndId>NOTPROVIDED</EndToEndId>"))
        let registry = try FormatRegistry(directories: [Fixture.repositoryRoot + "/formats"])
        #expect(try registry.detect(OpenedInput(path: dir + "/bank.xml"), side: .bank).name == "camt")
    }

    @Test func textThatXMLCannotHoldIsAnErrorNamingTheRow() throws {
        let dir = try ReconProcess.temporaryDirectory("camt-writer-bad")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let csv = CanonicalLayout.bankColumns.joined(separator: ",") + "\n"
            + "B1,ACC,2026-11-01,,1.00,CNY,,ok,\nB2,ACC,2026-11-01,,1.00,CNY,,bell\u{7},\n"
        try csv.write(toFile: dir + "/bank.csv", atomically: true, encoding: .utf8)
        // Refused by the reader's text check (``FieldText``) before the writer sees it.
        #expect(throws: InputError.badRecord(path: dir + "/bank.csv", line: 3, field: "counterparty",
                                             reason: "control character U+0007 (BEL) at byte 5 of the value")) {
            try CamtWriter.write(bankCSV: dir + "/bank.csv", to: dir + "/bank.xml")
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/bank.xml"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/bank.xml.tmp-\(getpid())"))
    }

    @Test func xmlTextEscapesMarkupAndCarriageReturnsAndRefusesWhatXMLCannotHold() {
        func escape(_ bytes: [UInt8]) -> (String, String?) {
            var out: [UInt8] = Array("x".utf8)
            let error = bytes.withUnsafeBufferPointer { CamtXMLText.append($0, to: &out) }
            return (String(decoding: out, as: UTF8.self), error)
        }
        #expect(escape(Array("a&b<c>d\"e'f\r\n\tg 中文".utf8)) == ("xa&amp;b&lt;c&gt;d\"e'f&#13;\n\tg 中文", nil))
        #expect(escape([0x61, 0x00]) == ("x", "control character U+0000 at byte 2 cannot be written in XML"))
        #expect(escape([0x61, 0xC3]) == ("x", "invalid UTF-8 at byte 2"))
        #expect(escape([0xC0, 0x80]) == ("x", "invalid UTF-8 at byte 1"))
        #expect(escape([0xED, 0xA0, 0x80]) == ("x", "invalid UTF-8 at byte 1")) // a surrogate
        #expect(escape([0xEF, 0xBF, 0xBF]) == ("x", "character U+FFFF at byte 1 cannot be written in XML"))
        #expect(escape(Array("😀".utf8)) == ("x😀", nil))
    }
}
