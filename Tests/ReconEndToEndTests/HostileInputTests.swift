import Foundation
import Testing
import ReconFormats
import ReconTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Hostile inputs through the command line: each is refused with exit code 2 and a message naming
/// the file, record and reason, and no report is written.
@Suite struct HostileInputTests {
    func run(bank: String, format: String? = nil, config: String? = nil) throws -> (ReconProcess.Result, String) {
        let out = try ReconProcess.temporaryDirectory("hostile-out")
        var args = ["run", "--bank", bank, "--ledger", "samples/ledger.csv", "--out", out]
        if let format { args += ["--bank-format", format] }
        if let config { args += ["--config", config] }
        return (try ReconProcess.run(args), out)
    }

    func expectRefused(_ r: ReconProcess.Result, out: String, saying parts: [String],
                       sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == 2, "\(r.stderr)", sourceLocation: sourceLocation)
        for part in parts { #expect(r.stderr.contains(part), "expected '\(part)' in: \(r.stderr.prefix(400))", sourceLocation: sourceLocation) }
        let written = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
        #expect(written.isEmpty, "reports written: \(written)", sourceLocation: sourceLocation)
    }

    static func camt(doctype: String, reference: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        \(doctype)
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
          <BkToCstmrStmt>
            <GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-11-20T08:00:00+08:00</CreDtTm></GrpHdr>
            <Stmt>
              <Id>S1</Id><CreDtTm>2026-11-20T18:00:00+08:00</CreDtTm>
              <Acct><Id><IBAN>NL77ABNA0574908765</IBAN></Id><Ccy>EUR</Ccy></Acct>
              <Ntry>
                <Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
                <BookgDt><Dt>2026-11-20</Dt></BookgDt><AcctSvcrRef>\(reference)</AcctSvcrRef><BkTxCd/>
              </Ntry>
            </Stmt>
          </BkToCstmrStmt>
        </Document>

        """
    }

    @Test func xmlEntitiesAreRefusedWithoutReadingFilesTheNetworkOrExpandingThem() throws {
        let dir = try ReconProcess.temporaryDirectory("xxe")
        let secret = dir + "/secret.txt"
        try "TOP-SECRET-4711".write(toFile: secret, atomically: true, encoding: .utf8)
        let listener = try LocalListener()
        let laughs = (1...9).map { i in "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i - 1);", count: 10) + "\">" }
        let undefined = { (entity: String) in ["AcctSvcrRef", "Entity '\(entity)' not defined"] }
        let cases: [(name: String, doctype: String, reference: String, saying: [String])] = [
            ("file", "<!DOCTYPE Document [<!ENTITY xxe SYSTEM \"file://\(secret)\">]>", "&xxe;", undefined("xxe")),
            ("http", "<!DOCTYPE Document [<!ENTITY net SYSTEM \"http://127.0.0.1:\(listener.port)/x\">]>", "&net;", undefined("net")),
            ("dtd", "<!DOCTYPE Document SYSTEM \"http://127.0.0.1:\(listener.port)/camt.dtd\">", "&ext;", undefined("ext")),
            ("parameter", "<!DOCTYPE Document [<!ENTITY % p SYSTEM \"http://127.0.0.1:\(listener.port)/p.dtd\"> %p;]>", "X",
             [":2: PEReference: %p; not found"]),
            ("laughs", "<!DOCTYPE Document [<!ENTITY lol0 \"lol\">" + laughs.joined() + "]>", "&lol9;", undefined("lol9")),
        ]
        for c in cases {
            let path = dir + "/\(c.name).xml"
            try Self.camt(doctype: c.doctype, reference: c.reference).write(toFile: path, atomically: true, encoding: .utf8)
            let (r, out) = try run(bank: path, format: "camt")
            expectRefused(r, out: out, saying: ["\(path):"] + c.saying)
            #expect(!r.stderr.contains("TOP-SECRET"), "\(c.name)")
        }
        #expect(!listener.hadConnection, "the reader connected to the network")
    }

    @Test func aGzipBombIsCutOffAtTheConfiguredSizeOrRatio() throws {
        let dir = try ReconProcess.temporaryDirectory("bomb")
        // 64 MiB of well-formed rows that compress about 400 times.
        var text = "bank_ref,account,booking_date,value_date,amount,currency,end_to_end_id,counterparty,description\n"
        let row = "B1,6222000000000001,2026-11-20,2026-11-20,1.00,CNY,E1,x,y\n"
        text += String(repeating: row, count: (64 << 20) / row.utf8.count)
        let bomb = dir + "/bank.csv.gz"
        try text.write(toFile: dir + "/plain.csv", atomically: true, encoding: .utf8)
        try GzipFileWriter.compress(dir + "/plain.csv", to: bomb, level: 9)
        try FileManager.default.removeItem(atPath: dir + "/plain.csv")
        let stored = try FileManager.default.attributesOfItem(atPath: bomb)[.size] as! Int
        #expect(stored < (64 << 20) / 100)
        for (limits, limit) in [("gzip_max_bytes = \"8MiB\"", 8 << 20),
                                ("gzip_max_ratio = 20\ngzip_min_bytes = \"1MiB\"", 20 * stored)] {
            let config = dir + "/limits.toml"
            try "[limits]\n\(limits)\n".write(toFile: config, atomically: true, encoding: .utf8)
            let (r, out) = try run(bank: bomb, config: config)
            expectRefused(r, out: out, saying: ["\(bomb):", "gzip expands beyond the \(limit)-byte limit"])
        }
    }

    @Test func absurdlyLongLinesAreRefusedAtTheirBoundInEveryFormat() throws {
        let dir = try ReconProcess.temporaryDirectory("long")
        // A real CFONB 120 opening line when the samples are there (any first line will do).
        var firstCFONB = "01" + String(repeating: " ", count: 118)
        if let d = SharedSamples.path("cfonb120"), let name = try FileManager.default.contentsOfDirectory(atPath: d).sorted().first,
           let line = try String(contentsOfFile: d + "/" + name, encoding: .isoLatin1).split(whereSeparator: \.isNewline).first {
            firstCFONB = String(line)
        }
        let cases: [(format: String, text: String, line: Int, limit: Int)] = [
            ("canonical-bank", "bank_ref,account,booking_date,value_date,amount,currency,end_to_end_id,counterparty,description\n"
                + "B1,A,2026-11-20,2026-11-20,1.00,CNY,E1,\"" + String(repeating: "x", count: 2 << 20) + "\",d\n", 2, 1 << 20),
            ("mt940", ":20:REF\r\n:25:ACC\r\n:28C:1/1\r\n:60F:C261120CNY1,00\r\n:86:" + String(repeating: "y", count: 100 << 10) + "\r\n", 5, 64 << 10),
            ("bai2", "01,BANK,CUST,261120,0800,1,,,2/\n02,CUST,BANK,1,261120,,CNY,2/\n03,ACC,CNY," + String(repeating: "9", count: 70 << 10) + "/\n", 3, 64 << 10),
            ("nacha", "101" + String(repeating: " ", count: 100 << 10) + "\n", 1, 64 << 10),
            ("ofx", "OFXHEADER:100\nDATA:OFXSGML\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD<BANKTRANLIST><STMTTRN><MEMO>"
                + String(repeating: "w", count: 2 << 20) + "\n", 4, 1 << 20),
            ("cfonb120", firstCFONB + "\n04" + String(repeating: "q", count: 2 << 20) + "\n", 2, 1 << 20),
        ]
        for c in cases {
            let path = dir + "/long.\(c.format)"
            try c.text.write(toFile: path, atomically: true, encoding: .utf8)
            let (r, out) = try run(bank: path, format: c.format)
            expectRefused(r, out: out, saying: ["\(path):\(c.line): record longer than \(c.limit) bytes"])
        }
    }

    @Test func nightlyInputsCannotLeaveTheirConfiguredDirectories() throws {
        // A pattern naming a path is refused when the configuration is read.
        for pattern in ["../secret-{date}.csv", "/etc/bank-{date}.csv", "sub/bank-{date}.csv"] {
            let dir = try NightlyFolder.make("escape-pattern")
            let toml = try String(contentsOfFile: dir + "/recon.toml", encoding: .utf8)
                .replacingOccurrences(of: "pattern = \"bank-{date}.csv\"", with: "pattern = \"\(pattern)\"")
            try toml.write(toFile: dir + "/recon.toml", atomically: true, encoding: .utf8)
            let r = try ReconProcess.run(["run", "--config", dir + "/recon.toml", "--date", "2026-11-20"])
            #expect(r.status == 2 && r.stderr.contains("bank.pattern") && r.stderr.contains("no '/' or '..'"), "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
        }
        // A symbolic link in the directory that leads outside it is refused, naming both.
        let dir = try NightlyFolder.make("escape-link")
        let outside = try ReconProcess.temporaryDirectory("outside") + "/bank.csv"
        try FileManager.default.copyItem(atPath: Fixture.repositoryRoot + "/samples/bank.csv", toPath: outside)
        try FileManager.default.createSymbolicLink(atPath: dir + "/in/bank/bank-2026-11-20.csv", withDestinationPath: outside)
        try FileManager.default.copyItem(atPath: Fixture.repositoryRoot + "/samples/ledger.csv", toPath: dir + "/in/ledger/ledger-2026-11-20.csv")
        let r = try ReconProcess.run(["run", "--config", dir + "/recon.toml", "--date", "2026-11-20"])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("bank.pattern") && r.stderr.contains("bank-2026-11-20.csv leads to") && r.stderr.contains("outside the directory"), "\(r.stderr)")
        let reports = FileManager.default.enumerator(atPath: dir + "/out")?.compactMap { $0 as? String }.filter { $0.hasSuffix(".csv") || $0.hasSuffix(".json") } ?? []
        #expect(reports.isEmpty, "\(reports)")
        // A link that stays inside the directory is read as usual.
        try FileManager.default.removeItem(atPath: dir + "/in/bank/bank-2026-11-20.csv")
        try FileManager.default.copyItem(atPath: outside, toPath: dir + "/in/bank/original.csv")
        try FileManager.default.createSymbolicLink(atPath: dir + "/in/bank/bank-2026-11-20.csv", withDestinationPath: "original.csv")
        let ok = try ReconProcess.run(["run", "--config", dir + "/recon.toml", "--date", "2026-11-20"])
        #expect(ok.status == 1, "\(ok.stderr)")
    }
}

/// A TCP listener on 127.0.0.1 that records whether anything connected to it.
final class LocalListener {
    let fd: Int32
    let port: UInt16

    init() throws {
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, length) } }
        guard s >= 0, bound == 0, listen(s, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(s, $0, &length) } }
        _ = fcntl(s, F_SETFL, fcntl(s, F_GETFL) | O_NONBLOCK)
        fd = s
        port = UInt16(bigEndian: address.sin_port)
    }

    /// Whether a connection is waiting to be accepted.
    var hadConnection: Bool {
        let c = accept(fd, nil, nil)
        if c >= 0 { close(c); return true }
        return false
    }

    deinit { close(fd) }
}
