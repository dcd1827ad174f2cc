/// The `[camt]` table of a spec.
///
/// ```toml
/// [camt]
/// split_batches = true   # book a batched entry as its transactions when their amounts add up (default)
/// ```
struct CamtOptions: Sendable, Equatable {
    /// Whether an entry with several `TxDtls`, each with its own amount and together adding up to
    /// the entry's amount, is booked as one row per `TxDtls` (each with its own end-to-end id and
    /// counterparty) rather than as one row for the entry.
    var splitBatches = true

    init() {}

    init(table: SpecTable?) throws {
        guard let t = table else { return }
        try t.only(["split_batches"])
        splitBatches = try t.bool("split_batches") ?? true
    }
}
