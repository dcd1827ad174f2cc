/// A run stopped by a resource limit it was given.
public enum ResourceError: Error, Equatable, CustomStringConvertible {
    /// The run would hold more memory than `limit` bytes: it held (or, in a `phase` starting with
    /// "before", was about to hold) `held` bytes.
    case memoryCeiling(limit: Int, held: Int, phase: String)

    public var description: String {
        switch self {
        case let .memoryCeiling(limit, held, phase):
            let amount = phase.hasPrefix("before") ? "needed" : "held"
            return "memory ceiling of \(ByteSize.describe(limit)) reached \(phase) (\(ByteSize.describe(held)) \(amount)); "
                + "raise --max-memory or [limits] max_memory, or split the inputs into several runs"
        }
    }
}

extension ResourceError: ReconError {}
