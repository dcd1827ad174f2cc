import ReconCore

/// How a bank writes numbers: decimal separator, optional thousands separator, optional `+`.
/// Values are normalised in a scratch buffer and parsed exactly into minor units.
package struct AmountFormat: Sendable, Equatable {
    package var decimalSeparator: UInt8 = UInt8(ascii: ".")
    package var thousandsSeparator: UInt8?

    package init(decimalSeparator: UInt8 = UInt8(ascii: "."), thousandsSeparator: UInt8? = nil) {
        self.decimalSeparator = decimalSeparator
        self.thousandsSeparator = thousandsSeparator
    }

    /// Parses `bytes` (already trimmed) into minor units of a currency with `exponent` decimals.
    func parse(_ bytes: UnsafeBufferPointer<UInt8>, exponent: Int, scratch: inout [UInt8]) -> Result<Int64, AmountError> {
        scratch.removeAll(keepingCapacity: true)
        for b in bytes {
            if let t = thousandsSeparator, b == t { continue }
            scratch.append(b == decimalSeparator ? UInt8(ascii: ".") : b)
        }
        return scratch.withUnsafeBufferPointer { MinorUnits.parse($0, exponent: exponent) }
    }
}
