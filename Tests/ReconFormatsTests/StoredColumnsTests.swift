import Testing
import ReconCore
import ReconTestSupport
@testable import ReconFormats

/// A table stores the optional columns it is asked to and no others, and the columns matching reads
/// are the same whichever it stores.
@Suite struct StoredColumnsTests {
    let bank = """
        bank_ref,account,booking_date,value_date,amount,currency,end_to_end_id,counterparty,description
        B1,ACC,2026-11-18,2026-11-19,-12.30,CNY,R-1,"Acme, Inc.",fee
        B2,ACC2,2026-11-18,,5000,JPY,,李四,
        """
    let ledger = """
        txn_id,account,value_date,amount,currency,type,reference,batch_id,counterparty
        T1,ACC,2026-11-18,-12.30,CNY,fee,R-1,,Acme
        T2,ACC2,2026-11-17,5000,JPY,deposit,,BATCH-1,李四
        """

    func readBank(_ stores: StoredColumns) throws -> BankTable {
        var source = MemorySource(bank + "\n")
        var table = BankTable(), catalog = Catalog(), rejects = RejectLog(limit: 0)
        table.stores = stores
        _ = try CanonicalBankReader().read(source: &source, path: "bank.csv", fileIndex: 3, into: &table,
                                           catalog: &catalog, rejects: &rejects)
        return table
    }

    func readLedger(_ stores: StoredColumns) throws -> LedgerTable {
        var source = MemorySource(ledger + "\n")
        var table = LedgerTable(), catalog = Catalog(), rejects = RejectLog(limit: 0)
        table.stores = stores
        _ = try CanonicalLedgerReader().read(source: &source, path: "ledger.csv", fileIndex: 1, into: &table,
                                             catalog: &catalog, rejects: &rejects)
        return table
    }

    @Test func aBankTableForMatchingLeavesTheOptionalColumnsEmptyAndKeepsTheRest() throws {
        let all = try readBank(.all), lean = try readBank(.matching)
        #expect(all.counterparty.string(1) == "李四" && all.description.string(0) == "fee")
        #expect(all.line == [2, 3] && all.file == [3, 3])
        #expect(all.valueDate == [Day(iso: "2026-11-19")!.rawValue, Day(iso: "2026-11-18")!.rawValue])
        #expect(lean.count == 2)
        #expect(lean.counterparty.count == 0 && lean.description.count == 0)
        #expect(lean.valueDate.isEmpty && lean.line.isEmpty && lean.file.isEmpty)
        #expect(lean.amount == all.amount && lean.account == all.account && lean.currency == all.currency)
        #expect(lean.bookingDate == all.bookingDate && lean.endToEndHash == all.endToEndHash)
        #expect(lean.bankRef.bytes == all.bankRef.bytes && lean.endToEndId.bytes == all.endToEndId.bytes)
        // Without stored value dates, a row's value date reads as its booking date.
        #expect(lean.valueDay(0) == Day(iso: "2026-11-18")! && all.valueDay(0) == Day(iso: "2026-11-19")!)
    }

    @Test func aLedgerTableForMatchingLeavesTheOptionalColumnsEmptyAndKeepsTheRest() throws {
        let all = try readLedger(.standard), lean = try readLedger(.matching)
        #expect(all.counterparty.string(1) == "李四" && all.line == [2, 3] && all.file == [1, 1])
        #expect(lean.counterparty.count == 0 && lean.line.isEmpty && lean.file.isEmpty)
        #expect(lean.amount == all.amount && lean.valueDate == all.valueDate && lean.type == all.type)
        #expect(lean.referenceHash == all.referenceHash && lean.batchHash == all.batchHash)
        #expect(lean.txnId.bytes == all.txnId.bytes && lean.batchId.bytes == all.batchId.bytes)
    }

    @Test func canonicalWritersFillColumnsATableDoesNotStoreWithTheirDefaults() throws {
        var catalog = Catalog()
        var source = MemorySource(bank + "\n")
        var table = BankTable(), rejects = RejectLog(limit: 0)
        table.stores = .matching
        _ = try CanonicalBankReader().read(source: &source, path: "bank.csv", fileIndex: 0, into: &table,
                                           catalog: &catalog, rejects: &rejects)
        var out: [UInt8] = []
        CanonicalBankWriter.appendRow(0, of: table, catalog: catalog, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "B1,ACC,2026-11-18,2026-11-18,-12.30,CNY,R-1,,\n")
    }
}
