import Foundation
import GRDB
import Testing
import ReconStore
import ReconTestSupport

/// Several nights through the nightly job, as an operator lives them: what is still wrong stays open,
/// a line the bank sends again is a duplicate, a corrected file re-run after later nights reaches
/// them, a bank's reversal and re-booking closes a mismatch, a configured balance file that has not
/// arrived stops the night, and a decision never rewrites a report.
@Suite(.serialized) struct NightsThatNeverForgetTests {
    static let bankHeader = "bank_ref,account,booking_date,value_date,amount,currency,end_to_end_id,counterparty,description\n"
    static let ledgerHeader = "txn_id,account,value_date,amount,currency,type,reference,batch_id,counterparty\n"

    /// The custody set-up of the nightly tests: the run's custody tables (``custodyTables``) and
    /// balance files for both sides.
    static let custody = """
        [bank_balances]
        directory = "in/balances"
        pattern = "bank-{date}.csv"
        [ledger_balances]
        directory = "in/balances"
        pattern = "ledger-{date}.csv"

        """ + custodyTables

    struct Job {
        let dir: String
        var config: String { dir + "/recon.toml" }

        init(_ name: String, top: String = "settlement_window_days = 2", tables: String = "", directories: [String] = []) throws {
            dir = try NightlyFolder.make(name, top: top, tables: tables, directories: directories)
        }

        func write(_ text: String, _ relative: String) throws {
            try text.write(toFile: dir + "/" + relative, atomically: true, encoding: .utf8)
        }

        func bank(_ date: String, _ rows: [String]) throws {
            try write(NightsThatNeverForgetTests.bankHeader + rows.map { $0 + "\n" }.joined(), "in/bank/bank-\(date).csv")
        }

        func ledger(_ date: String, _ rows: [String]) throws {
            try write(NightsThatNeverForgetTests.ledgerHeader + rows.map { $0 + "\n" }.joined(), "in/ledger/ledger-\(date).csv")
        }

        func balances(_ date: String, bank: [String], ledger: [String]) throws {
            try write("account,date,currency,balance\n" + bank.map { $0 + "\n" }.joined(), "in/balances/bank-\(date).csv")
            try write("account,date,currency,balance\n" + ledger.map { $0 + "\n" }.joined(), "in/balances/ledger-\(date).csv")
        }

        @discardableResult
        func recon(_ args: [String]) throws -> ReconProcess.Result {
            try ReconProcess.run(args + ["--config", config] + (args.first == "run" ? ["--progress", "off"] : []))
        }

        func store() throws -> RunStore { try RunStore(path: dir + "/recon.db") }

        /// The current run's folder of a date.
        func folder(_ date: String) throws -> String {
            let run = try #require(try store().currentRun(for: date))
            return run.outputDirectory.hasPrefix("/") ? run.outputDirectory : dir + "/" + run.outputDirectory
        }

        /// The current run's breaks of a date, as rows by column name.
        func breaks(_ date: String) throws -> [[String: String]] { try CSVTable(path: folder(date) + "/breaks.csv").rows }

        /// `recon breaks --open`, as rows by column name.
        func open() throws -> [[String: String]] {
            let out = try recon(["breaks", "--open"]).stdout
            let path = dir + "/open-\(UUID().uuidString).csv"
            try out.write(toFile: path, atomically: true, encoding: .utf8)
            return try CSVTable(path: path).rows
        }
    }

    /// "kind bank_ref/ledger_id severity" of each row, sorted.
    func kinds(_ rows: [[String: String]]) -> [String] {
        rows.map { "\($0["kind"]!) \($0["bank_ref"]!)/\($0["ledger_id"]!) \($0["severity"]!)" }.sorted()
    }

    // MARK: Custody controls across nights

    @Test func anUnauthorisedTransferStaysOpenAndCriticalOnTheNextNightAndIsItemisedInTheCustodyStatement() throws {
        let job = try Job("unauthorised", tables: Self.custody, directories: ["in/balances"])
        // Night 1: 100.00 leaves SUB-1 for the platform's own account; the ledger has no record of it.
        try job.bank("2026-11-02", ["U1,SUB-1,2026-11-02,,-100.00,CNY,,PLAT-OWN-01,"])
        try job.ledger("2026-11-02", [])
        try job.balances("2026-11-02", bank: ["SUB-1,2026-11-02,CNY,900.00"], ledger: ["SUB-1,2026-11-02,CNY,1000.00"])
        // Night 2: nothing moves; the money is still gone.
        try job.bank("2026-11-03", [])
        try job.ledger("2026-11-03", [])
        try job.balances("2026-11-03", bank: ["SUB-1,2026-11-03,CNY,900.00"], ledger: ["SUB-1,2026-11-03,CNY,1000.00"])
        let night1 = try job.recon(["run", "--date", "2026-11-02"])
        #expect(night1.status == 1, "\(night1.stderr)")
        #expect(try job.breaks("2026-11-02").contains { $0["kind"] == "unauthorized_counterparty" && $0["bank_ref"] == "U1" })
        let night2 = try job.recon(["run", "--date", "2026-11-03"])
        #expect(night2.status == 1, "night 2 still has a critical item: \(night2.stderr)")
        let rows = try job.breaks("2026-11-03")
        let u1 = try #require(rows.first { $0["bank_ref"] == "U1" }, "U1 is still in night 2's breaks.csv")
        #expect(u1["kind"] == "unauthorized_counterparty" && u1["severity"] == "critical" && u1["bank_amount"] == "-100.00")
        #expect(u1["age_days"] == "1" && u1["detail"]?.contains("platform_own account PLAT-OWN-01") == true)
        let shortfall = try #require(rows.first { $0["kind"] == "segregation_shortfall" })
        #expect(shortfall["difference"] == "-100.00" && shortfall["detail"]?.contains("U1 -100.00") == true)
        let open = try job.open()
        #expect(open.contains { $0["kind"] == "unauthorized_counterparty" && $0["bank_ref"] == "U1" && $0["business_date"] == "2026-11-03" },
                "recon breaks --open lists it on night 2")
        // The custody statement itemises it: nothing left unexplained and not itemised.
        let statement = try CSVTable(path: job.folder("2026-11-03") + "/custody.csv").rows
        let day = try #require(statement.first { $0["date"] == "2026-11-03" })
        #expect(day["unexplained"] == "-100.00" && day["unexplained_items"] == "-100.00" && day["not_itemised"] == "0.00")
    }

    @Test func aNightWhoseConfiguredBalanceFileIsMissingStopsWithACriticalAlertAndIsRecordedAsMissingInput() throws {
        let job = try Job("missing-balances", tables: Self.custody, directories: ["in/balances"])
        try job.bank("2026-11-02", ["B1,SUB-1,2026-11-02,,-40.00,CNY,,Someone,"])
        try job.ledger("2026-11-02", [])
        // Only the platform's balances arrived; the bank's did not.
        try job.write("account,date,currency,balance\nSUB-1,2026-11-02,CNY,1000.00\n", "in/balances/ledger-2026-11-02.csv")
        let check = try ReconProcess.run(["config", "check", job.config, "--date", "2026-11-02"])
        #expect(check.status == 2 && check.stdout.contains("bank_balances files for 2026-11-02"), "\(check.stdout)")
        let r = try job.recon(["run", "--date", "2026-11-02"])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("level=critical msg=\"input missing\"") && r.stderr.contains("side=bank_balances"))
        let alerts = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: job.dir + "/out/2026-11-02/alerts.json"))) as! [String: Any]
        let alert = try #require((alerts["alerts"] as? [[String: Any]])?.first)
        #expect(alert["kind"] as? String == "missing_input" && alert["side"] as? String == "bank_balances"
                && alert["severity"] as? String == "critical")
        #expect(alert["directory"] as? String == job.dir + "/in/balances" && alert["pattern"] as? String == "bank-{date}.csv")
        let runs = try job.store().runs()
        #expect(runs.count == 1 && runs[0].status == "missing_input" && runs[0].businessDate == "2026-11-02")
        #expect(try job.store().currentRun(for: "2026-11-02") == nil, "nothing was reconciled")
    }

    @Test func balanceFilesAreInputsOfRecordAndACorrectedOneIsNoticed() throws {
        let job = try Job("balances-of-record", tables: Self.custody, directories: ["in/balances"])
        try job.bank("2026-11-02", ["B1,SUB-1,2026-11-02,,50.00,CNY,R1,Customer,"])
        try job.ledger("2026-11-02", ["T1,SUB-1,2026-11-02,50.00,CNY,deposit,R1,,Customer"])
        try job.balances("2026-11-02", bank: ["SUB-1,2026-11-02,CNY,1050.00"], ledger: ["SUB-1,2026-11-02,CNY,1050.00"])
        let check = try ReconProcess.run(["config", "check", job.config, "--date", "2026-11-02"])
        #expect(check.status == 0 && check.stdout.contains("bank_balances files for 2026-11-02")
                && check.stdout.contains("in/balances/ledger-2026-11-02.csv"), "\(check.stdout)")
        #expect(try job.recon(["run", "--date", "2026-11-02"]).status == 0)
        func inputs() throws -> [[String: Any]] {
            let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: job.folder("2026-11-02") + "/summary.json"))) as! [String: Any]
            return summary["inputs"] as! [[String: Any]]
        }
        let first = try inputs()
        #expect(first.map { $0["side"] as! String } == ["bank", "ledger", "bank_balances", "ledger_balances"])
        let balance = try #require(first.first { $0["side"] as? String == "bank_balances" })
        #expect((balance["sha256"] as? String)?.count == 64 && balance["rows"] as? Int == 1 && balance["replaces_sha256"] == nil)
        let stored = try job.store().inputs(ofRun: try #require(try job.store().currentRun(for: "2026-11-02")).id)
        #expect(stored.map(\.side) == ["bank", "ledger", "bank_balances", "ledger_balances"])
        // The bank corrects its balance file: the re-run says so in summary.json, the store and the log.
        try job.write("account,date,currency,balance\nSUB-1,2026-11-02,CNY,1000.00\n", "in/balances/bank-2026-11-02.csv")
        let rerun = try job.recon(["run", "--date", "2026-11-02"])
        #expect(rerun.status == 1, "the corrected balance shows 50.00 missing: \(rerun.stderr)")
        #expect(rerun.stderr.contains("corrected bank_balances file"))
        let corrected = try #require(try inputs().first { $0["side"] as? String == "bank_balances" })
        #expect(corrected["replaces_sha256"] as? String == balance["sha256"] as? String && corrected["sha256"] as? String != balance["sha256"] as? String)
        let run = try #require(try job.store().currentRun(for: "2026-11-02"))
        #expect(try job.store().inputs(ofRun: run.id).first { $0.side == "bank_balances" }?.replacesSHA256 == balance["sha256"] as? String)
        #expect(try job.recon(["audit", "verify"]).status == 0)
    }

    // MARK: The nightly carry-forward over five nights

    @Test func fiveNightsResentLinesAreDuplicatesAReversalClosesAMismatchAndACorrectedFileReachesLaterNights() throws {
        let job = try Job("five-nights")
        let d = ["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06"]
        // Night 1: B1 settles T1; B2 comes in 715.00 against T2's 700.00.
        try job.ledger(d[0], ["T1,ACC1,\(d[0]),100.00,CNY,deposit,R1,,", "T2,ACC1,\(d[0]),700.00,CNY,deposit,R2,,"])
        try job.bank(d[0], ["B1,ACC1,\(d[0]),,100.00,CNY,R1,Customer,", "B2,ACC1,\(d[0]),,715.00,CNY,R2,Customer,"])
        // Night 2: the bank's statement overlaps night 1 (B1 again, and under a new bank_ref), reverses
        // B2 and books the right amount.
        try job.ledger(d[1], [])
        try job.bank(d[1], ["B1,ACC1,\(d[0]),,100.00,CNY,R1,Customer,", "B1-BIS,ACC1,\(d[0]),,100.00,CNY,R1,Customer,",
                            "B2-REV,ACC1,\(d[1]),,-715.00,CNY,R2,Customer,", "B3,ACC1,\(d[1]),,700.00,CNY,R2,Customer,"])
        for date in d[2...] {
            try job.ledger(date, [])
            try job.bank(date, [])
        }
        let first = try job.recon(["run", "--date", d[0]])
        #expect(first.status == 1, "an amount mismatch is high")
        #expect(kinds(try job.breaks(d[0])) == ["amount_mismatch B2/T2 high"])
        // The mismatch stays open until the bank's correction arrives.
        #expect(try job.open().contains { $0["kind"] == "amount_mismatch" && $0["bank_ref"] == "B2" })
        let week = try job.recon(["run", "--from", d[1], "--to", d[4]])
        #expect(week.status == 1, "the re-sent lines are duplicates (high): \(week.stderr)")
        let night2 = try job.breaks(d[1])
        let night1 = try #require(try job.store().currentRun(for: d[0]))
        #expect(kinds(night2) == ["duplicate_bank B1-BIS/ high", "duplicate_bank B1/ high", "reversal B2-REV/ info",
                                  "timing_difference B3/T2 info"])
        for row in night2 where row["kind"] == "duplicate_bank" {
            #expect(row["detail"] == "sent again: this line was reconciled on \(d[0]) (run \(night1.id))", "\(row)")
        }
        #expect(night2.first { $0["kind"] == "reversal" }?["detail"]?.contains("reverses bank_ref B2 of \(d[0]) (715.00") == true)
        #expect(!night2.contains { $0["severity"] == "critical" || $0["kind"].map { $0.hasPrefix("unmatched") } == true })
        for date in d[2...] { #expect(try job.breaks(date).isEmpty, "nothing carried past night 2 (\(date))") }
        #expect(try job.open().isEmpty)

        // After night 5, the bank corrects night 2's file: a debit of 250.00 it had left out.
        try job.bank(d[1], ["B1,ACC1,\(d[0]),,100.00,CNY,R1,Customer,", "B1-BIS,ACC1,\(d[0]),,100.00,CNY,R1,Customer,",
                            "B2-REV,ACC1,\(d[1]),,-715.00,CNY,R2,Customer,", "B3,ACC1,\(d[1]),,700.00,CNY,R2,Customer,",
                            "B9,ACC1,\(d[1]),,-250.00,CNY,,Someone,"])
        let corrected = try job.recon(["run", "--date", d[1]])
        #expect(corrected.status == 1)
        #expect(corrected.stderr.contains("msg=\"re-running later nights\"") && corrected.stderr.contains("dates=\(d[2...].joined(separator: ","))"))
        #expect(corrected.stderr.contains("corrected bank file"))
        let debit = try #require(try job.breaks(d[4]).first { $0["bank_ref"] == "B9" }, "night 5 shows the debit")
        #expect(debit["kind"] == "unmatched_bank_debit" && debit["severity"] == "critical" && debit["age_days"] == "3")
        #expect(try job.open().contains { $0["bank_ref"] == "B9" && $0["business_date"] == d[4] })
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: job.folder(d[1]) + "/summary.json"))) as! [String: Any]
        let bankInput = try #require((summary["inputs"] as? [[String: Any]])?.first { $0["side"] as? String == "bank" && ($0["path"] as? String)?.hasSuffix("bank-\(d[1]).csv") == true })
        #expect((bankInput["replaces_sha256"] as? String)?.count == 64, "the corrected file names the digest it replaces")
        // Every later night was re-run: each date's earlier run is superseded by the new one.
        let runs = try job.store().runs()
        for date in d[1...] { #expect(runs.filter { $0.businessDate == date && $0.status == "completed" }.count == 2, "\(date)") }
        #expect(try job.recon(["audit", "verify"]).status == 0)

        // With --no-cascade the later nights are not re-run, and the log says they are stale.
        let stale = try job.recon(["run", "--date", d[2], "--no-cascade"])
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("msg=\"later nights are stale\"") && stale.stderr.contains("dates=\(d[3]),\(d[4])"))
        #expect(try job.store().runs().filter { $0.businessDate == d[4] }.count == 2, "night 5 was not re-run")
    }

    @Test func aLineSentAgainAfterTheLookbackIsNoLongerADuplicate() throws {
        let job = try Job("lookback", top: "settlement_window_days = 2\nduplicate_lookback_days = 1")
        try job.ledger("2026-11-02", ["T1,ACC1,2026-11-02,100.00,CNY,deposit,R1,,"])
        try job.bank("2026-11-02", ["B1,ACC1,2026-11-02,,100.00,CNY,R1,,"])
        try job.ledger("2026-11-03", [])
        try job.bank("2026-11-03", [])
        try job.ledger("2026-11-04", [])
        try job.bank("2026-11-04", ["B1,ACC1,2026-11-02,,100.00,CNY,R1,,"])
        #expect(try job.recon(["run", "--from", "2026-11-02", "--to", "2026-11-04"]).status == 0)
        #expect(kinds(try job.breaks("2026-11-04")) == ["unmatched_bank_credit B1/ medium"], "two days later, outside a one-day lookback")
    }

    @Test func aReRunAfterADecisionReproducesTheReportAndTheDecisionTakesEffectOnTheNextNight() throws {
        let job = try Job("decision-rerun")
        try job.ledger("2026-11-02", ["T5,ACC1,2026-11-02,30.00,CNY,deposit,R5,,"])
        try job.bank("2026-11-02", [])
        for date in ["2026-11-03", "2026-11-04"] {
            try job.ledger(date, [])
            try job.bank(date, [])
        }
        #expect(try job.recon(["run", "--from", "2026-11-02", "--to", "2026-11-03"]).status == 0)
        let before = try String(contentsOfFile: job.folder("2026-11-03") + "/breaks.csv", encoding: .utf8)
        let item = try #require(try job.open().first { $0["ledger_id"] == "T5" })
        #expect(try job.recon(["resolve", item["break_id"]!, "--as", "explained", "--note", "refund booked by hand", "--by", "alice"]).status == 0)
        // Re-running night 2 (nothing after it yet) reproduces its report byte for byte.
        #expect(try job.recon(["run", "--date", "2026-11-03"]).status == 0)
        #expect(try String(contentsOfFile: job.folder("2026-11-03") + "/breaks.csv", encoding: .utf8) == before)
        let shown = try job.recon(["breaks", "--kind", "in_transit"]).stdout
        #expect(shown.contains("explained,alice,refund booked by hand"), "the decision shows beside the row")
        // The next night no longer carries it.
        #expect(try job.recon(["run", "--date", "2026-11-04"]).status == 0)
        #expect(try job.breaks("2026-11-04").isEmpty)
    }

    // MARK: Custody controls within one night

    /// A one-off run with custody checks over the files written into `dir`.
    func custodyRun(_ dir: String, bank: [String], ledger: [String], bankBalances: [String], ledgerBalances: [String],
                    config: String) throws -> (status: Int32, stderr: String, breaks: [[String: String]], summary: String) {
        func file(_ name: String, _ header: String, _ rows: [String]) throws {
            try (header + rows.map { $0 + "\n" }.joined()).write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        }
        try file("bank.csv", Self.bankHeader, bank)
        try file("ledger.csv", Self.ledgerHeader, ledger)
        try file("bank-balances.csv", "account,date,currency,balance\n", bankBalances)
        try file("ledger-balances.csv", "account,date,currency,balance\n", ledgerBalances)
        try config.write(toFile: dir + "/recon.toml", atomically: true, encoding: .utf8)
        let r = try ReconProcess.run(["run", "--bank", dir + "/bank.csv", "--ledger", dir + "/ledger.csv", "--config", dir + "/recon.toml",
                                      "--bank-balances", dir + "/bank-balances.csv", "--ledger-balances", dir + "/ledger-balances.csv",
                                      "--out", dir + "/out", "--progress", "off"])
        let breaks = (try? CSVTable(path: dir + "/out/breaks.csv").rows) ?? []
        let summary = (try? String(contentsOfFile: dir + "/out/summary.json", encoding: .utf8)) ?? ""
        return (r.status, r.stderr, breaks, summary)
    }

    /// SUB-* customer sub-accounts under one custody account, the platform's own account, a listed payee.
    static let custodyTables = """
        [custody]
        authorizing_types = ["fee", "repayment"]
        deny_list = ["BAD PAYEE LTD"]
        [[custody.accounts]]
        match = "SUB-*"
        class = "customer_funds"
        custody_account = "CUST-1"
        [[custody.accounts]]
        match = "PLAT-OWN-01"
        class = "platform_own"
        """

    @Test func platformMoneyMixedInDoesNotHideMissingCustomerMoney() throws {
        let dir = try ReconProcess.temporaryDirectory("excess-shortfall")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // SUB-1 loses 100.00 with no ledger record; the platform credits 150.00 of its own into SUB-2.
        let r = try custodyRun(dir, bank: ["S1,SUB-1,2026-11-02,,-100.00,CNY,,Unknown Person,", "P1,SUB-2,2026-11-02,,150.00,CNY,,PLAT-OWN-01,"],
                               ledger: [],
                               bankBalances: ["SUB-1,2026-11-02,CNY,900.00", "SUB-2,2026-11-02,CNY,650.00"],
                               ledgerBalances: ["SUB-1,2026-11-02,CNY,1000.00", "SUB-2,2026-11-02,CNY,500.00"],
                               config: Self.custodyTables)
        #expect(r.status == 1, "\(r.stderr)")
        let shortfall = try #require(r.breaks.first { $0["kind"] == "segregation_shortfall" }, "the missing 100.00 is reported")
        #expect(shortfall["severity"] == "critical" && shortfall["difference"] == "-100.00" && shortfall["account"] == "CUST-1")
        #expect(shortfall["detail"]?.contains("= 1 item(s) [S1 -100.00]") == true, "\(shortfall["detail"] ?? "")")
        let excess = try #require(r.breaks.first { $0["kind"] == "segregation_excess" }, "the platform money is a finding of its own")
        #expect(excess["difference"] == "150.00" && excess["detail"]?.contains("[P1 150.00]") == true)
    }

    @Test func aDenyListedPayeeIsFlaggedWhateverTheLedgerTypeSays() throws {
        let dir = try ReconProcess.temporaryDirectory("deny-fee")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try custodyRun(dir, bank: ["D1,SUB-1,2026-11-02,,-50.00,CNY,R9,BAD PAYEE LTD,", "F1,SUB-1,2026-11-02,,-5.00,CNY,R8,PLAT-OWN-01,"],
                               ledger: ["T9,SUB-1,2026-11-02,-50.00,CNY,fee,R9,,BAD PAYEE LTD", "T8,SUB-1,2026-11-02,-5.00,CNY,fee,R8,,PLAT-OWN-01"],
                               bankBalances: ["SUB-1,2026-11-02,CNY,945.00"], ledgerBalances: ["SUB-1,2026-11-02,CNY,945.00"],
                               config: Self.custodyTables)
        #expect(r.status == 1, "\(r.stderr)")
        let flagged = r.breaks.filter { $0["kind"] == "unauthorized_counterparty" }
        #expect(flagged.map { $0["bank_ref"]! } == ["D1"], "the listed payee is flagged; the platform fee with its fee record is not")
        #expect(flagged.first?["detail"]?.contains("deny-listed counterparty BAD PAYEE LTD; a listed payee, whatever the ledger says") == true)
    }

    @Test func theCustodyDifferenceIndicatorAndItsLimitAreKeptPerCurrency() throws {
        let dir = try ReconProcess.temporaryDirectory("indicator-currency")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let config = Self.custodyTables + """

            [[custody.indicators]]
            indicator = "custody_difference"
            alert_when = "> 50.00"
            severity = "critical"
            """
        // 100.00 CNY and 10.00 USD are missing: never 10,010 "units".
        let r = try custodyRun(dir, bank: ["C1,SUB-1,2026-11-02,,-100.00,CNY,,Unknown,", "U1,SUB-2,2026-11-02,,-10.00,USD,,Unknown,"],
                               ledger: [],
                               bankBalances: ["SUB-1,2026-11-02,CNY,900.00", "SUB-2,2026-11-02,USD,90.00"],
                               ledgerBalances: ["SUB-1,2026-11-02,CNY,1000.00", "SUB-2,2026-11-02,USD,100.00"],
                               config: config)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.summary.contains("\"custody_difference.CNY\" : \"100.00\"") && r.summary.contains("\"custody_difference.USD\" : \"10.00\""), "\(r.summary)")
        #expect(r.summary.contains("\"unmatched_amount.CNY\" : \"100.00\"") && r.summary.contains("\"unmatched_amount.USD\" : \"10.00\""))
        #expect(!r.summary.contains("\"custody_difference\" :"))
        let alerts = try String(contentsOfFile: dir + "/out/alerts.json", encoding: .utf8)
        #expect(alerts.contains("custody_difference.CNY 100.00 > 50.00") && !alerts.contains("custody_difference.USD"), "\(alerts)")
    }
}
