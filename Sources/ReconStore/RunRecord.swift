/// A run as the store holds it.
package struct RunRecord: Sendable, Equatable {
    package var id: Int64
    package var businessDate: String
    package var startedAt: String
    package var finishedAt: String?
    package var status: String
    package var supersededBy: Int64?
    package var configHash: String
    package var engineVersion: String
    package var bankRows: Int
    package var ledgerRows: Int
    package var breakCount: Int
    package var alerts: Int
    package var exitCode: Int
    package var outputDirectory: String
    package var message: String

    package init(id: Int64, businessDate: String, startedAt: String, finishedAt: String?, status: String, supersededBy: Int64?,
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
