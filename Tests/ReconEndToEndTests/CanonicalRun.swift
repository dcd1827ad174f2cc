import Foundation
import ReconFormats
import ReconTestSupport
import Testing

/// Runs `recon run` on canonical rows written to a temporary folder, with a run configuration.
enum CanonicalRun {
    struct Output {
        var breaks: [[String: String]]
        var summary: [String: Any]
        var status: Int32
    }

    static func run(bank: [String], ledger: [String], config: String, name: String, asOf: String = "2026-11-20") throws -> Output {
        let dir = try ReconProcess.temporaryDirectory(name)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try (CanonicalLayout.bankColumns.joined(separator: ",") + "\n" + bank.map { $0 + "\n" }.joined())
            .write(toFile: dir + "/bank.csv", atomically: true, encoding: .utf8)
        try (CanonicalLayout.ledgerColumns.joined(separator: ",") + "\n" + ledger.map { $0 + "\n" }.joined())
            .write(toFile: dir + "/ledger.csv", atomically: true, encoding: .utf8)
        try config.write(toFile: dir + "/recon.toml", atomically: true, encoding: .utf8)
        let r = try ReconProcess.run(["run", "--bank", dir + "/bank.csv", "--ledger", dir + "/ledger.csv", "--out", dir + "/out",
                                      "--config", dir + "/recon.toml", "--as-of", asOf, "--progress", "off"])
        #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
        let summary = (try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/out/summary.json")))) as? [String: Any]
        return Output(breaks: (try? CSVTable(path: dir + "/out/breaks.csv").rows) ?? [], summary: summary ?? [:], status: r.status)
    }
}
