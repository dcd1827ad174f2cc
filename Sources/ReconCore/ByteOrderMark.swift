/// The UTF-8 byte order mark (EF BB BF) some exports start with: skipped wherever a file's text
/// begins, in one place.
public enum ByteOrderMark {
    public static let utf8: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The length of the mark at the start of `bytes` (3), or 0 when they do not start with one.
    @inlinable
    public static func length<C: Collection>(at bytes: C) -> Int where C.Element == UInt8 {
        var i = bytes.startIndex
        for b in utf8 {
            guard i != bytes.endIndex, bytes[i] == b else { return 0 }
            i = bytes.index(after: i)
        }
        return 3
    }
}
