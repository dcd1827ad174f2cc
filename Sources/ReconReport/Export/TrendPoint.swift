/// One earlier run in the HTML report's trend: its date and its breaks by severity.
package struct TrendPoint: Sendable, Equatable {
    package var date: String
    package var runId: Int64
    /// Break counts by severity name.
    package var severities: [String: Int]

    package init(date: String, runId: Int64, severities: [String: Int]) {
        self.date = date; self.runId = runId; self.severities = severities
    }

    package var total: Int { severities.values.reduce(0, +) }
}
