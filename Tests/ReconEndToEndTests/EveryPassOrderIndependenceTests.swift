import Foundation
import ReconCore
import ReconFormats
import ReconTestSupport
import Testing

/// With every pass on (tolerance, groups, scoring), 200,000 generated rows with 2,000 known groups
/// give byte-identical `breaks.csv` and `suggestions.csv` whether the rows come in their order, or
/// shuffled and split over several files given in another order, on another number of threads
/// (issue 23). The group pass's automatic matches are all true groups.
@Suite struct EveryPassOrderIndependenceTests {
    static let config = """
        [tolerance]
        amount_abs = "0.50"
        window_days = 3
        [groups]
        window_days = 2
        [scoring]
        auto_threshold = "0.9"
        suggest_threshold = "0.6"
        window_days = 5
        """

    /// The lines of a file after its header, shuffled with `seed` and cut into `parts` files.
    static func shuffleAndSplit(_ path: String, seed: UInt64, parts: Int, into dir: String, name: String) throws -> [String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let header = lines.removeFirst()
        var rng = SplitMix64(seed: seed)
        for i in stride(from: lines.count - 1, to: 0, by: -1) { lines.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        var paths: [String] = []
        for p in 0..<parts {
            let slice = lines[(lines.count * p / parts)..<(lines.count * (p + 1) / parts)]
            let file = dir + "/\(name)-\(p).csv"
            try ([header] + slice).joined(separator: "\n").appending("\n").write(toFile: file, atomically: true, encoding: .utf8)
            paths.append(file)
        }
        return paths.reversed()
    }

    @Test func shuffledAndSplitInputsGiveTheSameReportsWithEveryPassOn() throws {
        let dir = try ReconProcess.temporaryDirectory("every-pass")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let gen = try ReconProcess.run(["gen", "--rows", "200000", "--groups", "2000", "--seed", "23", "--out", dir])
        #expect(gen.status == 0, "\(gen.stderr)")
        try Self.config.write(toFile: dir + "/recon.toml", atomically: true, encoding: .utf8)
        func run(bank: [String], ledger: [String], threads: Int, out: String) throws {
            var args = ["run", "--out", dir + "/" + out, "--config", dir + "/recon.toml", "--threads", "\(threads)", "--progress", "off"]
            for b in bank { args += ["--bank", b] }
            for l in ledger { args += ["--ledger", l] }
            let r = try ReconProcess.run(args)
            #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
        }
        try run(bank: [dir + "/bank.csv"], ledger: [dir + "/ledger.csv"], threads: 2, out: "a")
        let bank = try Self.shuffleAndSplit(dir + "/bank.csv", seed: 5, parts: 3, into: dir, name: "bank")
        let ledger = try Self.shuffleAndSplit(dir + "/ledger.csv", seed: 6, parts: 2, into: dir, name: "ledger")
        try run(bank: bank, ledger: ledger, threads: 1, out: "b")
        for report in ["breaks.csv", "suggestions.csv"] {
            let a = try Data(contentsOf: URL(fileURLWithPath: dir + "/a/" + report))
            let b = try Data(contentsOf: URL(fileURLWithPath: dir + "/b/" + report))
            #expect(a == b, "\(report) is the same byte for byte")
        }
        // Every automatic group is a true one: each group_match bank line's members are its true members.
        var truth: [String: Set<String>] = [:]
        for r in try CSVTable(path: dir + "/groups.csv").rows { truth[r["bank_ref"]!] = Set(r["txn_ids"]!.split(separator: ";").map(String.init)) }
        let grouped = try CSVTable(path: dir + "/a/breaks.csv").rows.filter { $0["kind"] == "group_match" && !$0["bank_ref"]!.isEmpty }
        var right = 0
        for row in grouped {
            let named = row["detail"]!.components(separatedBy: "with ledger ").last!.components(separatedBy: ",").first!
            if truth[row["bank_ref"]!] == Set(named.split(separator: ";").map(String.init)) { right += 1 }
        }
        #expect(grouped.count > 1000 && right == grouped.count, "\(right) of \(grouped.count) automatic groups are true")
    }
}
