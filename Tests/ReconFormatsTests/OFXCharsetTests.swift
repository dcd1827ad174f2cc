import ReconCore
import ReconTestSupport
@testable import ReconFormats
import Testing

/// OFX 1.x files name their text encoding in their header (`ENCODING:USASCII`, `CHARSET:1252`, as
/// US banks' exports do): a name written in Windows-1252 or Latin-1 is read as the text it is, not
/// refused as invalid UTF-8; a file that says UTF-8 and holds other bytes is still refused, naming
/// the line (issue 21, input hygiene).
@Suite struct OFXCharsetTests {
    static func ofx(encoding: String, charset: String, name: [UInt8]) -> [UInt8] {
        let header = "OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\nSECURITY:NONE\r\nENCODING:\(encoding)\r\nCHARSET:\(charset)\r\nCOMPRESSION:NONE\r\nOLDFILEUID:NONE\r\nNEWFILEUID:NONE\r\n\r\n"
        let head = "<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR<BANKACCTFROM><ACCTID>FR7630001007941234567890185</BANKACCTFROM>\r\n<BANKTRANLIST><STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20261102<TRNAMT>-12.50<FITID>T1\r\n<NAME>"
        let tail = "\r\n</STMTTRN></BANKTRANLIST><LEDGERBAL><BALAMT>100.00<DTASOF>20261102</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\r\n"
        return Array(header.utf8) + Array(head.utf8) + name + Array(tail.utf8)
    }

    static func read(_ bytes: [UInt8]) throws -> MTSampleTests.Output {
        var source = MemorySource(bytes: bytes, step: 7)
        return try MTSampleTests.read(source: &source, path: "stmt.ofx", spec: "ofx")
    }

    @Test func aNameInTheCharsetTheHeaderNamesIsReadAsItsText() throws {
        // "Café Müller – €5" in Windows-1252: é FC ü, 0x96 en dash, 0x80 euro sign.
        let cp1252: [UInt8] = Array("Caf".utf8) + [0xE9] + Array(" M".utf8) + [0xFC] + Array("ller ".utf8) + [0x96, 0x20, 0x80] + Array("5".utf8)
        let out = try Self.read(Self.ofx(encoding: "USASCII", charset: "1252", name: cp1252))
        #expect(out.text(out.table.counterparty, 0) == "Café Müller – €5")
        let latin1: [UInt8] = Array("Caf".utf8) + [0xE9]
        let outLatin = try Self.read(Self.ofx(encoding: "USASCII", charset: "ISO-8859-1", name: latin1))
        #expect(outLatin.text(outLatin.table.counterparty, 0) == "Café")
    }

    @Test func aFileThatSaysUTF8AndHoldsOtherBytesIsRefusedNamingTheLine() throws {
        let bytes = Self.ofx(encoding: "UTF-8", charset: "NONE", name: Array("Caf".utf8) + [0xE9])
        #expect(throws: (any Error).self) { try Self.read(bytes) }
        do { _ = try Self.read(bytes) } catch {
            #expect("\(error)".contains("stmt.ofx:12:") && "\(error)".contains("counterparty"), "\(error)")
        }
        let utf8 = try Self.read(Self.ofx(encoding: "UTF-8", charset: "NONE", name: Array("Café".utf8)))
        #expect(utf8.text(utf8.table.counterparty, 0) == "Café")
    }
}
