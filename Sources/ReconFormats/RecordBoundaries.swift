#if canImport(Glibc)
import Glibc
#endif

/// Finds record boundaries in delimited text without parsing it: a line break ends a record only
/// when an even number of quote characters precede it since the last boundary (doubled quotes inside
/// a quoted field count twice, so they never flip the parity).
struct RecordBoundaries {
    let quote: UInt8

    /// Quote characters in `b[from..<to]`.
    func quotes(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        var n = 0
        var p = from
        while p < to, let hit = memchr(b.baseAddress! + p, Int32(quote), to - p) {
            n += 1
            p = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - b.baseAddress! + 1
        }
        return n
    }

    /// The first boundary at or after `target`, given that `start` is a boundary; nil when the
    /// buffer ends first.
    func next(_ b: UnsafeBufferPointer<UInt8>, start: Int, target: Int, end: Int) -> Int? {
        let target = min(target, end)
        var odd = quotes(b, start, target) & 1 == 1
        var p = target
        while p < end, let hit = memchr(b.baseAddress! + p, 10, end - p) {
            let nl = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - b.baseAddress!
            if quotes(b, p, nl) & 1 == 1 { odd.toggle() }
            if !odd { return nl + 1 }
            p = nl + 1
        }
        return nil
    }

    /// The last boundary in `b[start..<end]` after `start` (itself a boundary); nil when none.
    func last(_ b: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Int? {
        let totalOdd = quotes(b, start, end) & 1 == 1
        var e = end
        var after = 0
        while e > start {
            var nl = e - 1
            while nl >= start && b[nl] != 10 { nl -= 1 }
            if nl < start { return nil }
            after += quotes(b, nl + 1, e)
            if (totalOdd ? 1 : 0) ^ (after & 1) == 0 { return nl + 1 }
            e = nl
        }
        return nil
    }
}
