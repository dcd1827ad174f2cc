import Foundation
import ReconCore
import ReconFormats
import ReconReport
import ReconStore

/// The items a night carries from the previous one, as values the run appends to its tables, and
/// the files that show them to people.
///
/// The run never reads the files: they are written into the run's folder (`carried-bank.csv`,
/// `carried-ledger.csv`, in the canonical layouts) so that a person can open what was carried, and
/// they are listed among the run's inputs with their SHA-256 in `summary.json`, the store and the
/// audit chain, as the inputs of record they stand for.
package struct CarriedItems: Sendable {
    package var bank: [CarriedBankLine] = []
    package var ledger: [CarriedLedgerRecord] = []
    /// The files written for people, when there are items of the side.
    package var bankFile: InputSummary?
    package var ledgerFile: InputSummary?

    package init() {}

    /// The carried files' paths.
    package var paths: [String] { [bankFile?.path, ledgerFile?.path].compactMap { $0 } }

    /// The items, with their files written into `directory`.
    static func write(_ items: [OpenItem], into directory: String) throws -> CarriedItems {
        var carried = CarriedItems()
        for item in items {
            switch item.row {
            case .bank(let line): carried.bank.append(line)
            case .ledger(let record): carried.ledger.append(record)
            }
        }
        if !carried.bank.isEmpty {
            carried.bankFile = try file(directory + "/carried-bank.csv", side: .bank, header: CanonicalBankWriter.header,
                                        format: "canonical-bank", rows: carried.bank.count) { out in
                for line in carried.bank { CanonicalBankWriter.append(line, to: &out) }
            }
        }
        if !carried.ledger.isEmpty {
            carried.ledgerFile = try file(directory + "/carried-ledger.csv", side: .ledger, header: CanonicalLedgerWriter.header,
                                          format: "canonical-ledger", rows: carried.ledger.count) { out in
                for record in carried.ledger { CanonicalLedgerWriter.append(record, to: &out) }
            }
        }
        return carried
    }

    private static func file(_ path: String, side: Side, header: String, format: String, rows: Int,
                             _ body: (inout [UInt8]) -> Void) throws -> InputSummary {
        var bytes = Array(header.utf8)
        body(&bytes)
        let writer = try AtomicFileWriter(path: path)
        try writer.write(bytes)
        try writer.commit()
        return InputSummary(side: side, path: path, sha256: RunStore.sha256Hex(bytes), bytes: bytes.count, rows: rows, rejected: 0, format: format,
                            compressed: false)
    }
}
