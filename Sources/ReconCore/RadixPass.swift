/// One pass of a least-significant-digit radix sort: a stable counting sort of `source` into
/// `target` by one digit of each element's key. The matcher's partition sort and the report's order
/// both run passes of it, from the lowest digit up.
public enum RadixPass {
    /// Scatters `source` into `target` (of the same count) in order of `digit(element)`, which must lie
    /// in `0..<counts.count`; elements with equal digits keep their order. `counts` is scratch.
    @inlinable
    public static func scatter<Element>(_ source: UnsafeMutableBufferPointer<Element>,
                                        into target: UnsafeMutableBufferPointer<Element>,
                                        counts: UnsafeMutableBufferPointer<Int>,
                                        digit: (Element) -> Int) {
        counts.update(repeating: 0)
        for e in source { counts[digit(e)] += 1 }
        var sum = 0
        for i in counts.indices {
            let c = counts[i]
            counts[i] = sum
            sum += c
        }
        for e in source {
            let d = digit(e)
            target[counts[d]] = e
            counts[d] += 1
        }
    }
}
