#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming, byte-level scanner of delimited text (RFC 4180 quoting).
///
/// It reads its source in large chunks into one buffer and hands each record to a callback as field
/// byte ranges: no `String`, no allocation per field. Unquoted lines take a fast path; a line with a
/// quote goes through a state machine that undoes doubled quotes and lets a quoted field span lines.
/// A UTF-8 byte-order mark at the start is skipped, CRLF and LF both end a record, blank lines are
/// skipped (their line numbers still count).
public struct CSVScanner: Sendable {
    public var delimiter: UInt8
    public var quote: UInt8
    /// Longest record accepted; a longer one is an error, so one bad file cannot take all memory.
    public var maxRecordBytes: Int
    /// Chunk size of reads.
    public var chunkBytes: Int

    public init(delimiter: UInt8 = UInt8(ascii: ","), quote: UInt8 = UInt8(ascii: "\""),
                maxRecordBytes: Int = 1 << 20, chunkBytes: Int = 1 << 22) {
        self.delimiter = delimiter
        self.quote = quote
        self.maxRecordBytes = maxRecordBytes
        self.chunkBytes = chunkBytes
    }

    /// Scans all of `source`; `body` sees every record. Errors thrown by `body` stop the scan.
    public func scan<S: ByteSource>(
        _ source: inout S, path: String, body: (CSVRecord) throws -> Void
    ) throws {
        var capacity = max(chunkBytes, 64 * 1024)
        var buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var state = ScanState()
        var filled = 0
        var start = 0
        var eof = false
        var firstChunk = true
        while !eof {
            // Move the unconsumed tail to the front, grow when a record does not fit.
            if start > 0 {
                let rest = filled - start
                if rest > 0 { memmove(buffer.baseAddress!, buffer.baseAddress! + start, rest) }
                filled = rest
                start = 0
            }
            if filled == capacity {
                if capacity >= maxRecordBytes + chunkBytes {
                    throw InputError.lineTooLong(path: path, line: state.line, limit: maxRecordBytes)
                }
                let bigger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity * 2)
                bigger.baseAddress!.update(from: buffer.baseAddress!, count: filled)
                buffer.deallocate()
                buffer = bigger
                capacity *= 2
            }
            let n = try source.read(into: UnsafeMutableBufferPointer(rebasing: buffer[filled..<capacity]))
            if n == 0 {
                eof = true
            } else {
                filled += n
            }
            if firstChunk && filled >= 3 || eof {
                if firstChunk, filled >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
                firstChunk = false
            } else if firstChunk {
                continue
            }
            start = try state.parse(
                UnsafeBufferPointer(buffer), from: start, to: filled, final: eof, scanner: self, path: path, body: body)
            if !eof, filled - start > maxRecordBytes {
                throw InputError.lineTooLong(path: path, line: state.line, limit: maxRecordBytes)
            }
        }
    }
}

extension CSVScanner {
    /// Parses a buffer that holds whole records only (a block cut at record boundaries); `firstLine`
    /// is the line number of its first byte. Returns the number of physical lines it spans.
    public func scanBlock(_ block: UnsafeBufferPointer<UInt8>, path: String, firstLine: Int,
                          body: (CSVRecord) throws -> Void) throws -> Int {
        var state = ScanState()
        state.line = firstLine
        _ = try state.parse(block, from: 0, to: block.count, final: true, scanner: self, path: path, body: body)
        return state.line - firstLine
    }
}

/// The scanner's per-scan working memory, reused for every record.
struct ScanState {
    var line = 1
    var starts: [Int32] = Array(repeating: 0, count: 64)
    var ends: [Int32] = Array(repeating: 0, count: 64)
    var scratch: [UInt8] = []

    /// Parses every complete record in `buffer[from..<to]` and returns the offset of the first byte
    /// not consumed.
    mutating func parse(
        _ buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int, final: Bool,
        scanner: CSVScanner, path: String, body: (CSVRecord) throws -> Void
    ) throws -> Int {
        let base = buffer.baseAddress!
        let delimiter = scanner.delimiter
        let quote = scanner.quote
        var pos = from
        while pos < to {
            let remaining = to - pos
            let nl = memchr(base + pos, 10, remaining)
            var lineEnd: Int
            var next: Int
            if let nl {
                lineEnd = UnsafePointer<UInt8>(nl.assumingMemoryBound(to: UInt8.self)) - base
                next = lineEnd + 1
            } else {
                if !final { return pos }
                lineEnd = to
                next = to
            }
            var contentEnd = lineEnd
            if contentEnd > pos && base[contentEnd - 1] == 13 { contentEnd -= 1 }
            if contentEnd == pos {
                line += 1
                pos = next
                continue
            }
            let hasQuote = memchr(base + pos, Int32(quote), contentEnd - pos) != nil
            if !hasQuote {
                // Fast path: split on the delimiter.
                var count = 0
                var fieldStart = pos
                var i = pos
                while i < contentEnd {
                    if base[i] == delimiter {
                        if count == starts.count { grow() }
                        starts[count] = Int32(fieldStart - pos); ends[count] = Int32(i - pos)
                        count += 1
                        fieldStart = i + 1
                    }
                    i += 1
                }
                if count == starts.count { grow() }
                starts[count] = Int32(fieldStart - pos); ends[count] = Int32(contentEnd - pos)
                count += 1
                let raw = UnsafeBufferPointer(start: base + pos, count: contentEnd - pos)
                try starts.withUnsafeBufferPointer { s in
                    try ends.withUnsafeBufferPointer { e in
                        try body(CSVRecord(line: line, raw: raw, base: base + pos, starts: s, ends: e, count: count))
                    }
                }
                line += 1
                pos = next
                continue
            }
            // Quotes: fields are slices of the buffer unless one holds a doubled quote (then the slow
            // path copies and unescapes); a quoted field may span lines.
            switch try parseQuotedInPlace(base, from: pos, to: to, final: final, scanner: scanner, body: body) {
            case .parsed(let end):
                pos = end
            case .needMore:
                return pos
            case .needsUnescaping:
                guard let end = try parseQuoted(base, from: pos, to: to, final: final, scanner: scanner, path: path, body: body)
                else { return pos }
                pos = end
            }
        }
        return pos
    }

    enum InPlace { case parsed(Int), needMore, needsUnescaping }

    /// Parses one record containing quotes whose fields need no unescaping, as slices of the buffer.
    /// Anything unusual (a doubled quote, a quote in an unquoted field, text after a closing quote)
    /// is left to ``parseQuoted`` and its precise errors.
    private mutating func parseQuotedInPlace(
        _ base: UnsafePointer<UInt8>, from: Int, to: Int, final: Bool, scanner: CSVScanner, body: (CSVRecord) throws -> Void
    ) throws -> InPlace {
        let delimiter = scanner.delimiter, quote = scanner.quote
        var count = 0
        var i = from
        var newlines = 0
        while true {
            if count == starts.count { grow() }
            if i < to && base[i] == quote {
                // Quoted field: up to the next quote, which must close it.
                guard let hit = memchr(base + i + 1, Int32(quote), to - i - 1) else { return final ? .needsUnescaping : .needMore }
                let close = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                if close + 1 >= to && !final { return .needMore }
                var k = i + 1
                while k < close, let nl = memchr(base + k, 10, close - k) {
                    newlines += 1
                    k = UnsafePointer<UInt8>(nl.assumingMemoryBound(to: UInt8.self)) - base + 1
                }
                starts[count] = Int32(i + 1 - from); ends[count] = Int32(close - from)
                count += 1
                i = close + 1
                if i < to && base[i] == quote { return .needsUnescaping }
            } else {
                // Unquoted field: up to the delimiter or the end of the line.
                var k = i
                while k < to && base[k] != delimiter && base[k] != 10 && base[k] != quote { k += 1 }
                if k < to && base[k] == quote { return .needsUnescaping }
                var e = k
                if e > i && base[e - 1] == 13 && (k >= to || base[k] == 10) { e -= 1 }
                starts[count] = Int32(i - from); ends[count] = Int32(e - from)
                count += 1
                i = k
            }
            if i >= to {
                if !final { return .needMore }
                break
            }
            let c = base[i]
            if c == delimiter { i += 1; if i >= to && !final { return .needMore }; continue }
            if c == 10 { break }
            if c == 13 && i + 1 < to && base[i + 1] == 10 { break }
            if c == 13 && i + 1 >= to && !final { return .needMore }
            return .needsUnescaping
        }
        let rawEnd = i
        let recordEnd = i >= to ? to : (base[i] == 13 ? i + 2 : i + 1)
        let raw = UnsafeBufferPointer(start: base + from, count: rawEnd - from)
        let fieldCount = count
        try starts.withUnsafeBufferPointer { s in
            try ends.withUnsafeBufferPointer { e in
                try body(CSVRecord(line: line, raw: raw, base: base + from, starts: s, ends: e, count: fieldCount))
            }
        }
        line += 1 + newlines
        return .parsed(recordEnd)
    }

    /// Parses one record containing quotes; nil when more input is needed.
    private mutating func parseQuoted(
        _ base: UnsafePointer<UInt8>, from: Int, to: Int, final: Bool,
        scanner: CSVScanner, path: String, body: (CSVRecord) throws -> Void
    ) throws -> Int? {
        let delimiter = scanner.delimiter, quote = scanner.quote
        scratch.removeAll(keepingCapacity: true)
        var count = 0
        var i = from
        var newlines = 0
        var fieldStart = 0
        var inQuotes = false
        var afterQuote = false
        var recordEnd = -1
        var rawEnd = -1
        while i < to {
            let c = base[i]
            if inQuotes {
                if c == quote {
                    if i + 1 < to {
                        if base[i + 1] == quote { scratch.append(quote); i += 2; continue }
                        inQuotes = false; afterQuote = true; i += 1; continue
                    } else if final {
                        inQuotes = false; afterQuote = true; i += 1; continue
                    } else {
                        return nil
                    }
                }
                if c == 10 { newlines += 1 }
                scratch.append(c)
                i += 1
                continue
            }
            if c == delimiter {
                if count == starts.count { grow() }
                starts[count] = Int32(fieldStart); ends[count] = Int32(scratch.count)
                count += 1
                fieldStart = scratch.count
                afterQuote = false
                i += 1
                continue
            }
            if c == 10 || (c == 13 && (i + 1 < to && base[i + 1] == 10)) {
                rawEnd = i
                recordEnd = c == 13 ? i + 2 : i + 1
                break
            }
            if c == 13 && i + 1 >= to && !final { return nil }
            if c == quote {
                if scratch.count == fieldStart && !afterQuote { inQuotes = true; i += 1; continue }
                throw InputError.badRecord(path: path, line: line, field: nil,
                                           reason: "quote inside an unquoted field (field \(count + 1))")
            }
            if afterQuote {
                throw InputError.badRecord(path: path, line: line, field: nil,
                                           reason: "text after a closing quote (field \(count + 1))")
            }
            scratch.append(c)
            i += 1
        }
        if recordEnd < 0 {
            if !final { return nil }
            if inQuotes {
                throw InputError.badRecord(path: path, line: line, field: nil,
                                           reason: "quoted field not closed before end of file")
            }
            rawEnd = to
            recordEnd = to
        }
        if count == starts.count { grow() }
        starts[count] = Int32(fieldStart); ends[count] = Int32(scratch.count)
        count += 1
        let raw = UnsafeBufferPointer(start: base + from, count: rawEnd - from)
        let recordLine = line
        let fieldCount = count
        try scratch.withUnsafeBufferPointer { sp in
            // An empty scratch has no base address; any valid pointer serves for zero-length fields.
            let sbase = sp.baseAddress ?? base
            try starts.withUnsafeBufferPointer { s in
                try ends.withUnsafeBufferPointer { e in
                    try body(CSVRecord(line: recordLine, raw: raw, base: sbase, starts: s, ends: e, count: fieldCount))
                }
            }
        }
        line += 1 + newlines
        return recordEnd
    }

    private mutating func grow() {
        starts.append(contentsOf: repeatElement(0, count: starts.count))
        ends.append(contentsOf: repeatElement(0, count: ends.count))
    }
}
