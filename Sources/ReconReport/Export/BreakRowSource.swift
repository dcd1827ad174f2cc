import Foundation
import ReconFormats

/// Where an export's rows come from: a run's `breaks.csv`, streamed, or rows read from the run store.
/// A source can be read more than once (an export takes one pass to total, one to write).
public enum BreakRowSource: Sendable {
    case file(String)
    case rows([BreakRow])
    /// Rows streamed by their owner (the run store's breaks of stored runs, in the order given):
    /// the closure calls its argument with every row.
    case streamed(@Sendable (_ body: (BreakRow) throws -> Void) throws -> Void)

    /// Calls `body` with every row, in the report's order.
    public func forEach(_ body: (BreakRow) throws -> Void) throws {
        switch self {
        case .rows(let rows):
            for r in rows { try body(r) }
        case .streamed(let each):
            try each(body)
        case .file(let path):
            var source = try FileByteSource(path: path)
            var header = true
            try CSVScanner().scan(&source, path: path) { record in
                if header {
                    header = false
                    let names = (0..<record.count).map { String(decoding: record[$0], as: UTF8.self) }
                    guard names == BreakRow.columns else {
                        throw ExportError.notABreakReport(path: path, reason: "its header is not \(BreakReportWriter.header)")
                    }
                    return
                }
                guard record.count == BreakRow.columns.count else {
                    throw ExportError.notABreakReport(path: path, reason: "line \(record.line) has \(record.count) fields, not \(BreakRow.columns.count)")
                }
                try body(BreakRow(fields: (0..<record.count).map { String(decoding: record[$0], as: UTF8.self) }))
            }
        }
    }
}
