/// A forward-only stream of bytes: a file, or a decompressor in front of one.
///
/// Readers pull large chunks into a buffer they own, so memory stays bounded whatever the file size.
package protocol ByteSource {
    /// Reads up to `buffer.count` bytes into `buffer` and returns how many; 0 means end of input.
    mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int

    /// An estimate of the total decoded size in bytes, when the source can tell (a file's size, or a
    /// compressed file's size times the ratio seen so far); readers use it to size their tables once.
    var decodedSizeEstimate: Int? { get }

    /// Told by a reader that it has turned `rows` more rows of this source into table rows (for a
    /// progress display; sources that do not report progress ignore it).
    func didRead(rows: Int)
}

extension ByteSource {
    package var decodedSizeEstimate: Int? { nil }
    package func didRead(rows: Int) {}
}
