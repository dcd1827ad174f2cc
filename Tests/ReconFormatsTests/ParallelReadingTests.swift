import Foundation
import Testing
import ReconCore
@testable import ReconFormats
import ReconTestSupport

@Suite struct ParallelReadingTests {
    /// A canonical bank file with quoted fields, embedded line breaks and doubled quotes.
    func text(rows: Int) -> String {
        var s = "bank_ref,account,booking_date,value_date,amount,currency,end_to_end_id,counterparty,description\n"
        for i in 0..<rows {
            let cp = i % 3 == 0 ? "\"Acme, \"\"quoted\"\"\nInc.\"" : "plain \(i)"
            s += "B\(i),ACC\(i % 17),2026-11-\(10 + i % 9),,\(i).\(i % 100 < 10 ? "0" : "")\(i % 100),\(i % 5 == 0 ? "USD" : "CNY"),R\(i),\(cp),d\n"
        }
        return s
    }

    func read(_ text: String, workers: Int, blockBytes: Int, maxRejects: Int = 0) throws -> (BankTable, Catalog, RejectLog) {
        var table = BankTable(), catalog = Catalog(), rejects = RejectLog(limit: maxRejects)
        var source = MemorySource(text, step: 4099)
        let reading = ParallelDelimitedReading(scanner: CSVScanner(maxRecordBytes: 4096), workers: workers, blockBytes: blockBytes)
        _ = try reading.read(source: { try source.read(into: $0) }, sizeEstimate: { nil }, path: "p.csv", side: .bank,
                             columns: CanonicalLayout.bankColumns, rejects: &rejects,
                             makeSegment: { BankSegment(stores: .standard) },
                             merge: { $0.merge(into: &table, catalog: &catalog, file: 0) })
        return (table, catalog, rejects)
    }

    @Test func anyWorkerCountAndBlockSizeGiveTheSequentialResult() throws {
        let t = text(rows: 3000)
        let (reference, refCatalog, _) = try read(t, workers: 1, blockBytes: 1 << 20)
        #expect(reference.count == 3000)
        for (workers, block) in [(2, 4096), (3, 1000), (7, 333), (4, 1 << 16)] {
            let (table, catalog, _) = try read(t, workers: workers, blockBytes: block)
            #expect(table.amount == reference.amount)
            #expect(table.account == reference.account)
            #expect(table.currency == reference.currency)
            #expect(table.line == reference.line)
            #expect(table.counterparty.bytes == reference.counterparty.bytes)
            #expect(table.counterparty.ends == reference.counterparty.ends)
            #expect(catalog.accounts.values.bytes == refCatalog.accounts.values.bytes)
        }
        #expect(reference.counterparty.string(0) == "Acme, \"quoted\"\nInc.")
        #expect(reference.line[1] == 4, "row 0 spans lines 2 and 3")
    }

    @Test func theFirstErrorInFileOrderIsReportedWhateverTheWorkers() throws {
        var t = text(rows: 2000)
        t = t.replacingOccurrences(of: "B1500,ACC4,2026-11-16,,1500.00", with: "B1500,ACC4,2026-11-16,,15x0.00")
        t = t.replacingOccurrences(of: "B1800,ACC15,2026-11-10,,1800.00", with: "B1800,ACC15,2026-13-10,,1800.00")
        var lines: [Int] = []
        for workers in [1, 3, 8] {
            do {
                _ = try read(t, workers: workers, blockBytes: 2000)
                Issue.record("expected an error")
            } catch let InputError.badRecord(_, line, field, _) {
                lines.append(line)
                #expect(field == "amount")
            }
        }
        #expect(Set(lines).count == 1)
        let (_, _, rejects) = try read(t, workers: 5, blockBytes: 1500, maxRejects: 2)
        #expect(rejects.rejects.map(\.field) == ["amount", "booking_date"])
        #expect(rejects.rejects[0].line < rejects.rejects[1].line)
    }

    @Test func blankLinesBeforeTheHeaderAreSkipped() throws {
        let body = "\n\r\n" + text(rows: 50)
        let (table, _, _) = try read(body, workers: 3, blockBytes: 700)
        #expect(table.count == 50)
        #expect((0..<50).map { table.bankRef.string($0) } == (0..<50).map { "B\($0)" })
        #expect(table.line[0] == 4, "two blank lines, then the header on line 3")
    }

    @Test func aHeaderLongerThanTheFirstRoundStillParses() throws {
        let header = "bank_ref,account,booking_date,value_date,amount,currency,end_to_end_id,counterparty,description"
            + String(repeating: ",x", count: 300) + "\n"
        var rows = ""
        for i in 0..<20 { rows += "B\(i),A,2026-11-20,,1.00,CNY,,,d" + String(repeating: ",", count: 300) + "\n" }
        let (table, _, _) = try read(header + rows, workers: 2, blockBytes: 256)
        #expect((0..<table.count).map { table.bankRef.string($0) } == (0..<20).map { "B\($0)" })
        #expect(table.amount == Array(repeating: 100, count: 20))
    }
}
