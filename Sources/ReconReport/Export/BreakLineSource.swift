import Foundation
import ReconCore
import ReconFormats

/// Where an export's lines come from: the run that has just written them, lines held, lines streamed
/// by their owner (the run store), or a run folder's `breaks.csv`, read through ``BreakLineCodec``.
/// A source can be read more than once (an export takes one pass to total, one to write).
package enum BreakLineSource: Sendable {
    /// The lines of the run that has just written its report.
    case run(BreakLines)
    case lines([BreakLine])
    /// Lines streamed by their owner (the run store's breaks of stored runs, in the order given):
    /// the closure calls its argument with every line.
    case streamed(@Sendable (_ body: (BreakLine) throws -> Void) throws -> Void)
    /// A `breaks.csv` written by an earlier run (`recon export --run-dir`).
    case file(String)

    /// Calls `body` with every line, in the report's order.
    package func forEach(_ body: (BreakLine) throws -> Void) throws {
        switch self {
        case .run(let lines):
            for line in lines { try body(line) }
        case .lines(let lines):
            for line in lines { try body(line) }
        case .streamed(let each):
            try each(body)
        case .file(let path):
            try BreakReportReader.read(path: path, body)
        }
    }
}
