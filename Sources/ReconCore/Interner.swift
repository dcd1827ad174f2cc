/// Maps byte strings (accounts, currencies, types) to small dense ids, in order of first appearance.
///
/// Ids are stable for one run's input order, so they are deterministic; reports always sort by the
/// bytes, never by id.
public struct Interner: Sendable {
    public private(set) var values = TextColumn()
    private var hashes: [UInt64] = []
    private var slots: [Int32]
    private var mask: Int

    public init() {
        slots = Array(repeating: -1, count: 64)
        mask = 63
    }

    public var count: Int { values.count }

    /// The id of `bytes`, adding it when new.
    public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let h = ByteHash.hash(bytes)
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let id = slots[s]
            if id < 0 { break }
            if hashes[Int(id)] == h && equals(Int(id), bytes) { return id }
            s = (s + 1) & mask
        }
        let id = Int32(values.count)
        values.append(bytes)
        hashes.append(h)
        slots[s] = id
        if values.count * 2 > mask { grow() }
        return id
    }

    public mutating func intern(_ string: String) -> Int32 {
        var s = string
        return s.withUTF8 { intern($0) }
    }

    /// The id of `bytes` when already interned.
    public func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        let h = ByteHash.hash(bytes)
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let id = slots[s]
            if id < 0 { return nil }
            if hashes[Int(id)] == h && equals(Int(id), bytes) { return id }
            s = (s + 1) & mask
        }
    }

    public func string(_ id: Int32) -> String { values.string(Int(id)) }

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
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        for (id, h) in hashes.enumerated() {
            var s = Int(truncatingIfNeeded: h) & mask
            while slots[s] >= 0 { s = (s + 1) & mask }
            slots[s] = Int32(id)
        }
    }
}
