import ReconCore

/// A row that could not be read and was set aside because the user allowed rejects.
public struct Reject: Sendable {
    public var side: Side
    public var path: String
    public var line: Int
    /// The column at fault, or nil when the record as a whole is bad.
    public var field: String?
    public var reason: String
    /// The record's raw text (decoded leniently for the rejects file).
    public var raw: String
}
