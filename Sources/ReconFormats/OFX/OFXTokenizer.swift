import ReconCore

/// The tags and text of an OFX file, streaming, for both OFX 1.x (SGML: leaf elements are not
/// closed, `<TRNAMT>-34.51`) and 2.x (XML: `<TRNAMT>-34.51</TRNAMT>`, CDATA sections). The header
/// (`OFXHEADER:100 ...` lines, or the XML and `<?OFX ...?>` declarations) and comments are skipped;
/// an OFX 1.x header's `ENCODING:USASCII` with `CHARSET:1252` or `CHARSET:ISO-8859-1` says the text
/// is Windows-1252 or Latin-1, and it is read so (the file names its encoding; other bytes outside
/// ASCII are taken as UTF-8 and checked as such).
struct OFXTokenizer<S: ByteSource> {
    enum Token: Equatable {
        case open(String)
        case close(String)
        /// The text after an opening tag, trimmed; the line it starts on.
        case text(String, line: Int)
    }

    private(set) var source: S
    let path: String
    /// The longest text or markup read: a hostile file cannot make the reader hold more.
    static var maxTokenBytes: Int { 1 << 20 }
    /// The last read (allocated once) and how much of it holds data.
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    private var filled = 0
    private var position = 0
    private var eof = false
    private(set) var line = 1

    init(source: S, path: String) {
        self.source = source
        self.path = path
    }

    private func tooLong() -> InputError { InputError.lineTooLong(path: path, line: line, limit: Self.maxTokenBytes) }

    private mutating func byte() throws -> UInt8? {
        if position == filled {
            if eof { return nil }
            filled = try buffer.withUnsafeMutableBufferPointer { try source.read(into: $0) }
            position = 0
            // Asked again after the end (a markup cut off by it), `position == filled` still says so.
            if filled == 0 { eof = true; return nil }
        }
        let b = buffer[position]
        position += 1
        if b == 10 { line += 1 }
        return b
    }

    /// The file's text encoding when its OFX 1.x header names one other than UTF-8.
    private var transcoder: Transcoder?
    /// Whether a tag was read: text before the first one is the header.
    private var pastHeader = false
    private var pendingText: [UInt8] = []
    private var textLine = 1
    private var queued: Token?

    /// The next token; nil at the end.
    mutating func next() throws -> Token? {
        if let q = queued { queued = nil; return q }
        while let b = try byte() {
            if b != UInt8(ascii: "<") {
                if pendingText.isEmpty && (b == 32 || b == 9 || b == 10 || b == 13) { continue }
                if pendingText.isEmpty { textLine = line }
                pendingText.append(b)
                if pendingText.count > Self.maxTokenBytes { throw tooLong() }
                continue
            }
            // A markup: read it whole.
            var markup: [UInt8] = []
            if let c = try byte() { markup.append(c) }
            if markup == [UInt8(ascii: "!")] {
                // <![CDATA[...]]> or <!-- ... -->
                var rest: [UInt8] = []
                while let c = try byte() {
                    rest.append(c)
                    if rest.count > Self.maxTokenBytes { throw tooLong() }
                    if rest.starts(with: Array("[CDATA[".utf8)), rest.count >= 10, rest.suffix(3) == [93, 93, 62] {
                        if pendingText.isEmpty { textLine = line }
                        pendingText += rest[7..<(rest.count - 3)]
                        break
                    }
                    if rest.starts(with: Array("--".utf8)), rest.count >= 5, rest.suffix(3) == [45, 45, 62] { break }
                    if !rest.starts(with: Array("[CDATA[".prefix(rest.count).utf8)) && !rest.starts(with: Array("--".prefix(rest.count).utf8)) && c == 62 { break }
                }
                continue
            }
            while let c = try byte(), c != UInt8(ascii: ">") {
                markup.append(c)
                if markup.count > Self.maxTokenBytes { throw tooLong() }
            }
            if markup.first == UInt8(ascii: "?") { continue }
            let text = flushText()
            pastHeader = true
            let isClose = markup.first == UInt8(ascii: "/")
            let name = String(decoding: isClose ? markup.dropFirst() : markup[...], as: UTF8.self).uppercased().trimmingSpaces
            let tag: Token = isClose ? .close(name) : .open(name)
            if let text { queued = tag; return text }
            return tag
        }
        return flushText()
    }

    private mutating func flushText() -> Token? {
        guard !pendingText.isEmpty else { return nil }
        var t = pendingText
        pendingText.removeAll(keepingCapacity: true)
        while let last = t.last, last == 32 || last == 9 || last == 10 || last == 13 { t.removeLast() }
        if t.isEmpty { return nil }
        if !pastHeader { transcoder = Self.transcoder(header: t) }
        if let transcoder, t.contains(where: { $0 >= 0x80 }), let text = try? transcoder.string(t) { return .text(text, line: textLine) }
        // Bytes that are not UTF-8 stay visible to the text check (as U+FFFF), never replaced quietly.
        return .text(FieldText.string(decoding: t), line: textLine)
    }

    /// The encoding an OFX 1.x header (`KEY:VALUE` lines) names, when not ASCII or UTF-8.
    static func transcoder(header: [UInt8]) -> Transcoder? {
        var fields: [String: String] = [:]
        for line in header.split(whereSeparator: { $0 == 10 || $0 == 13 }) {
            let parts = String(decoding: line, as: UTF8.self).split(separator: ":", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0]).trimmingSpaces.uppercased()] = String(parts[1]).trimmingSpaces.uppercased() }
        }
        guard fields["ENCODING"] == "USASCII" else { return nil }
        switch fields["CHARSET"] {
        case "1252": return try? Transcoder(from: .windows1252)
        case "ISO-8859-1", "8859-1": return try? Transcoder(from: .latin1)
        default: return nil
        }
    }
}
