import Foundation
import Testing
import ReconCore
import ReconTestSupport
@testable import ReconFormats

/// `CNBankFixedWidthWriter` turns canonical bank CSV into the cn-bank-fixed layout, and the
/// cn-bank-fixed spec reads it back to the same rows.
@Suite struct FixedWidthWriterTests {
    static let header = CanonicalLayout.bankColumns.joined(separator: ",") + "\n"

    /// A few hundred canonical rows: three accounts interleaved (CNY, JPY, USD), Chinese and quoted
    /// text, empty end-to-end ids, empty value dates, debits, credits and a zero.
    static func csv(rows: Int = 300) -> String {
        let accounts = [("6222000000000001", "CNY"), ("6222000000000002", "JPY"), ("中国银行托管户-003", "USD")]
        let parties = ["Zhang San", "李四", "\"Acme Trading, Inc.\"", "王五科技有限公司", "", "Initech GmbH"]
        let texts = ["transfer", "代付 payout", "\"settlement, T+1\"", "", "deposit 充值", "手续费"]
        var out = header
        var rng = SplitMix64(seed: 42)
        for i in 0..<rows {
            let (account, currency) = accounts[rng.below(3)]
            let day = Day(iso: "2026-11-01")!.adding(days: rng.below(30))
            let value = rng.below(4) == 0 ? "" : day.adding(days: rng.below(2)).iso
            var cents = Int64(rng.below(2_000_000)) - 1_000_000
            if i == 7 { cents = 0 }
            let amount = currency == "JPY" ? String(cents / 100) : MinorUnits.format(cents, exponent: 2)
            let e2e = rng.below(3) == 0 ? "" : "R\(100_000 + i)"
            out += "流水\(i),\(account),\(day.iso),\(value),\(amount),\(currency),\(e2e),\(parties[rng.below(parties.count)]),\(texts[rng.below(texts.count)])\n"
        }
        return out
    }

    static func csvDescriptions(_ text: String) throws -> [String: String] {
        var out: [String: String] = [:]
        var source = MemorySource(text)
        var first = true
        try CSVScanner().scan(&source, path: "bank.csv") { r in
            if first { first = false; return }
            out[String(decoding: r[0], as: UTF8.self)] = String(decoding: r[8], as: UTF8.self)
        }
        return out
    }

    func convert(_ text: String, writer: CNBankFixedWidthWriter = CNBankFixedWidthWriter()) throws -> [UInt8] {
        var source = MemorySource(text, step: 1000)
        return try writer.convert(source: &source, path: "bank.csv")
    }

    @Test func writerOutputReadsBackToTheSameRowsAsTheCSV() throws {
        let text = Self.csv()
        var csvTable = BankTable(), csvCatalog = Catalog(), rejects = RejectLog(limit: 0)
        var source = MemorySource(text)
        _ = try CanonicalBankReader().read(source: &source, path: "bank.csv", fileIndex: 0, into: &csvTable,
                                           catalog: &csvCatalog, rejects: &rejects)
        let fixed = try convert(text)
        let out = try FixedWidthRead.read(try FixedWidthRead.reader("cn-bank-fixed"), bytes: fixed, path: "bank.txt", step: 4096)
        #expect(out.table.count == 300 && csvTable.count == 300 && out.result.rows == 300)

        struct Row: Equatable {
            var account, currency, booking, value, e2e, counterparty, description: String
            var amount: Int64
        }
        let descriptions = try Self.csvDescriptions(text)
        var expected: [String: Row] = [:]
        for i in 0..<csvTable.count {
            let ref = csvTable.bankRef.string(i)
            expected[ref] = Row(account: csvCatalog.accounts.string(csvTable.account[i]), currency: csvCatalog.currencies.string(csvTable.currency[i]),
                                booking: Day(rawValue: csvTable.bookingDate[i]).iso, value: Day(rawValue: csvTable.valueDate[i]).iso,
                                e2e: csvTable.endToEndId.string(i), counterparty: csvTable.counterparty.string(i),
                                description: descriptions[ref]!, amount: csvTable.amount[i])
        }
        var seen = Set<String>()
        for i in 0..<out.table.count {
            let ref = out.table.bankRef.string(i)
            seen.insert(ref)
            let got = Row(account: out.account(i), currency: out.currency(i), booking: out.booking(i), value: out.value(i),
                          e2e: out.table.endToEndId.string(i), counterparty: out.table.counterparty.string(i),
                          description: out.descriptions[i], amount: out.amounts[i])
            #expect(got == expected[ref], "\(ref)")
        }
        #expect(seen.count == 300)
        #expect(expected.values.contains { $0.e2e.isEmpty } && expected.values.contains { $0.counterparty == "王五科技有限公司" })
        #expect(expected.values.contains { $0.description == "settlement, T+1" })

        // One statement per account, in order of first appearance; each reconciles and its T totals hold.
        let firstSeen = (0..<csvTable.count).map { csvCatalog.accounts.string(csvTable.account[$0]) }
            .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        #expect(out.statements.map(\.account) == firstSeen)
        for s in out.statements {
            #expect(s.openingBalance == 0 && s.closingBalance == s.movementSum && s.balanceGap == 0)
            #expect(s.controls.count == 5 && s.controls.allSatisfy { $0.holds })
        }
        #expect(out.statements.map(\.movementCount).reduce(0, +) == 300)
        // Within an account, rows keep their input order.
        for s in out.statements {
            let inCSV = (0..<csvTable.count).filter { csvCatalog.accounts.string(csvTable.account[$0]) == s.account }.map { csvTable.bankRef.string($0) }
            let inFixed = (0..<out.table.count).filter { out.account($0) == s.account }.map { out.table.bankRef.string($0) }
            #expect(inCSV == inFixed)
        }
    }

    @Test func writerOutputIsDetectedAsCNBankFixedAndWrittenInPlace() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fixedwidth-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.csv(rows: 20).write(toFile: dir + "/bank.csv", atomically: true, encoding: .utf8)
        try CNBankFixedWidthWriter().convert(csvPath: dir + "/bank.csv", to: dir + "/bank.txt")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["bank.csv", "bank.txt"])
        let registry = try FormatRegistry(directories: [Fixture.repositoryRoot + "/formats"])
        #expect(try registry.detect(try OpenedInput(path: dir + "/bank.txt"), side: .bank).name == "cn-bank-fixed")
    }

    @Test func recordsAre244BytesWithTextPaddedByBytesInGB18030() throws {
        let fixed = try convert(Self.header + "B1,ACC-1,2026-11-01,2026-11-02,-12.34,CNY,E2E-1,王五科技,代付\n")
        let lines = fixed.split(separator: 10, omittingEmptySubsequences: true).map { Array($0.dropLast()) } // CRLF
        #expect(lines.count == 3 && lines.allSatisfy { $0.count == 244 })
        #expect(lines.map { $0[0] } == Array("HDT".utf8))
        let d = lines[1]
        let gb = try FixedWidthTextEncoder(to: .gb18030)
        #expect(Array(d[49..<51]) == (try gb.encode("借")))
        #expect(String(decoding: d[51..<69], as: UTF8.self) == "000000000000001234")
        #expect(Array(d[104..<164]) == (try gb.encode("王五科技")) + Array(repeating: 32, count: 52)) // 4 characters, 8 bytes
        #expect(String(decoding: lines[2][1..<11], as: UTF8.self) == "0000000001")
        #expect(lines[2][67] == UInt8(ascii: "-") && String(decoding: lines[2][68..<86], as: UTF8.self) == "000000000000001234")
    }

    @Test(arguments: [
        ("B\(String(repeating: "x", count: 32)),ACC,2026-11-01,,1.00,CNY,,,", "bank_ref"),
        ("B1,\(String(repeating: "账", count: 17)),2026-11-01,,1.00,CNY,,,", "account"),
        ("B1,ACC,2026-11-01,,1.00,CNY,\(String(repeating: "e", count: 36)),,", "end_to_end_id"),
        ("B1,ACC,2026-11-01,,1.00,CNY,,\(String(repeating: "名", count: 31)),", "counterparty"),
        ("B1,ACC,2026-11-01,,1.00,CNY,,,\(String(repeating: "摘", count: 41))", "description"),
        ("B1,ACC,2026-11-01,,1.00,CNY,,, leading space", "description"),
        ("B1,ACC,2026-11-01,,1.001,KWD,,,", "amount"),
        ("B1,ACC,2026-11-01,,1.00,CNY,,\"two\nlines\",", "counterparty"),
    ])
    func writerRefusesAValueItCannotWriteNamingLineAndColumn(_ row: String, _ column: String) {
        do {
            _ = try convert(Self.header + "B0,ACC,2026-11-01,,1.00,CNY,,,\n" + row + "\n")
            Issue.record("expected an error")
        } catch let InputError.badRecord(path, line, field, _) {
            #expect(path == "bank.csv" && line == 3 && field == column)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func truncationCutsLongTextAtAWholeCharacter() throws {
        // 1 + 40 × 2 = 81 bytes: the 40th character would split, so 39 remain (79 bytes).
        let long = "a" + String(repeating: "摘", count: 40)
        let text = Self.header + "B1,ACC,2026-11-01,,1.00,CNY,,,\(long)\n"
        let fixed = try convert(text, writer: CNBankFixedWidthWriter(truncatesLongText: true))
        let out = try FixedWidthRead.read(try FixedWidthRead.reader("cn-bank-fixed"), bytes: fixed)
        #expect(out.descriptions == ["a" + String(repeating: "摘", count: 39)])
        #expect(throws: InputError.self) { _ = try convert(text) }
    }
}
