import Testing
import ReconCore
import ReconTestSupport
@testable import ReconFormats

@Suite struct CanonicalReaderTests {
    let header = "bank_ref,account,booking_date,value_date,amount,currency,end_to_end_id,counterparty,description\n"

    func readBank(_ body: String, maxRejects: Int = 0) throws -> (BankTable, Catalog, RejectLog, BankFileResult) {
        var source = MemorySource(header + body)
        var table = BankTable(), catalog = Catalog(), rejects = RejectLog(limit: maxRejects)
        let s = try CanonicalBankReader().read(source: &source, path: "bank.csv", fileIndex: 0, into: &table,
                                               catalog: &catalog, rejects: &rejects)
        return (table, catalog, rejects, s)
    }

    @Test func readsValuesIntoColumns() throws {
        let (t, catalog, _, summary) = try readBank("""
            B1,ACC,2026-11-18,2026-11-19,-12.30,CNY,R-1,"Acme, Inc.",x
            B2,ACC,2026-11-18,,5000,JPY,,,
            """)
        #expect(t.count == 2)
        #expect(t.amount == [-1230, 5000])
        #expect(t.valueDate[1] == t.bookingDate[1])
        #expect(t.valueDate[0] == Day(iso: "2026-11-19")!.rawValue)
        #expect(t.account[0] == t.account[1])
        #expect(catalog.accounts.string(t.account[0]) == "ACC")
        #expect(t.counterparty.string(0) == "Acme, Inc.")
        #expect(t.endToEndId.isEmpty(1))
        #expect(summary.rows == 2 && summary.rejected == 0)
    }

    @Test func findsColumnsByHeaderName() throws {
        var source = MemorySource("""
            account,bank_ref,amount,currency,booking_date,value_date,end_to_end_id,counterparty,description,extra
            ACC,B1,1.00,USD,2026-01-02,2026-01-02,,,,ignored
            """)
        var table = BankTable(), catalog = Catalog(), rejects = RejectLog(limit: 0)
        _ = try CanonicalBankReader().read(source: &source, path: "b.csv", fileIndex: 0, into: &table,
                                           catalog: &catalog, rejects: &rejects)
        #expect(table.bankRef.string(0) == "B1")
        #expect(table.amount == [100])
    }

    @Test func aMissingColumnNamesTheColumn() {
        var source = MemorySource("bank_ref,account\nB1,A\n")
        var table = BankTable(), catalog = Catalog(), rejects = RejectLog(limit: 0)
        #expect(throws: InputError.missingColumn(path: "b.csv", line: 1, column: "booking_date")) {
            _ = try CanonicalBankReader().read(source: &source, path: "b.csv", fileIndex: 0, into: &table,
                                               catalog: &catalog, rejects: &rejects)
        }
    }

    @Test(arguments: [
        ("B1,ACC,2026-13-01,,1.00,CNY,,,", "booking_date"),
        ("B1,ACC,2026-11-01,,1.0x,CNY,,,", "amount"),
        ("B1,ACC,2026-11-01,,99999999999999999999,CNY,,,", "amount"),
        ("B1,ACC,2026-11-01,,1.00,yuan,,,", "currency"),
        (",ACC,2026-11-01,,1.00,CNY,,,", "bank_ref"),
    ])
    func aBadValueStopsTheRunNamingFileLineAndColumn(_ row: String, _ column: String) {
        do {
            _ = try readBank("B0,ACC,2026-11-01,,1.00,CNY,,,\n" + row + "\n")
            Issue.record("expected an error")
        } catch let InputError.badRecord(path, line, field, _) {
            #expect(path == "bank.csv" && line == 3 && field == column)
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func aWrongFieldCountIsAnError() {
        #expect(throws: InputError.badRecord(path: "bank.csv", line: 2, field: nil, reason: "expected 9 fields, found 3")) {
            _ = try readBank("B1,ACC,2026-11-01\n")
        }
    }

    @Test func rejectsAreCollectedUpToTheLimitThenStopTheRun() throws {
        let body = "B1,ACC,2026-11-01,,1.00,CNY,,,\nB2,ACC,bad,,1.00,CNY,,,\nB3,ACC,2026-11-01,,x,CNY,,,\n"
        let (t, _, rejects, summary) = try readBank(body, maxRejects: 2)
        #expect(t.count == 1 && summary.rejected == 2)
        #expect(rejects.rejects.map(\.line) == [3, 4])
        #expect(rejects.rejects.map(\.field) == ["booking_date", "amount"])
        #expect(rejects.rejects[0].raw == "B2,ACC,bad,,1.00,CNY,,,")
        #expect(throws: InputError.self) { _ = try readBank(body, maxRejects: 1) }
    }

    @Test func anEmptyFileIsAnError() {
        var source = MemorySource("")
        var table = BankTable(), catalog = Catalog(), rejects = RejectLog(limit: 0)
        #expect(throws: InputError.self) {
            _ = try CanonicalBankReader().read(source: &source, path: "e.csv", fileIndex: 0, into: &table,
                                               catalog: &catalog, rejects: &rejects)
        }
    }

    @Test func theDigestIsTheSHA256OfTheBytes() throws {
        var digest = StreamDigest()
        Array("abc".utf8).withUnsafeBufferPointer { digest.update($0) }
        #expect(digest.hex() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
