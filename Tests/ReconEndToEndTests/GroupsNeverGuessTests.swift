import Foundation
import ReconCore
import ReconFormats
import ReconTestSupport
import Testing

/// The group pass never guesses (issue 23): what it matches does not depend on the order of the
/// rows, competing groups are both suggestions, and a group whose amounts could sum by chance is a
/// suggestion unless names or references speak for it.
@Suite struct GroupsNeverGuessTests {
    static let config = """
        [groups]
        window_days = 2
        """

    func run(bank: [String], ledger: [String], name: String) throws -> (breaks: String, suggestions: [[String: String]], rows: [[String: String]]) {
        let dir = try ReconProcess.temporaryDirectory(name)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try (CanonicalLayout.bankColumns.joined(separator: ",") + "\n" + bank.map { $0 + "\n" }.joined())
            .write(toFile: dir + "/bank.csv", atomically: true, encoding: .utf8)
        try (CanonicalLayout.ledgerColumns.joined(separator: ",") + "\n" + ledger.map { $0 + "\n" }.joined())
            .write(toFile: dir + "/ledger.csv", atomically: true, encoding: .utf8)
        try Self.config.write(toFile: dir + "/recon.toml", atomically: true, encoding: .utf8)
        let r = try ReconProcess.run(["run", "--bank", dir + "/bank.csv", "--ledger", dir + "/ledger.csv", "--out", dir + "/out",
                                      "--config", dir + "/recon.toml", "--as-of", "2026-11-03", "--progress", "off"])
        #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
        let breaks = try String(contentsOfFile: dir + "/out/breaks.csv", encoding: .utf8)
        return (breaks, try CSVTable(path: dir + "/out/suggestions.csv").rows, try CSVTable(path: dir + "/out/breaks.csv").rows)
    }

    @Test func twoEqualBankLinesCompetingForOneSubsetAreBothSuggestionsWhateverTheirOrder() throws {
        let ledger = ["T1,ACC1,2026-11-02,100.00,CNY,deposit,,,", "T2,ACC1,2026-11-02,200.00,CNY,deposit,,,"]
        let bank = ["B1,ACC1,2026-11-02,,300.00,CNY,,,", "B2,ACC1,2026-11-02,,300.00,CNY,,,"]
        let a = try run(bank: bank, ledger: ledger, name: "compete-a")
        let b = try run(bank: bank.reversed(), ledger: ledger.reversed(), name: "compete-b")
        #expect(a.breaks == b.breaks, "the report does not depend on the order of the rows")
        #expect(!a.rows.contains { $0["kind"] == "group_match" }, "neither is picked")
        #expect(a.suggestions.map { "\($0["bank_ref"]!)=\($0["ledger_id"]!)" } == ["B1=T1;T2", "B2=T1;T2"])
        #expect(a.suggestions.allSatisfy { $0["reasons"]?.contains("another group claims ledger row(s) T1;T2") == true })
        #expect(b.suggestions.map { "\($0["bank_ref"]!)=\($0["ledger_id"]!)" } == ["B1=T1;T2", "B2=T1;T2"])
    }

    @Test func roundAmountsThatCouldSumByChanceAreASuggestionAndNamesOrReferencesMakeAMatch() throws {
        // Whole amounts: 250.00 + 950.00 = 1200.00 is the only subset, but in steps of 50.00 a sum of
        // two amounts hits 1200.00 by chance about one time in 24.
        let ledger = ["T1,ACC1,2026-11-02,250.00,CNY,deposit,INV-2026-1000,,Someone A", "T2,ACC1,2026-11-02,950.00,CNY,deposit,INV-2026-1001,,Someone B",
                      "T3,ACC1,2026-11-02,1300.00,CNY,deposit,INV-2026-1002,,Someone C", "T4,ACC1,2026-11-02,1700.00,CNY,deposit,INV-2026-1003,,Someone D"]
        let bank = ["B1,ACC1,2026-11-02,,1200.00,CNY,,Nobody,transfer"]
        let chance = try run(bank: bank, ledger: ledger, name: "chance")
        #expect(!chance.rows.contains { $0["kind"] == "group_match" }, "250 + 950 = 1200 in whole amounts proves nothing")
        let s = try #require(chance.suggestions.first)
        #expect(chance.suggestions.count == 1 && s["bank_ref"] == "B1" && s["ledger_id"] == "T1;T2" && s["score"] == "")
        #expect(s["reasons"]?.hasPrefix("group: nothing beyond the amounts makes chance negligible; ") == true, "\(s)")
        // The bank line names both invoices: a match.
        let named = try run(bank: ["B1,ACC1,2026-11-02,,1200.00,CNY,,Nobody,INV 2026-1000 INV 2026-1001"], ledger: ledger, name: "named")
        #expect(named.rows.filter { $0["kind"] == "group_match" }.map { $0["bank_ref"]!.isEmpty ? $0["ledger_id"]! : $0["bank_ref"]! }.sorted()
                == ["B1", "T1", "T2"])
        #expect(named.suggestions.isEmpty)
        // Cents that no chance explains: 1234.57 = 456.78 + 777.79 among four candidates.
        let exact = try run(bank: ["B1,ACC1,2026-11-02,,1234.57,CNY,,Nobody,transfer"],
                            ledger: ["T1,ACC1,2026-11-02,456.78,CNY,deposit,,,", "T2,ACC1,2026-11-02,777.79,CNY,deposit,,,",
                                     "T3,ACC1,2026-11-02,1001.13,CNY,deposit,,,", "T4,ACC1,2026-11-02,12.34,CNY,deposit,,,"], name: "cents")
        #expect(exact.rows.filter { $0["kind"] == "group_match" }.count == 3 && exact.suggestions.isEmpty)
    }
}

/// The reference implementation (scripts/reference, DuckDB with the group pass in plain Python,
/// written from docs/matching.md) and the engine agree row for row on generated data with known
/// groups and the group pass on.
@Suite struct GroupReferenceAgreementTests {
    @Test(.enabled(if: ExternalTool.referencePython != nil, "needs .venv-bench with duckdb (scripts/bench sets it up)"))
    func theReferenceAndTheEngineAgreeWithTheGroupPassOn() throws {
        let python = try #require(ExternalTool.referencePython)
        let dir = try ReconProcess.temporaryDirectory("group-reference")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try ReconProcess.run(["gen", "--rows", "20000", "--groups", "200", "--seed", "31", "--out", dir]).status == 0)
        try "[groups]\nwindow_days = 2\n".write(toFile: dir + "/recon.toml", atomically: true, encoding: .utf8)
        let r = try ReconProcess.run(["run", "--bank", dir + "/bank.csv", "--ledger", dir + "/ledger.csv", "--config", dir + "/recon.toml",
                                      "--out", dir + "/engine", "--progress", "off"])
        #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
        let scripts = Fixture.repositoryRoot + "/scripts/reference/"
        let ref = try ExternalTool.run(python, [scripts + "recon_duckdb.py", "--bank", dir + "/bank.csv", "--ledger", dir + "/ledger.csv",
                                                "--out", dir + "/reference", "--groups", "--quiet"])
        #expect(ref.status == 0, "\(ref.stderr)")
        let compare = try ExternalTool.run(python, [scripts + "compare_breaks.py", dir + "/engine/breaks.csv", dir + "/reference/breaks.csv"])
        #expect(compare.status == 0 && compare.stdout.contains("AGREE"), "\(compare.stdout)")
        #expect(try CSVTable(path: dir + "/engine/breaks.csv").rows.filter { $0["kind"] == "group_match" }.count > 300)
    }
}

/// The reference's scored pass (scripts/reference/scoring_reference.py, exact fractions, from
/// docs/matching.md) and the engine's agree row for row on 3,000 invoices paid a little off.
@Suite struct ScoringReferenceAgreementTests {
    @Test(.enabled(if: ExternalTool.referencePython != nil, "needs .venv-bench with duckdb (scripts/bench sets it up)"))
    func theReferenceAndTheEngineAgreeWithTheScoredPassOn() throws {
        let python = try #require(ExternalTool.referencePython)
        let dir = try ReconProcess.temporaryDirectory("scoring-reference")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let scripts = Fixture.repositoryRoot + "/scripts/reference/"
        #expect(try ExternalTool.run(python, [scripts + "scoring_data.py", dir, "5"]).status == 0)
        let r = try ReconProcess.run(["run", "--bank", dir + "/bank.csv", "--ledger", dir + "/ledger.csv", "--config", dir + "/recon.toml",
                                      "--out", dir + "/engine", "--progress", "off"])
        #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
        let ref = try ExternalTool.run(python, [scripts + "recon_duckdb.py", "--bank", dir + "/bank.csv", "--ledger", dir + "/ledger.csv",
                                                "--out", dir + "/reference", "--scoring", "--scoring-pattern", #"INV[ .-]?(\d{4}[ ./-]?\d{5})"#,
                                                "--quiet"])
        #expect(ref.status == 0, "\(ref.stderr)")
        let compare = try ExternalTool.run(python, [scripts + "compare_breaks.py", dir + "/engine/breaks.csv", dir + "/reference/breaks.csv"])
        #expect(compare.status == 0 && compare.stdout.contains("AGREE"), "\(compare.stdout)")
        #expect(try CSVTable(path: dir + "/engine/breaks.csv").rows.filter { $0["kind"] == "scored_match" }.count > 200)
    }
}

/// The reference implementation and the engine agree row for row with every pass on (FX, tolerance
/// with fees and write-off, groups, scoring), on generated data: `recon gen` with known groups, FX
/// payments (`fx_data.py`) and invoices paid a little off (`scoring_data.py`), read together.
@Suite struct EveryPassReferenceAgreementTests {
    static let config = """
        [fx]
        rates = "rates.csv"
        residual_pct = "0.5"
        window_days = 3
        max_rate_age_days = 5
        [tolerance]
        amount_abs = "0.50"
        amount_pct = "1"
        window_days = 3
        write_off_below = "0.05"
        [[tolerance.fees]]
        name = "card"
        types = ["deposit"]
        percent = "1"
        [groups]
        window_days = 2
        [scoring]
        auto_threshold = "0.9"
        suggest_threshold = "0.6"
        window_days = 5
        reference_patterns = ["INV[ .-]?(\\\\d{4}[ ./-]?\\\\d{5})"]
        """

    @Test(.enabled(if: ExternalTool.referencePython != nil, "needs .venv-bench with duckdb (scripts/bench sets it up)"))
    func theReferenceAndTheEngineAgreeWithEveryPassOn() throws {
        let python = try #require(ExternalTool.referencePython)
        let dir = try ReconProcess.temporaryDirectory("every-pass-reference")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let scripts = Fixture.repositoryRoot + "/scripts/reference/"
        for sub in ["gen", "fx", "sc"] { try FileManager.default.createDirectory(atPath: dir + "/" + sub, withIntermediateDirectories: true) }
        #expect(try ReconProcess.run(["gen", "--rows", "20000", "--groups", "200", "--seed", "41", "--out", dir + "/gen"]).status == 0)
        #expect(try ExternalTool.run(python, [scripts + "fx_data.py", dir + "/fx", "3"]).status == 0)
        #expect(try ExternalTool.run(python, [scripts + "scoring_data.py", dir + "/sc", "5"]).status == 0)
        try FileManager.default.copyItem(atPath: dir + "/fx/rates.csv", toPath: dir + "/rates.csv")
        try Self.config.write(toFile: dir + "/all.toml", atomically: true, encoding: .utf8)
        let files = ["gen", "fx", "sc"].flatMap { ["--bank", "\(dir)/\($0)/bank.csv"] } + ["gen", "fx", "sc"].flatMap { ["--ledger", "\(dir)/\($0)/ledger.csv"] }
        let r = try ReconProcess.run(["run"] + files + ["--config", dir + "/all.toml", "--out", dir + "/engine", "--progress", "off"])
        #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
        let ref = try ExternalTool.run(python, [scripts + "recon_duckdb.py"] + files + ["--out", dir + "/reference", "--config", dir + "/all.toml",
                                                "--groups", "--scoring", "--scoring-pattern", #"INV[ .-]?(\d{4}[ ./-]?\d{5})"#, "--quiet"])
        #expect(ref.status == 0, "\(ref.stderr)")
        let compare = try ExternalTool.run(python, [scripts + "compare_breaks.py", dir + "/engine/breaks.csv", dir + "/reference/breaks.csv"])
        #expect(compare.status == 0 && compare.stdout.contains("AGREE"), "\(compare.stdout)")
        let kinds = Set(try CSVTable(path: dir + "/engine/breaks.csv").rows.map { $0["kind"]! })
        for kind in ["fx_matched", "fee_deducted", "written_off", "matched_within_tolerance", "group_match", "scored_match"] {
            #expect(kinds.contains(kind), "the data exercises \(kind)")
        }
    }
}
