import ReconCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cuts a stream into fixed-width records: one per line (LF or CRLF), or, for a file with no line
/// breaks, one every `recordLength` bytes. Blank lines (and blank filler records) are skipped,
/// their numbers still counted; a UTF-8 byte-order mark at the start is skipped.
///
/// A file counts as having no line breaks when its first line break (if any) comes after twice
/// the record length: a line a little longer than a record is then still read as a line (and the
/// reader refuses it unless the excess is spaces).
struct FixedWidthRecordSplitter {
    let recordLength: Int
    let path: String
    var chunkBytes = 1 << 20
    /// Longest line accepted, so that one bad file cannot take all memory.
    var maxLineBytes = 1 << 20

    init(recordLength: Int, path: String) {
        self.recordLength = recordLength
        self.path = path
    }

    func split<S: ByteSource>(_ source: inout S, body: (FixedWidthRawRecord) throws -> Void) throws {
        let round = RoundBuffer(capacity: max(chunkBytes, recordLength * 4, 1 << 16))
        var filled = 0, start = 0
        var consumed = 0          // bytes of the file before buffer[0]
        var eof = false
        var unbroken: Bool? = nil
        var number = 0
        var firstChunk = true
        while true {
            let buffer = try refill(round, from: &source, filled: &filled, start: &start, consumed: &consumed, eof: &eof)
            if firstChunk {
                if filled < 3 && !eof { continue }
                start = ByteOrderMark.length(at: UnsafeBufferPointer(rebasing: buffer[0..<filled]))
                firstChunk = false
            }
            let base = UnsafePointer(buffer.baseAddress!)
            if unbroken == nil {
                unbroken = hasNoLineBreaks(base + start, count: filled - start, eof: eof)
                if unbroken == nil { continue }
            }
            if unbroken == true {
                while filled - start >= recordLength {
                    number += 1
                    let bytes = UnsafeBufferPointer(start: base + start, count: recordLength)
                    if !FixedWidthBytes.isBlank(bytes) {
                        try body(FixedWidthRawRecord(bytes: bytes, number: number, offset: consumed + start, unbroken: true))
                    }
                    start += recordLength
                }
                if eof {
                    let tail = UnsafeBufferPointer(start: base + start, count: filled - start)
                    if !tail.allSatisfy({ $0 == 32 || $0 == 10 || $0 == 13 || $0 == 9 || $0 == 0 || $0 == 0x1A }) {
                        try body(FixedWidthRawRecord(bytes: tail, number: number + 1, offset: consumed + start, unbroken: true))
                    }
                    return
                }
                continue
            }
            while start < filled {
                let nl = memchr(base + start, 10, filled - start)
                var end: Int
                let next: Int
                if let nl {
                    end = UnsafePointer<UInt8>(nl.assumingMemoryBound(to: UInt8.self)) - base
                    next = end + 1
                } else {
                    if !eof {
                        if filled - start > maxLineBytes {
                            throw InputError.lineTooLong(path: path, line: number + 1, limit: maxLineBytes)
                        }
                        break
                    }
                    end = filled
                    next = filled
                }
                if end > start && base[end - 1] == 13 { end -= 1 }
                // Refused wherever the line falls, also inside one read.
                if end - start > maxLineBytes { throw InputError.lineTooLong(path: path, line: number + 1, limit: maxLineBytes) }
                number += 1
                let bytes = UnsafeBufferPointer(start: base + start, count: end - start)
                if !FixedWidthBytes.isBlank(bytes) {
                    try body(FixedWidthRawRecord(bytes: bytes, number: number, offset: consumed + start, unbroken: false))
                }
                start = next
            }
            if eof && start >= filled { return }
        }
    }

    /// Moves the unconsumed tail to the front (a full buffer that still has to take more doubles)
    /// and reads more after it, unless at the end; returns the buffer.
    private func refill<S: ByteSource>(_ round: RoundBuffer, from source: inout S, filled: inout Int, start: inout Int,
                                       consumed: inout Int, eof: inout Bool) throws -> UnsafeMutableBufferPointer<UInt8> {
        if start > 0 || (!eof && filled == round.capacity) {
            consumed += start
            round.keepTail(from: start, filled: &filled, growing: true)
            start = 0
        }
        let buffer = round.bytes
        if !eof {
            let n = try source.read(into: UnsafeMutableBufferPointer(rebasing: buffer[filled..<buffer.count]))
            if n == 0 { eof = true } else { filled += n }
        }
        return buffer
    }

    /// Whether the file has no line breaks, from its first `count` bytes (after any byte-order mark);
    /// nil when that cannot be told yet.
    private func hasNoLineBreaks(_ bytes: UnsafePointer<UInt8>, count: Int, eof: Bool) -> Bool? {
        let window = min(count, 2 * recordLength + 2)
        if memchr(bytes, 10, window) != nil { return false }
        if count > 2 * recordLength + 1 { return true }
        if eof { return count > recordLength + 2 }
        return nil
    }
}
