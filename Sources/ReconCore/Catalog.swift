/// The dictionaries shared by both sides of a run: accounts, currencies and ledger types are interned
/// once, so that an id means the same thing on the bank side and the ledger side.
public struct Catalog: Sendable {
    public var accounts = Interner()
    public var currencies = Interner()
    public var types = Interner()
    /// Minor-unit exponent per currency id.
    public private(set) var exponents: [Int8] = []

    public init() {}

    /// Interns a currency code and records its exponent.
    public mutating func currency(_ code: UnsafeBufferPointer<UInt8>) -> Int32 {
        let id = currencies.intern(code)
        if Int(id) == exponents.count { exponents.append(Int8(Currency.exponent(ofCode: code))) }
        return id
    }

    public mutating func currency(_ code: String) -> Int32 {
        var s = code
        return s.withUTF8 { currency($0) }
    }

    public func exponent(ofCurrency id: Int32) -> Int { Int(exponents[Int(id)]) }

    /// Empties every dictionary, keeping their memory (``Interner/removeAll()``).
    public mutating func removeAll() {
        accounts.removeAll(); currencies.removeAll(); types.removeAll()
        exponents.removeAll(keepingCapacity: true)
    }
}
