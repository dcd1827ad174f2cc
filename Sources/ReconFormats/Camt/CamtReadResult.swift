/// What the camt reader read from one file: the common ``BankFileResult`` and what only this family
/// knows.
struct CamtReadResult {
    var file: BankFileResult
    /// Entries left out because they are not booked (`Sts` PDNG, INFO or FUTR): counted, not rows.
    var notBooked = 0
    /// Message roots read (`BkToCstmrStmt`, `BkToCstmrAcctRpt`, `BkToCstmrDbtCdtNtfctn`).
    var messages = 0
}
