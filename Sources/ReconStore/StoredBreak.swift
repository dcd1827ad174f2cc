import ReconCore

/// One break as the store keeps it: the run's ``BreakLine`` and its stable id.
package struct StoredBreak: Sendable, Equatable {
    /// Stable across nights and re-runs: derived from the rows it names, not from its kind, so an
    /// `in_transit` item keeps its id when it ages into `missing_in_bank`.
    package var id: String
    package var line: BreakLine

    package init(id: String, line: BreakLine) { self.id = id; self.line = line }
}
