/// ISO 4217 currency facts Recon needs: the number of minor-unit digits.
public enum Currency {
    /// The exponent (digits after the decimal point) of a three-letter ISO 4217 code; 2 when the code
    /// is not one of the currencies with another exponent.
    public static func exponent(ofCode code: some Collection<UInt8>) -> Int {
        guard code.count == 3 else { return 2 }
        var i = code.startIndex
        let a = code[i]; i = code.index(after: i)
        let b = code[i]; i = code.index(after: i)
        let c = code[i]
        let key = (UInt32(a) << 16) | (UInt32(b) << 8) | UInt32(c)
        if zeroDigit.contains(key) { return 0 }
        if threeDigit.contains(key) { return 3 }
        if fourDigit.contains(key) { return 4 }
        return 2
    }

    /// Whether bytes look like an ISO 4217 code: three ASCII capital letters.
    public static func isWellFormedCode(_ code: some Collection<UInt8>) -> Bool {
        code.count == 3 && code.allSatisfy { $0 >= 65 && $0 <= 90 }
    }

    private static func key(_ s: StaticString) -> UInt32 {
        s.withUTF8Buffer { (UInt32($0[0]) << 16) | (UInt32($0[1]) << 8) | UInt32($0[2]) }
    }

    private static let zeroDigit: Set<UInt32> = Set(
        ["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV",
         "XAF", "XOF", "XPF"].map { s in s.utf8.reduce(UInt32(0)) { ($0 << 8) | UInt32($1) } })
    private static let threeDigit: Set<UInt32> = Set(
        ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"].map { s in s.utf8.reduce(UInt32(0)) { ($0 << 8) | UInt32($1) } })
    private static let fourDigit: Set<UInt32> = Set(
        ["CLF", "UYW"].map { s in s.utf8.reduce(UInt32(0)) { ($0 << 8) | UInt32($1) } })
}
