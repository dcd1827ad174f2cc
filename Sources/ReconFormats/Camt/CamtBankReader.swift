import ReconCore

/// Reads bank files of the `camt` family. (Being built: refuses to read until it is.)
public struct CamtBankReader: BankFileReader {
    public let header: FormatSpecHeader

    init(options: SpecTable?, header: FormatSpecHeader) throws {
        self.header = header
    }

    public func read<S: ByteSource>(source: inout S, path: String, fileIndex: Int, into table: inout BankTable,
                                    catalog: inout Catalog, rejects: inout RejectLog) throws -> BankFileResult {
        throw FormatSpecError.undetected(path: path, reason: "the camt reader is not built yet")
    }
}
