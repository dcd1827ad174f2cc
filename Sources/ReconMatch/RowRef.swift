import ReconCore

/// A row of one side's table.
package struct RowRef: Sendable, Hashable {
    package var side: Side
    package var row: Int32

    package init(side: Side, row: Int32) { self.side = side; self.row = row }
}
