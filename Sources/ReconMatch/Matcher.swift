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
public struct Matcher: Sendable {
    public let configuration: MatchConfiguration

    public init(configuration: MatchConfiguration = MatchConfiguration()) {
        self.configuration = configuration
    }

    /// The number of worker threads a run uses.
    public var threadCount: Int {
        if let t = configuration.threads, t > 0 { return t }
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    public func match(_ inputs: MatchInputs) -> MatchResult {
        var bankCodes = [UInt8](repeating: RowOutcome.openCode, count: inputs.bank.count)
        var ledgerCodes = [UInt8](repeating: RowOutcome.openCode, count: inputs.ledger.count)
        var output = PassOutput()
        let config = configuration
        bankCodes.withUnsafeMutableBufferPointer { bp in
            ledgerCodes.withUnsafeMutableBufferPointer { lp in
                let bank = SendableBuffer(bp), ledger = SendableBuffer(lp)
                let driver = GroupingDriver(inputs: inputs, threads: threadCount)
                var scratch: [KeyEntry] = []
                if config.duplicates {
                    driver.run(DuplicatePass(), bankCodes: bank, ledgerCodes: ledger, scratch: &scratch, into: &output)
                }
                if config.reference {
                    driver.run(ReferencePass(tolerance: config.referenceAmountTolerance),
                               bankCodes: bank, ledgerCodes: ledger, scratch: &scratch, into: &output)
                }
                if config.batch { driver.run(BatchPass(), bankCodes: bank, ledgerCodes: ledger, scratch: &scratch, into: &output) }
                if config.amountDate {
                    driver.run(AmountDatePass(windowDays: config.windowDays), bankCodes: bank, ledgerCodes: ledger,
                               scratch: &scratch, into: &output)
                }
                if config.statementIntegrity { output.append(PassOutput(breaks: StatementIntegrity.check(inputs.statements), related: [])) }
                output.append(LeftoverPass(settlementWindowDays: config.settlementWindowDays)
                    .run(inputs, bankCodes: bank, ledgerCodes: ledger))
            }
        }
        return MatchResult(breaks: output.breaks, related: output.related, bankCodes: bankCodes, ledgerCodes: ledgerCodes,
                           asOf: inputs.asOf)
    }
}
