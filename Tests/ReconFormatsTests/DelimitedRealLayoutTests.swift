import Foundation
import Testing
import ReconCore
import ReconTestSupport
@testable import ReconFormats

/// Bank CSV exports as banks write them (issue 18): an unsigned amount column whose sign a separate
/// debit/credit indicator column decides, and thousands separators (`1,533.50`), expressed by a spec.
@Suite struct DelimitedRealLayoutTests {
    /// After the layout of US and Hong Kong bank "account activity" CSV downloads (Chase, HSBC HK:
    /// `Details`/`Type` DR|CR columns, amounts quoted with thousands separators).
    static let spec = """
        name = "dr-cr-indicator"
        family = "delimited"
        [delimited]
        date_format = "MM/dd/yyyy"
        thousands_separator = ","
        account = "HK-ACC-001"
        currency = "HKD"
        [delimited.columns]
        bank_ref = "Reference"
        booking_date = "Posting Date"
        amount = "Amount"
        direction = "DR/CR"
        description = "Description"
        [delimited.direction]
        debit = ["DR"]
        credit = ["CR"]
        """

    static let file = """
        Posting Date,Reference,Description,DR/CR,Amount
        01/05/2024,R1,SALARY,CR,"1,533.50"
        01/06/2024,R2,RENT,DR,"12,000.00"
        01/07/2024,R3,COFFEE,DR,4.25
        01/08/2024,R4,REFUND,CR,"1,000,000.01"

        """

    @Test func anUnsignedAmountTakesItsSignFromTheIndicatorColumnAndThousandsSeparatorsAreRead() throws {
        let dir = try ReconProcess.temporaryDirectory("drcr")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.spec.write(toFile: dir + "/dr-cr.toml", atomically: true, encoding: .utf8)
        let reader = try #require(try FormatRegistry.load(path: dir + "/dr-cr.toml").bankReader)
        var source = MemorySource(Self.file, step: 9)
        var table = BankTable(), catalog = Catalog(), rejects = RejectLog(limit: 0)
        let result = try reader.read(source: &source, path: "activity.csv", fileIndex: 0, into: &table, catalog: &catalog, rejects: &rejects)
        #expect(result.rows == 4 && result.rejected == 0)
        #expect(table.amount == [1_533_50, -12_000_00, -4_25, 1_000_000_01])
        #expect(table.amount.reduce(0, +) == 989_529_26)
        #expect((0..<4).map { table.bankRef.string($0) } == ["R1", "R2", "R3", "R4"])
        #expect(table.date(0) == Day(iso: "2024-01-05") && catalog.currencies.string(table.currency[0]) == "HKD")
        // An indicator the spec does not know is refused, naming the column.
        var bad = MemorySource(Self.file.replacingOccurrences(of: ",CR,\"1,533.50\"", with: ",XX,\"1,533.50\""), step: 9)
        var t2 = BankTable(), c2 = Catalog(), r2 = RejectLog(limit: 0)
        #expect(throws: InputError.self) { _ = try reader.read(source: &bad, path: "activity.csv", fileIndex: 0, into: &t2, catalog: &c2, rejects: &r2) }
    }
}
