import Foundation
import Testing
import ReconCore
import ReconFormats
import ReconTestSupport

/// Invariants that hold for any generated data: every row and every cent read ends matched, in a
/// break or rejected; the report names only rows that exist; the order of rows and files, the number
/// of threads and running again change nothing. Each test draws fresh seeds (printed on failure).
@Suite struct PropertyTests {
    static let seeds: [Int] = (0..<3).map { _ in Int.random(in: 1...1_000_000) }

    /// Generated files with some rows made malformed (bad amounts), which the run rejects.
    struct Data {
        var dir: String
        var bankRows: [[String]]     // header first
        var ledgerRows: [[String]]
        var rejectedBank: Set<Int>   // data row indexes (0-based) made malformed
        var rejectedLedger: Set<Int>
    }

    static func generate(seed: Int, rows: Int = 4000) throws -> Data {
        let dir = try ReconProcess.temporaryDirectory("property-\(seed)")
        let g = try ReconProcess.run(["gen", "--rows", "\(rows)", "--seed", "\(seed)", "--out", dir])
        #expect(g.status == 0, "\(g.stderr)")
        var rng = SplitMix64(seed: UInt64(seed))
        func spoil(_ name: String, amountColumn: Int) throws -> ([[String]], Set<Int>) {
            var records = try CSVTable.records(path: dir + "/" + name)
            var spoiled: Set<Int> = []
            for i in 1..<records.count where rng.next() % 97 == 0 {
                records[i][amountColumn] = "12,34.5x"
                spoiled.insert(i - 1)
            }
            try write(records, to: dir + "/" + name)
            return (records, spoiled)
        }
        let (bank, rb) = try spoil("bank.csv", amountColumn: 4)
        let (ledger, rl) = try spoil("ledger.csv", amountColumn: 3)
        return Data(dir: dir, bankRows: bank, ledgerRows: ledger, rejectedBank: rb, rejectedLedger: rl)
    }

    static func write(_ records: [[String]], to path: String) throws {
        func field(_ s: String) -> String {
            s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        try records.map { $0.map(field).joined(separator: ",") + "\n" }.joined().write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func run(bank: [String], ledger: [String], threads: Int = 2, in dir: String, out: String) throws -> String {
        var args = ["run", "--out", dir + "/" + out, "--max-rejects", "100000", "--threads", "\(threads)", "--as-of", "2026-11-21"]
        for b in bank { args += ["--bank", dir + "/" + b] }
        for l in ledger { args += ["--ledger", dir + "/" + l] }
        let r = try ReconProcess.run(args)
        #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
        return dir + "/" + out
    }

    static func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Foundation.Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    }

    /// summary.json without the parts that name the input files (paths and digests) or timings.
    static func comparableSummary(_ dir: String) throws -> String {
        var s = try json(dir + "/summary.json")
        s["inputs"] = nil
        s["configuration"] = nil
        let data = try JSONSerialization.data(withJSONObject: s, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// An amount as written (`-12.50`, `1500`) in units of its last decimal place: the rows and the
    /// report write each currency with its own number of decimals, so they compare equal.
    static func minor(_ text: String) -> Int64 {
        let decimals = text.split(separator: ".").dropFirst().first?.count ?? 0
        guard case .success(let v) = MinorUnits.parse(text, exponent: decimals) else {
            Issue.record("not an amount: \(text)")
            return 0
        }
        return v
    }

    @Test(arguments: seeds)
    func everyRowAndEveryCentEndsMatchedInABreakOrRejected(seed: Int) throws {
        let d = try Self.generate(seed: seed)
        let out = try Self.run(bank: ["bank.csv"], ledger: ["ledger.csv"], in: d.dir, out: "out")
        let breaks = try CSVTable(path: out + "/breaks.csv").rows
        let totals = try Self.json(out + "/summary.json")["control_totals"] as! [String: [String: Any]]
        let rejects = try CSVTable.records(path: out + "/rejects.csv").dropFirst()

        // Bank side: rows by bank_ref (several rows may share one: duplicates).
        var bankByRef: [String: [Int]] = [:]
        for (i, r) in d.bankRows.dropFirst().enumerated() where !d.rejectedBank.contains(i) { bankByRef[r[0], default: []].append(i) }
        var ledgerByTxn: [String: Int] = [:], ledgerByBatch: [String: [Int]] = [:]
        for (i, r) in d.ledgerRows.dropFirst().enumerated() where !d.rejectedLedger.contains(i) {
            ledgerByTxn[r[0]] = i
            if !r[7].isEmpty { ledgerByBatch[r[1] + "|" + r[4] + "|" + r[7], default: []].append(i) }
        }
        var bankInBreaks: [String: Int] = [:]   // bank_ref -> times named
        var ledgerInBreaks = Set<Int>()
        for b in breaks {
            let ref = b["bank_ref"]!, id = b["ledger_id"]!
            if !ref.isEmpty {
                // Every bank row named exists, with the break's account, currency, date and amount.
                let rows = bankByRef[ref] ?? []
                #expect(!rows.isEmpty, "seed \(seed): break names bank_ref \(ref) that no valid row has")
                #expect(rows.contains { i in
                    let r = d.bankRows[i + 1]
                    return r[1] == b["account"] && r[5] == b["currency"] && r[2] == b["bank_date"] && Self.minor(r[4]) == Self.minor(b["bank_amount"]!)
                }, "seed \(seed): bank_ref \(ref) differs from its row")
                bankInBreaks[ref, default: 0] += 1
            }
            if !id.isEmpty {
                // A ledger id is a txn_id, or a batch_id whose records sum to the ledger amount.
                if let i = ledgerByTxn[id] {
                    let r = d.ledgerRows[i + 1]
                    #expect(r[1] == b["account"] && r[4] == b["currency"] && Self.minor(r[3]) == Self.minor(b["ledger_amount"]!),
                            "seed \(seed): txn_id \(id) differs from its row")
                    #expect(ledgerInBreaks.insert(i).inserted, "seed \(seed): txn_id \(id) in two breaks")
                } else if let members = ledgerByBatch[b["account"]! + "|" + b["currency"]! + "|" + id] {
                    let sum = members.reduce(Int64(0)) { $0 + Self.minor(d.ledgerRows[$1 + 1][3]) }
                    #expect(sum == Self.minor(b["ledger_amount"]!), "seed \(seed): batch \(id) sums to \(sum)")
                    for i in members { #expect(ledgerInBreaks.insert(i).inserted, "seed \(seed): batch row in two breaks") }
                } else {
                    Issue.record("seed \(seed): break names ledger_id \(id) that no valid row or batch has")
                }
            }
        }
        for (ref, n) in bankInBreaks { #expect(n <= bankByRef[ref]!.count, "seed \(seed): bank_ref \(ref) in \(n) breaks") }

        // Rows: read = matched + in breaks + rejected, on each side, and the rejects are the spoiled rows.
        let bankTotals = totals["bank"]!, ledgerTotals = totals["ledger"]!
        #expect(bankTotals["rows_in"] as? Int == d.bankRows.count - 1)
        #expect(ledgerTotals["rows_in"] as? Int == d.ledgerRows.count - 1)
        #expect(bankTotals["rows_rejected"] as? Int == d.rejectedBank.count)
        #expect(ledgerTotals["rows_rejected"] as? Int == d.rejectedLedger.count)
        // Every reject is a spoiled row, named by side and line (the header is line 1), with its column.
        let rejected = Set(rejects.map { "\($0[0]):\($0[2]):\($0[3])" })
        let spoiled = Set(d.rejectedBank.map { "bank:\($0 + 2):amount" } + d.rejectedLedger.map { "ledger:\($0 + 2):amount" })
        #expect(rejects.count == spoiled.count)
        #expect(rejected == spoiled, "seed \(seed): rejects \(rejected.symmetricDifference(spoiled).sorted().prefix(5))")
        #expect(bankTotals["rows_in_breaks"] as? Int == bankInBreaks.values.reduce(0, +))
        #expect(ledgerTotals["rows_in_breaks"] as? Int == ledgerInBreaks.count)
        for t in [bankTotals, ledgerTotals] {
            #expect((t["rows_matched"] as! Int) + (t["rows_in_breaks"] as! Int) + (t["rows_rejected"] as! Int) == t["rows_in"] as! Int)
        }

        // Money, per currency: the valid rows' sum = matched + in breaks, and in breaks = the named rows' sum.
        func check(_ side: [String: Any], rows: [[String]], rejected: Set<Int>, amount: Int, currency: Int, inBreaks: (String) -> Int64) {
            var total: [String: Int64] = [:]
            for (i, r) in rows.dropFirst().enumerated() where !rejected.contains(i) { total[r[currency], default: 0] += Self.minor(r[amount]) }
            let money = side["money"] as! [String: [String: String]]
            #expect(Set(money.keys) == Set(total.keys), "seed \(seed)")
            for (cur, m) in money {
                let t = Self.minor(m["total"]!), matched = Self.minor(m["matched"]!), broken = Self.minor(m["in_breaks"]!)
                #expect(t == total[cur], "seed \(seed) \(cur): total \(t) vs the rows' \(total[cur] ?? 0)")
                #expect(matched + broken == t, "seed \(seed) \(cur)")
                #expect(broken == inBreaks(cur), "seed \(seed) \(cur): in_breaks \(broken) vs the named rows' \(inBreaks(cur))")
            }
        }
        check(bankTotals, rows: d.bankRows, rejected: d.rejectedBank, amount: 4, currency: 5) { cur in
            var sum: Int64 = 0
            for b in breaks where !b["bank_ref"]!.isEmpty && b["currency"] == cur { sum += Self.minor(b["bank_amount"]!) }
            return sum
        }
        check(ledgerTotals, rows: d.ledgerRows, rejected: d.rejectedLedger, amount: 3, currency: 4) { cur in
            ledgerInBreaks.filter { d.ledgerRows[$0 + 1][4] == cur }.reduce(Int64(0)) { $0 + Self.minor(d.ledgerRows[$1 + 1][3]) }
        }
    }

    @Test(arguments: seeds)
    func shufflingRowsSplittingFilesAndChangingThreadsChangeNothing(seed: Int) throws {
        let d = try Self.generate(seed: seed)
        let reference = try Self.run(bank: ["bank.csv"], ledger: ["ledger.csv"], threads: 1, in: d.dir, out: "reference")
        let expected = try String(contentsOfFile: reference + "/breaks.csv", encoding: .utf8)
        let expectedRejects = try String(contentsOfFile: reference + "/rejects.csv", encoding: .utf8)
        let expectedSummary = try Self.comparableSummary(reference)

        // Rows shuffled, and each side split into two files given in either order.
        var rng = SplitMix64(seed: UInt64(seed) &* 31)
        func shuffled(_ rows: [[String]]) -> [[String]] {
            var body = Array(rows.dropFirst())
            for i in stride(from: body.count - 1, to: 0, by: -1) { body.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
            return [rows[0]] + body
        }
        let bank = shuffled(d.bankRows), ledger = shuffled(d.ledgerRows)
        try Self.write(Array(bank.prefix(bank.count / 2)), to: d.dir + "/bank-a.csv")
        try Self.write([bank[0]] + bank.dropFirst(bank.count / 2), to: d.dir + "/bank-b.csv")
        try Self.write(Array(ledger.prefix(ledger.count / 3)), to: d.dir + "/ledger-a.csv")
        try Self.write([ledger[0]] + ledger.dropFirst(ledger.count / 3), to: d.dir + "/ledger-b.csv")
        for (threads, files) in [(2, (["bank-a.csv", "bank-b.csv"], ["ledger-a.csv", "ledger-b.csv"])),
                                 (5, (["bank-b.csv", "bank-a.csv"], ["ledger-b.csv", "ledger-a.csv"])),
                                 (3, (["bank.csv"], ["ledger.csv"]))] {
            let out = try Self.run(bank: files.0, ledger: files.1, threads: threads, in: d.dir, out: "run-\(threads)")
            let got = try String(contentsOfFile: out + "/breaks.csv", encoding: .utf8)
            #expect(got == expected, "seed \(seed), \(threads) threads, \(files): breaks.csv differs")
            #expect(try Self.comparableSummary(out) == expectedSummary, "seed \(seed), \(threads) threads: summary differs")
            if files.0 == ["bank.csv"] {
                #expect(try String(contentsOfFile: out + "/rejects.csv", encoding: .utf8) == expectedRejects)
            } else {
                // Rejects name their file and line, which moved; every other field is the same.
                func unplaced(_ path: String) throws -> [String] {
                    try CSVTable.records(path: path).dropFirst().map { r in ([r[0]] + r[3...]).joined(separator: "|") }.sorted()
                }
                #expect(try unplaced(out + "/rejects.csv") == unplaced(reference + "/rejects.csv"), "seed \(seed), \(files)")
            }
        }
    }

    @Test(arguments: seeds.prefix(1))
    func runningAgainGivesTheSameFilesByteForByte(seed: Int) throws {
        let d = try Self.generate(seed: seed)
        let names = ["breaks.csv", "rejects.csv", "summary.json"]
        let first = try Self.run(bank: ["bank.csv"], ledger: ["ledger.csv"], in: d.dir, out: "first")
        let firstFiles = try names.map { try String(contentsOfFile: first + "/" + $0, encoding: .utf8) }
        // Again into a fresh folder, and again over the first run's reports.
        let second = try Self.run(bank: ["bank.csv"], ledger: ["ledger.csv"], in: d.dir, out: "second")
        _ = try Self.run(bank: ["bank.csv"], ledger: ["ledger.csv"], in: d.dir, out: "first")
        for (name, before) in zip(names, firstFiles) {
            #expect(try String(contentsOfFile: second + "/" + name, encoding: .utf8) == before, "seed \(seed): \(name) differs between runs")
            #expect(try String(contentsOfFile: first + "/" + name, encoding: .utf8) == before, "seed \(seed): \(name) changed when run over")
        }
    }
}
