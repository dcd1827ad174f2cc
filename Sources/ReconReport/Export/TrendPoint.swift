/// One earlier run in the HTML report's trend: its date and its breaks by severity.
public struct TrendPoint: Sendable, Equatable {
    public var date: String
    public var runId: Int64
    /// Break counts by severity name.
    public var severities: [String: Int]

    public init(date: String, runId: Int64, severities: [String: Int]) {
        self.date = date; self.runId = runId; self.severities = severities
    }

    public var total: Int { severities.values.reduce(0, +) }
}
