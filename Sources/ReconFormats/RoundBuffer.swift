#if canImport(Glibc)
import Glibc
#endif
import Dispatch

/// The bytes of one parse round, owned by the reading loop (workers only read them).
final class RoundBuffer {
    private(set) var bytes: UnsafeMutableBufferPointer<UInt8>
    var capacity: Int { bytes.count }

    init(capacity: Int) { bytes = .allocate(capacity: capacity) }

    deinit { bytes.deallocate() }

    /// Grows to at least `capacity` bytes (contents are not kept).
    func ensure(capacity: Int) {
        guard capacity > bytes.count else { return }
        bytes.deallocate()
        bytes = .allocate(capacity: capacity)
    }

    /// Moves `bytes[from..<filled]` to the front (doubling the buffer first when `growing` and it is
    /// full), and sets `filled` to what was kept.
    func keepTail(from: Int, filled: inout Int, growing: Bool) {
        let rest = filled - from
        if growing && rest == bytes.count {
            let bigger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count * 2)
            bigger.baseAddress!.update(from: bytes.baseAddress!, count: rest)
            bytes.deallocate()
            bytes = bigger
        } else if rest > 0 && from > 0 {
            memmove(bytes.baseAddress!, bytes.baseAddress! + from, rest)
        }
        filled = rest
    }
}

/// A parse round handed to the workers: its pieces' segments going in, their results coming out.
final class InFlightRound<Segment>: @unchecked Sendable {
    let group = DispatchGroup()
    let pieces: Int
    /// Which of the two buffers it reads.
    let parity: Int
    let segments: UnsafeMutableBufferPointer<Segment?>
    let results: UnsafeMutableBufferPointer<BlockResult<Segment>?>

    init(pieces: Int, parity: Int) {
        self.pieces = pieces
        self.parity = parity
        segments = .allocate(capacity: max(1, pieces))
        segments.initialize(repeating: nil)
        results = .allocate(capacity: max(1, pieces))
        results.initialize(repeating: nil)
    }

    deinit {
        segments.deinitialize()
        segments.deallocate()
        results.deinitialize()
        results.deallocate()
    }

    /// Rejects its pieces set aside (valid once it is done).
    var rejectCount: Int {
        group.wait()
        return (0..<pieces).reduce(0) { $0 + (results[$1]?.rejects.count ?? 0) }
    }
}
