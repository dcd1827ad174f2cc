import ArgumentParser
import ReconCore

/// The export flags shared by `run`, `export` and `report`.
struct ExportOptions: ParsableArguments {
    @Flag(name: .long, help: "Write breaks.xlsx: a Summary sheet and one sheet per break kind.")
    var xlsx = false

    @Flag(name: .customLong("excel-csv"), help: "Write breaks-excel.csv: UTF-8 with BOM, CRLF, cells neutralised against formula injection.")
    var excelCSV = false

    @Flag(name: .long, help: "Write report.html: one self-contained page with charts.")
    var html = false

    @Flag(name: .long, help: "Write breaks.jsonl: one JSON object per break.")
    var jsonl = false

    @Flag(name: .long, help: "Write account numbers and counterparty names in clear in the exports (recorded in summary.json and the store).")
    var unmasked = false

    @Option(name: .customLong("mask-key"), help: ArgumentHelp("Masking key file, created when missing (default: $RECON_MASK_KEY_FILE, else ~/.config/recon/mask.key; the nightly job's: mask.key beside its store).", valueName: "FILE"))
    var maskKey: String?

    var formats: Set<ExportFormat> {
        var f: Set<ExportFormat> = []
        if xlsx { f.insert(.xlsx) }
        if excelCSV { f.insert(.excelCSV) }
        if html { f.insert(.html) }
        if jsonl { f.insert(.jsonl) }
        return f
    }

    /// The settings, over `base` (the nightly configuration's `[report]`).
    func settings(over base: ExportSettings = ExportSettings()) -> ExportSettings {
        var s = base
        s.formats.formUnion(formats)
        if unmasked { s.unmasked = true }
        if let maskKey { s.maskKeyPath = maskKey }
        return s
    }
}
