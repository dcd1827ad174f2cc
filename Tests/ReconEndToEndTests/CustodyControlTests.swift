import Foundation
import Testing
import ReconCore
import ReconFormats
import ReconTestSupport
import ReconStore

/// The custody controls end to end: `recon run` with `[custody]`, balance files, and the reports.
@Suite struct CustodyControlTests {
    struct Run {
        var status: Int32
        var stderr: String
        var breaks: [[String: String]]
        var custody: [[String: String]]
        var alerts: String

        func rows(_ kind: String) -> [[String: String]] { breaks.filter { $0["kind"] == kind } }
    }

    func run(_ dir: String, extra: [String] = []) throws -> Run {
        let r = try ReconProcess.run(["run", "--bank", dir + "/bank.csv", "--ledger", dir + "/ledger.csv", "--config", dir + "/recon.toml",
                                      "--bank-balances", dir + "/bank-balances.csv", "--ledger-balances", dir + "/ledger-balances.csv",
                                      "--out", dir + "/out", "--progress", "off"] + extra)
        let breaks = (try? CSVTable(path: dir + "/out/breaks.csv").rows) ?? []
        let custody = (try? CSVTable(path: dir + "/out/custody.csv").rows) ?? []
        let alerts = (try? String(contentsOfFile: dir + "/out/alerts.json", encoding: .utf8)) ?? ""
        return Run(status: r.status, stderr: r.stderr, breaks: breaks, custody: custody, alerts: alerts)
    }

    func money(_ minor: Int64) -> String { MinorUnits.format(minor, exponent: 2) }

    @Test func aHiddenSkimIsCaughtAsAShortfallOnTheFirstDayNamingEveryDebitWithTheExactAmount() throws {
        let dir = try ReconProcess.temporaryDirectory("custody-skim")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let start = Day(iso: "2026-11-02")!
        // Seven days; the skim starts on day 3 and goes on over days 4 and 6, on random sub-accounts.
        let scenario = CustodyScenario(seed: 20261124, customers: 40, start: start, dayCount: 7, skimDays: [2: 2, 3: 3, 5: 2])
        try scenario.write(to: dir)
        let r = try run(dir)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(scenario.skims.count == 7 && scenario.skims.allSatisfy { -$0.amount < 5_000 })
        let shortfalls = r.rows("segregation_shortfall")
        for day in scenario.days {
            let skimmed = scenario.skims.filter { $0.day <= day }
            let rows = shortfalls.filter { $0["bank_date"] == day.iso }
            if skimmed.isEmpty {
                #expect(rows.isEmpty, "no shortfall before the skim starts (\(day))")
                continue
            }
            #expect(rows.count == 1, "one shortfall for the custody account on \(day)")
            guard let row = rows.first else { continue }
            #expect(row["account"] == CustodyScenario.custodyAccount && row["severity"] == "critical")
            // The exact amount: the sum of every skim debit so far, to the cent.
            #expect(row["difference"] == money(skimmed.reduce(0) { $0 + $1.amount }))
            // Every debit involved is named, with its amount.
            let detail = row["detail"] ?? ""
            for s in skimmed { #expect(detail.contains("\(s.bankRef) \(money(s.amount))"), "\(s.bankRef) named on \(day)") }
            #expect(detail.contains("= \(skimmed.count) item(s) ["))
        }
        // The first day it appears is the first skim day.
        #expect(shortfalls.map { $0["bank_date"]! }.min() == scenario.skims.map(\.day).min()!.iso)
        // Each skim debit is itself a critical unmatched debit carrying the day's running total.
        let debits = r.rows("unmatched_bank_debit")
        #expect(Set(debits.map { $0["bank_ref"]! }) == Set(scenario.skims.map(\.bankRef)))
        for d in debits { #expect(d["detail"]?.contains("unexplained outflow") == true && d["severity"] == "critical") }
        // The sub-accounts skimmed show a balance mismatch from their first skim on; no other account does.
        let skimmedAccounts = Set(scenario.skims.map(\.account))
        #expect(Set(r.rows("balance_mismatch").map { $0["account"]! }) == skimmedAccounts)
        for a in skimmedAccounts {
            let first = scenario.skims.filter { $0.account == a }.map(\.day).min()!
            #expect(r.rows("balance_mismatch").filter { $0["account"] == a }.map { $0["bank_date"]! }.min() == first.iso)
        }
        // Fees paid to the platform's own account carry a ledger record of type fee: authorised.
        #expect(r.rows("unauthorized_counterparty").isEmpty)
        // No single debit reaches the single-item threshold: no threshold alert, yet the shortfall is found.
        #expect(!r.alerts.contains("threshold"))
        // The custody statement ties out on every day: bank - owed = in transit + unexplained, and the
        // unexplained part is exactly the skim so far, all of it itemised.
        #expect(r.custody.count == scenario.days.count + 1)
        for row in r.custody where row["date"] != start.adding(days: -1).iso {
            let day = Day(iso: row["date"]!)!
            let skimmed = scenario.skims.filter { $0.day <= day }.reduce(Int64(0)) { $0 + $1.amount }
            #expect(row["bank_balance"] == money(scenario.bankTotal[day]!))
            #expect(row["in_transit"] == money(-(scenario.inTransit[day] ?? 0)))
            #expect(row["unexplained"] == money(skimmed) && row["unexplained_items"] == money(skimmed) && row["not_itemised"] == "0.00")
            #expect(minor(row["bank_balance"]!) - minor(row["owed"]!) == minor(row["difference"]!))
            #expect(minor(row["difference"]!) == minor(row["in_transit"]!) + minor(row["unexplained"]!))
        }
        // recon custody-report prints the header and the date's row of custody.csv, byte for byte.
        let report = try ReconProcess.run(["custody-report", "--date", scenario.days[3].iso, "--out", dir + "/out", "--csv"])
        #expect(report.status == 0)
        let lines = try String(contentsOfFile: dir + "/out/custody.csv", encoding: .utf8).split(separator: "\n")
        #expect(report.stdout.split(separator: "\n") == [lines[0]] + lines.filter { $0.hasPrefix(scenario.days[3].iso + ",") })
    }

    func minor(_ s: String) -> Int64 { (try? MinorUnits.parse(s, exponent: 2).get()) ?? .min }

    @Test(.enabled(if: ExternalTool.available(ExternalTool.python), "needs Python with openpyxl (python3-openpyxl)"))
    func theWorkbookCarriesTheCustodyStatementWithItsMoneyAsNumbersAndItsAccountsMasked() throws {
        let dir = try ReconProcess.temporaryDirectory("custody-xlsx")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let scenario = CustodyScenario(seed: 7, customers: 12, start: Day(iso: "2026-11-02")!, dayCount: 4, skimDays: [1: 2])
        try scenario.write(to: dir)
        let r = try run(dir, extra: ["--xlsx", "--mask-key", dir + "/mask.key"])
        #expect(r.status == 1, "\(r.stderr)")
        let sheets = try ExportReading.openpyxl(dir + "/out/breaks.xlsx")
        #expect(sheets.prefix(2).map(\.name) == ["Summary", "Custody"])
        #expect(sheets.contains { $0.name == "segregation_shortfall" })
        let custody = try #require(sheets.first { $0.name == "Custody" })
        let header = try String(contentsOfFile: dir + "/out/custody.csv", encoding: .utf8).split(separator: "\n")[0]
        #expect(custody.rows.first?.map { $0.value ?? "" }.joined(separator: ",") == String(header))
        try #require(custody.rows.count == r.custody.count + 1)
        let columns = header.split(separator: ",").map(String.init)
        for (cells, want) in zip(custody.rows.dropFirst(), r.custody) {
            #expect(cells[0].type == "d" && cells[0].value == want["date"])
            #expect(cells[1].value?.hasPrefix("****") == true && cells[1].value != want["custody_account"], "the custody account is masked")
            for name in ["bank_balance", "owed", "difference", "in_transit", "unexplained", "not_itemised"] {
                let c = cells[columns.firstIndex(of: name)!]
                #expect(c.type == "n" && c.value.flatMap { ExportReading.minor($0, exponent: 2) } == minor(want[name]!), "\(name): \(c) vs \(want[name]!)")
            }
        }
    }

    /// A small hand-made custody: two sub-accounts under CUST, the platform's own account PLAT.
    func small(bank: [String], ledger: [String], config extra: String = "") throws -> (String, Run) {
        let dir = try ReconProcess.temporaryDirectory("custody-small")
        let config = """
            [custody]
            deny_list = ["Shady Trading Ltd"]

            [[custody.accounts]]
            match = "SUB-?"
            class = "customer_funds"
            custody_account = "CUST"

            [[custody.accounts]]
            match = "PLAT"
            class = "platform_own"
            \(extra)
            """
        try config.write(toFile: dir + "/recon.toml", atomically: true, encoding: .utf8)
        try ([CanonicalLayout.bankColumns.joined(separator: ",")] + bank).joined(separator: "\n").appending("\n")
            .write(toFile: dir + "/bank.csv", atomically: true, encoding: .utf8)
        try ([CanonicalLayout.ledgerColumns.joined(separator: ",")] + ledger).joined(separator: "\n").appending("\n")
            .write(toFile: dir + "/ledger.csv", atomically: true, encoding: .utf8)
        let opening = "account,date,currency,balance\nSUB-1,2026-11-01,CNY,1000.00\nSUB-2,2026-11-01,CNY,500.00\n"
        try opening.write(toFile: dir + "/bank-balances.csv", atomically: true, encoding: .utf8)
        try opening.write(toFile: dir + "/ledger-balances.csv", atomically: true, encoding: .utf8)
        return (dir, try run(dir))
    }

    @Test func platformMoneyPaidIntoTheCustodyAccountIsAnExcess() throws {
        let (dir, r) = try small(bank: ["B1,SUB-1,2026-11-02,,100.00,CNY,R1,Customer,", "B2,SUB-2,2026-11-02,,250.00,CNY,,PLAT,top-up"],
                                 ledger: ["T1,SUB-1,2026-11-02,100.00,CNY,deposit,R1,,"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let excess = r.rows("segregation_excess")
        #expect(excess.count == 1)
        #expect(excess.first?["account"] == "CUST" && excess.first?["difference"] == "250.00" && excess.first?["severity"] == "high")
        #expect(excess.first?["detail"]?.contains("B2 250.00") == true)
        #expect(r.rows("segregation_shortfall").isEmpty)
    }

    @Test func aTransferToThePlatformsOwnAccountIsAuthorisedOnlyByALedgerRecordOfAnAllowedType() throws {
        let (dir, r) = try small(
            bank: ["B1,SUB-1,2026-11-02,,-12.00,CNY,R1,PLAT,service fee",
                   "B2,SUB-2,2026-11-02,,-30.00,CNY,,PLAT,",
                   "B3,SUB-2,2026-11-02,,-40.00,CNY,R3,PLAT,",
                   "B4,SUB-1,2026-11-02,,-5.00,CNY,R4,Shady Trading Ltd,",
                   "B5,SUB-1,2026-11-02,,-6.00,CNY,R5,Shady Trading Ltd,"],
            ledger: ["T1,SUB-1,2026-11-02,-12.00,CNY,fee,R1,,PLAT",
                     "T3,SUB-2,2026-11-02,-40.00,CNY,withdrawal,R3,,PLAT",
                     "T4,SUB-1,2026-11-02,-5.00,CNY,withdrawal,R4,,Shady",
                     "T5,SUB-1,2026-11-02,-6.00,CNY,repayment,R5,,Shady"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let unauthorized = r.rows("unauthorized_counterparty")
        // B1: a fee record authorises it. B2: no ledger record. B3: a withdrawal does not authorise a
        // payment to the platform. B4, B5: a deny-listed counterparty is flagged whatever the ledger
        // says, a repayment record included (issue 22, finding 5).
        #expect(Set(unauthorized.map { $0["bank_ref"]! }) == ["B2", "B3", "B4", "B5"])
        let byRef = Dictionary(uniqueKeysWithValues: unauthorized.map { ($0["bank_ref"]!, $0) })
        #expect(byRef["B2"]?["detail"]?.contains("platform_own account PLAT; no ledger record authorises it") == true)
        #expect(byRef["B3"]?["ledger_id"] == "T3" && byRef["B3"]?["detail"]?.contains("type 'withdrawal'") == true)
        #expect(byRef["B4"]?["detail"]?.contains("deny-listed counterparty Shady Trading Ltd") == true)
        #expect(byRef["B5"]?["ledger_id"] == "T5"
                && byRef["B5"]?["detail"]?.contains("a listed payee, whatever the ledger says (ledger T5 has type 'repayment')") == true)
        #expect(unauthorized.allSatisfy { $0["severity"] == "critical" })
        #expect(r.rows("unmatched_bank_debit").isEmpty)
        #expect(!r.breaks.contains { $0["bank_ref"] == "B1" })
    }

    @Test func aMismatchExplainedEntirelyByItemsInTransitRaisesNothingButAnUnexplainedOneDoes() throws {
        // SUB-1: a deposit booked on the 2nd reaches the bank on the 3rd. SUB-2: 7.50 left with no record.
        let (dir, r) = try small(
            bank: ["B1,SUB-1,2026-11-03,,80.00,CNY,R1,Customer,", "B2,SUB-2,2026-11-02,,-7.50,CNY,,Someone,"],
            ledger: ["T1,SUB-1,2026-11-02,80.00,CNY,deposit,R1,,Customer"],
            config: "\n[[custody.thresholds]]\nkind = \"balance_mismatch\"\ncount = \">= 1\"\nseverity = \"critical\"\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let mismatches = r.rows("balance_mismatch")
        #expect(!mismatches.contains { $0["account"] == "SUB-1" }, "in transit explains SUB-1 on the 2nd")
        #expect(mismatches.filter { $0["account"] == "SUB-2" }.map { $0["bank_date"]! } == ["2026-11-02", "2026-11-03"])
        #expect(mismatches.first { $0["account"] == "SUB-2" }?["difference"] == "-7.50")
        // The custody account on the 2nd: -87.50 = -80.00 in transit + -7.50 unexplained.
        let day2 = r.custody.first { $0["date"] == "2026-11-02" }
        #expect(day2?["difference"] == "-87.50" && day2?["in_transit"] == "-80.00" && day2?["unexplained"] == "-7.50")
        let shortfall = r.rows("segregation_shortfall").first { $0["bank_date"] == "2026-11-02" }
        #expect(shortfall?["difference"] == "-7.50" && shortfall?["detail"]?.contains("in transit -80.00 (1 item(s))") == true)
        // The threshold on balance mismatches fires, goes to alerts.json and decides the exit code.
        #expect(r.alerts.contains("\"name\" : \"balance_mismatch\"") && r.alerts.contains("count 2 >= 1"))
        #expect(r.status == 1)
        #expect(r.stderr.contains("msg=alert") && r.stderr.contains("level=critical"))
    }

    @Test func withoutItemsInTransitOrSkimsNothingIsRaised() throws {
        let (dir, r) = try small(bank: ["B1,SUB-1,2026-11-02,,80.00,CNY,R1,Customer,"],
                                 ledger: ["T1,SUB-1,2026-11-02,80.00,CNY,deposit,R1,,Customer"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(r.breaks.isEmpty && r.status == 0, "\(r.breaks)")
        #expect(r.custody.map { $0["unexplained"]! } == ["0.00", "0.00"])
    }
}

/// The nightly job with custody controls: balances arrive as files per night, the store keeps each
/// run's indicators, and a night that moves sharply against its history raises an alert.
@Suite struct CustodyNightlyTests {
    @Test func aNightFarWorseThanItsHistoryRaisesTrendAndLimitAlertsAndTheStatementIsInTheStore() throws {
        let dir = try NightlyFolder.make("custody-nightly", tables: """
            [bank_balances]
            directory = "in/balances"
            pattern = "bank-{date}.csv"
            [ledger_balances]
            directory = "in/balances"
            pattern = "ledger-{date}.csv"

            [custody]
            [[custody.accounts]]
            match = "SUB-*"
            class = "customer_funds"
            custody_account = "CUST"

            [[custody.indicators]]
            indicator = "match_rate"
            alert_when = "< 0.95"
            """, directories: ["in/balances"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let config = dir + "/recon.toml"
        let bankHeader = CanonicalLayout.bankColumns.joined(separator: ",") + "\n"
        let ledgerHeader = CanonicalLayout.ledgerColumns.joined(separator: ",") + "\n"
        let dates = (1...6).map { String(format: "2026-11-%02d", $0) }
        var bankBalance = 10_000, ledgerBalance = 10_000
        for (i, date) in dates.enumerated() {
            var bank = "B\(i),SUB-1,\(date),,10.00,CNY,R\(i),Customer,\n"
            let ledger = "T\(i),SUB-1,\(date),10.00,CNY,deposit,R\(i),,Customer\n"
            bankBalance += 1_000
            ledgerBalance += 1_000
            if i == 5 {
                // Night six: ten receipts nobody booked.
                for k in 0..<10 { bank += "X\(k),SUB-1,\(date),,1.00,CNY,,Platform,\n" }
                bankBalance += 1_000
            }
            try (bankHeader + bank).write(toFile: "\(dir)/in/bank/bank-\(date).csv", atomically: true, encoding: .utf8)
            try (ledgerHeader + ledger).write(toFile: "\(dir)/in/ledger/ledger-\(date).csv", atomically: true, encoding: .utf8)
            try "account,date,currency,balance\nSUB-1,\(date),CNY,\(MinorUnits.format(Int64(bankBalance), exponent: 2))\n"
                .write(toFile: "\(dir)/in/balances/bank-\(date).csv", atomically: true, encoding: .utf8)
            try "account,date,currency,balance\nSUB-1,\(date),CNY,\(MinorUnits.format(Int64(ledgerBalance), exponent: 2))\n"
                .write(toFile: "\(dir)/in/balances/ledger-\(date).csv", atomically: true, encoding: .utf8)
        }
        let quiet = try ReconProcess.run(["run", "--from", dates[0], "--to", dates[4], "--config", config, "--progress", "off"])
        #expect(quiet.status == 0, "\(quiet.stderr)")
        #expect(!quiet.stderr.contains("msg=alert"))
        let night6 = try ReconProcess.run(["run", "--date", dates[5], "--config", config, "--progress", "off"])
        #expect(night6.status == 1)
        #expect(night6.stderr.contains("msg=alert") && night6.stderr.contains("alert=indicator_trend") && night6.stderr.contains("name=unmatched_count"))
        let store = try RunStore(path: dir + "/recon.db")
        let run = try #require(try store.currentRun(for: dates[5]))
        let folder = run.outputDirectory
        let alerts = try String(contentsOfFile: folder + "/alerts.json", encoding: .utf8)
        #expect(alerts.contains("\"kind\" : \"indicator_trend\"") && alerts.contains("unmatched_count 10 against 5 earlier runs: 0, 0, 0, 0, 0"))
        #expect(alerts.contains("\"kind\" : \"indicator_limit\"") && alerts.contains("match_rate 0.166666 < 0.95"))
        let summary = try String(contentsOfFile: folder + "/summary.json", encoding: .utf8)
        #expect(summary.contains("\"unmatched_count\" : \"10\"") && summary.contains("\"custody_difference.CNY\" : \"10.00\""))
        #expect(try store.indicatorHistory(before: "2026-11-07", limit: 3)["unmatched_count"] == [10, 0, 0])
        // The custody statement of night six, from the store: platform money mixed in.
        let report = try ReconProcess.run(["custody-report", "--date", dates[5], "--config", config])
        #expect(report.status == 0, "\(report.stderr)")
        let row = try #require(try CSVTable(path: folder + "/custody.csv").rows.first { $0["date"] == dates[5] })
        #expect(row["bank_balance"] == "170.00" && row["owed"] == "160.00" && row["unexplained"] == "10.00")
        for (label, key) in [("bank balance", "bank_balance"), ("owed to customers", "owed"), ("difference (bank - owed)", "difference"),
                             ("  unexplained", "unexplained")] {
            #expect(report.stdout.split(separator: "\n").contains {
                $0.hasPrefix(label + " ") && $0.hasSuffix(" " + row[key]!)
            }, "\(label) \(row[key]!)")
        }
        #expect(report.stdout.contains("CUST (CNY, 1 account(s))"))
        let excess = try String(contentsOfFile: folder + "/breaks.csv", encoding: .utf8).split(separator: "\n").filter { $0.hasPrefix("segregation_excess") }
        #expect(excess.count == 1 && excess.first?.contains(",10.00,") == true)
    }
}
