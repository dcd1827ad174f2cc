import ReconCore

/// The rows of one account and currency that ``CNBankFixedWidthWriter`` collects before writing
/// them as an H..D..T group.
struct CNBankFixedWidthGroup {
    /// UTF-8 account and ISO currency as read.
    let account: [UInt8]
    let currency: [UInt8]
    /// The D records, each followed by the line ending.
    var details: [UInt8] = []
    var count = 0
    var debitCount = 0
    var creditCount = 0
    /// Magnitudes, in hundredths.
    var debitTotal: Int64 = 0
    var creditTotal: Int64 = 0
    var first = Day(rawValue: Int32.max)
    var last = Day(rawValue: Int32.min)

    init(account: [UInt8], currency: [UInt8]) {
        self.account = account
        self.currency = currency
    }
}
