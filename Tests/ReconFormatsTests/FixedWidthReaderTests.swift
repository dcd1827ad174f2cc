import Testing
import ReconCore
import ReconTestSupport
@testable import ReconFormats

/// A record of `length` bytes: spaces with each (1-based start, text) placed in.
func fixedRecord(_ length: Int, _ fields: [(Int, String)]) -> String {
    var b = [UInt8](repeating: 32, count: length)
    for (start, text) in fields {
        let t = Array(text.utf8)
        b.replaceSubrange((start - 1)..<(start - 1 + t.count), with: t)
    }
    return String(decoding: b, as: UTF8.self)
}

/// A small CFONB 120 statement: 1000.00 opening, -12.31 (with a LIB complement) and +5.02, 992.71 closing.
enum CFONBFixture {
    static let bank: [(Int, String)] = [(3, "30003"), (12, "01234"), (17, "EUR"), (20, "2"), (22, "01234567890")]
    static func opening(_ amount: String = "0000000010000{") -> String {
        fixedRecord(120, [(1, "01")] + bank + [(35, "010224"), (91, amount)])
    }
    static func movement(_ amount: String, booking: String = "020224", value: String = "030224", label: String = "VIR TEST",
                         decimals: String = "2") -> String {
        fixedRecord(120, [(1, "04")] + bank + [(20, decimals), (35, booking), (43, value), (49, label), (91, amount)])
    }
    static func complement(_ qualifier: String, _ text: String) -> String {
        fixedRecord(120, [(1, "05")] + bank + [(35, "020224"), (46, qualifier), (49, text)])
    }
    static func closing(_ amount: String = "0000000009927A") -> String {
        fixedRecord(120, [(1, "07")] + bank + [(35, "050224"), (91, amount)])
    }
    static var lines: [String] {
        [opening(), movement("0000000000123J"), complement("LIB", "invoice 42"), movement("0000000000050B", label: "VIR IN"), closing()]
    }
}

/// The bytes of a file of `lines`, each followed by `separator` ("" for a file without line breaks).
func fixedFile(_ lines: [String], separator: String = "\n") -> [UInt8] {
    Array(lines.joined(separator: separator).utf8) + (separator.isEmpty ? [] : Array(separator.utf8))
}

@Suite struct FixedWidthReaderTests {
    let cfonb: FixedWidthBankReader

    init() throws { cfonb = try FixedWidthRead.reader("cfonb120") }

    func badRecord(_ body: () throws -> Void) -> (path: String, line: Int, field: String?, reason: String)? {
        do {
            try body()
            Issue.record("expected an error")
        } catch let InputError.badRecord(path, line, field, reason) {
            return (path, line, field, reason)
        } catch {
            Issue.record("unexpected \(error)")
        }
        return nil
    }

    // MARK: decoding

    @Test func overpunchTableDecodesEveryLastCharacter() {
        let positive = Array("{ABCDEFGHI".utf8), negative = Array("}JKLMNOPQR".utf8)
        for d in 0..<10 {
            #expect(Overpunch.decode(positive[d])! == (UInt8(d), false))
            #expect(Overpunch.decode(negative[d])! == (UInt8(d), true))
            #expect(Overpunch.decode(UInt8(48 + d))! == (UInt8(d), false)) // a plain digit: unsigned
            #expect(Overpunch.encode(digit: UInt8(d), negative: false) == positive[d])
            #expect(Overpunch.encode(digit: UInt8(d), negative: true) == negative[d])
        }
        for c in Array("S Z-+a".utf8) { #expect(Overpunch.decode(c) == nil) }
    }

    @Test(arguments: [
        ("0000000000000{", Int64(0)), ("0000000000000}", 0), ("0000000000012A", 121), ("0000000000012I", 129),
        ("0000000000012J", -121), ("0000000000012R", -129), ("0000000000012}", -120), ("00000000000120", 120),
    ])
    func overpunchedAmountsReadThroughTheCFONBSpec(_ field: String, _ cents: Int64) throws {
        let lines = [CFONBFixture.opening(), CFONBFixture.movement(field), CFONBFixture.closing()]
        let out = try FixedWidthRead.read(cfonb, bytes: fixedFile(lines))
        #expect(out.amounts == [cents])
    }

    @Test func aSmallStatementReadsMovementsComplementsAndBalances() throws {
        let out = try FixedWidthRead.read(cfonb, bytes: fixedFile(CFONBFixture.lines))
        #expect(out.amounts == [-12_31, 5_02])
        #expect(out.descriptions == ["VIR TEST invoice 42", "VIR IN"])
        #expect(out.booking(0) == "2024-02-02" && out.value(0) == "2024-02-03")
        #expect(out.table.line.map(Int.init) == [2, 4])
        let s = out.statements[0]
        #expect(s.openingBalance == 1000_00 && s.closingBalance == 992_71 && s.balanceGap == 0)
        #expect(s.movementCount == 2 && s.movementSum == -7_29)
    }

    @Test func twoDigitYearsPivotAt69UnlessTheSpecSaysOtherwise() throws {
        let spec = """
            [fixed-width]
            record_length = 20
            PIVOT
            [[fixed-width.records]]
            prefix = "O"
            role = "opening"
            fields.account = { start = 2, length = 3 }
            fields.currency = { start = 5, length = 3 }
            fields.balance = { start = 8, length = 4, decimals = 2 }
            [[fixed-width.records]]
            prefix = "M"
            role = "movement"
            fields.booking_date = { start = 2, format = "YYMMDD" }
            fields.amount = { start = 8, length = 4, decimals = 2 }
            """
        let input = Array("OACCEUR0000\nM6812310001\nM6901010001\nM4901010001\nM5001010001\n".utf8)
        let posix = try FixedWidthRead.read(try FixedWidthRead.reader(toml: spec.replacingOccurrences("PIVOT", "")), bytes: input)
        #expect((0..<4).map { posix.booking($0) } == ["2068-12-31", "1969-01-01", "2049-01-01", "2050-01-01"])
        let fifty = try FixedWidthRead.read(try FixedWidthRead.reader(toml: spec.replacingOccurrences("PIVOT", "year_pivot = 50")), bytes: input)
        #expect((0..<4).map { fifty.booking($0) } == ["1968-12-31", "1969-01-01", "2049-01-01", "1950-01-01"])
    }

    @Test func impliedDecimalsBecomeExactMinorUnitsOfTheCurrency() throws {
        let reader = try FixedWidthRead.reader(toml: """
            [fixed-width]
            record_length = 30
            [[fixed-width.records]]
            prefix = "O"
            role = "opening"
            fields.account = { start = 2, length = 3 }
            fields.currency = { start = 5, length = 3 }
            fields.balance = { start = 8, length = 9, decimals = 3 }
            [[fixed-width.records]]
            prefix = "M"
            role = "movement"
            fields.booking_date = { start = 2, format = "YYYYMMDD" }
            fields.decimals = { start = 10, length = 1 }
            fields.amount = { start = 11, length = 9, format = "digits" }
            """)
        let eur = try FixedWidthRead.read(reader, bytes: Array("""
            OACCEUR000001230
            M202401013-00001230
            M202401010000000012
            M202401012+00000012
            OACCJPY000123000
            M202401012000012300
            """.utf8))
        #expect(eur.statements.map(\.openingBalance) == [1_23, 123]) // 1.230 EUR; 123.000 JPY
        #expect(eur.amounts == [-1_23, 12_00, 12, 123])
        let e = badRecord { _ = try FixedWidthRead.read(reader, bytes: Array("OACCEUR000001230\nM202401013-00001235\n".utf8)) }
        #expect(e?.line == 2 && e?.field == "amount" && e?.reason.contains("more than the currency's 2") == true)
    }

    // MARK: line handling

    @Test func aFileWithoutLineBreaksIsSplitByRecordLength() throws {
        let lined = try FixedWidthRead.read(cfonb, bytes: fixedFile(CFONBFixture.lines))
        let unbroken = try FixedWidthRead.read(cfonb, bytes: fixedFile(CFONBFixture.lines, separator: ""), step: 37)
        #expect(unbroken.amounts == lined.amounts)
        #expect(unbroken.descriptions == lined.descriptions)
        #expect(unbroken.table.line.map(Int.init) == [2, 4]) // record numbers
        #expect(unbroken.statements == lined.statements)
        // A trailing line break after the last record is tolerated.
        let trailing = try FixedWidthRead.read(cfonb, bytes: fixedFile(CFONBFixture.lines, separator: "") + [13, 10])
        #expect(trailing.amounts == lined.amounts)
    }

    @Test func strippedTrailingSpacesCRLFBlankLinesAndAByteOrderMarkAreTolerated() throws {
        var lines = CFONBFixture.lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
        lines.insert("", at: 3)
        lines.insert("    ", at: 1)
        let bytes = [0xEF, 0xBB, 0xBF] + fixedFile(lines, separator: "\r\n")
        let out = try FixedWidthRead.read(cfonb, bytes: bytes, step: 100)
        #expect(out.amounts == [-12_31, 5_02])
        #expect(out.descriptions == ["VIR TEST invoice 42", "VIR IN"])
        #expect(out.table.line.map(Int.init) == [3, 6]) // blank lines keep their numbers
        #expect(out.statements[0].balanceGap == 0)
    }

    @Test func aLongerRecordIsAnErrorUnlessTheExcessIsSpaces() throws {
        var lines = CFONBFixture.lines
        lines[3] += "     "
        #expect(try FixedWidthRead.read(cfonb, bytes: fixedFile(lines)).amounts == [-12_31, 5_02])
        lines[3] += "X"
        let e = badRecord { _ = try FixedWidthRead.read(cfonb, bytes: fixedFile(lines), path: "long.cfo") }
        #expect(e?.line == 4 && e?.field == nil && e?.reason.contains("126 bytes, longer than the record length 120") == true)
    }

    // MARK: errors

    @Test func aShortRecordNamesItsLineAndTheFieldItLacks() {
        var lines = CFONBFixture.lines
        lines[3] = String(lines[3].prefix(95)) // cut inside the amount (bytes 91-104)
        let e = badRecord { _ = try FixedWidthRead.read(cfonb, bytes: fixedFile(lines), path: "short.cfo") }
        #expect(e?.path == "short.cfo" && e?.line == 4 && e?.field == "amount")
        #expect(e?.reason == "04 movement: record is 95 bytes, too short for this field (bytes 91-104)")
    }

    @Test func anUnknownRecordPrefixNamesItsLine() {
        var lines = CFONBFixture.lines
        lines.insert(fixedRecord(120, [(1, "03"), (3, "30003")]), at: 4)
        let e = badRecord { _ = try FixedWidthRead.read(cfonb, bytes: fixedFile(lines), path: "x.cfo") }
        #expect(e?.line == 5 && e?.field == nil && e?.reason.contains("unknown record type") == true)
    }

    @Test(arguments: [
        (CFONBFixture.movement("00000000001X3J"), "amount"),
        (CFONBFixture.movement("0000000000123S"), "amount"),
        (CFONBFixture.movement("              "), "amount"),
        (CFONBFixture.movement("0000000000123J", booking: "320224"), "booking_date"),
        (CFONBFixture.movement("0000000000123J", value: "300224"), "value_date"),
        (CFONBFixture.movement("0000000000123J", decimals: "X"), "decimals"),
    ])
    func aBadValueNamesFileLineAndField(_ movement: String, _ field: String) {
        var lines = CFONBFixture.lines
        lines[3] = movement
        let e = badRecord { _ = try FixedWidthRead.read(cfonb, bytes: fixedFile(lines), path: "bad.cfo") }
        #expect(e?.path == "bad.cfo" && e?.line == 4 && e?.field == field)
    }

    @Test func anEmptyOrBlankFileIsAnError() {
        for bytes in [[], Array("\n   \r\n\n".utf8)] as [[UInt8]] {
            #expect(throws: InputError.badRecord(path: "e.cfo", line: 1, field: nil, reason: "empty file: no records")) {
                _ = try FixedWidthRead.read(cfonb, bytes: bytes, path: "e.cfo")
            }
        }
    }

    @Test func aBadRecordOfAFileWithoutLineBreaksNamesItsRecordNumberAndOffset() {
        var lines = CFONBFixture.lines
        lines[3] = CFONBFixture.movement("0000000000123S")
        let e = badRecord { _ = try FixedWidthRead.read(cfonb, bytes: fixedFile(lines, separator: ""), path: "flat.cfo") }
        #expect(e?.line == 4 && e?.field == "amount")
        #expect(e?.reason.hasPrefix("record 4 at byte 360 (the file has no line breaks): 04 movement:") == true)
    }

    @Test func recordsOutOfPlaceAreErrors() {
        let lines = CFONBFixture.lines
        let early = badRecord { _ = try FixedWidthRead.read(cfonb, bytes: fixedFile(Array(lines[1...]))) }
        #expect(early?.line == 1 && early?.reason.contains("movement before any opening record") == true)
        let orphan = badRecord { _ = try FixedWidthRead.read(cfonb, bytes: fixedFile([lines[0], lines[2]])) }
        #expect(orphan?.line == 2 && orphan?.reason.contains("complement record with no movement before it") == true)
        let after = badRecord { _ = try FixedWidthRead.read(cfonb, bytes: fixedFile([lines[0], lines[4], lines[1]])) }
        #expect(after?.line == 3 && after?.reason.contains("after the closing record") == true)
        var other = lines
        other[4] = other[4].replacingOccurrences("01234567890", "09999999999")
        let mismatch = badRecord { _ = try FixedWidthRead.read(cfonb, bytes: fixedFile(other)) }
        #expect(mismatch?.line == 5 && mismatch?.field == "account")
    }

    @Test func aRejectedMovementTakesItsComplementsWithItAndLeavesTheStatementShort() throws {
        var lines = CFONBFixture.lines
        lines[1] = CFONBFixture.movement("0000000000123S")
        let out = try FixedWidthRead.read(cfonb, bytes: fixedFile(lines), path: "r.cfo", maxRejects: 1)
        #expect(out.amounts == [5_02])
        #expect(out.descriptions == ["VIR IN"]) // the LIB complement of the rejected movement is not folded elsewhere
        #expect(out.result.rows == 1 && out.result.rejected == 1)
        #expect(out.rejects.rejects.map(\.line) == [2] && out.rejects.rejects[0].field == "amount")
        #expect(out.rejects.rejects[0].raw == lines[1])
        let s = out.statements[0]
        #expect(s.movementCount == 1 && s.balanceGap == 12_31) // the run sees the gap
        #expect(throws: InputError.self) { _ = try FixedWidthRead.read(cfonb, bytes: fixedFile(lines)) }
    }

    @Test func aBadBalanceStopsTheReadingEvenWithRejectsAllowed() {
        var lines = CFONBFixture.lines
        lines[0] = CFONBFixture.opening("0000000010000S")
        let e = badRecord { _ = try FixedWidthRead.read(cfonb, bytes: fixedFile(lines), maxRejects: 10) }
        #expect(e?.line == 1 && e?.field == "balance")
    }

    @Test func anUnknownCurrencyCodeNamesTheCurrencyField() throws {
        let aeb = try FixedWidthRead.reader("aeb43")
        let header = fixedRecord(80, [(1, "11"), (3, "123412341234567890"), (21, "240101"), (27, "240131"), (33, "2"),
                                      (34, "00000000010000"), (48, "999")])
        let e = badRecord { _ = try FixedWidthRead.read(aeb, bytes: Array((header + "\n").utf8), path: "n.n43") }
        #expect(e?.line == 1 && e?.field == "currency" && e?.reason.contains("'999' is not an ISO 4217 code") == true)
    }

    // MARK: grouped movements and encodings

    @Test func globalisedMovementsCountOnlyTheirTotalOnce() throws {
        let coda = try FixedWidthRead.reader("coda")
        func r(_ fields: [(Int, String)]) -> String { fixedRecord(128, fields) }
        let lines = [
            r([(1, "00000"), (6, "010124"), (128, "2")]),
            r([(1, "10"), (3, "007"), (6, "123456789012"), (19, "EUR"), (43, "0"), (44, "000000000100000"), (59, "010124")]),
            // Total of a globalisation: 30.000 debit, code 1, then two details with the same sequence number.
            r([(1, "21"), (3, "0001"), (7, "0000"), (11, "REF-GLOBAL"), (32, "1"), (33, "000000000030000"), (48, "020124"),
               (54, "10150000"), (63, "BATCH PAYMENT"), (116, "020124"), (125, "1"), (126, "1")]),
            r([(1, "22"), (3, "0001"), (7, "0000"), (64, "E2E-GLOBAL")]),
            r([(1, "21"), (3, "0001"), (7, "0001"), (11, "REF-DETAIL1"), (32, "1"), (33, "000000000010000"), (48, "020124"),
               (54, "50150000"), (116, "020124"), (125, "0"), (126, "1")]),
            r([(1, "22"), (3, "0001"), (7, "0001"), (64, "E2E-DETAIL")]),
            r([(1, "21"), (3, "0001"), (7, "0002"), (11, "REF-DETAIL2"), (32, "1"), (33, "000000000020000"), (48, "020124"),
               (54, "50150000"), (116, "020124"), (125, "1")]),
            r([(1, "21"), (3, "0002"), (7, "0000"), (11, "REF-PLAIN"), (32, "0"), (33, "000000000005000"), (48, "030124"),
               (54, "00150000"), (116, "030124"), (125, "0"), (126, "0"), (128, "1")]),
            r([(1, "31"), (3, "0002"), (7, "0001"), (41, "001SOMEONE")]),
            r([(1, "8"), (2, "007"), (5, "123456789012"), (18, "EUR"), (42, "0"), (43, "000000000075000"), (58, "030124")]),
            r([(1, "9"), (17, "000009"), (23, "000000000030000"), (38, "000000000005000"), (128, "2")]),
        ]
        let out = try FixedWidthRead.read(coda, bytes: fixedFile(lines))
        #expect(out.amounts == [-30_00, 5_00])
        #expect(out.table.bankRef.string(0) == "REF-GLOBAL" && out.table.endToEndId.string(0) == "E2E-GLOBAL")
        #expect(out.descriptions == ["BATCH PAYMENT", "001SOMEONE"])
        let s = out.statements[0]
        #expect(s.id == "007" && s.openingBalance == 100_00 && s.closingBalance == 75_00 && s.balanceGap == 0)
        #expect(s.controls.map(\.name) == ["9 trailer debit_total", "9 trailer credit_total", "9 trailer record_count"])
        #expect(s.controls.allSatisfy { $0.holds })

        // Two CODA files one after the other: the header (0) restarts the trailer's record count.
        let twice = try FixedWidthRead.read(coda, bytes: fixedFile(lines + lines))
        #expect(twice.statements.count == 2 && twice.amounts == [-30_00, 5_00, -30_00, 5_00])
        #expect(twice.statements.allSatisfy { $0.controls.allSatisfy { $0.holds } && $0.balanceGap == 0 })
    }

    /// Febelfin CODA 2.6, record 9: "number of records 1, 2.1, 2.2, 2.3, 3.1, 3.2, 3.3 and 8" — free
    /// communication (record 4) is not counted. Counting it gave every CODA file with a record 4 a
    /// false, critical `balance_mismatch` from its trailer.
    @Test func theCODATrailerCountLeavesOutFreeCommunicationAndStillCatchesAWrongCount() throws {
        let coda = try FixedWidthRead.reader("coda")
        func r(_ fields: [(Int, String)]) -> String { fixedRecord(128, fields) }
        func file(count: String) -> [String] {
            [
                r([(1, "00000"), (6, "010124"), (128, "2")]),
                r([(1, "10"), (3, "007"), (6, "123456789012"), (19, "EUR"), (43, "0"), (44, "000000000100000"), (59, "010124")]),
                r([(1, "21"), (3, "0001"), (7, "0000"), (11, "REF-1"), (32, "0"), (33, "000000000005000"), (48, "020124"),
                   (54, "00150000"), (116, "020124"), (125, "0"), (126, "0"), (128, "0")]),
                r([(1, "4"), (3, "0001"), (7, "0000"), (33, "A FREE COMMUNICATION FROM THE BANK")]),
                r([(1, "4"), (3, "0002"), (7, "0000"), (33, "AND ANOTHER ONE")]),
                r([(1, "8"), (2, "007"), (5, "123456789012"), (18, "EUR"), (42, "0"), (43, "000000000105000"), (58, "020124")]),
                r([(1, "9"), (17, count), (23, "000000000000000"), (38, "000000000005000"), (128, "2")]),
            ]
        }
        // Records 1, 21 and 8: three, the two records 4 left out.
        let good = try FixedWidthRead.read(coda, bytes: fixedFile(file(count: "000003")))
        #expect(good.amounts == [5_00] && good.statements.count == 1)
        let count = try #require(good.statements[0].controls.first { $0.name == "9 trailer record_count" })
        #expect(count.holds && count.declared == 3 && count.computed == 3)
        #expect(good.statements[0].balanceGap == 0)
        // A trailer that counts the records 4 (or any other wrong count) is still caught.
        for wrong in ["000005", "000004", "000002"] {
            let bad = try FixedWidthRead.read(coda, bytes: fixedFile(file(count: wrong)))
            let control = try #require(bad.statements[0].controls.first { $0.name == "9 trailer record_count" })
            #expect(!control.holds && control.computed == 3 && control.declared == Int64(wrong), "\(wrong)")
        }
    }

    @Test func gb18030TextIsDecodedPerFieldAndSignCodesCompareInTheFileEncoding() throws {
        let reader = try FixedWidthRead.reader("cn-bank-fixed")
        let gb = try FixedWidthTextEncoder(to: .gb18030)
        func record(_ fields: [(Int, String)]) throws -> [UInt8] {
            var b = [UInt8](repeating: 32, count: 244)
            for (start, text) in fields {
                let t = try gb.encode(text)
                b.replaceSubrange((start - 1)..<(start - 1 + t.count), with: t)
            }
            return b + [10]
        }
        let bytes = try record([(1, "H"), (2, "6222000000000001"), (34, "CNY"), (37, "20261101"), (45, "20261102"), (53, "+"),
                                (54, "000000000000100000")])
            + record([(1, "D"), (2, "流水0001"), (34, "20261101"), (42, "20261101"), (50, "借"), (52, "000000000000012345"),
                      (105, "王五科技有限公司"), (165, "代付 payout")])
            + record([(1, "D"), (2, "流水0002"), (34, "20261102"), (42, "20261102"), (50, "C"), (52, "000000000000000100"),
                      (70, "R000000000001")])
            + record([(1, "T"), (2, "0000000002"), (12, "0000000001"), (22, "000000000000012345"), (40, "0000000001"),
                      (50, "000000000000000100"), (68, "+"), (69, "000000000000087755"), (87, "20261102"), (95, "6222000000000001")])
        let out = try FixedWidthRead.read(reader, bytes: bytes, path: "cn.txt")
        #expect(out.amounts == [-123_45, 1_00])
        #expect(out.table.bankRef.string(0) == "流水0001" && out.table.counterparty.string(0) == "王五科技有限公司")
        #expect(out.descriptions == ["代付 payout", ""])
        #expect(out.table.endToEndId.string(1) == "R000000000001")
        #expect(out.statements[0].balanceGap == 0 && out.statements[0].controls.allSatisfy { $0.holds })
        #expect(out.result.encoding == "gb18030")

        var broken = bytes
        broken[244 + 1 + 104] = 0xFF // a byte GB18030 cannot start a character with, in the counterparty
        broken[244 + 1 + 105] = 0xFF
        let e = badRecord { _ = try FixedWidthRead.read(reader, bytes: broken, path: "cn.txt") }
        #expect(e?.line == 2 && e?.field == "counterparty" && e?.reason.contains("not valid gb18030 text") == true)
    }
}

extension String {
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        var out = ""
        var rest = Substring(self)
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound] + replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
