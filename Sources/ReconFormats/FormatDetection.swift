import ReconCore
/// How a spec recognises its files from their first bytes (the `[detect]` table of a spec).
///
/// ```toml
/// [detect]
/// contains = ["<BkToCstmrStmt"]      # every one must appear in the first 64 KiB (decoded)
/// any = ["camt.052", "camt.053"]     # at least one must appear
/// starts_with = ":20:"               # the content starts with this (after a BOM and blank lines)
/// record_length = 120                # every non-empty line of the head is this many bytes
/// record_bytes = 94                  # records of this many bytes: one a line (trailing spaces may be
///                                    # stripped), or back to back with no line break at all
/// next_record = ["5", "9"]           # with record_bytes: the second record starts with one of these
/// priority = 10                      # breaks ties between specs that all match; higher wins
/// ```
///
/// No rule depends on line breaks: a file of fixed-length records without separators is recognised
/// by its `record_length` or `record_bytes`.
package struct FormatDetection: Sendable {
    package var contains: [[UInt8]] = []
    package var any: [[UInt8]] = []
    package var startsWith: [UInt8]?
    package var recordLength: Int?
    package var recordBytes: Int?
    package var nextRecord: [[UInt8]] = []
    package var priority = 0

    package init() {}

    /// Whether the spec says anything at all (a spec without rules is never detected, only named).
    package var isEmpty: Bool { contains.isEmpty && any.isEmpty && startsWith == nil && recordLength == nil && recordBytes == nil }

    init(table: SpecTable?) throws {
        guard let t = table else { return }
        try t.only(["contains", "any", "starts_with", "record_length", "record_bytes", "next_record", "priority"])
        contains = (try t.strings("contains") ?? []).map { Array($0.utf8) }
        any = (try t.strings("any") ?? []).map { Array($0.utf8) }
        startsWith = try t.string("starts_with").map { Array($0.utf8) }
        recordLength = try t.int("record_length", min: 1)
        recordBytes = try t.int("record_bytes", min: 1)
        nextRecord = (try t.strings("next_record") ?? []).map { Array($0.utf8) }
        if !nextRecord.isEmpty && recordBytes == nil { throw t.invalid("next_record", "given with record_bytes (where the second record starts)") }
        priority = try t.int("priority") ?? 0
    }

    /// Why a file matched, in words, for `inspect`.
    package var reason: String {
        var parts: [String] = []
        if let startsWith { parts.append("starts with '\(String(decoding: startsWith, as: UTF8.self))'") }
        if !contains.isEmpty { parts.append("contains " + contains.map { "'\(String(decoding: $0, as: UTF8.self))'" }.joined(separator: " and ")) }
        if !any.isEmpty { parts.append("contains one of " + any.map { "'\(String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r"))'" }.joined(separator: ", ")) }
        if let recordLength { parts.append("records of \(recordLength) bytes") }
        if let recordBytes {
            parts.append("records of \(recordBytes) bytes" + (nextRecord.isEmpty ? "" : ", the second starting with "
                + nextRecord.map { "'\(String(decoding: $0, as: UTF8.self))'" }.joined(separator: " or ")))
        }
        return parts.joined(separator: "; ")
    }

    /// Whether `decoded` (UTF-8 head) and `raw` (head as stored, decompressed) fit every rule.
    func matches(decoded: [UInt8], raw: [UInt8]) -> Bool {
        if isEmpty { return false }
        for needle in contains where !decoded.containsSubsequence(needle) { return false }
        if !any.isEmpty && !any.contains(where: { decoded.containsSubsequence($0) }) { return false }
        if let startsWith {
            var start = 0
            start = ByteOrderMark.length(at: decoded)
            while start < decoded.count && (decoded[start] == 10 || decoded[start] == 13 || decoded[start] == 32) { start += 1 }
            if !decoded[start...].starts(with: startsWith) { return false }
        }
        if let recordLength {
            var lines = raw.split(separator: 10, omittingEmptySubsequences: true)
            if raw.last != 10 && !lines.isEmpty { lines.removeLast() } // the head may cut the last line
            let records = lines.map { $0.last == 13 ? $0.dropLast() : $0 }.filter { !$0.allSatisfy { $0 == 32 } }
            if records.isEmpty { return raw.count >= recordLength && !raw.contains(10) }
            if !records.allSatisfy({ $0.count == recordLength }) { return false }
        }
        if let recordBytes, !recordsFit(raw, recordBytes) { return false }
        return true
    }

    /// Records of `n` bytes: one a line (at most `n` bytes each, trailing spaces may be stripped), or,
    /// when the first record has no line break after it, back to back; the second starts with one of
    /// ``nextRecord``.
    private func recordsFit(_ raw: [UInt8], _ n: Int) -> Bool {
        var start = 0
        start = ByteOrderMark.length(at: raw)
        let head = raw[start...]
        let firstBreak = head.prefix(n + 2).firstIndex(of: 10)
        let second: ArraySlice<UInt8>
        if let firstBreak {
            var lines = head.split(separator: 10, omittingEmptySubsequences: true)
            if raw.last != 10 && lines.count > 1 { lines.removeLast() }
            let records = lines.map { $0.last == 13 ? $0.dropLast() : $0 }.filter { !$0.allSatisfy { $0 == 32 } }
            guard records.allSatisfy({ $0.count <= n }) else { return false }
            second = head[(firstBreak + 1)...].drop(while: { $0 == 10 || $0 == 13 })
        } else {
            guard head.count >= 2 * n || (head.count >= n && nextRecord.isEmpty) else { return false }
            second = head.dropFirst(n)
        }
        return nextRecord.isEmpty || nextRecord.contains { second.starts(with: $0) }
    }
}

extension Array where Element == UInt8 {
    func containsSubsequence(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= count else { return false }
        let first = needle[0]
        var i = 0
        while i <= count - needle.count {
            if self[i] == first && self[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}
