/// A field value a fixed-width record does not hold correctly. The reader turns it into an
/// ``InputError/badRecord(path:line:field:reason:)`` naming the file and line.
struct FixedWidthValueError: Error, Equatable {
    /// The canonical target at fault (`amount`, `booking_date`, ...), or nil for the record as a whole.
    let field: String?
    let reason: String

    init(_ field: String?, _ reason: String) {
        self.field = field
        self.reason = reason
    }
}
