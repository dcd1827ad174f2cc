import CPrefetch
import ReconCore

/// Cache prefetch hints for loops that visit table rows in hash or report order (scattered over
/// the columns): ask for a row's cache lines a few iterations before reading them.
package enum Prefetch {
    /// The cache line of element `i` of `column`.
    @inlinable @inline(__always)
    package static func element<T>(_ column: borrowing [T], _ i: Int) {
        column.withUnsafeBufferPointer { recon_prefetch($0.baseAddress! + i) }
    }

    /// The end offsets of value `i` of a text column (the first stage: its bytes need them).
    @inlinable @inline(__always)
    package static func offsets(_ column: borrowing TextColumn, _ i: Int) {
        element(column.ends, max(0, i - 1))
    }

    /// The first bytes of value `i` of a text column (once its offsets are cached).
    @inlinable @inline(__always)
    package static func bytes(_ column: borrowing TextColumn, _ i: Int) {
        let start = column.range(i).lowerBound
        if start < column.bytes.count { element(column.bytes, start) }
    }
}
