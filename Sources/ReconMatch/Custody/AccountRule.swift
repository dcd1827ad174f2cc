/// Which class an account belongs to, by its number or a pattern, and which custody account a
/// customer-funds sub-account belongs to.
package struct AccountRule: Sendable, Equatable {
    /// An account number, or a pattern where `*` stands for any run of characters and `?` for one.
    package var pattern: String
    package var accountClass: AccountClass
    /// The custody account whose balance holds this sub-account's money; nil: the account is its
    /// own custody account.
    package var custodyAccount: String?

    package init(pattern: String, accountClass: AccountClass, custodyAccount: String? = nil) {
        self.pattern = pattern
        self.accountClass = accountClass
        self.custodyAccount = custodyAccount
    }

    /// Whether `account` matches the pattern.
    package func matches(_ account: String) -> Bool { AccountRule.glob(Array(pattern.utf8)[...], Array(account.utf8)[...]) }

    private static func glob(_ p: ArraySlice<UInt8>, _ s: ArraySlice<UInt8>) -> Bool {
        var pi = p.startIndex, si = s.startIndex
        var star: Int? = nil, mark = s.startIndex
        while si < s.endIndex {
            if pi < p.endIndex && (p[pi] == UInt8(ascii: "?") || p[pi] == s[si]) {
                pi += 1; si += 1
            } else if pi < p.endIndex && p[pi] == UInt8(ascii: "*") {
                star = pi; mark = si; pi += 1
            } else if let st = star {
                pi = st + 1; mark += 1; si = mark
            } else {
                return false
            }
        }
        while pi < p.endIndex && p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.endIndex
    }
}
