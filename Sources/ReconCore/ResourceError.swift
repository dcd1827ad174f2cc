/// A run stopped by a resource limit it was given.
public enum ResourceError: Error, Equatable, CustomStringConvertible {
    /// The run would hold more memory than `limit` bytes: it held (or, before matching, was about
    /// to hold) `held` bytes while doing `phase`.
    case memoryCeiling(limit: Int, held: Int, phase: String)

    public var description: String {
        switch self {
        case let .memoryCeiling(limit, held, phase):
            return "memory ceiling of \(ByteSize.describe(limit)) reached \(phase) (\(ByteSize.describe(held)) needed); "
                + "raise --max-memory or [limits] max_memory, or split the inputs into several runs"
        }
    }
}
