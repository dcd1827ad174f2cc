/// One record of a delimited file as the scanner sees it: field bytes, valid only during the callback.
package struct CSVRecord {
    /// Line number (1-based) where the record starts.
    package let line: Int
    /// The raw bytes of the record, without its line break.
    package let raw: UnsafeBufferPointer<UInt8>
    @usableFromInline let base: UnsafePointer<UInt8>
    @usableFromInline let starts: UnsafeBufferPointer<Int32>
    @usableFromInline let ends: UnsafeBufferPointer<Int32>
    package let count: Int

    @usableFromInline
    init(line: Int, raw: UnsafeBufferPointer<UInt8>, base: UnsafePointer<UInt8>,
         starts: UnsafeBufferPointer<Int32>, ends: UnsafeBufferPointer<Int32>, count: Int) {
        self.line = line; self.raw = raw; self.base = base
        self.starts = starts; self.ends = ends; self.count = count
    }

    /// The bytes of field `i` (unquoted, with doubled quotes undone).
    @inlinable
    package subscript(i: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + Int(starts[i]), count: Int(ends[i] - starts[i]))
    }
}
