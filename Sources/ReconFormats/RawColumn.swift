/// A growable column of plain values for the parse workers' segments.
///
/// `Array.append` asks the runtime whether its buffer is uniquely referenced on every call; with a
/// dozen columns and tens of millions of rows that test alone costs more than decoding a field. A
/// `RawColumn` only checks its capacity. Its memory is owned by a ``RawStorage`` object, so it is
/// freed when the last copy goes away; copies share that memory, so a column must have one owner at a
/// time (segments are moved between the reading loop and the workers, never shared).
struct RawColumn<Element: BitwiseCopyable>: @unchecked Sendable {
    private var storage: RawStorage
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 4096) {
        let c = max(16, capacity)
        storage = RawStorage(bytes: c * MemoryLayout<Element>.stride, alignment: MemoryLayout<Element>.alignment)
        base = storage.pointer.bindMemory(to: Element.self, capacity: c)
        self.capacity = c
    }

    @inline(__always)
    mutating func append(_ value: Element) {
        if count == capacity { grow(atLeast: count + 1) }
        base[count] = value
        count &+= 1
    }

    @inline(__always)
    mutating func append(contentsOf values: UnsafeBufferPointer<Element>) {
        let n = values.count
        if n == 0 { return }
        if count + n > capacity { grow(atLeast: count + n) }
        (base + count).update(from: values.baseAddress!, count: n)
        count &+= n
    }

    /// Forgets the values, keeping the memory.
    mutating func removeAll() { count = 0 }

    var elements: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    private mutating func grow(atLeast needed: Int) {
        let c = max(needed, capacity * 2)
        let bigger = RawStorage(bytes: c * MemoryLayout<Element>.stride, alignment: MemoryLayout<Element>.alignment)
        let p = bigger.pointer.bindMemory(to: Element.self, capacity: c)
        p.update(from: base, count: count)
        storage = bigger
        base = p
        capacity = c
    }
}

/// The memory of a ``RawColumn``, freed with the object.
final class RawStorage: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer

    init(bytes: Int, alignment: Int) {
        pointer = .allocate(byteCount: bytes, alignment: alignment)
    }

    deinit { pointer.deallocate() }
}
