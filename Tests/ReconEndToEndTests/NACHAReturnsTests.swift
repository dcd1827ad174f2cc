import Foundation
import ReconTestSupport
import Testing

/// A returns file reconciled against the payouts it returns: the reason (R01 ...) is in the break.
@Suite struct NACHAReturnsTests {
    /// A record of 94 characters from its fields at their 1-based positions.
    static func record(_ fields: [(Int, String)]) -> String {
        var r = [Character](repeating: " ", count: 94)
        for (at, text) in fields { for (i, c) in text.enumerated() { r[at - 1 + i] = c } }
        return String(r)
    }

    static func entry(_ code: String, _ amountCents: Int, _ id: String, _ name: String, trace: String, addenda: Bool) -> String {
        record([(1, "6"), (2, code), (4, "09100001"), (12, "9"), (13, "12345678"), (30, String(format: "%010d", amountCents)),
                (40, id), (55, name), (79, addenda ? "1" : "0"), (80, trace)])
    }

    /// A one-batch file of `entries` (credits with code 22, returns with 21 and an addenda 99).
    static func file(_ entries: [(code: String, cents: Int, id: String, trace: String, reason: String?, original: String)]) -> String {
        var lines = [record([(1, "101"), (4, " 091000019"), (14, " 123456789"), (24, "261120"), (30, "1200"), (34, "A094101")]),
                     record([(1, "5"), (2, "220"), (5, "RECON PLATFORM"), (41, "1234567890"), (51, "PPD"), (54, "PAYOUT"), (70, "261120"), (79, "1"), (80, "09100001"), (88, "0000001")])]
        var count = 0, hash = 0, credit = 0
        for e in entries {
            lines.append(entry(e.code, e.cents, e.id, "CUSTOMER \(e.id)", trace: e.trace, addenda: e.reason != nil))
            count += 1; hash += 9_100_001; credit += e.cents
            if let reason = e.reason {
                lines.append(record([(1, "799"), (4, reason), (7, e.original), (28, "09100001"), (80, e.trace)]))
                count += 1
            }
        }
        lines.append(record([(1, "8220"), (5, String(format: "%06d", count)), (11, String(format: "%010d", hash)), (21, String(format: "%012d", 0)),
                             (33, String(format: "%012d", credit)), (45, "1234567890"), (80, "09100001"), (88, "0000001")]))
        lines.append(record([(1, "9000001"), (8, "000001"), (14, String(format: "%08d", count)), (22, String(format: "%010d", hash)),
                             (32, String(format: "%012d", 0)), (44, String(format: "%012d", credit))]))
        return lines.joined(separator: "\n") + "\n"
    }

    static let ledger = [
        "T1,1234567890,2026-11-20,-100.00,USD,payout,P-1,,",
        "T2,1234567890,2026-11-20,-250.00,USD,payout,P-2,,",
        "T3,1234567890,2026-11-20,-75.50,USD,payout,P-3,,",
    ]

    func run(_ files: [String: String], name: String) throws -> [[String: String]] {
        let dir = try ReconProcess.temporaryDirectory(name)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var args = ["run", "--ledger", dir + "/ledger.csv", "--out", dir + "/out", "--as-of", "2026-11-21"]
        for (file, text) in files.sorted(by: { $0.key < $1.key }) {
            try text.write(toFile: dir + "/" + file, atomically: true, encoding: .utf8)
            args += ["--bank", dir + "/" + file]
        }
        try (CanonicalLayoutHeader.ledger + Self.ledger.joined(separator: "\n") + "\n").write(toFile: dir + "/ledger.csv", atomically: true, encoding: .utf8)
        let r = try ReconProcess.run(args)
        #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
        let summary = try String(contentsOfFile: dir + "/out/summary.json", encoding: .utf8)
        #expect(summary.contains("\"format\" : \"nacha\"") && !summary.contains("\"controls_hold\" : false"))
        return try CSVTable(path: dir + "/out/breaks.csv").rows
    }

    static let payouts = file([("22", 10_000, "P-1", "091000010000001", nil, ""), ("22", 25_000, "P-2", "091000010000002", nil, ""),
                               ("22", 7_550, "P-3", "091000010000003", nil, "")])
    static let returns = file([("21", 25_000, "P-2", "091000010000101", "R01", "091000010000002")])

    @Test func aReturnedPayoutIsABreakNamingTheReasonAndTheOriginalEntry() throws {
        // The returns file alone: the payout in the ledger comes back.
        let breaks = try run(["returns.ach": Self.returns], name: "nacha-returns")
        let row = try #require(breaks.first { $0["ledger_id"] == "T2" })
        #expect(row["kind"] == "payment_returned" && row["severity"] == "high" && row["bank_ref"] == "091000010000101")
        #expect(row["detail"] == "ACH return R01 Insufficient Funds of the entry with trace 091000010000002")
        #expect(row["bank_amount"] == "250.00" && row["ledger_amount"] == "-250.00")
    }

    @Test func withThePayoutsFileTooThePayoutsMatchAndTheReturnIsMoneyBackWithItsReason() throws {
        let breaks = try run(["a-payouts.ach": Self.payouts, "b-returns.ach": Self.returns], name: "nacha-both")
        #expect(!breaks.contains { ["T1", "T2", "T3"].contains($0["ledger_id"] ?? "") }, "every payout matches its entry")
        let back = try #require(breaks.first { $0["bank_ref"] == "091000010000101" })
        #expect(back["kind"] == "unmatched_bank_credit")
        #expect(back["detail"] == "money in with no ledger record; ACH return R01 Insufficient Funds of the entry with trace 091000010000002")
        #expect(breaks.count == 1)
    }
}
