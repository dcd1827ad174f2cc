import ReconCore

/// Reads one kind of bank file into the run's ``BankTable``, streaming.
///
/// Implementations exist per format family (canonical CSV, spec-driven delimited, fixed-width,
/// ISO 20022 camt); which one reads a file, and how, comes from a ``FormatSpec``.
package protocol BankFileReader: Sendable {
    /// Appends the booked movements of `source` to `table`. `fileIndex` is the file's position among
    /// the bank inputs; errors and rejects name `path`.
    func read<S: ByteSource>(source: inout S, path: String, fileIndex: Int, into table: inout BankTable,
                             catalog: inout Catalog, rejects: inout RejectLog) throws -> BankFileResult

    /// This reader set to use up to `workers` threads where it can read in parallel.
    func tuned(workers: Int) -> any BankFileReader
}

extension BankFileReader {
    package func tuned(workers: Int) -> any BankFileReader { self }
}
