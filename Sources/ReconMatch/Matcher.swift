#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ReconCore

/// Runs the ordered passes over both tables and decides the outcome of every row.
///
/// Passes run one after another; each pass is partitioned by its key and its partitions run in
/// parallel. The result does not depend on the number of threads.
package struct Matcher: Sendable {
    package let configuration: MatchConfiguration

    package init(configuration: MatchConfiguration = MatchConfiguration()) {
        self.configuration = configuration
    }

    /// The number of worker threads a run uses.
    package var threadCount: Int {
        if let t = configuration.threads, t > 0 { return t }
        return SystemInfo.processorCount
    }

    /// Matches; `mark` is called after each pass with its name (for timing).
    package func match(_ inputs: MatchInputs, mark: (String) -> Void = { _ in }) -> MatchResult {
        var bankCodes = [UInt8](repeating: RowOutcome.openCode, count: inputs.bank.count)
        var ledgerCodes = [UInt8](repeating: RowOutcome.openCode, count: inputs.ledger.count)
        var output = PassOutput()
        let config = configuration
        // The custody checks need each paired bank row's ledger row (its type authorises a payment).
        var bankPartner = [Int32](repeating: -1, count: config.custody == nil ? 0 : inputs.bank.count)
        bankCodes.withUnsafeMutableBufferPointer { bp in
            ledgerCodes.withUnsafeMutableBufferPointer { lp in
                bankPartner.withUnsafeMutableBufferPointer { pp in
                    let bank = SendableBuffer(bp), ledger = SendableBuffer(lp)
                    let partners = config.custody == nil ? nil : SendableBuffer(pp)
                    let driver = GroupingDriver(inputs: inputs, threads: threadCount, bankPartner: partners)
                    var scratch: [KeyEntry] = []
                    if !inputs.resentBankRows.isEmpty {
                        output.append(ResentLinePass().run(inputs, bankCodes: bank, ledgerCodes: ledger))
                        mark("pass re-sent lines")
                    }
                    if inputs.carriedBankStart != nil {
                        output.append(ReversalPass().run(inputs, bankCodes: bank, ledgerCodes: ledger))
                        mark("pass reversals")
                    }
                    if config.duplicates || config.reference {
                        driver.run(ReferencePass(tolerance: config.referenceAmountTolerance, duplicates: config.duplicates,
                                                 matching: config.reference),
                                   bankCodes: bank, ledgerCodes: ledger, scratch: &scratch, into: &output)
                        mark("passes duplicates and reference")
                    }
                    if config.batch {
                        driver.run(BatchPass(), bankCodes: bank, ledgerCodes: ledger, scratch: &scratch, into: &output)
                        mark("pass batch")
                    }
                    if config.amountDate {
                        driver.run(AmountDatePass(windowDays: config.windowDays), bankCodes: bank, ledgerCodes: ledger,
                                   scratch: &scratch, into: &output)
                        mark("pass amount_date")
                    }
                    if let fx = config.fx, !fx.rates.isEmpty {
                        driver.run(FXPass(configuration: fx), bankCodes: bank, ledgerCodes: ledger, scratch: &scratch, into: &output)
                        mark("pass fx")
                    }
                    if let tolerance = config.tolerance {
                        driver.run(TolerancePass(configuration: tolerance, calendar: config.calendar), bankCodes: bank,
                                   ledgerCodes: ledger, scratch: &scratch, into: &output)
                        mark("pass tolerance")
                    }
                    if let groups = config.groups {
                        driver.run(GroupPass(configuration: groups), bankCodes: bank, ledgerCodes: ledger, scratch: &scratch, into: &output)
                        mark("pass groups")
                    }
                    if let scoring = config.scoring {
                        driver.run(ScoredPass(configuration: scoring), bankCodes: bank, ledgerCodes: ledger, scratch: &scratch, into: &output)
                        mark("pass scoring")
                    }
                    if config.statementIntegrity { output.append(PassOutput(breaks: StatementIntegrity.check(inputs.statements), related: [])) }
                    output.append(LeftoverPass(settlementWindowDays: config.settlementWindowDays)
                        .run(inputs, bankCodes: bank, ledgerCodes: ledger))
                    mark("pass leftovers")
                }
            }
        }
        var result = MatchResult(breaks: output.breaks, related: output.related, bankCodes: bankCodes, ledgerCodes: ledgerCodes,
                                 asOf: inputs.asOf)
        result.groupSuggestions = GroupPass.contentSorted(output.groupSuggestions, inputs)
        result.suggestions = ScoredPass.contentSorted(output.suggestions, inputs)
        result.conversions = Dictionary(output.conversions.map { ($0.bankRow, $0) }, uniquingKeysWith: { a, _ in a })
        result.scores = Dictionary(output.scores.map { ($0.bankRow, $0) }, uniquingKeysWith: { a, _ in a })
        result.boundHits = output.boundHits.sorted { ($0.side.rawValue, $0.row) < ($1.side.rawValue, $1.row) }
        if let custody = config.custody {
            result.custody = CustodyChecks(inputs: inputs, config: custody).run(result: &result, bankPartner: bankPartner)
            mark("custody checks")
        }
        return result
    }
}
