/// Which exports a run writes beside `breaks.csv` and `summary.json`, and whether they are masked:
/// the command line's `--xlsx`, `--excel-csv`, `--html`, `--jsonl`, `--unmasked` and `--mask-key`,
/// or the nightly configuration's `[report]` table.
public struct ExportSettings: Sendable, Equatable {
    public var formats: Set<ExportFormat>
    /// Account numbers and counterparty names in clear; recorded in `summary.json` and the store.
    public var unmasked: Bool
    /// The masking key file; nil for the default (``ReconReport/MaskKey``).
    public var maskKeyPath: String?

    public init(formats: Set<ExportFormat> = [], unmasked: Bool = false, maskKeyPath: String? = nil) {
        self.formats = formats; self.unmasked = unmasked; self.maskKeyPath = maskKeyPath
    }
}
