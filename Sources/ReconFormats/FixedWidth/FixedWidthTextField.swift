/// A text field: `{ start, length }`, or pieces read one after the other:
/// `{ parts = [{ start = 3, length = 5 }, { start = 12, length = 5 }], join = "" }`.
///
/// - `join` (default `" "`) goes between a piece and what the target already holds: pieces are
///   trimmed of spaces and empty ones skipped. With `join = ""` pieces are appended as they are,
///   spaces included, for text a layout splits at fixed widths (CODA's communication); the value
///   is trimmed when the movement is complete.
/// - `only = "credit"` or `"debit"`: the field fills its target only for movements of that
///   direction (CFONB's payer name is the counterparty of a credit, the payee's of a debit).
struct FixedWidthTextField: Sendable {
    let name: String
    let parts: [FixedWidthSpan]
    let join: [UInt8]
    let only: FixedWidthDirection?

    init(table: SpecTable, name: String, recordLength: Int) throws {
        try table.only(["start", "length", "parts", "join", "only"])
        self.name = name
        if let pieces = try table.tables("parts") {
            if table.contains("start") || table.contains("length") {
                throw table.invalid("parts", "given without start and length")
            }
            guard !pieces.isEmpty else { throw table.invalid("parts", "a non-empty array of { start, length }") }
            parts = try pieces.map { p in
                try p.only(["start", "length"])
                return try FixedWidthSpan(table: p, name: name, recordLength: recordLength)
            }
        } else {
            parts = [try FixedWidthSpan(table: table, name: name, recordLength: recordLength)]
        }
        join = Array((try table.string("join") ?? " ").utf8)
        if let o = try table.string("only") {
            guard let d = FixedWidthDirection(rawValue: o) else { throw table.invalid("only", "credit or debit") }
            only = d
        } else {
            only = nil
        }
    }

    /// Appends the field's text, as UTF-8, to `out` (see the type's join rules).
    @inline(__always)
    func append(_ record: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], decoder: FixedWidthTextDecoder) throws {
        for part in parts {
            let raw = part.bytes(record)
            if join.isEmpty {
                try decoder.append(raw, to: &out, field: name)
                continue
            }
            let piece = FixedWidthBytes.trimmed(raw)
            if piece.isEmpty { continue }
            FixedWidthBytes.trimEnd(&out)
            if !out.isEmpty { out.append(contentsOf: join) }
            try decoder.append(piece, to: &out, field: name)
        }
    }

    /// The field's value alone, trimmed.
    func value(_ record: UnsafeBufferPointer<UInt8>, decoder: FixedWidthTextDecoder) throws -> [UInt8] {
        var out: [UInt8] = []
        try append(record, to: &out, decoder: decoder)
        FixedWidthBytes.trim(&out)
        return out
    }
}
