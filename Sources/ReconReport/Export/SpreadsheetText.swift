/// Text for a cell a spreadsheet will read: a cell that starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return is a formula to Excel, LibreOffice and WPS, and bank descriptions, references and
/// names are text from outside. Such a cell gets a leading `'`, which spreadsheets show as text.
/// Well-formed numbers (`-12.50`) are left as they are: they are numbers, not formulas.
enum SpreadsheetText {
    static func neutralised(_ value: String) -> String {
        guard let first = value.utf8.first, first == UInt8(ascii: "=") || first == UInt8(ascii: "+")
            || first == UInt8(ascii: "-") || first == UInt8(ascii: "@") || first == 9 || first == 13 else { return value }
        if isPlainNumber(value) { return value }
        return "'" + value
    }

    /// `-?digits(.digits)?`, the engine's own decimal form.
    static func isPlainNumber(_ value: String) -> Bool {
        var bytes = value.utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        var digits = 0, dots = 0, afterDot = 0
        for b in bytes {
            if b == UInt8(ascii: ".") {
                dots += 1
                if dots > 1 || digits == 0 { return false }
            } else if b >= 48 && b <= 57 {
                digits += 1
                if dots == 1 { afterDot += 1 }
            } else {
                return false
            }
        }
        return digits > 0 && (dots == 0 || afterDot > 0)
    }
}
