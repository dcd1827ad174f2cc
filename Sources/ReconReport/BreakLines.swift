import ReconCore
import ReconMatch

/// A run's breaks as typed lines, in the report's order, made one at a time from the run's tables
/// (millions of breaks are never held as values at once).
package struct BreakLines: Sendable, RandomAccessCollection {
    let context: ReportContext
    /// Indices into the result's breaks, in the report's order.
    let order: [Int]

    package var startIndex: Int { 0 }
    package var endIndex: Int { order.count }

    package subscript(position: Int) -> BreakLine { context.line(context.result.breaks[order[position]]) }
}
