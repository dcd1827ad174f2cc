import Foundation
import ReconStore
import ReconTestSupport
import Testing

/// The nightly job's exports (`[report]`), `recon export RUN_ID` and `recon report --from --to`:
/// masked by default with tokens that join across nights, in clear only when asked and then on record,
/// and a date range rendered from the store.
@Suite(.serialized) struct NightlyExportTests {
    static let bankHeader = "bank_ref,account,booking_date,value_date,amount,currency,end_to_end_id,counterparty,description\n"
    static let ledgerHeader = "txn_id,account,value_date,amount,currency,type,reference,batch_id,counterparty\n"

    /// Three nights with an unexplained outflow each night and a receipt nobody booked.
    static func job() throws -> String {
        let dir = try NightlyFolder.make("nightly-export", tables: """
            [report]
            exports = ["xlsx", "html", "jsonl", "excel-csv"]
            """)
        for n in 1...3 {
            let date = "2026-11-0\(n)"
            var bank = bankHeader + "B\(n)a,6222020012345678,\(date),,100.00,CNY,R\(n),,deposit\n"
            bank += (0..<n).map { "X\(n)-\($0),6222020012345678,\(date),,-\($0 + 1)7.00,CNY,,,skim\n" }.joined()
            bank += "U\(n),6222020099998888,\(date),,55.00,CNY,,,unknown payer\n"
            try bank.write(toFile: "\(dir)/in/bank/bank-\(date).csv", atomically: true, encoding: .utf8)
            try (ledgerHeader + "T\(n),6222020012345678,\(date),100.00,CNY,deposit,R\(n),,\n")
                .write(toFile: "\(dir)/in/ledger/ledger-\(date).csv", atomically: true, encoding: .utf8)
        }
        return dir
    }

    @Test func theNightlyJobWritesMaskedExportsWithATrendAndRecordsThem() throws {
        let dir = try Self.job()
        let r = try ReconProcess.run(["run", "--config", dir + "/recon.toml", "--from", "2026-11-01", "--to", "2026-11-03"])
        try #require(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("msg=\"exports written\""))
        let store = try RunStore(path: dir + "/recon.db")
        let runs = try store.currentRuns(from: "2026-11-01", to: "2026-11-03")
        try #require(runs.count == 3)
        var tokens: Set<String> = []
        for run in runs {
            let folder = run.outputDirectory
            for f in ["breaks.xlsx", "report.html", "breaks.jsonl", "breaks-excel.csv"] {
                #expect(FileManager.default.fileExists(atPath: folder + "/" + f), "\(f) in \(folder)")
            }
            let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json"))) as! [String: Any]
            let exports = summary["exports"] as! [String: Any]
            #expect(exports["masked"] as? Bool == true)
            #expect(exports["files"] as? [String] == ["breaks.xlsx", "breaks-excel.csv", "report.html", "breaks.jsonl"])
            let jsonl = try String(contentsOfFile: folder + "/breaks.jsonl", encoding: .utf8)
            #expect(!jsonl.contains("6222020012345678") && !jsonl.contains("6222020099998888"), "no account in clear")
            for line in jsonl.split(separator: "\n") {
                let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                if (o["bank_ref"] as? String)?.hasPrefix("X") == true { tokens.insert(o["account"] as! String) }
            }
        }
        #expect(tokens.count == 1, "the same account masks to the same token every night: \(tokens)")
        #expect(tokens.first?.hasPrefix("****5678#") == true, "the last four digits stay")
        #expect(FileManager.default.fileExists(atPath: dir + "/mask.key"), "the key is made beside the store")
        #expect(try store.exports().count == 3)
        #expect(try store.exports().allSatisfy(\.masked))

        // The last night's page shows all three nights, each with the store's counts.
        let html = try String(contentsOfFile: runs[2].outputDirectory + "/report.html", encoding: .utf8)
        for run in runs {
            let critical = try store.breaks(ofRun: run.id).filter { $0.line.severity == .critical }.count
            #expect(html.contains("data-label=\"\(run.businessDate)\" data-run=\"\(run.id)\" data-value=\"\(run.breakCount)\" data-critical=\"\(critical)\""),
                    "trend point of \(run.businessDate)")
        }

        // recon export RUN_ID --unmasked: in clear, and on record.
        let clear = dir + "/clear"
        let e = try ReconProcess.run(["export", "\(runs[0].id)", "--config", dir + "/recon.toml", "--out", clear, "--jsonl", "--unmasked"])
        try #require(e.status == 0, "\(e.stderr)")
        #expect(e.stdout.contains(clear + "/breaks.jsonl"))
        #expect(try String(contentsOfFile: clear + "/breaks.jsonl", encoding: .utf8).contains("\"account\":\"6222020012345678\""))
        let records = try store.exports()
        #expect(records.last?.masked == false && records.last?.runId == runs[0].id && records.last?.files == ["breaks.jsonl"])

        // recon report --from --to: the breaks and totals of the range, from the store.
        let month = dir + "/month"
        let m = try ReconProcess.run(["report", "--from", "2026-11-01", "--to", "2026-11-03", "--config", dir + "/recon.toml", "--out", month])
        try #require(m.status == 0, "\(m.stderr)")
        let total = runs.map(\.breakCount).reduce(0, +)
        let page = try String(contentsOfFile: month + "/report.html", encoding: .utf8)
        #expect(page.contains("data-figure=\"breaks\"><div class=\"value\">\(total)<"), "the range holds \(total) breaks")
        #expect(page.contains("Breaks from 2026-11-01 to 2026-11-03"))
        for run in runs { #expect(page.contains("<td>run \(run.id)</td>"), "run \(run.id) is in the range's totals") }
        #expect(FileManager.default.fileExists(atPath: month + "/breaks.xlsx"))
        #expect(try store.exports().last?.runId == nil)
        // The audit chain still verifies: exports do not touch the audited files.
        let audit = try ReconProcess.run(["audit", "verify", "--config", dir + "/recon.toml"])
        #expect(audit.status == 0, "\(audit.stderr)")
    }

    @Test func anUnknownExportInTheConfigurationIsRefusedNamingTheKey() throws {
        let dir = try Self.job()
        let config = try String(contentsOfFile: dir + "/recon.toml", encoding: .utf8).replacingOccurrences(of: "\"excel-csv\"", with: "\"pdf\"")
        try config.write(toFile: dir + "/recon.toml", atomically: true, encoding: .utf8)
        let r = try ReconProcess.run(["run", "--config", dir + "/recon.toml", "--date", "2026-11-01"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("report.exports"))
    }
}
