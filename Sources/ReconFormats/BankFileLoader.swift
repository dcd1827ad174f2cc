import ReconCore

/// Opens one bank file, finds its spec (given or detected) and reads it: what `inspect`, `convert`
/// and the run share.
package struct BankFileLoader {
    package let registry: FormatRegistry
    /// The gzip expansion limit and memory ceiling every file is opened with.
    package var limits = RunLimits()

    package init(registry: FormatRegistry, limits: RunLimits = RunLimits()) {
        self.registry = registry
        self.limits = limits
    }

    package struct Loaded {
        package var input: OpenedInput
        package var spec: FormatSpec
        package var detected: Bool
        package var result: BankFileResult
    }

    /// Reads one bank file with `spec`, or with the spec detected from its first bytes when nil.
    package func load(path: String, spec given: FormatSpec?, fileIndex: Int, into table: inout BankTable, catalog: inout Catalog,
                     rejects: inout RejectLog, workers: Int = SystemInfo.processorCount,
                     progress: RunProgress? = nil) throws -> Loaded {
        let input = try OpenedInput(path: path, limits: limits)
        input.progress = progress
        let spec = try given ?? registry.detect(input, side: .bank)
        guard spec.side == .bank, let reader = spec.bankReader else {
            throw FormatSpecError.invalidValue(path: spec.path, key: "side", expected: "bank (\(path) is read as a bank file)")
        }
        var source = input
        let result = try reader.tuned(workers: workers).read(source: &source, path: path, fileIndex: fileIndex, into: &table,
                                                             catalog: &catalog, rejects: &rejects)
        try Self.checkText(of: result.statements, path: path)
        progress?.fileDone(bytes: input.storedBytes, rows: result.rows)
        return Loaded(input: input, spec: spec, detected: given == nil, result: result)
    }

    /// The statements' own texts (id, account, currency) reach the reports as rows' texts do: they
    /// obey the same rule (``FieldText``). A statement is not a row to set aside, so a fault stops
    /// the read, naming the line the statement starts on.
    static func checkText(of statements: [StatementSummary], path: String) throws {
        for s in statements {
            for (field, value) in [("statement id", s.id), ("statement account", s.account), ("statement currency", s.currency)] {
                let bytes = Array(value.utf8)
                if let fault = bytes.withUnsafeBufferPointer({ FieldText.check($0, lineBreaks: false) }) {
                    throw InputError.badRecord(path: path, line: s.line, field: field, reason: fault.description)
                }
            }
        }
    }

    /// Reads one bank file for display (`inspect`, `convert`): descriptions kept, no rejects allowed.
    package func loadForDisplay(path: String, format: String?) throws -> (Loaded, BankTable, Catalog) {
        var table = BankTable()
        table.stores = .all
        var catalog = Catalog()
        var rejects = RejectLog(limit: 0)
        let loaded = try load(path: path, spec: format.map { try registry.spec($0) }, fileIndex: 0, into: &table,
                              catalog: &catalog, rejects: &rejects)
        return (loaded, table, catalog)
    }
}
