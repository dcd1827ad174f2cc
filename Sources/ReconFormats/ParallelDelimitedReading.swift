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

    /// Reads the whole input. `source` fills a buffer and returns how many bytes it wrote (0 at the
    /// end), `sizeEstimate` tells the decoded size when known; both stand for a ``ByteSource`` so
    /// that this function is generic in the segment type only, and is specialised for it.
    func read<Segment: ParsedSegment>(
        source: (UnsafeMutableBufferPointer<UInt8>) throws -> Int, sizeEstimate: () -> Int?,
        path: String, side: Side, columns: [String], rejects: inout RejectLog,
        makeSegment: @escaping @Sendable () -> Segment,
        reserve: (Int) -> Void = { _ in },
        merge: (inout Segment) throws -> Void
    ) throws -> (rows: Int, rejected: Int) {
        let boundaries = RecordBoundaries(quote: scanner.quote)
        let roundBytes = max(1 << 16, blockBytes * max(1, workers))
        let piecesWanted = workers == 1 ? 1 : workers * 4
        // Two buffers: a round is parsed in one while the next round is read into the other, and the
        // previous round's segments are merged meanwhile.
        let buffers = [RoundBuffer(capacity: roundBytes * 2), RoundBuffer(capacity: roundBytes * 2)]
        var current = 0
        var filled = 0
        var eof = false
        var nextLine = 1
        var rows = 0
        let rejectedBefore = rejects.count
        var reserved = false
        var bytesDone = 0
        // Each piece slot keeps its segment from round to round (one set per buffer): reused, not reallocated.
        var kept: [[Segment?]] = [Array(repeating: nil, count: piecesWanted), Array(repeating: nil, count: piecesWanted)]
        var inflight: InFlightRound<Segment>?
        // Workers read the buffers through raw pointers, which do not keep them alive: wait for the
        // round in flight before the buffers may go (on every path out, errors included).
        defer {
            inflight?.group.wait()
            withExtendedLifetime(buffers) {}
        }

        func fill() throws {
            let buf = buffers[current]
            while filled < buf.capacity && !eof {
                let n = try source(UnsafeMutableBufferPointer(rebasing: buf.bytes[filled..<buf.capacity]))
                if n == 0 { eof = true } else { filled += n }
            }
        }

        // The header: the first record (blank lines before it are skipped).
        try fill()
        var start = 0
        do {
            let b = UnsafeBufferPointer(buffers[current].bytes)
            start = ByteOrderMark.length(at: UnsafeBufferPointer(rebasing: b[0..<filled]))
        }
        var header: HeaderMap?
        while header == nil {
            let b = UnsafeBufferPointer(buffers[current].bytes)
            guard let end = boundaries.next(b, start: start, target: start, end: filled) ?? (eof && filled > start ? filled : nil) else {
                if eof { throw InputError.badRecord(path: path, line: 1, field: nil, reason: "empty file: no header row") }
                // The header record does not fit yet: keep what is left, grow, read more.
                if filled - start > scanner.maxRecordBytes { throw InputError.lineTooLong(path: path, line: nextLine, limit: scanner.maxRecordBytes) }
                buffers[current].keepTail(from: start, filled: &filled, growing: true)
                start = 0
                try fill()
                continue
            }
            nextLine += try scanner.scanBlock(UnsafeBufferPointer(rebasing: b[start..<end]), path: path, firstLine: nextLine) { record in
                if header == nil { header = try HeaderMap(record: record, columns: columns, path: path) }
            }
            start = end
        }
        let map = header!

        while true {
            let b = UnsafeBufferPointer(buffers[current].bytes)
            // The part of the buffer that ends on a record boundary.
            let end: Int
            if eof {
                end = filled
            } else if let last = boundaries.last(b, start: start, end: filled) {
                end = last
            } else {
                if filled - start > scanner.maxRecordBytes { throw InputError.lineTooLong(path: path, line: nextLine, limit: scanner.maxRecordBytes) }
                buffers[current].keepTail(from: start, filled: &filled, growing: true)
                start = 0
                try fill()
                continue
            }
            // Cut it into pieces at record boundaries: several per worker, so that a slow piece does
            // not leave the other cores idle.
            var cuts = [start]
            let piece = max(1, (end - start) / piecesWanted)
            while cuts.count < piecesWanted, let c = boundaries.next(b, start: cuts.last!, target: cuts.last! + piece, end: end), c < end {
                cuts.append(c)
            }
            cuts.append(end)
            var firstLines = [nextLine]
            for k in 0..<(cuts.count - 1) { firstLines.append(firstLines[k] + newlines(b, cuts[k], cuts[k + 1])) }
            nextLine = firstLines.last!
            // Start parsing this round, then merge the previous one while it runs.
            if let previous = inflight { previous.group.wait() }
            let round = InFlightRound<Segment>(pieces: cuts.count - 1, parity: current)
            for k in 0..<round.pieces {
                round.segments[k] = kept[current][k]
                kept[current][k] = nil
            }
            let budget = rejects.limit - rejects.count - (inflight?.rejectCount ?? 0)
            dispatch(round, bytes: b, cuts: cuts, firstLines: firstLines, map: map, budget: budget, path: path,
                     makeSegment: makeSegment)
            if let previous = inflight {
                inflight = round
                try mergeRound(previous, side: side, rejects: &rejects, rows: &rows, merge: merge, kept: &kept)
            } else {
                inflight = round
            }
            // Size the tables once, from the first merged round's bytes per row and the file's size.
            bytesDone += end - start
            if !reserved, rows > 0, !eof, let size = sizeEstimate() {
                reserved = true
                reserve(Int(Double(size) / Double(bytesDone - (end - start)) * Double(rows) * 1.02) + 1024)
            }
            if eof { break }
            // Carry the unparsed tail into the other buffer (the parsing round only reads up to `end`).
            let rest = filled - end
            let other = 1 - current
            buffers[other].ensure(capacity: max(buffers[current].capacity, rest))
            if rest > 0 { memcpy(buffers[other].bytes.baseAddress!, buffers[current].bytes.baseAddress! + end, rest) }
            if let previous = inflight, previous.parity == other { previous.group.wait() }
            current = other
            filled = rest
            start = 0
            try fill()
        }
        if let last = inflight {
            last.group.wait()
            inflight = nil
            try mergeRound(last, side: side, rejects: &rejects, rows: &rows, merge: merge, kept: &kept)
        }
        return (rows, rejects.count - rejectedBefore)
    }

    /// Parses a round's pieces on the worker threads, without waiting for them.
    private func dispatch<Segment: ParsedSegment>(
        _ round: InFlightRound<Segment>, bytes b: UnsafeBufferPointer<UInt8>, cuts: [Int], firstLines: [Int], map: HeaderMap,
        budget: Int, path: String, makeSegment: @escaping @Sendable () -> Segment
    ) {
        let shared = UnsafeTransfer((b, round, cuts, firstLines, map, budget))
        let scanner = self.scanner
        DispatchQueue.global().async(group: round.group) {
            DispatchQueue.concurrentPerform(iterations: round.pieces) { k in
                let (b, round, cuts, firstLines, map, budget) = shared.value
                var result = BlockResult(segment: round.segments[k] ?? makeSegment())
                round.segments[k] = nil
                var decoder = FieldDecoder()
                let expected = map.fieldCount
                var budgetLeft = budget
                let indices = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(1, map.indices.count))
                defer { indices.deallocate() }
                _ = indices.initialize(from: map.indices)
                let ix = UnsafeBufferPointer(indices)
                do {
                    _ = try scanner.scanBlock(UnsafeBufferPointer(rebasing: b[cuts[k]..<cuts[k + 1]]), path: path,
                                              firstLine: firstLines[k]) { record in
                        decoder.line = record.line
                        do {
                            try decoder.fieldCount(record, expected: expected)
                            try Segment.parse(record, ix, &decoder, &result.segment)
                            result.rows += 1
                        } catch let thrown as InputError {
                            let e = thrown.inFile(path)
                            guard budgetLeft > 0 else { throw e }
                            budgetLeft -= 1
                            result.rejects.append((e, String(decoding: record.raw, as: UTF8.self)))
                        }
                    }
                } catch {
                    result.error = error
                }
                round.results[k] = result
            }
        }
    }

    /// Merges a finished round in file order; the first error in file order stops the read.
    private func mergeRound<Segment: ParsedSegment>(
        _ round: InFlightRound<Segment>, side: Side, rejects: inout RejectLog, rows: inout Int,
        merge: (inout Segment) throws -> Void, kept: inout [[Segment?]]
    ) throws {
        round.group.wait()
        for k in 0..<round.pieces {
            var r = round.results[k]!
            round.results[k] = nil
            for (e, raw) in r.rejects {
                var rawBytes = Array(raw.utf8)
                try rawBytes.withUnsafeMutableBufferPointer { try rejects.reject(e, side: side, raw: UnsafeBufferPointer($0)) }
            }
            if let e = r.error {
                // A bad row here is one past the piece's budget of rejects; anything else (a broken
                // CSV structure, a record too long) is its own error, whatever the limit.
                if let ie = e as? InputError, case .badRecord = ie, rejects.limit > 0 {
                    throw InputError.tooManyRejects(limit: rejects.limit, last: ie.description)
                }
                throw e
            }
            try merge(&r.segment)
            rows += r.rows
            r.segment.reset()
            kept[round.parity][k] = r.segment
        }
    }

    /// The number of line feeds in `b[from..<to]`, eight bytes at a time (lines are short, so one
    /// `memchr` per line costs more than this pass).
    private func newlines(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        let raw = UnsafeRawPointer(b.baseAddress!)
        let lf: UInt64 = 0x0A0A_0A0A_0A0A_0A0A, low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        var n = 0
        var p = from
        while p + 8 <= to {
            let x = raw.loadUnaligned(fromByteOffset: p, as: UInt64.self) ^ lf
            // High bit set in exactly the bytes that were line feeds.
            n += (~(((x & low7) &+ low7) | x | low7)).nonzeroBitCount
            p += 8
        }
        while p < to {
            if b[p] == 10 { n += 1 }
            p += 1
        }
        return n
    }

}
