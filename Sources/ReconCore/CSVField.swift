/// RFC 4180 output: a field is quoted when it holds a delimiter, a quote or a line break.
public enum CSVField {
    public static func append(_ bytes: some Collection<UInt8>, to out: inout [UInt8]) {
        let needsQuotes = bytes.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }
        if !needsQuotes {
            out.append(contentsOf: bytes)
            return
        }
        out.append(34)
        for b in bytes {
            if b == 34 { out.append(34) }
            out.append(b)
        }
        out.append(34)
    }

    public static func append(_ string: String, to out: inout [UInt8]) { append(Array(string.utf8), to: &out) }

    /// Quotes the field that occupies `out[from...]`, in place, when it needs quoting.
    public static func quoteInPlace(_ out: inout [UInt8], from: Int) {
        var quotes = 0
        var needs = false
        for i in from..<out.count {
            let b = out[i]
            if b == 34 { quotes += 1; needs = true } else if b == 44 || b == 10 || b == 13 { needs = true }
        }
        guard needs else { return }
        let field = Array(out[from...])
        out.removeSubrange(from...)
        out.append(34)
        for b in field {
            if b == 34 { out.append(34) }
            out.append(b)
        }
        out.append(34)
    }
}

extension CSVField {
    /// The fields of one RFC 4180 record (quoted fields may hold commas, quotes and line breaks), or
    /// nil when a quote is left open or text follows a closing quote.
    public static func split(_ record: String) -> [String]? {
        var fields: [String] = [], field: [UInt8] = []
        var quoted = false, afterQuote = false, atStart = true
        let bytes = Array(record.utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if quoted {
                if b == 34 {
                    if i + 1 < bytes.count && bytes[i + 1] == 34 { field.append(34); i += 1 } else { quoted = false; afterQuote = true }
                } else {
                    field.append(b)
                }
            } else if b == 44 {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(); afterQuote = false; atStart = true
                i += 1
                continue
            } else if b == 34 && atStart {
                quoted = true
            } else if afterQuote {
                return nil
            } else {
                field.append(b)
            }
            atStart = false
            i += 1
        }
        guard !quoted else { return nil }
        fields.append(String(decoding: field, as: UTF8.self))
        return fields
    }
}
