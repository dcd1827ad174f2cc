#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import ReconCore

/// Reads a delimited file on several cores: large rounds of bytes are cut at record boundaries into
/// one piece per worker, the pieces are parsed concurrently into their own segments (rows and local
/// dictionaries), and the segments are merged in file order. The result — rows, their order, ids,
/// errors and rejects — is exactly what a sequential read gives, whatever the number of workers; memory
/// is one round of bytes plus the rows.
struct ParallelDelimitedReading {
    var scanner: CSVScanner
    var workers: Int
    /// Bytes per worker per round.
    var blockBytes = 8 << 20

    func read<S: ByteSource, Segment>(
        source: inout S, path: String, side: Side, columns: [String], rejects: inout RejectLog,
        sizeHint: Int? = nil,
        makeSegment: @escaping @Sendable () -> Segment,
        resetSegment: @escaping @Sendable (inout Segment) -> Void,
        parseRow: @escaping @Sendable (CSVRecord, [Int], inout FieldDecoder, inout Segment) throws -> Void,
        reserve: (Int) -> Void = { _ in },
        merge: (inout Segment) throws -> Void
    ) throws -> (rows: Int, rejected: Int) {
        let boundaries = RecordBoundaries(quote: scanner.quote)
        let roundBytes = max(1 << 16, blockBytes * max(1, workers))
        var capacity = roundBytes * 2
        var buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var filled = 0
        var eof = false
        var header: HeaderMap?
        var nextLine = 1
        var rows = 0
        let rejectedBefore = rejects.count
        var first = true
        var reserved = false
        var bytesDone = 0
        // Each worker keeps its segment from round to round: its buffers are reused, not reallocated.
        var kept: [Segment?] = Array(repeating: nil, count: max(1, workers) * 4)
        while true {
            // Fill the buffer.
            while filled < capacity && !eof {
                let n = try source.read(into: UnsafeMutableBufferPointer(rebasing: buffer[filled..<capacity]))
                if n == 0 { eof = true } else { filled += n }
            }
            let b = UnsafeBufferPointer(buffer)
            var start = 0
            if first {
                first = false
                if filled >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { start = 3 }
            }
            if header == nil {
                // The header is the first record.
                guard let end = boundaries.next(b, start: start, target: start, end: filled) ?? (eof ? filled : nil) else {
                    if capacity >= scanner.maxRecordBytes * 4 { throw InputError.lineTooLong(path: path, line: nextLine, limit: scanner.maxRecordBytes) }
                    buffer = grow(buffer, &capacity, filled)
                    continue
                }
                var found: HeaderMap?
                let lines = try scanner.scanBlock(UnsafeBufferPointer(rebasing: b[start..<end]), path: path, firstLine: nextLine) { record in
                    if found == nil { found = try HeaderMap(record: record, columns: columns, path: path) }
                }
                nextLine += lines
                start = end
                guard let found else {
                    if eof { throw InputError.badRecord(path: path, line: 1, field: nil, reason: "empty file: no header row") }
                    continue
                }
                header = found
            }
            // The part of the buffer that ends on a record boundary.
            let end: Int
            if eof {
                end = filled
            } else if let last = boundaries.last(b, start: start, end: filled) {
                end = last
            } else {
                if filled - start > scanner.maxRecordBytes { throw InputError.lineTooLong(path: path, line: nextLine, limit: scanner.maxRecordBytes) }
                buffer = grow(buffer, &capacity, filled)
                continue
            }
            // Cut it into one piece per worker, at record boundaries.
            // Several pieces per worker, so that a slow piece does not leave the other cores idle.
            let piecesWanted = workers == 1 ? 1 : workers * 4
            var cuts = [start]
            let piece = max(1, (end - start) / piecesWanted)
            while cuts.count < piecesWanted, let c = boundaries.next(b, start: cuts.last!, target: cuts.last! + piece, end: end), c < end {
                cuts.append(c)
            }
            cuts.append(end)
            var firstLines = [nextLine]
            for k in 0..<(cuts.count - 1) { firstLines.append(firstLines[k] + newlines(b, cuts[k], cuts[k + 1])) }
            nextLine = firstLines.last!
            // Parse the pieces concurrently.
            let pieces = cuts.count - 1
            let results = UnsafeMutableBufferPointer<BlockResult<Segment>?>.allocate(capacity: pieces)
            results.initialize(repeating: nil)
            let segments = UnsafeMutableBufferPointer<Segment?>.allocate(capacity: pieces)
            segments.initialize(repeating: nil)
            defer { segments.deinitialize(); segments.deallocate() }
            for k in 0..<pieces {
                segments[k] = kept[k]
                kept[k] = nil
            }
            defer { results.deinitialize(); results.deallocate() }
            let shared = UnsafeSendable((b, results, cuts, firstLines, header!, rejects.limit - rejects.count, segments))
            let scanner = self.scanner
            DispatchQueue.concurrentPerform(iterations: pieces) { k in
                let (b, results, cuts, firstLines, map, budget, segments) = shared.value
                var result = BlockResult(segment: segments[k] ?? makeSegment())
                segments[k] = nil
                var decoder = FieldDecoder(path: path)
                var budgetLeft = budget
                do {
                    _ = try scanner.scanBlock(UnsafeBufferPointer(rebasing: b[cuts[k]..<cuts[k + 1]]), path: path,
                                              firstLine: firstLines[k]) { record in
                        decoder.line = record.line
                        do {
                            try decoder.fieldCount(record, expected: map.fieldCount)
                            try parseRow(record, map.indices, &decoder, &result.segment)
                            result.rows += 1
                        } catch let e as InputError {
                            guard budgetLeft > 0 else { throw e }
                            budgetLeft -= 1
                            result.rejects.append((e, String(decoding: record.raw, as: UTF8.self)))
                        }
                    }
                } catch {
                    result.error = error
                }
                results[k] = result
            }
            // Merge in file order; the first error in file order stops the read.
            for k in 0..<pieces {
                var r = results[k]!
                for (e, raw) in r.rejects {
                    var rawBytes = Array(raw.utf8)
                    try rawBytes.withUnsafeMutableBufferPointer { try rejects.reject(e, side: side, raw: UnsafeBufferPointer($0)) }
                }
                if let e = r.error {
                    if let ie = e as? InputError, case .badRecord = ie, rejects.limit > 0 {
                        throw InputError.tooManyRejects(limit: rejects.limit, last: ie.description)
                    }
                    throw e
                }
                try merge(&r.segment)
                rows += r.rows
                resetSegment(&r.segment)
                kept[k] = r.segment
            }
            // Size the tables once, from the first round's bytes per row and the file's size.
            bytesDone += end - start
            if !reserved, let size = sizeHint ?? source.decodedSizeEstimate, rows > 0, !eof {
                reserved = true
                reserve(Int(Double(size) / Double(bytesDone) * Double(rows) * 1.02) + 1024)
            }
            // Keep the unparsed tail for the next round.
            let rest = filled - end
            if rest > 0 { memmove(buffer.baseAddress!, buffer.baseAddress! + end, rest) }
            filled = rest
            if eof && filled == 0 { break }
        }
        return (rows, rejects.count - rejectedBefore)
    }

    private func newlines(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        var n = 0
        var p = from
        while p < to, let hit = memchr(b.baseAddress! + p, 10, to - p) {
            n += 1
            p = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - b.baseAddress! + 1
        }
        return n
    }

    private func grow(_ buffer: UnsafeMutableBufferPointer<UInt8>, _ capacity: inout Int, _ filled: Int) -> UnsafeMutableBufferPointer<UInt8> {
        let bigger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity * 2)
        bigger.baseAddress!.update(from: buffer.baseAddress!, count: filled)
        buffer.deallocate()
        capacity *= 2
        return bigger
    }
}
