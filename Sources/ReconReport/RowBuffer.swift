/// Bytes written through a pointer, for the break report's hot loop: a row makes room once
/// (``reserve(_:)``) and then writes each byte unchecked, instead of paying an array's capacity and
/// uniqueness checks per byte. Owned by one worker; ``deallocate()`` frees it.
struct RowBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 1 << 20) {
        self.capacity = max(64, capacity)
        base = .allocate(capacity: self.capacity)
    }

    func deallocate() { base.deallocate() }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    mutating func removeAll() { count = 0 }

    /// Makes room for `n` more bytes.
    @inline(__always)
    mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(to: count + n) }
    }

    private mutating func grow(to needed: Int) {
        var size = capacity * 2
        while size < needed { size *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = size
    }

    /// Writes one byte; room must have been reserved.
    @inline(__always)
    mutating func put(_ b: UInt8) {
        assert(count < capacity, "RowBuffer.put past the room reserved (\(count) of \(capacity))")
        base[count] = b
        count += 1
    }

    /// Writes `n` bytes from `p`; room must have been reserved.
    @inline(__always)
    mutating func put(_ p: UnsafePointer<UInt8>, _ n: Int) {
        assert(n >= 0 && count + n <= capacity, "RowBuffer.put of \(n) bytes past the room reserved (\(count) of \(capacity))")
        (base + count).update(from: p, count: n)
        count += n
    }

    /// Writes bytes; room must have been reserved.
    @inline(__always)
    mutating func put(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { if let p = $0.baseAddress { put(p, $0.count) } }
    }

    /// Writes bytes, making room for them.
    mutating func append(_ bytes: [UInt8]) {
        reserve(bytes.count)
        bytes.withUnsafeBufferPointer { if let p = $0.baseAddress { put(p, $0.count) } }
    }

    /// Writes a value's decimal form with `exponent` digits after the point (``MinorUnits`` style),
    /// at most 42 bytes; room must have been reserved.
    @inline(__always)
    mutating func putMinorUnits(_ value: Int64, exponent: Int) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var n = 0
        var m = value.magnitude
        withUnsafeMutableBytes(of: &digits) { d in
            repeat { d[n] = UInt8(truncatingIfNeeded: 48 &+ m % 10); m /= 10; n += 1 } while m > 0
            while n <= exponent && n < 24 { d[n] = 48; n += 1 }
            if value < 0 { put(45) }
            var i = n - 1
            while i >= 0 {
                if i == exponent - 1 { put(46) }
                put(d[i])
                i -= 1
            }
        }
    }

    /// Writes a decimal integer, at most 20 bytes; room must have been reserved.
    @inline(__always)
    mutating func putInt(_ value: Int) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var n = 0
        var m = value.magnitude
        withUnsafeMutableBytes(of: &digits) { d in
            repeat { d[n] = UInt8(truncatingIfNeeded: 48 &+ m % 10); m /= 10; n += 1 } while m > 0
            if value < 0 { put(45) }
            var i = n - 1
            while i >= 0 { put(d[i]); i -= 1 }
        }
    }

    /// Writes `p[0..<n]` as one CSV field, quoted (and its quotes doubled) when it holds a comma,
    /// quote or line break. Makes its own room.
    @inline(__always)
    mutating func putCSVField(_ p: UnsafePointer<UInt8>, _ n: Int) {
        var plain = true
        for k in 0..<n {
            let b = p[k]
            if b == 44 || b == 34 || b == 10 || b == 13 { plain = false; break }
        }
        if plain {
            reserve(n)
            put(p, n)
            return
        }
        reserve(2 * n + 2)
        put(34)
        for k in 0..<n {
            if p[k] == 34 { put(34) }
            put(p[k])
        }
        put(34)
    }

    /// Quotes the bytes written since `start` as one CSV field when they need it (see
    /// ``putCSVField(_:_:)``).
    mutating func quoteField(from start: Int) {
        var quotes = 0
        var needs = false
        for k in start..<count {
            let b = base[k]
            if b == 34 { quotes += 1; needs = true } else if b == 44 || b == 10 || b == 13 { needs = true }
        }
        guard needs else { return }
        reserve(quotes + 2)
        // Shift right from the end, doubling quotes, then close both ends.
        var from = count - 1, to = count + quotes + 1
        assert(to < capacity, "RowBuffer.quoteField past the room reserved")
        base[to] = 34
        to -= 1
        while from >= start {
            let b = base[from]
            base[to] = b
            to -= 1
            if b == 34 { base[to] = 34; to -= 1 }
            from -= 1
        }
        base[to] = 34
        count += quotes + 2
    }
}
