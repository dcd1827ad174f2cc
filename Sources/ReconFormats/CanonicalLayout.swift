/// The canonical CSV layouts of DESIGN.md, the contract other tools write to.
package enum CanonicalLayout {
    package static let bankColumns = [
        "bank_ref", "account", "booking_date", "value_date", "amount", "currency", "end_to_end_id",
        "counterparty", "description",
    ]
    package static let ledgerColumns = [
        "txn_id", "account", "value_date", "amount", "currency", "type", "reference", "batch_id", "counterparty",
    ]
}
