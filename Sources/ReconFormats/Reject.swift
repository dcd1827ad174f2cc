import ReconCore

/// A row that could not be read and was set aside because the user allowed rejects.
package struct Reject: Sendable {
    package var side: Side
    package var path: String
    package var line: Int
    /// The column at fault, or nil when the record as a whole is bad.
    package var field: String?
    package var reason: String
    /// The record's raw text, as a person may be shown it (``FieldText/displayable(_:)``).
    package var raw: String
}
