import ReconCore

/// Collects rejected rows up to a limit; past it, the offending error stops the run.
package struct RejectLog: Sendable {
    /// How many rows may be rejected before the run stops; 0 means the first bad row stops it.
    package let limit: Int
    package private(set) var rejects: [Reject] = []

    package init(limit: Int) { self.limit = limit }

    package var count: Int { rejects.count }

    /// Records a bad row, or throws the error when the limit is reached.
    mutating func reject(_ error: InputError, side: Side, raw: UnsafeBufferPointer<UInt8>) throws {
        guard case .badRecord(let path, let line, let field, let reason) = error else { throw error }
        if rejects.count >= limit {
            if limit == 0 { throw error }
            throw InputError.tooManyRejects(limit: limit, last: error.description)
        }
        // What the file held is shown, not passed on: control characters and invalid UTF-8 become U+FFFD.
        rejects.append(Reject(side: side, path: path, line: line, field: field,
                              reason: FieldText.displayable(reason.utf8), raw: FieldText.displayable(raw)))
    }

    /// Rejects of one side.
    package func count(of side: Side) -> Int { rejects.lazy.filter { $0.side == side }.count }
}
