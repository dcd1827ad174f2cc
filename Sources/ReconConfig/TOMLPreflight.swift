import ReconCore

/// A check of TOML text before it reaches the TOML parser (toml++ inside TOMLKit), which fails an
/// assertion and aborts the process on two constructs that fuzzing the spec loader found:
///
/// - a table header whose name does not start with a key character (`[` at the end of a line, `[=x]`,
///   also right after a byte order mark);
/// - a `}` where an array expects a value (`x = [ }`, `x = [1, }`, also after line breaks and comments).
///
/// Recon refuses such text with a syntax error naming the line and column instead.
package enum TOMLPreflight {
    /// Why a table header is refused.
    package static let headerReason = "a table header must start with a key"

    /// The first construct the parser would abort on: its line and column (1-based) and what is
    /// wrong, or nil when there is none (the parser reports every other mistake itself).
    package static func firstProblem(_ text: String) -> (line: Int, column: Int, reason: String)? {
        let b = Array(text.utf8)
        // A byte order mark is skipped, as the parser does: a header may follow it.
        let bom = ByteOrderMark.length(at: b)
        var i = bom, line = 1, lineStart = bom
        /// Open arrays (`[`) and inline tables (`{`) around the current position.
        var open: [UInt8] = []
        /// Whether an array expects a value next (after its `[` or a `,`).
        var valueExpected = false
        var atLineStart = true
        func isKeyStart(_ c: UInt8) -> Bool {
            (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 95 || c == 45 || c == 34 || c == 39
        }
        func starts(_ s: String, _ at: Int) -> Bool { Array(s.utf8).enumerated().allSatisfy { at + $0.offset < b.count && b[at + $0.offset] == $0.element } }
        while i < b.count {
            let c = b[i]
            switch c {
            case 10:
                line += 1; lineStart = i + 1; atLineStart = true; i += 1; continue
            case 32, 9, 13:
                i += 1; continue
            case 35: // comment to the end of the line
                while i < b.count && b[i] != 10 { i += 1 }
                continue
            case 34, 39: // strings, single- or multi-line
                valueExpected = false
                let quote = c
                let triple = starts(String(repeating: Character(UnicodeScalar(quote)), count: 3), i)
                i += triple ? 3 : 1
                while i < b.count {
                    if b[i] == 10 { line += 1; lineStart = i + 1 }
                    if quote == 34 && b[i] == 92 { i += 2; continue }
                    if triple ? starts(String(repeating: Character(UnicodeScalar(quote)), count: 3), i) : b[i] == quote {
                        i += triple ? 3 : 1
                        break
                    }
                    if !triple && b[i] == 10 { break }
                    i += 1
                }
                atLineStart = false
                continue
            case 91: // [
                if atLineStart && open.isEmpty {
                    var k = i + 1
                    if k < b.count && b[k] == 91 { k += 1 }
                    while k < b.count && (b[k] == 32 || b[k] == 9) { k += 1 }
                    if k >= b.count || !isKeyStart(b[k]) { return (line, i - lineStart + 1, headerReason) }
                    // Skip the header to its closing bracket.
                    while k < b.count && b[k] != 93 && b[k] != 10 { k += 1 }
                    i = k
                } else {
                    open.append(91)
                    valueExpected = true
                    i += 1
                }
                atLineStart = false
                continue
            case 93: // ]
                if open.last == 91 { open.removeLast() }
                valueExpected = false
            case 123: // {
                open.append(123)
                valueExpected = false
            case 125: // }
                if valueExpected { return (line, i - lineStart + 1, "an array needs a value or ']' here, not '}'") }
                if open.last == 123 { open.removeLast() }
            case 44: // ,
                valueExpected = open.last == 91
                atLineStart = false
                i += 1
                continue
            default:
                valueExpected = false
            }
            atLineStart = false
            i += 1
        }
        return nil
    }
}
