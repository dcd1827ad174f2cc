import ReconCore
import ReconFormats
import ReconMatch

/// What the read step of a run hands to matching and to the reports: the matcher's inputs, what was
/// read from each file, and the rows rejected.
struct ReadInputs {
    var inputs: MatchInputs
    var bankFiles: [InputSummary]
    var ledgerFiles: [InputSummary]
    var balanceFiles: [InputSummary]
    var rejects: RejectLog
    /// Threads the run uses.
    var workers: Int
}
