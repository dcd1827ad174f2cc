import ReconCore

/// A row of one side's table.
public struct RowRef: Sendable, Hashable {
    public var side: Side
    public var row: Int32

    public init(side: Side, row: Int32) { self.side = side; self.row = row }
}
