import Foundation
import GRDB
import ReconCore
@testable import ReconStore
import ReconTestSupport
import Testing

/// The store keeps a run's breaks as typed rows (the run's `BreakLine` and its id), gives them back
/// exactly, refuses a row changed to what its column cannot hold instead of crashing, and carries a
/// store written before the rows were typed forward (issue 19).
@Suite struct BreakStoreTests {
    static func run(_ id: Int64, date: String) -> RunRecord {
        RunRecord(id: id, businessDate: date, startedAt: "2026-12-03T00:00:00Z", finishedAt: "2026-12-03T00:00:01Z", status: "completed",
                  supersededBy: nil, configHash: "c", engineVersion: "t", bankRows: 2, ledgerRows: 1, breakCount: 2, alerts: 1,
                  exitCode: 1, outputDirectory: "/tmp/x", message: "")
    }

    static let lines = [
        BreakLine(kind: .unmatchedBankDebit, severity: .critical, account: "SUB-1, main", currency: "CNY", bankRef: "B\"1",
                  bankDate: Day(iso: "2026-11-02"), bankAmount: -1234, exponent: 2, ageDays: 3, detail: "money out\nwith no ledger instruction"),
        // A custody balance wider than 64 bits, kept to the cent.
        BreakLine(kind: .segregationShortfall, severity: .critical, account: "6222", currency: "JPY", bankDate: Day(iso: "2026-11-02"),
                  ledgerDate: Day(iso: "2026-11-02"), bankAmount: Int128(Int64.max) * 4, ledgerAmount: Int128(Int64.max) * 4 + 7,
                  difference: -7, exponent: 0, ageDays: 0, detail: "short"),
    ]

    func store(_ name: String) throws -> (RunStore, String) {
        let dir = try ReconProcess.temporaryDirectory(name)
        let store = try RunStore(path: dir + "/recon.db")
        try store.recordCompletedRun(Self.run(1, date: "2026-11-02"), inputs: [],
                                     breaks: Self.lines.map { StoredBreak(id: "BRK-" + $0.bankRef, line: $0) }, openItems: [], outputsHash: "h")
        return (store, dir)
    }

    @Test func aRunsBreaksComeBackAsTheLinesItRecorded() throws {
        let (store, dir) = try store("typed-breaks")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try store.breaks(ofRun: 1).map(\.line) == Self.lines)
        #expect(try store.currentBreaks().map(\.breakRecord.line) == Self.lines)
        let types = try DatabaseQueue(path: dir + "/recon.db").read { db in
            try String.fetchAll(db, sql: "SELECT typeof(bank_amount) || '/' || typeof(ledger_amount) FROM breaks ORDER BY rowid")
        }
        #expect(types == ["integer/null", "text/text"], "minor units as integers; wider ones as their digits")
    }

    @Test func aBreakChangedToWhatItsColumnCannotHoldIsAnErrorNotACrash() throws {
        let (store, dir) = try store("tampered-breaks")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for change in ["age_days = 'soon'", "bank_amount = 'lots'", "kind = 'bogus'", "bank_date = '2026-13-45'", "exponent = X'00'"] {
            let db = try DatabaseQueue(path: dir + "/recon.db")
            try db.write { try $0.execute(sql: "UPDATE breaks SET \(change) WHERE rowid = 1") }
            if (try? store.breaks(ofRun: 1)) != nil { Issue.record("\(change): read without an error") }
            if (try? store.currentBreaks()) != nil { Issue.record("\(change): current breaks read without an error") }
            try db.write { try $0.execute(sql: "DELETE FROM breaks WHERE rowid = 1") }
            try db.write { db in
                let record = BreakRecord(runId: 1, StoredBreak(id: "BRK-B\"1", line: Self.lines[0]))
                try db.execute(sql: "INSERT INTO breaks (rowid, run_id, break_id, kind, severity, account, currency, bank_ref, ledger_id, bank_date, ledger_date, bank_amount, ledger_amount, difference, exponent, age_days, detail) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               arguments: [record.runId, record.breakId, record.kind, record.severity, record.account, record.currency,
                                           record.bankRef, record.ledgerId, record.bankDate, record.ledgerDate, record.bankAmount,
                                           record.ledgerAmount, record.difference, record.exponent, record.ageDays, record.detail])
            }
            #expect(try store.breaks(ofRun: 1).map(\.line) == Self.lines, "restored after \(change)")
        }
    }

    /// A store an earlier Recon wrote: migrated up to `migration`, with one run and `rows` inserted as
    /// that version's SQL; then opened by this one.
    func olderStore(_ name: String, upTo migration: String, rows: [String]) throws -> (RunStore, String) {
        let dir = try ReconProcess.temporaryDirectory(name)
        let old = try DatabaseQueue(path: dir + "/recon.db")
        try StoreSchema.migrator.migrate(old, upTo: migration)
        try old.write { db in
            try db.execute(sql: "INSERT INTO runs (id, business_date, started_at, status, config_hash, engine_version) VALUES (1, '2026-11-02', 't', 'completed', 'c', 'v')")
            for sql in rows { try db.execute(sql: sql) }
        }
        try old.close()
        return (try RunStore(path: dir + "/recon.db"), dir)
    }

    @Test func aStoreWrittenBeforeBreaksWereTypedIsCarriedForward() throws {
        let (store, dir) = try olderStore("migrate-breaks", upTo: "v4: bank lines reconciled per run; the business date a decision was made on", rows: [
            "INSERT INTO breaks VALUES (1, 'BRK-1', 'unmatched_bank_debit', 'critical', 'SUB-1, main', 'CNY', 'B\"1', '', '2026-11-02', '', '-12.34', '', '', 3, 'money out\nwith no ledger instruction')",
            "INSERT INTO breaks VALUES (1, 'BRK-2', 'timing_difference', 'info', 'A', 'JPY', 'B2', 'T2', '2026-11-02', '2026-11-01', '500', '500', '0', 1, 'same transaction booked 1 day(s) apart')"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try store.breaks(ofRun: 1).map(\.line) == [
            BreakLine(kind: .unmatchedBankDebit, severity: .critical, account: "SUB-1, main", currency: "CNY", bankRef: "B\"1",
                      bankDate: Day(iso: "2026-11-02"), bankAmount: -1234, exponent: 2, ageDays: 3, detail: "money out\nwith no ledger instruction"),
            BreakLine(kind: .timingDifference, severity: .info, account: "A", currency: "JPY", bankRef: "B2", ledgerId: "T2",
                      bankDate: Day(iso: "2026-11-02"), ledgerDate: Day(iso: "2026-11-01"), bankAmount: 500, ledgerAmount: 500, difference: 0,
                      exponent: 0, ageDays: 1, detail: "same transaction booked 1 day(s) apart")])
        #expect(try store.breaks(ofRun: 1).map(\.id) == ["BRK-1", "BRK-2"])
    }

    @Test func openItemsComeBackAsTheValuesRecordedAndOldTextRowsAreCarriedForward() throws {
        let (store, dir) = try olderStore("open-items", upTo: "v5: breaks typed (amounts in minor units)", rows: [
            "INSERT INTO open_items VALUES (1, 'bank', 'BRK-b', 'B1,SUB-1,2026-11-02,2026-11-03,-12.34,CNY,E2E,\"ACME, \"\"LTD\"\"\",\"two\nlines\"')",
            "INSERT INTO open_items VALUES (1, 'ledger', 'BRK-l', 'T1,SUB-2,2026-11-01,500,JPY,fee,R1,BATCH-9,')"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bank = CarriedBankLine(bankRef: "B1", account: "SUB-1", bookingDate: Day(iso: "2026-11-02")!, valueDate: Day(iso: "2026-11-03")!,
                                   amount: -1234, currency: "CNY", endToEndId: "E2E", counterparty: "ACME, \"LTD\"", description: "two\nlines")
        let ledger = CarriedLedgerRecord(txnId: "T1", account: "SUB-2", valueDate: Day(iso: "2026-11-01")!, amount: 500, currency: "JPY",
                                         type: "fee", reference: "R1", batchId: "BATCH-9")
        #expect(try store.openItems(ofRun: 1, carryingInto: "2026-11-03") == [OpenItem(breakId: "BRK-b", row: .bank(bank)),
                                                                                OpenItem(breakId: "BRK-l", row: .ledger(ledger))])
        // A new run's items go in and come out as the same values.
        var wide = bank
        wide.bankRef = "B2"; wide.amount = Int64.min + 1
        try store.recordCompletedRun(Self.run(2, date: "2026-11-03"), inputs: [], breaks: [],
                                     openItems: [OpenItem(breakId: "BRK-w", row: .bank(wide)), OpenItem(breakId: "BRK-l", row: .ledger(ledger))],
                                     outputsHash: "h")
        #expect(try store.openItems(ofRun: 2, carryingInto: "2026-11-04") == [OpenItem(breakId: "BRK-w", row: .bank(wide)),
                                                                                OpenItem(breakId: "BRK-l", row: .ledger(ledger))])
    }
}
