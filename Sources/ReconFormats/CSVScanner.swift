import ReconCore
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
/// skipped (their line numbers still count). A broken structure (a quote inside an unquoted field,
/// text after a closing quote, a quote still open at the end of the input) is an
/// ``InputError/malformedCSV(path:line:reason:)`` naming the line: not a row to set aside, since
/// what follows cannot be cut into records.
package struct CSVScanner: Sendable {
    package var delimiter: UInt8
    package var quote: UInt8
    /// Longest record accepted; a longer one is an error, so one bad file cannot take all memory.
    package var maxRecordBytes: Int
    /// Chunk size of reads.
    package var chunkBytes: Int

    package init(delimiter: UInt8 = UInt8(ascii: ","), quote: UInt8 = UInt8(ascii: "\""),
                maxRecordBytes: Int = 1 << 20, chunkBytes: Int = 1 << 22) {
        self.delimiter = delimiter
        self.quote = quote
        self.maxRecordBytes = maxRecordBytes
        self.chunkBytes = chunkBytes
    }

    /// Scans all of `source`; `body` sees every record. Errors thrown by `body` stop the scan.
    package func scan<S: ByteSource>(
        _ source: inout S, path: String, body: (CSVRecord) throws -> Void
    ) throws {
        let round = RoundBuffer(capacity: max(chunkBytes, 64 * 1024))
        var state = ScanState()
        defer { state.release() }
        var filled = 0
        var start = 0
        var eof = false
        var firstChunk = true
        while !eof {
            // Move the unconsumed tail to the front, grow when a record does not fit.
            if start == 0 && filled == round.capacity && round.capacity >= maxRecordBytes + chunkBytes {
                throw InputError.lineTooLong(path: path, line: state.line, limit: maxRecordBytes)
            }
            if start > 0 || filled == round.capacity {
                round.keepTail(from: start, filled: &filled, growing: true)
                start = 0
            }
            let buffer = round.bytes
            let n = try source.read(into: UnsafeMutableBufferPointer(rebasing: buffer[filled..<buffer.count]))
            if n == 0 {
                eof = true
            } else {
                filled += n
            }
            if firstChunk && filled >= 3 || eof {
                if firstChunk { start = ByteOrderMark.length(at: UnsafeBufferPointer(rebasing: buffer[0..<filled])) }
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
    package func scanBlock(_ block: UnsafeBufferPointer<UInt8>, path: String, firstLine: Int,
                          body: (CSVRecord) throws -> Void) throws -> Int {
        var state = ScanState()
        defer { state.release() }
        state.line = firstLine
        _ = try state.parse(block, from: 0, to: block.count, final: true, scanner: self, path: path, body: body)
        return state.line - firstLine
    }
}

/// The scanner's per-scan working memory, reused for every record. Field offsets live in memory it
/// allocates itself (released by ``release()``), so writing them costs no copy-on-write check.
struct ScanState {
    var line = 1
    private(set) var starts: UnsafeMutablePointer<Int32>
    private(set) var ends: UnsafeMutablePointer<Int32>
    private var capacity = 64
    var scratch: [UInt8] = []
    /// The scanner's record limit and the file's path, set by ``parse``.
    private var maxRecordBytes = Int.max
    private var path = ""

    init() {
        starts = .allocate(capacity: capacity)
        ends = .allocate(capacity: capacity)
    }

    mutating func release() {
        starts.deallocate()
        ends.deallocate()
    }

    @inline(__always)
    private mutating func setField(_ k: Int, _ start: Int, _ end: Int) {
        if k == capacity { grow() }
        starts[k] = Int32(truncatingIfNeeded: start)
        ends[k] = Int32(truncatingIfNeeded: end)
    }

    @inline(__always)
    private func record(line: Int, raw: UnsafeBufferPointer<UInt8>, base: UnsafePointer<UInt8>, count: Int) throws -> CSVRecord {
        // A record longer than the limit is refused wherever it falls, also inside one read chunk.
        if raw.count > maxRecordBytes { throw InputError.lineTooLong(path: path, line: line, limit: maxRecordBytes) }
        return CSVRecord(line: line, raw: raw, base: base, starts: UnsafeBufferPointer(start: starts, count: count),
                  ends: UnsafeBufferPointer(start: ends, count: count), count: count)
    }

    /// A word with the high bit set in every byte of `x` that is zero (exact: no false positives).
    @inline(__always)
    private static func zeroBytes(_ x: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((x & low7) &+ low7) | x | low7)
    }

    /// Parses every complete record in `buffer[from..<to]` and returns the offset of the first byte
    /// not consumed.
    ///
    /// Unquoted records take one pass over eight bytes at a time: each word yields a mask of the
    /// delimiters, line feeds and quotes in it, and only those positions are visited. A record with a
    /// quote is handed to ``parseQuotedInPlace`` (and, for doubled quotes, to ``parseQuoted``).
    mutating func parse(
        _ buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int, final: Bool,
        scanner: CSVScanner, path: String, body: (CSVRecord) throws -> Void
    ) throws -> Int {
        let base = buffer.baseAddress!
        maxRecordBytes = scanner.maxRecordBytes
        self.path = path
        let delimiter = scanner.delimiter
        let quote = scanner.quote
        let ones: UInt64 = 0x0101_0101_0101_0101
        let dMask = ones &* UInt64(delimiter), qMask = ones &* UInt64(quote), nMask = ones &* 10
        let raw = UnsafeRawPointer(base)
        var pos = from            // start of the current record
        var fieldStart = from
        var count = 0
        var i = from              // next byte to look at
        while true {
            // The next special byte at or after i: by words while eight bytes remain, then bytewise.
            var hit = -1
            while i + 8 <= to {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let m = Self.zeroBytes(w ^ dMask) | Self.zeroBytes(w ^ nMask) | Self.zeroBytes(w ^ qMask)
                if m != 0 { hit = i + m.trailingZeroBitCount >> 3; break }
                i += 8
            }
            if hit < 0 {
                while i < to {
                    let c = base[i]
                    if c == delimiter || c == 10 || c == quote { hit = i; break }
                    i += 1
                }
            }
            if hit < 0 {
                // No line feed before the end: the last record, when this is the end of the input.
                if pos >= to || !final { return pos }
                var contentEnd = to
                if base[contentEnd - 1] == 13 { contentEnd -= 1 }
                if contentEnd == pos { line += 1; return to }
                setField(count, fieldStart - pos, contentEnd - pos)
                count += 1
                try body(record(line: line, raw: UnsafeBufferPointer(start: base + pos, count: contentEnd - pos),
                                base: base + pos, count: count))
                line += 1
                return to
            }
            let c = base[hit]
            if c == delimiter {
                setField(count, fieldStart - pos, hit - pos)
                count += 1
                fieldStart = hit + 1
                i = hit + 1
                continue
            }
            if c == 10 {
                var contentEnd = hit
                if contentEnd > pos && base[contentEnd - 1] == 13 { contentEnd -= 1 }
                if contentEnd > pos {
                    setField(count, fieldStart - pos, contentEnd - pos)
                    count += 1
                    try body(record(line: line, raw: UnsafeBufferPointer(start: base + pos, count: contentEnd - pos),
                                    base: base + pos, count: count))
                }
                line += 1
                pos = hit + 1; fieldStart = pos; count = 0; i = pos
                continue
            }
            // A quote: this record goes through the quote-aware paths, from its start.
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
            fieldStart = pos; count = 0; i = pos
        }
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
                setField(count, i + 1 - from, close - from)
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
                setField(count, i - from, e - from)
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
        try body(record(line: line, raw: raw, base: base + from, count: count))
        line += 1 + newlines
        return .parsed(recordEnd)
    }

    /// Parses one record containing quotes; nil when more input is needed.
    /// Over 80 lines on purpose: one state machine over the bytes, its state (field start, quote
    /// state, lines spanned) in the loop's locals rather than passed between helpers per byte.
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
        var quoteLine = line
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
                setField(count, fieldStart, scratch.count)
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
                if scratch.count == fieldStart && !afterQuote { inQuotes = true; quoteLine = line + newlines; i += 1; continue }
                throw InputError.malformedCSV(path: path, line: line + newlines,
                                              reason: "quote inside an unquoted field (field \(count + 1))")
            }
            if afterQuote {
                throw InputError.malformedCSV(path: path, line: line + newlines,
                                              reason: "text after a closing quote (field \(count + 1))")
            }
            scratch.append(c)
            i += 1
        }
        if recordEnd < 0 {
            if !final { return nil }
            if inQuotes {
                // Everything after the quote would be one field: a file cut off, or a stray quote that
                // swallowed the rows after it. Neither is one row to set aside.
                let after = newlines - (quoteLine - line) - (to > from && base[to - 1] == 10 ? 1 : 0)
                let swallowed = after == 0 ? "" : after == 1 ? ": the line after it would be part of that field"
                    : ": the \(after) lines after it would be part of that field"
                throw InputError.malformedCSV(path: path, line: quoteLine,
                                              reason: "the quote opened on this line is not closed before the end of the file\(swallowed) (a stray quote, or a file cut off?)")
            }
            rawEnd = to
            recordEnd = to
        }
        setField(count, fieldStart, scratch.count)
        count += 1
        let raw = UnsafeBufferPointer(start: base + from, count: rawEnd - from)
        let recordLine = line
        let fieldCount = count
        try scratch.withUnsafeBufferPointer { sp in
            // An empty scratch has no base address; any valid pointer serves for zero-length fields.
            let sbase = sp.baseAddress ?? base
            try body(record(line: recordLine, raw: raw, base: sbase, count: fieldCount))
        }
        line += 1 + newlines
        return recordEnd
    }

    private mutating func grow() {
        let bigger = capacity * 2
        let s = UnsafeMutablePointer<Int32>.allocate(capacity: bigger), e = UnsafeMutablePointer<Int32>.allocate(capacity: bigger)
        s.update(from: starts, count: capacity)
        e.update(from: ends, count: capacity)
        starts.deallocate(); ends.deallocate()
        starts = s; ends = e
        capacity = bigger
    }
}
