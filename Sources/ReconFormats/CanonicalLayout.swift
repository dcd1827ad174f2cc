/// The canonical CSV layouts of DESIGN.md, the contract other tools write to.
public enum CanonicalLayout {
    public static let bankColumns = [
        "bank_ref", "account", "booking_date", "value_date", "amount", "currency", "end_to_end_id",
        "counterparty", "description",
    ]
    public static let ledgerColumns = [
        "txn_id", "account", "value_date", "amount", "currency", "type", "reference", "batch_id", "counterparty",
    ]
}
