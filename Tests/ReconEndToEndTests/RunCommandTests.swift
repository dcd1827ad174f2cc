import Foundation
import Testing
import ReconTestSupport

@Suite struct RunCommandTests {
    /// The ledger records the sample's timing differences pair with (one is a batch of two).
    static let ledgerRowsOfTimingDifferences = 4

    @Test func theSampleRunReproducesTheHandCheckedReport() throws {
        let out = try ReconProcess.temporaryDirectory("sample")
        let r = try ReconProcess.run(["run", "--bank", "samples/bank.csv", "--ledger", "samples/ledger.csv", "--out", out])
        #expect(r.status == 1, "critical and high breaks are present: exit code 1")
        let got = try String(contentsOfFile: out + "/breaks.csv", encoding: .utf8)
        let expected = try String(contentsOfFile: Fixture.repositoryRoot + "/samples/expected/breaks.csv", encoding: .utf8)
        #expect(got == expected)
        let kinds = Set(try CSVTable(path: out + "/breaks.csv").rows.map { $0["kind"]! })
        #expect(kinds == ["timing_difference", "in_transit", "amount_mismatch", "missing_in_bank", "unmatched_bank_credit",
                          "unmatched_bank_debit", "duplicate_bank", "duplicate_ledger", "ambiguous"])
    }

    @Test func theSummaryBalancesRowsAndMoneyAndHashesEachInput() throws {
        let out = try ReconProcess.temporaryDirectory("summary")
        try ReconProcess.run(["run", "--bank", "samples/bank.csv", "--ledger", "samples/ledger.csv", "--out", out])
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as! [String: Any]
        let totals = json["control_totals"] as! [String: [String: Any]]
        for side in ["bank", "ledger"] {
            let t = totals[side]!
            let rowsIn = t["rows_in"] as! Int
            #expect(rowsIn == (t["rows_matched"] as! Int) + (t["rows_in_breaks"] as! Int) + (t["rows_rejected"] as! Int))
            for (_, m) in t["money"] as! [String: [String: String]] {
                #expect(Decimal(string: m["total"]!)! == Decimal(string: m["matched"]!)! + Decimal(string: m["in_breaks"]!)!)
            }
        }
        #expect(totals["bank"]!["rows_in"] as? Int == 19)
        #expect(totals["ledger"]!["rows_in"] as? Int == 23)
        // Rows matched with a note (the three timing differences: three bank lines, and the ledger
        // records they pair with) are counted apart within the rows in breaks (issue 23, finding 5).
        let timing = try CSVTable(path: out + "/breaks.csv").rows.filter { $0["kind"] == "timing_difference" }
        #expect(totals["bank"]!["rows_matched_with_note"] as? Int == timing.count)
        #expect(totals["ledger"]!["rows_matched_with_note"] as? Int == Self.ledgerRowsOfTimingDifferences)
        let inputs = json["inputs"] as! [[String: Any]]
        #expect(inputs.count == 2)
        for input in inputs {
            let path = Fixture.repositoryRoot + "/" + (input["path"] as! String)
            let digest = try sha256sum(path)
            #expect(input["sha256"] as? String == digest)
        }
        let kinds = json["kinds"] as! [String: [String: Any]]
        #expect(kinds["ambiguous"]!["count"] as? Int == 6)
        #expect(kinds["unmatched_bank_debit"]!["severity"] as? String == "critical")
    }

    @Test func theSummarysAgeingBucketsAddUpTheOpenItemsOfTheReport() throws {
        let out = try ReconProcess.temporaryDirectory("ageing")
        try ReconProcess.run(["run", "--bank", "samples/bank.csv", "--ledger", "samples/ledger.csv", "--out", out])
        // Recompute from breaks.csv: every kind but timing_difference, bucketed by age_days, money at
        // risk as the sum of absolute amounts (the bank amount where there is one).
        var counts: [String: Int] = [:]
        var money: [String: [String: Decimal]] = [:]
        for row in try CSVTable(path: out + "/breaks.csv").rows where row["kind"] != "timing_difference" {
            let age = Int(row["age_days"]!)!
            let bucket = age <= 1 ? "0-1" : age <= 3 ? "2-3" : age <= 7 ? "4-7" : age <= 30 ? "8-30" : ">30"
            counts[bucket, default: 0] += 1
            let amount = Decimal(string: row["bank_amount"]!.isEmpty ? row["ledger_amount"]! : row["bank_amount"]!)!
            money[bucket, default: [:]][row["currency"]!, default: 0] += amount < 0 ? -amount : amount
        }
        #expect(counts.count >= 3, "the sample has open items of several ages")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as! [String: Any]
        let ageing = json["ageing"] as! [[String: Any]]
        #expect(ageing.map { $0["bucket"] as! String } == ["0-1", "2-3", "4-7", "8-30", ">30"])
        for b in ageing {
            let label = b["bucket"] as! String
            #expect(b["count"] as? Int == counts[label] ?? 0, "count of \(label)")
            let kinds = b["kinds"] as! [String: Int]
            #expect(kinds.values.reduce(0, +) == counts[label] ?? 0)
            let got = (b["money_at_risk"] as! [String: String]).mapValues { Decimal(string: $0)! }
            #expect(got == money[label] ?? [:], "money at risk of \(label)")
        }
        #expect(ageing.last!["to_days"] is NSNull, "the open-ended bucket has a null upper bound")
    }

    @Test func withoutATerminalProgressComesAsPeriodicLogLinesAndTheRunEndsWithOneSummaryLine() throws {
        let dir = try ReconProcess.temporaryDirectory("progress")
        #expect(try ReconProcess.run(["gen", "--rows", "200000", "--seed", "4", "--out", dir]).status == 0)
        let args = ["run", "--bank", dir + "/bank.csv", "--ledger", dir + "/ledger.csv", "--out", dir + "/out"]
        let r = try ReconProcess.run(args + ["--progress", "log", "--progress-every", "0.02"])
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        let progress = lines.filter { $0.contains(" level=info msg=progress ") }
        #expect(progress.contains { $0.contains("phase=read") && $0.contains("percent=") && $0.contains("rows_per_s=") }, "\(r.stderr)")
        #expect(progress.contains { $0.contains("phase=match") || $0.contains("phase=write") })
        let rows = progress.compactMap { line in line.split(separator: " ").first { $0.hasPrefix("rows=") }.flatMap { Int($0.dropFirst(5)) } }
        #expect(rows == rows.sorted(), "rows only grow")
        let breaks = try String(contentsOfFile: dir + "/out/breaks.csv", encoding: .utf8).split(separator: "\n").count - 1
        let summary = lines.filter { $0.contains("msg=\"run completed\"") }
        #expect(summary.count == 1 && summary[0].contains(" breaks=\(breaks) ") && summary[0].contains(" exit_code=1"), "\(summary)")
        let quiet = try ReconProcess.run(args + ["--progress", "off"])
        #expect(!quiet.stderr.contains("msg=progress"))
    }

    @Test func generatedDataAtOneHundredThousandRowsGetsEveryRowsExpectedOutcome() throws {
        let dir = try ReconProcess.temporaryDirectory("gen100k")
        #expect(try ReconProcess.run(["gen", "--rows", "100000", "--seed", "11", "--out", dir]).status == 0)
        try expectEveryOutcome(dir, rows: 190_000)
    }

    /// The custody platform's shape (issue 20): many sub-accounts, most with one or two movements, a
    /// few busy ones; every row still gets the outcome it was generated for.
    @Test func custodyShapedDataOverManySubAccountsGetsEveryRowsExpectedOutcome() throws {
        let dir = try ReconProcess.temporaryDirectory("gen-custody")
        #expect(try ReconProcess.run(["gen", "--rows", "60000", "--seed", "12", "--accounts", "30000", "--skew", "--out", dir]).status == 0)
        var perAccount: [String: Int] = [:]
        for row in try CSVTable(path: dir + "/ledger.csv").rows { perAccount[row["account"]!, default: 0] += 1 }
        let fewMovements = perAccount.values.filter { $0 <= 2 }.count
        #expect(perAccount.count > 15_000 && perAccount.count <= 30_000, "\(perAccount.count) accounts")
        #expect(fewMovements * 10 > perAccount.count * 8, "most accounts see one or two movements: \(fewMovements) of \(perAccount.count)")
        #expect(perAccount.values.max()! > 500, "a few busy ones: \(perAccount.values.max()!)")
        try expectEveryOutcome(dir, rows: 110_000)
    }

    /// Runs the generated files in `dir` and checks every row of `expected.csv` (more than `rows`) against the report.
    func expectEveryOutcome(_ dir: String, rows: Int) throws {
        let r = try ReconProcess.run(["run", "--bank", dir + "/bank.csv", "--ledger", dir + "/ledger.csv", "--out", dir + "/out"])
        #expect(r.status == 1)
        let expected = try CSVTable(path: dir + "/expected.csv").rows
        #expect(expected.count > rows)
        let actual = try outcomes(breaks: dir + "/out/breaks.csv", ledger: dir + "/ledger.csv")
        var mismatches: [String] = []
        var seenKinds = Set<String>()
        for row in expected {
            let key = row["side"]! + ":" + row["id"]!
            let got = actual[key] ?? "matched"
            seenKinds.insert(row["outcome"]!)
            if got != row["outcome"]! { mismatches.append("\(key) expected \(row["outcome"]!) got \(got)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) rows differ, first: \(mismatches.prefix(5))")
        #expect(seenKinds.count == 10, "every kind and matched are present: \(seenKinds.sorted())")
    }

    @Test func theReportIsByteIdenticalWhateverTheThreadCount() throws {
        let dir = try ReconProcess.temporaryDirectory("threads")
        try ReconProcess.run(["gen", "--rows", "30000", "--seed", "5", "--out", dir])
        var reports: [Data] = []
        for threads in ["1", "2", "7"] {
            try ReconProcess.run(["run", "--bank", dir + "/bank.csv", "--ledger", dir + "/ledger.csv",
                                  "--out", dir + "/out", "--threads", threads])
            reports.append(try Data(contentsOf: URL(fileURLWithPath: dir + "/out/breaks.csv")))
            reports.append(try Data(contentsOf: URL(fileURLWithPath: dir + "/out/summary.json")))
        }
        #expect(reports[0] == reports[2] && reports[2] == reports[4])
        #expect(reports[1] == reports[3] && reports[3] == reports[5])
    }

    @Test func severalInputFilesOfASideAreReadInOrder() throws {
        let dir = try ReconProcess.temporaryDirectory("multi")
        let header = "txn_id,account,value_date,amount,currency,type,reference,batch_id,counterparty\n"
        try (header + "L001,CUST-001,2026-11-18,1500.00,CNY,deposit,R-1001,,张三\n").write(toFile: dir + "/l1.csv", atomically: true, encoding: .utf8)
        let rest = try String(contentsOfFile: Fixture.repositoryRoot + "/samples/ledger.csv", encoding: .utf8)
            .split(separator: "\n").dropFirst(2).joined(separator: "\n")
        try (header + rest + "\n").write(toFile: dir + "/l2.csv", atomically: true, encoding: .utf8)
        let r = try ReconProcess.run(["run", "--bank", "samples/bank.csv", "--ledger", dir + "/l1.csv", "--ledger", dir + "/l2.csv", "--out", dir + "/out"])
        #expect(r.status == 1)
        // The same rows split over two files: the same report, row for row.
        let got = try String(contentsOfFile: dir + "/out/breaks.csv", encoding: .utf8)
        let expected = try String(contentsOfFile: Fixture.repositoryRoot + "/samples/expected/breaks.csv", encoding: .utf8)
        #expect(got == expected)
    }
}

/// Outcome per `side:id` from a report; batch rows (ledger_id is a batch id) stand for all their records.
func outcomes(breaks: String, ledger: String) throws -> [String: String] {
    var batchMembers: [String: [String]] = [:]
    for row in try CSVTable(path: ledger).rows where !row["batch_id"]!.isEmpty {
        batchMembers[row["batch_id"]!, default: []].append(row["txn_id"]!)
    }
    var out: [String: String] = [:]
    for row in try CSVTable(path: breaks).rows {
        let kind = row["kind"]!
        if !row["bank_ref"]!.isEmpty { out["bank:" + row["bank_ref"]!] = kind }
        let id = row["ledger_id"]!
        if id.isEmpty { continue }
        for member in batchMembers[id] ?? [id] { out["ledger:" + member] = kind }
    }
    return out
}

func sha256sum(_ path: String) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    p.arguments = [path]
    let pipe = Pipe()
    p.standardOutput = pipe
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(String(decoding: data, as: UTF8.self).prefix(64))
}
