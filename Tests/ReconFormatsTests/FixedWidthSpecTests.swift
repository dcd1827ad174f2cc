import Testing
import ReconCore
import ReconTestSupport
@testable import ReconFormats

/// The `[fixed-width]` schema is checked on load, with errors naming the spec file and the dotted key.
@Suite struct FixedWidthSpecTests {
    static let base = """
        [fixed-width]
        record_length = 40
        [[fixed-width.records]]
        prefix = "O"
        role = "opening"
        [fixed-width.records.fields]
        account = { start = 2, length = 10 }
        currency = { start = 12, length = 3 }
        balance = { start = 15, length = 10, decimals = 2 }
        [[fixed-width.records]]
        prefix = "M"
        role = "movement"
        [fixed-width.records.fields]
        booking_date = { start = 2, format = "YYYYMMDD" }
        amount = { start = 10, length = 10, decimals = 2 }
        [[fixed-width.records]]
        prefix = "C"
        role = "closing"
        [fixed-width.records.fields]
        balance = { start = 15, length = 10, decimals = 2 }
        """

    func load(_ toml: String, encoding: String = "utf-8") throws {
        _ = try FixedWidthRead.reader(toml: toml, encoding: encoding, path: "bank.toml")
    }

    @Test func theShippedSpecsLoadAndAreFixedWidth() throws {
        let registry = try FormatRegistry(directories: [Fixture.repositoryRoot + "/formats"])
        for name in ["cfonb120", "aeb43", "coda", "cn-bank-fixed"] {
            let spec = try registry.spec(name)
            #expect(spec.family == "fixed-width" && spec.side == .bank && spec.bankReader is FixedWidthBankReader)
            #expect(!spec.detection.isEmpty)
        }
        #expect(try registry.spec("cn-bank-fixed").encoding == .gb18030)
    }

    @Test func theBaseSpecLoads() throws {
        try load(Self.base)
    }

    @Test(arguments: [
        ("record_length = 40", "", FormatSpecError.missingKey(path: "bank.toml", key: "fixed-width.record_length")),
        ("prefix = \"O\"", "prefix = \"O\"\nprefixx = 1", .unknownKey(path: "bank.toml", key: "fixed-width.records[0].prefixx")),
        ("role = \"opening\"", "role = \"opener\"", .invalidValue(path: "bank.toml", key: "fixed-width.records[0].role",
            expected: "one of header, opening, movement, complement, closing, trailer, ignore")),
        ("amount = { start = 10", "amountt = { start = 10", .unknownKey(path: "bank.toml", key: "fixed-width.records[1].fields.amountt")),
        ("amount = { start = 10, length = 10,", "amount = { start = 35, length = 10,", .invalidValue(path: "bank.toml",
            key: "fixed-width.records[1].fields.amount.length", expected: "such that the field (bytes 35-44) ends inside the 40-byte record")),
        ("amount = { start = 10, length = 10, decimals = 2 }", "amount = { start = 10, length = 10 }",
         .missingKey(path: "bank.toml", key: "fixed-width.records[1].fields.amount.decimals")),
        ("amount = { start = 10, length = 10, decimals = 2 }", "amount = { start = 10, length = 10, decimals = 2, format = \"packed\" }",
         .invalidValue(path: "bank.toml", key: "fixed-width.records[1].fields.amount.format", expected: "one of digits, overpunch, decimal")),
        ("format = \"YYYYMMDD\"", "format = \"YYYYMMMDD\"", .invalidValue(path: "bank.toml", key: "fixed-width.records[1].fields.booking_date.format",
            expected: "a date pattern of YYYY or YY, MM and DD (e.g. DDMMYY, YYYYMMDD, YYYY-MM-DD)")),
        ("booking_date = { start = 2, format = \"YYYYMMDD\" }", "booking_date = { start = 2, length = 6, format = \"YYYYMMDD\" }",
         .invalidValue(path: "bank.toml", key: "fixed-width.records[1].fields.booking_date.length", expected: "8, the length of format YYYYMMDD")),
        ("booking_date = { start = 2, format = \"YYYYMMDD\" }", "balance = { start = 2, length = 3, decimals = 0 }",
         .invalidValue(path: "bank.toml", key: "fixed-width.records[1].fields.balance",
                       expected: "absent: a movement record has no balance (its fields: account, amount, bank_ref, booking_date, counterparty, currency, decimals, description, end_to_end_id, globalisation, sequence, sign, value_date)")),
        ("amount = { start = 10, length = 10, decimals = 2 }", "bank_ref = { start = 10, length = 10 }",
         .missingKey(path: "bank.toml", key: "fixed-width.records[1].fields.amount")),
        ("amount = { start = 10, length = 10, decimals = 2 }", "amount = { start = 10, length = 10, format = \"overpunch\", decimals = 2 }\nsign = { start = 20, length = 1, debit = \"D\", credit = \"C\" }",
         .invalidValue(path: "bank.toml", key: "fixed-width.records[1].fields.sign", expected: "absent: the overpunched amount carries its own sign")),
        ("amount = { start = 10, length = 10, decimals = 2 }", "amount = { start = 10, length = 10, decimals = 2 }\nsign = { start = 20, length = 1, debit = \"D\" }",
         .missingKey(path: "bank.toml", key: "fixed-width.records[1].fields.sign.credit")),
        ("prefix = \"O\"\nrole = \"opening\"", "prefix = \"O\"\nrole = \"header\"",
         .invalidValue(path: "bank.toml", key: "fixed-width.records[0].fields.account", expected: "absent: a header record has no account (its fields: none)")),
        ("prefix = \"C\"", "prefix = \"M\"", .invalidValue(path: "bank.toml", key: "fixed-width.records[2].prefix",
            expected: "a prefix that an earlier record type without `when` does not already take")),
        ("record_length = 40", "record_length = 40\ncurrency_codes = { \"978\" = \"euro\" }",
         .invalidValue(path: "bank.toml", key: "fixed-width.currency_codes.978", expected: "an ISO 4217 code (three capital letters)")),
        ("record_length = 40", "record_length = 40\nyear_pivot = 150", .invalidValue(path: "bank.toml", key: "fixed-width.year_pivot", expected: "an integer from 0 to 100")),
        ("account = { start = 2, length = 10 }", "account = { start = 2, length = 10, only = \"credit\" }",
         .invalidValue(path: "bank.toml", key: "fixed-width.records[0].fields.account.only", expected: "absent: only movement and complement fields depend on the direction")),
    ])
    func aSpecMistakeNamesTheFileAndTheDottedKey(_ find: String, _ replace: String, _ expected: FormatSpecError) {
        #expect(Self.base.contains(find), "fixture: \(find)")
        #expect(throws: expected) { try load(Self.base.replacingOccurrences(find, replace)) }
    }

    @Test func aSpecNeedsOpeningAndMovementRecordTypes() {
        let noOpening = Self.base.replacingOccurrences("role = \"opening\"", "role = \"ignore\"")
            .replacingOccurrences("account = { start = 2, length = 10 }\ncurrency = { start = 12, length = 3 }\nbalance = { start = 15, length = 10, decimals = 2 }\n", "")
        #expect(throws: FormatSpecError.invalidValue(path: "bank.toml", key: "fixed-width.records",
                                                     expected: "a list with at least one record of role \"opening\"")) { try load(noOpening) }
    }

    @Test func aFixedWidthSpecNeedsAnASCIICompatibleEncoding() {
        #expect(throws: FormatSpecError.invalidValue(path: "bank.toml", key: "encoding",
                                                     expected: "an ASCII-compatible encoding for a fixed-width file (utf-8, gb18030, latin-1, windows-1252)")) {
            try load(Self.base, encoding: "utf-16")
        }
    }

    @Test func signCodesMustBeWritableInTheSpecsEncoding() {
        let spec = Self.base.replacingOccurrences("amount = { start = 10, length = 10, decimals = 2 }",
                                                  "amount = { start = 10, length = 10, decimals = 2 }\nsign = { start = 20, length = 2, debit = \"借\", credit = \"贷\" }")
        #expect(throws: Never.self) { try load(spec, encoding: "gb18030") }
        #expect(throws: FormatSpecError.invalidValue(path: "bank.toml", key: "fixed-width.records[1].fields.sign.debit",
                                                     expected: "codes of at most 2 bytes in the spec's encoding")) {
            try load(spec, encoding: "latin-1")
        }
    }
}
