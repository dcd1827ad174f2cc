/// Builds the reader of a spec's family from the family's own table (validated here, on load).
enum FormatFamilies {
    static func bankReader(family: String, options: SpecTable?, header: FormatSpecHeader) throws -> (any BankFileReader)? {
        switch family {
        case "canonical-bank":
            try options?.only([])
            return CanonicalBankReader()
        case "delimited": return try DelimitedBankReader(options: options, header: header)
        case "fixed-width": return try FixedWidthBankReader(options: options, header: header)
        case "camt": return try CamtBankReader(options: options, header: header)
        case "swift-mt": return try MTBankReader(options: options, header: header)
        case "bai2": return try BAI2BankReader(options: options, header: header)
        case "ofx": return try OFXBankReader(options: options, header: header)
        case "nacha": return try NACHABankReader(options: options, header: header)
        default: return nil
        }
    }
}
