import ReconCore

/// One logical BAI2 record: its two-digit code, its fields (continuation `88` records already
/// appended) and the line it starts on.
struct BAI2Record {
    var code: String
    var fields: [String]
    var line: Int
    /// Physical `88` records folded into this one (each counts in the trailers' record counts).
    var continuations = 0
    /// A `16`'s text carried on `88` records.
    var moreText: [String] = []
}

/// Cuts the physical lines of a BAI2 file into records, streaming. A record ends at a `/` followed
/// by the end of the line or by another record (`NN,`), or at the end of its line when the next line
/// starts a record; a line that starts no record continues the one before it. `88` records are
/// appended to the record they continue: their fields as further fields, or, for a `16`, as more
/// of its text.
struct BAI2RecordSplitter<S: ByteSource> {
    private var lines: MTLineReader<S>
    private var pending: BAI2Record?
    private var ready: [BAI2Record] = []

    init(source: S, path: String) { lines = MTLineReader(source: source, path: path) }

    var source: S { lines.source }

    /// The next complete record, nil at the end.
    mutating func next() throws -> BAI2Record? {
        while ready.isEmpty {
            guard let line = try lines.next() else {
                if let p = pending { pending = nil; return p }
                return nil
            }
            for (bytes, startsRecord) in Self.segments(line) {
                // Bytes that are not UTF-8 stay visible to the text check (as U+FFFF).
                let segment = FieldText.string(decoding: bytes)
                if startsRecord {
                    let code = String(segment.prefix(2))
                    let fields = segment.dropFirst(3).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                    if code == "88", var p = pending {
                        if p.code == "16" {
                            p.moreText.append(fields.joined(separator: ",").trimmingSpaces)
                        } else {
                            p.fields += fields
                        }
                        p.continuations += 1
                        pending = p
                    } else {
                        if let p = pending { ready.append(p) }
                        pending = BAI2Record(code: code, fields: fields, line: lines.line)
                    }
                } else if var p = pending {
                    // A record carried over a line break: its last field (or its 88 text) goes on.
                    if p.code == "16" && !p.moreText.isEmpty {
                        p.moreText[p.moreText.count - 1] += segment
                    } else if p.fields.isEmpty { p.fields = [segment] } else { p.fields[p.fields.count - 1] += segment }
                    pending = p
                }
            }
        }
        return ready.removeFirst()
    }

    /// The records of a line: bytes up to each `/` that ends a record, and whether they start one.
    static func segments(_ line: [UInt8]) -> [(ArraySlice<UInt8>, Bool)] {
        func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        func startsRecord(_ k: Int) -> Bool { k + 2 < line.count && isDigit(line[k]) && isDigit(line[k + 1]) && line[k + 2] == 44 }
        func skipSpaces(_ k: Int) -> Int { var k = k; while k < line.count && line[k] == 32 { k += 1 }; return k }
        var out: [(ArraySlice<UInt8>, Bool)] = []
        var start = 0, i = 0
        while i < line.count {
            if line[i] == UInt8(ascii: "/") {
                let after = skipSpaces(i + 1)
                if after == line.count || startsRecord(after) {
                    out.append((line[start..<i], startsRecord(start)))
                    start = after
                    i = after
                    continue
                }
            }
            i += 1
        }
        if start < line.count && !line[start...].allSatisfy({ $0 == 32 }) { out.append((line[start...], startsRecord(start))) }
        return out
    }
}
