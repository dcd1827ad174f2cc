/// A column of byte strings stored back to back in one arena: no object per value.
public struct TextColumn: Sendable {
    /// All values' bytes, concatenated.
    public var bytes: [UInt8] = []
    /// `ends[i]` is the end offset of value `i` in `bytes`; value `i` starts at `ends[i - 1]` (or 0).
    public var ends: [UInt32] = []

    public init() {}

    public var count: Int { ends.count }

    public mutating func reserveCapacity(rows: Int, bytesPerRow: Int) {
        ends.reserveCapacity(rows)
        bytes.reserveCapacity(rows * bytesPerRow)
    }

    /// Reserves room for `rows` values in all, assuming the values still to come are as long on
    /// average as those already stored (or `bytesPerRow` when there are none yet), plus 5%.
    public mutating func reserveLikeSoFar(rows: Int, bytesPerRow: Int) {
        let average = count > 0 ? Double(bytes.count) / Double(count) : Double(bytesPerRow)
        ends.reserveCapacity(rows)
        bytes.reserveCapacity(Int(average * Double(rows) * 1.05) + 64)
    }

    public mutating func removeAll(keepingCapacity keep: Bool) {
        bytes.removeAll(keepingCapacity: keep)
        ends.removeAll(keepingCapacity: keep)
    }

    /// Appends a value. Precondition: the arena stays below 4 GiB (checked by the reader before).
    @inlinable
    public mutating func append(_ value: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: value)
        ends.append(UInt32(truncatingIfNeeded: bytes.count))
    }

    public mutating func append(_ value: String) {
        bytes.append(contentsOf: value.utf8)
        ends.append(UInt32(truncatingIfNeeded: bytes.count))
    }

    /// The arena size, for the 4 GiB check.
    public var byteCount: Int { bytes.count }

    @inlinable
    public func range(_ i: Int) -> Range<Int> {
        let start = i == 0 ? 0 : Int(ends[i - 1])
        return start..<Int(ends[i])
    }

    @inlinable
    public func isEmpty(_ i: Int) -> Bool { range(i).isEmpty }

    /// The value at `i` as a `String` (for reports, never on the hot path).
    public func string(_ i: Int) -> String {
        String(decoding: bytes[range(i)], as: UTF8.self)
    }

    /// Whether value `i` of `self` equals value `j` of `other`, byte for byte.
    @inlinable
    public func equals(_ i: Int, _ other: TextColumn, _ j: Int) -> Bool {
        let a = range(i), b = other.range(j)
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return bytes.withUnsafeBufferPointer { pa in
            other.bytes.withUnsafeBufferPointer { pb in
                memcmpBytes(pa.baseAddress! + a.lowerBound, pb.baseAddress! + b.lowerBound, a.count)
            }
        }
    }

    /// Bytewise ordering of value `i` of `self` against value `j` of `other`.
    public func compare(_ i: Int, _ other: TextColumn, _ j: Int) -> Int {
        let a = range(i), b = other.range(j)
        let n = min(a.count, b.count)
        return bytes.withUnsafeBufferPointer { pa in
            other.bytes.withUnsafeBufferPointer { pb in
                var k = 0
                while k < n {
                    let x = pa[a.lowerBound + k], y = pb[b.lowerBound + k]
                    if x != y { return x < y ? -1 : 1 }
                    k += 1
                }
                return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
            }
        }
    }

    /// Appends value `i` to a byte buffer.
    @inlinable
    public func append(_ i: Int, to out: inout [UInt8]) {
        let r = range(i)
        bytes.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[r])) }
    }

    /// Appends value `i` to a byte buffer as an RFC 4180 CSV field (quoted when it must be).
    @inlinable
    public func appendCSVField(_ i: Int, to out: inout [UInt8]) {
        let r = range(i)
        bytes.withUnsafeBufferPointer { p in
            let v = UnsafeBufferPointer(rebasing: p[r])
            var plain = true
            for b in v where b == 44 || b == 34 || b == 10 || b == 13 { plain = false; break }
            if plain { out.append(contentsOf: v); return }
            out.append(34)
            for b in v {
                if b == 34 { out.append(34) }
                out.append(b)
            }
            out.append(34)
        }
    }
}

@inlinable @usableFromInline
func memcmpBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    var k = 0
    let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
    while k + 8 <= n {
        if ra.loadUnaligned(fromByteOffset: k, as: UInt64.self) != rb.loadUnaligned(fromByteOffset: k, as: UInt64.self) { return false }
        k += 8
    }
    while k < n {
        if a[k] != b[k] { return false }
        k += 1
    }
    return true
}
