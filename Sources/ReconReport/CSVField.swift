/// RFC 4180 output: a field is quoted when it holds a delimiter, a quote or a line break.
enum CSVField {
    static func append(_ bytes: some Collection<UInt8>, to out: inout [UInt8]) {
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

    static func append(_ string: String, to out: inout [UInt8]) { append(Array(string.utf8), to: &out) }
}
