import Testing
import ReconCore
import ReconMatch
import ReconFormats
import ReconTestSupport

/// `[custody]` in the run configuration: account classes, patterns, thresholds written with their
/// comparison, and errors that name the key at fault.
@Suite struct CustodyConfigurationTests {
    let path = "recon.toml"

    @Test func theCustodySectionIsReadWithEveryKey() throws {
        let c = try MatchConfiguration(toml: """
            [custody]
            deny_list = ["Shady Ltd", "6222999900000001"]
            authorizing_types = ["fee"]
            history_runs = 5
            sharp_move_deviations = 4

            [[custody.accounts]]
            match = "SUB-*"
            class = "customer_funds"
            custody_account = "6222000000000001"

            [[custody.accounts]]
            match = "PLAT-??"
            class = "platform_own"

            [[custody.thresholds]]
            class = "customer_funds"
            kind = "unmatched_bank_debit"
            amount = ">= 1000.00"
            item_amount = "> 50"
            count = ">=10"
            age_days = ">= 3"
            severity = "critical"

            [[custody.indicators]]
            indicator = "match_rate"
            alert_when = "< 0.95"
            """, path: path)
        let custody = try #require(c.custody)
        #expect(custody.denyList == ["Shady Ltd", "6222999900000001"] && custody.authorizingTypes == ["fee"])
        #expect(custody.historyRuns == 5 && custody.sharpMoveDeviations == 4)
        #expect(custody.accountClass(of: "SUB-0042") == .customerFunds)
        #expect(custody.custodyAccount(of: "SUB-0042") == "6222000000000001")
        #expect(custody.accountClass(of: "PLAT-01") == .platformOwn && custody.accountClass(of: "PLAT-001") == .external)
        #expect(custody.custodyAccount(of: "6222000000000001") == "6222000000000001")
        let t = try #require(custody.thresholds.first)
        #expect(t.kind == .unmatchedBankDebit && t.accountClass == .customerFunds && t.severity == .critical)
        #expect(t.amount == Comparison(">= 1000.00") && t.itemAmount == Comparison("> 50") && t.count == Comparison(">= 10"))
        #expect(custody.indicatorLimits == [IndicatorLimit(indicator: .matchRate, alertWhen: Comparison("< 0.95")!)])
    }

    @Test(arguments: [
        ("[custody]\nfoo = 1", "custody.foo"),
        ("[[custody.accounts]]\nmatch = \"A\"\nclass = \"customer\"", "custody.accounts[0].class"),
        ("[[custody.accounts]]\nclass = \"fee\"", "custody.accounts[0].match"),
        ("[[custody.thresholds]]\nkind = \"unmatched_bank_debit\"\namount = 1000", "custody.thresholds[0].amount"),
        ("[[custody.thresholds]]\nkind = \"unmatched_bank_debit\"\namount = \"about 1000\"", "custody.thresholds[0].amount"),
        ("[[custody.thresholds]]\nkind = \"unmatched_bank_debit\"", "custody.thresholds[0]"),
        ("[[custody.thresholds]]\nkind = \"nope\"\ncount = \">= 1\"", "custody.thresholds[0].kind"),
        ("[[custody.indicators]]\nindicator = \"speed\"\nalert_when = \"< 1\"", "custody.indicators[0].indicator"),
    ])
    func aWrongCustodyKeyIsAnErrorNamingIt(_ text: String, _ key: String) {
        do {
            _ = try MatchConfiguration(toml: text, path: path)
            Issue.record("accepted: \(text)")
        } catch let e as ConfigurationError {
            switch e {
            case .unknownKey(_, let k), .invalidValue(_, let k, _): #expect(k == key)
            default: Issue.record("unexpected \(e)")
            }
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func comparisonsAreExactDecimals() throws {
        let c = try #require(Comparison(">= 1000.00"))
        #expect(c.holds(100_000, scale: 2) && !c.holds(99_999, scale: 2))
        #expect(c.holds(1000, scale: 0) && c.holds(100_000_000, scale: 5) && !c.holds(99_999_999, scale: 5))
        #expect(Comparison("< 0.95")!.holds(949_999, scale: 6) && !Comparison("< 0.95")!.holds(950_000, scale: 6))
        #expect(Comparison("== -3")!.holds(-3) && Comparison("<=2")!.holds(2) && Comparison(">2")!.holds(3))
        for bad in ["1000", ">= ", "=> 5", ">= 1.2.3", ">= x", "~ 5"] { #expect(Comparison(bad) == nil, "\(bad)") }
        #expect(Comparison(">= 1000.00")!.description == ">= 1000.00")
    }

    @Test func patternsMatchWholeAccountNumbers() {
        #expect(AccountRule(pattern: "SUB-*", accountClass: .customerFunds).matches("SUB-1"))
        #expect(AccountRule(pattern: "SUB-*", accountClass: .customerFunds).matches("SUB-"))
        #expect(!AccountRule(pattern: "SUB-*", accountClass: .customerFunds).matches("XSUB-1"))
        #expect(AccountRule(pattern: "6222*0001", accountClass: .customerFunds).matches("62220000000001"))
        #expect(!AccountRule(pattern: "6222*0001", accountClass: .customerFunds).matches("62220000000002"))
        #expect(AccountRule(pattern: "A?C", accountClass: .fee).matches("ABC") && !AccountRule(pattern: "A?C", accountClass: .fee).matches("AC"))
        #expect(AccountRule(pattern: "ACC", accountClass: .fee).matches("ACC") && !AccountRule(pattern: "ACC", accountClass: .fee).matches("ACC1"))
    }
}

/// The custody checks read the closing balances a bank's statements carry (camt.053, fixed-width).
@Suite struct CustodyStatementBalanceTests {
    @Test func aStatementsClosingBalanceIsTheBankBalanceOfItsDay() throws {
        var configuration = MatchConfiguration()
        var custody = CustodyConfiguration()
        custody.accounts = [AccountRule(pattern: "SUB-1", accountClass: .customerFunds)]
        configuration.custody = custody
        let base = try Fixture.inputs(bank: ["B1 SUB-1 2026-11-02 40.00 R1", "B2 SUB-1 2026-11-02 -2.50"],
                                      ledger: ["T1 SUB-1 2026-11-02 40.00 R1"], configuration: configuration, asOf: "2026-11-02")
        var statement = StatementSummary(id: "S1", account: "SUB-1", currency: "CNY")
        statement.openingBalance = 10_000
        statement.openingDate = Day(iso: "2026-11-01")
        statement.closingBalance = 13_750
        statement.closingDate = Day(iso: "2026-11-02")
        let inputs = MatchInputs(bank: base.bank, ledger: base.ledger, catalog: base.catalog, configuration: configuration,
                                 asOf: base.asOf, statements: [FileStatement(file: 0, statement: statement)],
                                 ledgerBalances: [BalanceEntry(account: "SUB-1", currency: "CNY", day: Day(iso: "2026-11-01")!, balance: 10_000)])
        let result = Matcher(configuration: configuration).match(inputs)
        let findings = try #require(result.custody).findings
        // Its own custody account: 137.50 at the bank against 140.00 owed, B2's -2.50 unexplained.
        #expect(findings.map(\.kind) == [.segregationShortfall])
        #expect(findings.first?.bankBalance == 13_750 && findings.first?.platformBalance == 14_000)
        #expect(findings.first?.unexplained == -250 && findings.first?.items.map(\.label) == ["B2"])
    }

    /// One day of SUB-1 at the bank (`closing` in minor units) against the platform's 100.00 opening.
    static func custodyFindings(bank: [String], ledger: [String], closing: Int64) throws -> [CustodyFinding] {
        var configuration = MatchConfiguration()
        var custody = CustodyConfiguration()
        custody.accounts = [AccountRule(pattern: "SUB-1", accountClass: .customerFunds)]
        configuration.custody = custody
        let base = try Fixture.inputs(bank: bank, ledger: ledger, configuration: configuration, asOf: "2026-11-02")
        var statement = StatementSummary(id: "S1", account: "SUB-1", currency: "CNY")
        statement.openingBalance = 10_000
        statement.openingDate = Day(iso: "2026-11-01")
        statement.closingBalance = closing
        statement.closingDate = Day(iso: "2026-11-02")
        let inputs = MatchInputs(bank: base.bank, ledger: base.ledger, catalog: base.catalog, configuration: configuration,
                                 asOf: base.asOf, statements: [FileStatement(file: 0, statement: statement)],
                                 ledgerBalances: [BalanceEntry(account: "SUB-1", currency: "CNY", day: Day(iso: "2026-11-01")!, balance: 10_000)])
        return try #require(Matcher(configuration: configuration).match(inputs).custody).findings
    }

    @Test func moneyInWithNoRecordIsAnExcessNeverNettedAgainstAShortfall() throws {
        // B2 +2.50 has no record: 142.50 at the bank against 140.00 owed.
        let excess = try Self.custodyFindings(bank: ["B1 SUB-1 2026-11-02 40.00 R1", "B2 SUB-1 2026-11-02 2.50"],
                                              ledger: ["T1 SUB-1 2026-11-02 40.00 R1"], closing: 14_250)
        #expect(excess.map(\.kind) == [.segregationExcess])
        #expect(excess.first?.unexplained == 250 && excess.first?.items.map(\.label) == ["B2"] && excess.first?.notItemised == 0)
        // A debit and a credit of the same size with no records: both named, never netted to nothing.
        let both = try Self.custodyFindings(bank: ["B1 SUB-1 2026-11-02 40.00 R1", "B2 SUB-1 2026-11-02 2.50", "B3 SUB-1 2026-11-02 -2.50"],
                                            ledger: ["T1 SUB-1 2026-11-02 40.00 R1"], closing: 14_000)
        #expect(Set(both.map(\.kind)) == [.segregationShortfall, .segregationExcess], "\(both)")
        #expect(both.first { $0.kind == .segregationShortfall }?.items.map(\.label) == ["B3"])
        #expect(both.first { $0.kind == .segregationExcess }?.items.map(\.label) == ["B2"])
    }

    @Test func moneyOutToThePlatformNeedsAnAuthorisingRecordAndToAListedPayeeIsNeverAllowed() throws {
        var configuration = MatchConfiguration()
        var custody = CustodyConfiguration()
        custody.accounts = [AccountRule(pattern: "SUB-*", accountClass: .customerFunds),
                            AccountRule(pattern: "PLAT-OWN-01", accountClass: .platformOwn)]
        custody.denyList = ["SHADY-TRADING"]
        configuration.custody = custody
        let inputs = try Fixture.inputs(
            bank: ["B1 SUB-1 2026-11-02 -5.00 R1 PLAT-OWN-01",    // a fee, booked as one: allowed
                   "B2 SUB-1 2026-11-02 -6.00 R2 PLAT-OWN-01",    // booked as a transfer: not authorised
                   "B3 SUB-1 2026-11-02 -7.00 - PLAT-OWN-01",     // no record at all
                   "B4 SUB-1 2026-11-02 -8.00 R4 SHADY-TRADING",  // a listed payee, whatever the type
                   "B5 SUB-1 2026-11-02 -9.00 R5 SOMEONE-ELSE"],  // matched, to an outside payee: fine
            ledger: ["T1 SUB-1 2026-11-02 -5.00 R1 - fee", "T2 SUB-1 2026-11-02 -6.00 R2 - transfer",
                     "T4 SUB-1 2026-11-02 -8.00 R4 - repayment", "T5 SUB-1 2026-11-02 -9.00 R5 - withdrawal"],
            configuration: configuration, asOf: "2026-11-02")
        let result = Matcher(configuration: configuration).match(inputs)
        let custodyResult = try #require(result.custody)
        let flagged = result.breaks.filter { $0.kind == .unauthorizedCounterparty }.map { inputs.bank.bankRef.string(Int($0.bankRow)) }
        #expect(flagged.sorted() == ["B2", "B3", "B4"])
        let reasons = Dictionary(uniqueKeysWithValues: custodyResult.unauthorized.map { (inputs.bank.bankRef.string(Int($0.key)), $0.value) })
        #expect(reasons["B2"]?.contains("ledger T2 has type 'transfer'") == true, "\(reasons)")
        #expect(reasons["B3"]?.contains("no ledger record authorises it") == true, "\(reasons)")
        #expect(reasons["B4"]?.contains("SHADY-TRADING") == true && reasons["B4"]?.contains("whatever the ledger says") == true, "\(reasons)")
        #expect(reasons["B1"] == nil && reasons["B5"] == nil)
    }

    @Test func balancesThatAgreeRaiseNoFinding() throws {
        let none = try Self.custodyFindings(bank: ["B1 SUB-1 2026-11-02 40.00 R1"], ledger: ["T1 SUB-1 2026-11-02 40.00 R1"], closing: 14_000)
        #expect(none.isEmpty)
        // The same day with the bank's balance 0.01 short: a shortfall no item explains.
        let short = try Self.custodyFindings(bank: ["B1 SUB-1 2026-11-02 40.00 R1"], ledger: ["T1 SUB-1 2026-11-02 40.00 R1"], closing: 13_999)
        #expect(short.map(\.kind) == [.segregationShortfall])
        #expect(short.first?.unexplained == -1 && short.first?.items.isEmpty == true && short.first?.notItemised == -1)
    }
}
