import ReconCore

/// Reads bank files of the `fixed-width` family. (Being built: refuses to read until it is.)
public struct FixedWidthBankReader: BankFileReader {
    public let header: FormatSpecHeader

    init(options: SpecTable?, header: FormatSpecHeader) throws {
        self.header = header
    }

    public func read<S: ByteSource>(source: inout S, path: String, fileIndex: Int, into table: inout BankTable,
                                    catalog: inout Catalog, rejects: inout RejectLog) throws -> BankFileResult {
        throw FormatSpecError.undetected(path: path, reason: "the fixed-width reader is not built yet")
    }
}
