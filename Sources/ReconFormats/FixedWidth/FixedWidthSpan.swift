/// Where one field lies in a record: a byte offset and a length. Specs write the 1-based `start`
/// that bank documentation prints; the offset is 0-based. Positions are bytes of the file's own
/// encoding, never characters.
struct FixedWidthSpan: Sendable, Equatable {
    /// The canonical target the field fills (`amount`, `booking_date`, ...), for messages.
    let name: String
    /// 0-based byte offset in the record.
    let offset: Int
    let length: Int

    init(name: String, offset: Int, length: Int) {
        self.name = name
        self.offset = offset
        self.length = length
    }

    /// Reads `start` (1-based) and `length` from a field's table and checks that the field lies
    /// inside a record of `recordLength` bytes. `defaultLength` serves when the table has no
    /// `length` (a date's length is its format's).
    init(table: SpecTable, name: String, recordLength: Int, defaultLength: Int? = nil) throws {
        let start = try table.requiredInt("start", min: 1)
        let length: Int
        if let l = try table.int("length", min: 1) {
            length = l
        } else if let defaultLength {
            length = defaultLength
        } else {
            throw FormatSpecError.missingKey(path: table.path, key: table.key("length"))
        }
        guard start - 1 + length <= recordLength else {
            throw table.invalid(table.contains("length") ? "length" : "start",
                                "such that the field (bytes \(start)-\(start + length - 1)) ends inside the \(recordLength)-byte record")
        }
        self.init(name: name, offset: start - 1, length: length)
    }

    /// One past the field's last byte.
    var end: Int { offset + length }

    /// "bytes 91-104", 1-based as bank documentation prints them.
    var bytesDescription: String { "bytes \(offset + 1)-\(end)" }

    /// The field's bytes in a record padded to the record length.
    @inline(__always)
    func bytes(_ record: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: record[offset..<end])
    }

    /// Throws when the record as read (before padding) stops before this field ends: a field that
    /// must hold a value cannot lie in the padding of a short record.
    @inline(__always)
    func requirePresent(actualLength: Int) throws {
        if actualLength < end {
            throw FixedWidthValueError(name, "record is \(actualLength) bytes, too short for this field (\(bytesDescription))")
        }
    }
}
