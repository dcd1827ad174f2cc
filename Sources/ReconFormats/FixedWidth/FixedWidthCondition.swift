/// A further test a record type puts on a record besides its prefix:
/// `when = { start = 46, equals = ["LIB", "LCC"] }` holds when the bytes at `start` are one of the
/// values. Record types sharing a prefix are told apart this way (CFONB 05 qualifiers).
struct FixedWidthCondition: Sendable {
    /// 0-based offset.
    let offset: Int
    let values: [[UInt8]]

    init(table: SpecTable, recordLength: Int, encoder: FixedWidthTextEncoder) throws {
        try table.only(["start", "equals"])
        let offset = try table.requiredInt("start", min: 1) - 1
        self.offset = offset
        guard let list = try table.strings("equals"), !list.isEmpty else {
            throw FormatSpecError.missingKey(path: table.path, key: table.key("equals"))
        }
        values = try list.map { s in
            guard let b = try? encoder.encode(s), !b.isEmpty, offset + b.count <= recordLength else {
                throw table.invalid("equals", "non-empty values that end inside the \(recordLength)-byte record")
            }
            return b
        }
    }

    @inline(__always)
    func holds(_ record: UnsafeBufferPointer<UInt8>) -> Bool {
        for v in values where record[offset..<(offset + v.count)].elementsEqual(v) { return true }
        return false
    }
}
