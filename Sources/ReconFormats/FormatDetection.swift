/// How a spec recognises its files from their first bytes (the `[detect]` table of a spec).
///
/// ```toml
/// [detect]
/// contains = ["<BkToCstmrStmt"]      # every one must appear in the first 64 KiB (decoded)
/// any = ["camt.052", "camt.053"]     # at least one must appear
/// starts_with = ":20:"               # the content starts with this (after a BOM and blank lines)
/// record_length = 120                # every non-empty line of the head is this many bytes
/// priority = 10                      # breaks ties between specs that all match; higher wins
/// ```
public struct FormatDetection: Sendable {
    public var contains: [[UInt8]] = []
    public var any: [[UInt8]] = []
    public var startsWith: [UInt8]?
    public var recordLength: Int?
    public var priority = 0

    public init() {}

    /// Whether the spec says anything at all (a spec without rules is never detected, only named).
    public var isEmpty: Bool { contains.isEmpty && any.isEmpty && startsWith == nil && recordLength == nil }

    init(table: SpecTable?) throws {
        guard let t = table else { return }
        try t.only(["contains", "any", "starts_with", "record_length", "priority"])
        contains = (try t.strings("contains") ?? []).map { Array($0.utf8) }
        any = (try t.strings("any") ?? []).map { Array($0.utf8) }
        startsWith = try t.string("starts_with").map { Array($0.utf8) }
        recordLength = try t.int("record_length", min: 1)
        priority = try t.int("priority") ?? 0
    }

    /// Whether `decoded` (UTF-8 head) and `raw` (head as stored, decompressed) fit every rule.
    func matches(decoded: [UInt8], raw: [UInt8]) -> Bool {
        if isEmpty { return false }
        for needle in contains where !decoded.containsSubsequence(needle) { return false }
        if !any.isEmpty && !any.contains(where: { decoded.containsSubsequence($0) }) { return false }
        if let startsWith {
            var start = 0
            if decoded.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
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
        return true
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
