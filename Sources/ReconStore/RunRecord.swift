/// A run as the store holds it.
public struct RunRecord: Sendable, Equatable {
    public var id: Int64
    public var businessDate: String
    public var startedAt: String
    public var finishedAt: String?
    public var status: String
    public var supersededBy: Int64?
    public var configHash: String
    public var engineVersion: String
    public var bankRows: Int
    public var ledgerRows: Int
    public var breakCount: Int
    public var alerts: Int
    public var exitCode: Int
    public var outputDirectory: String
    public var message: String

    public init(id: Int64, businessDate: String, startedAt: String, finishedAt: String?, status: String, supersededBy: Int64?,
                configHash: String, engineVersion: String, bankRows: Int, ledgerRows: Int, breakCount: Int, alerts: Int,
                exitCode: Int, outputDirectory: String, message: String) {
        self.id = id; self.businessDate = businessDate; self.startedAt = startedAt; self.finishedAt = finishedAt
        self.status = status; self.supersededBy = supersededBy; self.configHash = configHash; self.engineVersion = engineVersion
        self.bankRows = bankRows; self.ledgerRows = ledgerRows; self.breakCount = breakCount; self.alerts = alerts
        self.exitCode = exitCode; self.outputDirectory = outputDirectory; self.message = message
    }

    /// The text the audit chain hashes for this run (every field a later change must not escape).
    var auditText: String {
        [String(id), businessDate, startedAt, finishedAt ?? "", status, configHash, engineVersion,
         String(bankRows), String(ledgerRows), String(breakCount), String(alerts), String(exitCode),
         outputDirectory, message].joined(separator: "|")
    }
}
