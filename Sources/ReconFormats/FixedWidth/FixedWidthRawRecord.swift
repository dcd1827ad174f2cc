/// One record as the splitter cuts it from the stream: its bytes without the line break, valid only
/// during the callback.
struct FixedWidthRawRecord {
    let bytes: UnsafeBufferPointer<UInt8>
    /// The line number, or for a file without line breaks the record number (both 1-based).
    let number: Int
    /// Byte offset of the record in the (decompressed) file.
    let offset: Int
    /// Whether the file has no line breaks and was cut every record length.
    let unbroken: Bool
}
