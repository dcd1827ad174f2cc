import ReconCore
import ReconMatch

/// One reconciliation run as the command line describes it.
public struct RunRequest: Sendable {
    public var bankPaths: [String]
    public var ledgerPaths: [String]
    public var outputDirectory: String
    public var asOf: Day?
    public var configuration: MatchConfiguration
    /// Malformed rows allowed before the run stops; they go to `rejects.csv`.
    public var maxRejects: Int

    public init(bankPaths: [String], ledgerPaths: [String], outputDirectory: String, asOf: Day? = nil,
                configuration: MatchConfiguration = MatchConfiguration(), maxRejects: Int = 0) {
        self.bankPaths = bankPaths
        self.ledgerPaths = ledgerPaths
        self.outputDirectory = outputDirectory
        self.asOf = asOf
        self.configuration = configuration
        self.maxRejects = maxRejects
    }
}
