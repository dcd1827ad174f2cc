/// How work over `n` items is shared between threads: how many lanes, and which items each takes.
package enum Lanes {
    /// The lanes for `items` on `threads` threads (at most 64): one when there are fewer than
    /// `minimum` items, so small work is not spread for nothing.
    @inlinable
    package static func count(items: Int, threads: Int, minimum: Int = 4096) -> Int {
        items < minimum ? 1 : max(1, min(threads, 64))
    }

    /// The items lane `lane` of `lanes` takes: contiguous, in order, together all of `0..<items`.
    @inlinable
    package static func range(_ lane: Int, of lanes: Int, items: Int) -> Range<Int> {
        items * lane / lanes..<items * (lane + 1) / lanes
    }
}
