/// What follows the root element of an XML document in a file, up to the next document, if any:
/// white space, comments and processing instructions are skipped; the first other markup or text
/// starts the next document (whose parser then reports it when it is not one).
///
/// Bank exports concatenated into one file (`cat day1.xml day2.xml`, or several gzip members) hold
/// several documents; a single document may end with comments. Both read as they should.
struct CamtDocumentGap {
    private enum State: Equatable {
        /// Between markup: white space only so far.
        case space
        /// After `<`, deciding what the markup is; its bytes are in `pending`.
        case markup
        /// Inside `<!-- … -->`; the number of `-` just seen.
        case comment(dashes: Int)
        /// Inside `<? … ?>`; whether a `?` was just seen.
        case instruction(question: Bool)
    }

    private var state = State.space
    /// The start of markup that may begin the next document (`<`, `<?xm`, …): it is handed to the
    /// next document's parser.
    private(set) var pending: [UInt8] = []
    /// Line breaks skipped.
    private(set) var lines = 0

    /// Whether the gap so far ends cleanly (not inside a comment, an instruction or undecided markup).
    var isClean: Bool { state == .space }

    /// Consumes the gap at the start of `bytes`. Returns the index where the next document resumes
    /// (after the bytes now in ``pending``), or nil when every byte belongs to the gap.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            switch state {
            case .space:
                if c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A {
                    if c == 0x0A { lines += 1 }
                } else if c == UInt8(ascii: "<") {
                    pending = [c]
                    state = .markup
                } else {
                    return i
                }
            case .markup:
                pending.append(c)
                if pending == Array("<!--".utf8) {
                    state = .comment(dashes: 0)
                    pending.removeAll()
                } else if pending.starts(with: Array("<?".utf8)) {
                    let declaration = Array("<?xml".utf8)
                    if pending.count <= declaration.count && declaration.starts(with: pending) {
                        break // still possibly `<?xml`
                    }
                    if pending.count == declaration.count + 1 && pending.starts(with: declaration)
                        && (c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A || c == UInt8(ascii: "?")) {
                        return i + 1 // an XML declaration: the next document
                    }
                    state = .instruction(question: c == UInt8(ascii: "?"))
                    pending.removeAll()
                } else if !Array("<!--".utf8).starts(with: pending) {
                    return i + 1 // an element, a DOCTYPE, or something the next parser will refuse
                }
            case .comment(let dashes):
                if c == 0x0A { lines += 1 }
                if c == UInt8(ascii: ">") && dashes >= 2 {
                    state = .space
                } else {
                    state = .comment(dashes: c == UInt8(ascii: "-") ? dashes + 1 : 0)
                }
            case .instruction(let question):
                if c == 0x0A { lines += 1 }
                if c == UInt8(ascii: ">") && question {
                    state = .space
                } else {
                    state = .instruction(question: c == UInt8(ascii: "?"))
                }
            }
            i += 1
        }
        return nil
    }
}
