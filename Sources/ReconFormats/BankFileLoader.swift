import ReconCore

/// Opens one bank file, finds its spec (given or detected) and reads it: what `inspect`, `convert`
/// and the run share.
public struct BankFileLoader {
    public let registry: FormatRegistry

    public init(registry: FormatRegistry) { self.registry = registry }

    public struct Loaded {
        public var input: OpenedInput
        public var spec: FormatSpec
        public var detected: Bool
        public var result: BankFileResult
    }

    public func load(path: String, format: String?, fileIndex: Int, into table: inout BankTable, catalog: inout Catalog,
                     rejects: inout RejectLog, workers: Int = SystemInfo.processorCount) throws -> Loaded {
        let input = try OpenedInput(path: path)
        let spec = try format.map { try registry.spec($0) } ?? registry.detect(input, side: .bank)
        guard spec.side == .bank, let reader = spec.bankReader else {
            throw FormatSpecError.invalidValue(path: spec.path, key: "side", expected: "bank (\(path) is read as a bank file)")
        }
        var source = input
        let result = try reader.tuned(workers: workers, sizeHint: input.decodedSizeHint).read(source: &source, path: path, fileIndex: fileIndex, into: &table, catalog: &catalog,
                                     rejects: &rejects)
        return Loaded(input: input, spec: spec, detected: format == nil, result: result)
    }
}
