/// Debit (money out) or credit (money in): what a text field of a spec may be limited to
/// (`only = "credit"`), e.g. CFONB's payer name (NPY) is the counterparty of a credit only.
enum FixedWidthDirection: String, Sendable {
    case debit
    case credit
}
