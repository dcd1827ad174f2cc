/// A separate debit/credit code: `{ start, length, debit = ["1", "D"], credit = ["2", "C"] }`.
///
/// The field's value, without surrounding spaces, must be one of the listed codes (compared as
/// bytes of the file's encoding, so `借`/`贷` work in a GB18030 file); `""` lists a blank field.
struct FixedWidthSignField: Sendable {
    let span: FixedWidthSpan
    let debit: [[UInt8]]
    let credit: [[UInt8]]

    init(table: SpecTable, name: String, recordLength: Int, encoder: FixedWidthTextEncoder) throws {
        try table.only(["start", "length", "debit", "credit"])
        let span = try FixedWidthSpan(table: table, name: name, recordLength: recordLength)
        self.span = span
        var lists: [[[UInt8]]] = []
        for key in ["debit", "credit"] {
            guard let list = try table.strings(key), !list.isEmpty else {
                throw FormatSpecError.missingKey(path: table.path, key: table.key(key))
            }
            lists.append(try list.map { s in
                guard let b = try? encoder.encode(s), b.count <= span.length else {
                    throw table.invalid(key, "codes of at most \(span.length) bytes in the spec's encoding")
                }
                return b
            })
        }
        debit = lists[0]
        credit = lists[1]
        if Set(debit).intersection(credit).count > 0 { throw table.invalid("credit", "codes that are not also debit codes") }
    }

    /// Whether the record says debit; throws when the code is none of the listed ones.
    @inline(__always)
    func isDebit(_ record: UnsafeBufferPointer<UInt8>) throws -> Bool {
        let b = FixedWidthBytes.trimmed(span.bytes(record))
        for c in debit where b.elementsEqual(c) { return true }
        for c in credit where b.elementsEqual(c) { return false }
        throw FixedWidthValueError(span.name, "\(FixedWidthBytes.quoted(b)) is not a debit/credit code of this spec")
    }
}
