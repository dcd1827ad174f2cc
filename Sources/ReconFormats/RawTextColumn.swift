import ReconCore

/// A ``TextColumn`` under construction in a parse worker: values back to back in a ``RawColumn``,
/// with their end offsets. Merged into the run's ``TextColumn`` in file order.
struct RawTextColumn: Sendable {
    var bytes = RawColumn<UInt8>(capacity: 1 << 16)
    var ends = RawColumn<UInt32>()

    var count: Int { ends.count }

    @inline(__always)
    mutating func append(_ value: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: value)
        ends.append(UInt32(truncatingIfNeeded: bytes.count))
    }

    mutating func removeAll() {
        bytes.removeAll()
        ends.removeAll()
    }
}

extension TextColumn {
    /// Appends all values of a worker's column.
    mutating func append(contentsOf other: RawTextColumn) {
        let base = UInt32(truncatingIfNeeded: bytes.count)
        bytes.append(contentsOf: other.bytes.elements)
        ends.append(contentsOf: other.ends.elements.lazy.map { base &+ $0 })
    }
}
