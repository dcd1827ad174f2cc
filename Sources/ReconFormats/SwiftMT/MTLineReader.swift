/// The lines of a SWIFT MT file, streaming: LF or CRLF ends, the envelope's SOH (0x01) and ETX (0x03)
/// bytes and DOS end-of-file bytes (0x1A, which exports leave at their end or between two files
/// joined into one) removed, whitespace before a header block dropped, and the basic, application and user header blocks (`{1:...}{2:...}{3:...}`) and
/// the opening of the text block (`{4:`) cut off the front of a line, the trailer blocks (`{5:...}`)
/// and the closing `}` (or `-}`) dropped.
struct MTLineReader<S: ByteSource> {
    var source: S
    let path: String
    private var buffer: [UInt8] = []
    /// Where each read lands before it joins ``buffer`` (allocated once).
    private var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    private var start = 0
    private var eof = false
    /// Line number of the line last returned (1-based).
    private(set) var line = 0
    static var maxLineBytes: Int { 64 * 1024 }

    init(source: S, path: String) {
        self.source = source
        self.path = path
    }

    /// The next line, cleaned; nil at the end of the file.
    mutating func next() throws -> [UInt8]? {
        while true {
            if let nl = buffer[start...].firstIndex(of: 10) {
                // Refused wherever the line falls, also inside one read.
                if nl - start > Self.maxLineBytes { throw InputError.lineTooLong(path: path, line: line + 1, limit: Self.maxLineBytes) }
                var raw = Array(buffer[start..<nl])
                start = nl + 1
                line += 1
                if raw.last == 13 { raw.removeLast() }
                return clean(raw)
            }
            if eof {
                guard start < buffer.count else { return nil }
                if buffer.count - start > Self.maxLineBytes { throw InputError.lineTooLong(path: path, line: line + 1, limit: Self.maxLineBytes) }
                var raw = Array(buffer[start...])
                start = buffer.count
                line += 1
                if raw.last == 13 { raw.removeLast() }
                return clean(raw)
            }
            if buffer.count - start > Self.maxLineBytes {
                throw InputError.lineTooLong(path: path, line: line + 1, limit: Self.maxLineBytes)
            }
            if start > 0 { buffer.removeSubrange(0..<start); start = 0 }
            let n = try chunk.withUnsafeMutableBufferPointer { try source.read(into: $0) }
            if n == 0 { eof = true } else { buffer.append(contentsOf: chunk[0..<n]) }
        }
    }

    /// Drops envelope bytes and header or trailer blocks.
    private func clean(_ raw: [UInt8]) -> [UInt8] {
        var bytes = raw.filter { $0 != 1 && $0 != 3 && $0 != 0x1A }
        // Whitespace around the envelope's control bytes, before a block.
        if let first = bytes.firstIndex(where: { $0 != 32 && $0 != 9 }), first > 0, bytes[first] == UInt8(ascii: "{") {
            bytes.removeFirst(first)
        }
        // Header blocks {1:..}{2:..}{3:{..}} and the text block's opening {4:
        while bytes.first == UInt8(ascii: "{") {
            if bytes.count >= 3 && bytes[1] == UInt8(ascii: "4") && bytes[2] == UInt8(ascii: ":") {
                bytes.removeFirst(3)
                break
            }
            // Skip one balanced block.
            var depth = 0, end = -1
            for (i, b) in bytes.enumerated() {
                if b == UInt8(ascii: "{") { depth += 1 }
                if b == UInt8(ascii: "}") { depth -= 1; if depth == 0 { end = i; break } }
            }
            if end < 0 { return [] }
            bytes.removeFirst(end + 1)
        }
        // The end of the text block, and trailer blocks after it.
        if bytes == [UInt8(ascii: "}")] { return [] }
        if bytes.starts(with: Array("-}".utf8)) { return [UInt8(ascii: "-")] }
        if let brace = bytes.firstIndex(of: UInt8(ascii: "{")), bytes[brace...].starts(with: Array("{5:".utf8)) {
            bytes.removeSubrange(brace...)
        }
        return bytes
    }
}
