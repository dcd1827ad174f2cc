import ReconCore

/// The rows one parse worker decodes from one piece of a delimited file, in a form the reading loop
/// can merge in file order. A protocol rather than closures, so that the per-record loop is
/// specialised for each segment type and its row decoder is inlined.
protocol ParsedSegment: Sendable {
    /// Decodes one record (its fields found through `ix`, the header's column positions) into `segment`.
    static func parse(_ record: CSVRecord, _ ix: UnsafeBufferPointer<Int>, _ decoder: inout FieldDecoder,
                      _ segment: inout Self) throws
    /// Empties the segment for the next piece, keeping its memory.
    mutating func reset()
}
