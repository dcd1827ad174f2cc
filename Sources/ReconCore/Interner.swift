import Dispatch

/// Maps byte strings (accounts, currencies, types) to small dense ids, in order of first appearance.
///
/// Ids are stable for one run's input order, so they are deterministic; reports always sort by the
/// bytes, never by id.
///
/// The table is open addressing on 64-bit slots, each holding its value's id and the high half of
/// its hash, so that a probe rejects a different value without touching the value's hash or bytes
/// (with millions of accounts, each of those is a cache miss).
public struct Interner: Sendable {
    public private(set) var values = TextColumn()
    private var hashes: [UInt64] = []
    /// Zero when empty, else `(hash & tagMask) | (id + 1)`.
    private var slots: [UInt64]
    private var mask: Int
    private static let tagMask: UInt64 = 0xFFFF_FFFF_0000_0000

    public init() {
        slots = Array(repeating: 0, count: 64)
        mask = 63
    }

    public var count: Int { values.count }

    /// The id of `bytes`, adding it when new.
    public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let h = ByteHash.hash(bytes)
        switch probe(bytes, hash: h) {
        case .found(let id): return id
        case .empty(let slot): return insert(bytes, hash: h, at: slot)
        }
    }

    public mutating func intern(_ string: String) -> Int32 {
        var s = string
        return s.withUTF8 { intern($0) }
    }

    /// The id of `bytes` when already interned.
    public func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        if case .found(let id) = probe(bytes, hash: ByteHash.hash(bytes)) { return id }
        return nil
    }

    public func string(_ id: Int32) -> String { values.string(Int(id)) }

    /// Empties the interner and keeps its memory, so a reader's piece dictionaries, reused round after
    /// round, do not grow (rehashing all they hold) from a few slots again each time.
    public mutating func removeAll() {
        values.removeAll(keepingCapacity: true)
        hashes.removeAll(keepingCapacity: true)
        slots.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }

    /// This interner's ids for every value of `other`, in `other`'s id order, adding the values it
    /// lacks in that order (so ids come out as if `other`'s values had been interned here one by one).
    ///
    /// The look-ups, one per value of `other` and most of them cache misses when the table is large,
    /// run on `lanes` threads; only the values new here are added on the calling thread.
    public mutating func merge(_ other: Interner, lanes: Int) -> [Int32] {
        let n = other.count
        var ids = [Int32](repeating: -1, count: n)
        let lanes = Lanes.count(items: n, threads: lanes)
        ids.withUnsafeMutableBufferPointer { out in
            let shared = UnsafeTransfer((out, self, other))
            DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                let (out, table, other) = shared.value
                other.values.bytes.withUnsafeBufferPointer { p in
                    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: Self.batch) { warm in
                        let mine = Lanes.range(lane, of: lanes, items: n)
                        var i = mine.lowerBound
                        let end = mine.upperBound
                        while i < end {
                            let batchEnd = min(end, i + Self.batch)
                            table.warm(other.hashes, i..<batchEnd, into: warm)
                            for k in i..<batchEnd {
                                let bytes = UnsafeBufferPointer(rebasing: p[other.values.range(k)])
                                if case .found(let id) = table.probe(bytes, hash: other.hashes[k]) { out[k] = id }
                            }
                            i = batchEnd
                        }
                    }
                }
            }
        }
        other.values.bytes.withUnsafeBufferPointer { p in
            for i in 0..<n where ids[i] < 0 {
                let bytes = UnsafeBufferPointer(rebasing: p[other.values.range(i)])
                let h = other.hashes[i]
                guard case .empty(let slot) = probe(bytes, hash: h) else { preconditionFailure("a value of one dictionary twice") }
                ids[i] = insert(bytes, hash: h, at: slot)
            }
        }
        return ids
    }

    private enum Probe { case found(Int32), empty(Int) }

    /// Values looked up together in a merge: their first slots, then the bounds and first bytes of
    /// the values those slots name, are loaded for the whole batch before any is compared, so that
    /// the cache misses of a large table overlap instead of following one another.
    private static let batch = 16

    /// Loads what looking up the values of `hashes[range]` will read first (their first slots, and
    /// the stored values those slots name), keeping the loads in `sink` so they are not optimised away.
    private func warm(_ hashes: [UInt64], _ range: Range<Int>, into sink: UnsafeMutableBufferPointer<UInt64>) {
        for k in range { sink[k - range.lowerBound] = slots[Int(truncatingIfNeeded: hashes[k]) & mask] }
        values.ends.withUnsafeBufferPointer { ends in
            values.bytes.withUnsafeBufferPointer { bytes in
                for k in range {
                    let slot = sink[k - range.lowerBound]
                    guard slot != 0, slot & Self.tagMask == hashes[k] & Self.tagMask else { continue }
                    let id = Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) - 1
                    let start = id == 0 ? 0 : Int(ends[id - 1])
                    sink[k - range.lowerBound] = start < bytes.count ? UInt64(bytes[start]) : 0
                }
            }
        }
    }

    private func probe(_ bytes: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Probe {
        let tag = h & Self.tagMask
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[s]
            if slot == 0 { return .empty(s) }
            if slot & Self.tagMask == tag {
                let id = Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) - 1
                // The tag is the hash's high half; the bytes decide (no look at `hashes`: one miss less).
                if equals(id, bytes) { return .found(Int32(id)) }
            }
            s = (s + 1) & mask
        }
    }

    private mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, hash h: UInt64, at slot: Int) -> Int32 {
        let id = Int32(values.count)
        values.append(bytes)
        hashes.append(h)
        slots[slot] = (h & Self.tagMask) | UInt64(id + 1)
        if values.count * 2 > mask { grow() }
        return id
    }

    private func equals(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let r = values.range(id)
        guard r.count == bytes.count else { return false }
        if r.isEmpty { return true }
        return values.bytes.withUnsafeBufferPointer { p in
            memcmpBytes(p.baseAddress! + r.lowerBound, bytes.baseAddress!, r.count)
        }
    }

    private mutating func grow() {
        let size = (mask + 1) * 2
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        for (id, h) in hashes.enumerated() {
            var s = Int(truncatingIfNeeded: h) & mask
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = (h & Self.tagMask) | UInt64(id + 1)
        }
    }
}
