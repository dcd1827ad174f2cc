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
