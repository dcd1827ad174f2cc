import Foundation
import ReconCore
import ReconFormats

/// Generated custody data: customers' sub-accounts under one custody account, several days of
/// deposits, withdrawals, investments, repayments and fees (some settling a day late), and a hidden
/// skim — small debits from customer sub-accounts with no ledger record — on chosen days. The bank's
/// balances are given for every account and day; the platform's are an opening balance rolled forward.
package struct CustodyScenario {
    package struct Skim: Equatable {
        package var bankRef: String
        package var account: String
        package var day: Day
        package var amount: Int64
    }

    package static let custodyAccount = "6222000000000001"
    package static let platformOwn = "PLAT-OWN-01"

    package var bank: [String] = []
    package var ledger: [String] = []
    package var bankBalances: [String] = []
    package var ledgerBalances: [String] = []
    package var skims: [Skim] = []
    package var days: [Day]
    /// Ledger records still in transit at the end of each day (booked, not at the bank yet): their sum.
    package var inTransit: [Day: Int64] = [:]
    /// What the bank holds on the custody account's sub-accounts at the end of each day.
    package var bankTotal: [Day: Int64] = [:]

    /// - Parameters:
    ///   - skimDays: day index → number of skim debits that day (each under `skimBelow` minor units).
    package init(seed: UInt64, customers: Int, start: Day, dayCount: Int, skimDays: [Int: Int], skimBelow: Int64 = 5_000) {
        var rng = SplitMix64(seed: seed)
        days = (0..<dayCount).map { start.adding(days: $0) }
        let accounts = (1...customers).map { String(format: "SUB-%04d", $0) }
        var bankBalance: [String: Int64] = [:], ledgerBalance: [String: Int64] = [:]
        let opening = start.adding(days: -1)
        for a in accounts {
            let b = Int64(rng.next() % 400_000) + 100_000
            bankBalance[a] = b
            ledgerBalance[a] = b
            bankBalances.append("\(a),\(opening),CNY,\(MinorUnits.format(b, exponent: 2))")
            ledgerBalances.append("\(a),\(opening),CNY,\(MinorUnits.format(b, exponent: 2))")
        }
        var n = 0
        var late: [(account: String, amount: Int64, ref: String, day: Day)] = []
        for (index, day) in days.enumerated() {
            // Yesterday's late payments reach the bank today.
            for l in late {
                n += 1
                bank.append("B\(n),\(l.account),\(day),,\(MinorUnits.format(l.amount, exponent: 2)),CNY,\(l.ref),Customer,")
                bankBalance[l.account]! += l.amount
            }
            late = []
            for a in accounts where rng.next() % 3 != 0 {
                n += 1
                let ref = "R\(n)"
                let roll = rng.next() % 10
                let (type, amount, counterparty): (String, Int64, String)
                switch roll {
                case 0...3: (type, amount, counterparty) = ("deposit", Int64(rng.next() % 100_000) + 100, "Customer")
                case 4...5: (type, amount, counterparty) = ("withdrawal", -Int64(rng.next() % 20_000) - 100, "Customer")
                case 6: (type, amount, counterparty) = ("investment", -Int64(rng.next() % 30_000) - 100, "Borrower Ltd")
                case 7...8: (type, amount, counterparty) = ("repayment", Int64(rng.next() % 30_000) + 100, "Borrower Ltd")
                default: (type, amount, counterparty) = ("fee", -Int64(rng.next() % 500) - 10, CustodyScenario.platformOwn)
                }
                ledger.append("T\(n),\(a),\(day),\(MinorUnits.format(amount, exponent: 2)),CNY,\(type),\(ref),,\(counterparty)")
                ledgerBalance[a]! += amount
                // One deposit in twelve reaches the bank the next day (never after the last day).
                if type == "deposit" && rng.next() % 12 == 0 && index + 1 < days.count {
                    late.append((a, amount, ref, day))
                    inTransit[day, default: 0] += amount
                    continue
                }
                bank.append("B\(n),\(a),\(day),,\(MinorUnits.format(amount, exponent: 2)),CNY,\(ref),\(counterparty),")
                bankBalance[a]! += amount
            }
            for _ in 0..<(skimDays[index] ?? 0) {
                n += 1
                let a = accounts[Int(rng.next() % UInt64(accounts.count))]
                let amount = -(Int64(rng.next() % UInt64(skimBelow - 100)) + 100)
                bank.append("B\(n),\(a),\(day),,\(MinorUnits.format(amount, exponent: 2)),CNY,,Unknown Person,")
                bankBalance[a]! += amount
                skims.append(Skim(bankRef: "B\(n)", account: a, day: day, amount: amount))
            }
            for a in accounts { bankBalances.append("\(a),\(day),CNY,\(MinorUnits.format(bankBalance[a]!, exponent: 2))") }
            bankTotal[day] = accounts.reduce(0) { $0 + bankBalance[$1]! }
        }
    }

    /// The run configuration: sub-accounts under the custody account, the platform's own account,
    /// and a single-item threshold every skim debit stays under.
    package func configuration(itemThreshold: String = "50.00") -> String {
        """
        [custody]
        authorizing_types = ["fee", "repayment"]

        [[custody.accounts]]
        match = "SUB-*"
        class = "customer_funds"
        custody_account = "\(CustodyScenario.custodyAccount)"

        [[custody.accounts]]
        match = "\(CustodyScenario.platformOwn)"
        class = "platform_own"

        [[custody.thresholds]]
        class = "customer_funds"
        kind = "unmatched_bank_debit"
        item_amount = ">= \(itemThreshold)"
        severity = "critical"

        """
    }

    /// Writes bank.csv, ledger.csv, bank-balances.csv, ledger-balances.csv and recon.toml into `dir`.
    package func write(to dir: String) throws {
        func file(_ name: String, _ header: String, _ lines: [String]) throws {
            try (([header] + lines).joined(separator: "\n") + "\n").write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        }
        try file("bank.csv", CanonicalLayout.bankColumns.joined(separator: ","), bank)
        try file("ledger.csv", CanonicalLayout.ledgerColumns.joined(separator: ","), ledger)
        try file("bank-balances.csv", "account,date,currency,balance", bankBalances)
        try file("ledger-balances.csv", "account,date,currency,balance", ledgerBalances)
        try configuration().write(toFile: dir + "/recon.toml", atomically: true, encoding: .utf8)
    }
}
