import ReconCore
// Internal: nothing of libxml2 is part of ReconFormats' interface. (Building it next to Foundation
// on Linux needs Sources/CLibXML2/shim.h to hide libxml2's ICU headers: see that file.)
internal import CLibXML2

/// Drives libxml2's SAX2 push parser over chunks of a file and hands the element events to a
/// ``CamtDocumentReader``. No tree is built: memory does not grow with the file.
///
/// Security (XXE, entity expansion): the SAX handler has no entity, DTD or external-subset callbacks
/// and the parser runs with `XML_PARSE_NONET` only — never `XML_PARSE_NOENT` (entity substitution),
/// `XML_PARSE_DTDLOAD` or `XML_PARSE_HUGE`. So no entity is ever expanded (a reference to any entity
/// but the five predefined ones and character references stops the read), no external DTD or entity
/// is loaded, nothing is fetched from the network, and libxml2's default limits on text size and
/// nesting depth apply.
///
/// A file may hold several XML documents one after the other (concatenated exports): when a
/// document's root element ends, the parser is stopped there and a fresh one reads what follows.
final class CamtXMLPushParser {
    /// The state machine, at a fixed address: libxml2's callbacks get this pointer as user data.
    let reader: UnsafeMutablePointer<CamtDocumentReader>
    private var context: xmlParserCtxtPtr?
    private var handler: xmlSAXHandler
    /// Bytes handed to the current document's parser.
    private var fed = 0
    /// Documents started in this file.
    private var documents = 0
    /// What follows the last document's root element.
    private var gap = CamtDocumentGap()
    /// The first bytes of the file, where its XML declaration is.
    private var head: [UInt8] = []

    /// The encoding of the file's first document: its XML declaration's, else UTF-8 or UTF-16 by
    /// byte-order mark.
    var encoding: String { head.withUnsafeBufferPointer { CamtXMLPushParser.declaredEncoding($0) } }

    private static let libraryReady: Void = { xmlInitParser() }()

    init(reader: CamtDocumentReader) {
        _ = CamtXMLPushParser.libraryReady
        self.reader = .allocate(capacity: 1)
        self.reader.initialize(to: reader)
        handler = CamtXMLPushParser.makeHandler()
    }

    deinit {
        if let context { xmlFreeParserCtxt(context) }
        reader.deinitialize(count: 1)
        reader.deallocate()
    }

    /// Parses the next bytes of the file.
    func feed(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        var rest = bytes
        while !rest.isEmpty {
            if context == nil {
                if documents == 0 {
                    startDocument()
                } else {
                    // After a document: skip white space, comments and instructions up to the next.
                    guard let start = gap.scan(rest) else { return }
                    reader.pointee.lineBase += gap.lines
                    let pending = gap.pending
                    startDocument()
                    try pending.withUnsafeBufferPointer { try parse($0) }
                    rest = UnsafeBufferPointer(rebasing: rest[start...])
                }
            }
            if documents == 1 && head.count < 256 { head.append(contentsOf: rest.prefix(256 - head.count)) }
            let before = fed
            try parse(rest)
            guard reader.pointee.documentEnded else { return }
            // The root element ended inside this chunk; what follows belongs to the next document.
            let end = reader.pointee.documentEndOffset - before
            guard end > 0 && end <= rest.count && rest[end - 1] == UInt8(ascii: ">") else {
                throw InputError.badRecord(path: reader.pointee.path, line: reader.pointee.documentEndLine, field: nil,
                                           reason: "cannot find where the XML document ends to read what follows it")
            }
            endDocument()
            rest = UnsafeBufferPointer(rebasing: rest[end...])
        }
    }

    /// Ends the input: reports a truncated document.
    func finish() throws {
        guard let context else {
            if documents == 0 {
                throw InputError.badRecord(path: reader.pointee.path, line: 1, field: nil, reason: "empty file")
            }
            if !gap.isClean {
                throw InputError.badRecord(path: reader.pointee.path, line: reader.pointee.lineBase + gap.lines + 1,
                                           field: nil, reason: "the file ends inside a comment or processing instruction")
            }
            return
        }
        let open = reader.pointee.openElementName
        xmlParseChunk(context, nil, 0, 1)
        if let failure = reader.pointee.failure { throw failure }
        if let e = reader.pointee.xmlFailure {
            let truncated = open.map { "; the file ends inside <\($0)>: is it truncated?" } ?? ""
            throw InputError.badRecord(path: reader.pointee.path, line: e.line, field: e.element,
                                       reason: e.message + truncated)
        }
        endDocument()
    }

    private func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard !bytes.isEmpty else { return }
        fed += bytes.count
        _ = bytes.withMemoryRebound(to: CChar.self) { xmlParseChunk(context, $0.baseAddress, Int32($0.count), 0) }
        try check()
    }

    private func startDocument() {
        documents += 1
        fed = 0
        reader.pointee.beginDocument()
        context = xmlCreatePushParserCtxt(&handler, UnsafeMutableRawPointer(reader), nil, 0, reader.pointee.path)
        if let context { xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue)) }
        reader.pointee.context = context
    }

    private func endDocument() {
        // The next document's line 1 is the line where this one ended.
        if reader.pointee.documentEnded { reader.pointee.lineBase = reader.pointee.documentEndLine - 1 }
        if let context { xmlFreeParserCtxt(context) }
        context = nil
        reader.pointee.context = nil
        gap = CamtDocumentGap()
    }

    /// Throws the reader's failure, or libxml2's first fatal error.
    private func check() throws {
        if let failure = reader.pointee.failure { throw failure }
        if context == nil {
            throw InputError.cannotOpen(path: reader.pointee.path, reason: "libxml2 could not create a parser")
        }
        if let e = reader.pointee.xmlFailure {
            throw InputError.badRecord(path: reader.pointee.path, line: e.line, field: e.element, reason: e.message)
        }
    }

    /// The `encoding` of an XML declaration at the start of `head`, lowercased.
    static func declaredEncoding(_ head: UnsafeBufferPointer<UInt8>) -> String {
        if head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0xFF, 0xFE]) { return "utf-16" }
        var bytes = Array(head.prefix(256))
        bytes.removeFirst(ByteOrderMark.length(at: bytes))
        guard bytes.starts(with: Array("<?xml".utf8)), let close = bytes.firstIndex(of: UInt8(ascii: ">")) else {
            return "utf-8"
        }
        let declaration = String(decoding: bytes[..<close], as: UTF8.self)
        guard let key = declaration.range(of: "encoding") else { return "utf-8" }
        let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return "utf-8" }
        let name = rest.dropFirst().prefix { $0 != quote }
        return name.isEmpty ? "utf-8" : name.lowercased()
    }

    private static func makeHandler() -> xmlSAXHandler {
        var h = xmlSAXHandler()
        h.initialized = UInt32(XML_SAX2_MAGIC)
        h.startElementNs = { ctx, localName, _, _, _, _, attributeCount, _, attributes in
            guard let ctx, let localName else { return }
            ctx.assumingMemoryBound(to: CamtDocumentReader.self).pointee
                .startElement(localName, attributes: attributes, attributeCount: Int(attributeCount))
        }
        h.endElementNs = { ctx, _, _, _ in
            ctx?.assumingMemoryBound(to: CamtDocumentReader.self).pointee.endElement()
        }
        h.characters = { ctx, bytes, count in
            guard let ctx, let bytes else { return }
            ctx.assumingMemoryBound(to: CamtDocumentReader.self).pointee.characters(bytes, Int(count))
        }
        h.cdataBlock = h.characters
        h.serror = { ctx, error in
            guard let ctx, let error else { return }
            ctx.assumingMemoryBound(to: CamtDocumentReader.self).pointee.record(UnsafePointer(error))
        }
        return h
    }
}
