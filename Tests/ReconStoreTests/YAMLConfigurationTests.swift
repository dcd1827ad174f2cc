import Foundation
import Testing
import ReconCore
import ReconMatch
import ReconConfig
@testable import ReconStore
@testable import ReconRun
import ReconTestSupport

/// A configuration file named `*.yaml` or `*.yml` means what the same keys mean in TOML, and is
/// refused the same way.
@Suite struct YAMLConfigurationTests {
    static let toml = """
        # nightly job
        store = "data/recon.db"
        output_directory = "reports"
        alert_severity = "medium"
        settlement_window_days = 5
        threads = 3

        [bank]
        directory = "incoming/bank"
        pattern = "bank-{date}.csv"
        format = "canonical-bank"

        [ledger]
        directory = "incoming/ledger"
        pattern = "ledger-{yyyymmdd}*.csv"

        [passes]
        duplicates = false
        batch = false
        statement_integrity = true

        [reference]
        amount_tolerance_minor = 5

        [amount_date]
        window_days = 7

        [severity]
        ambiguous = "critical"
        in_transit = "low"
        """

    static let yaml = """
        # nightly job
        store: data/recon.db
        output_directory: reports
        alert_severity: medium
        settlement_window_days: 5
        threads: 3

        bank:
          directory: incoming/bank
          pattern: bank-{date}.csv
          format: canonical-bank
        ledger:
          directory: 'incoming/ledger'
          pattern: "ledger-{yyyymmdd}*.csv"

        passes:
          duplicates: false
          batch: False
          statement_integrity: true
        reference:
          amount_tolerance_minor: 5
        amount_date: {window_days: 7}
        severity:
          ambiguous: critical
          in_transit: low
        """

    /// Writes `text` to `name` in a fresh directory and returns its path.
    func file(_ name: String, _ text: String, in dir: String? = nil) throws -> String {
        let path = (try dir ?? ReconProcess.temporaryDirectory("yaml-config")) + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func yamlAndTOMLWithTheSameSettingsGiveTheSameConfiguration() throws {
        let dir = try ReconProcess.temporaryDirectory("yaml-config")
        let fromTOML = try NightlyConfiguration(path: try file("recon.toml", Self.toml, in: dir))
        let fromYAML = try NightlyConfiguration(path: try file("recon.yaml", Self.yaml, in: dir))

        #expect(fromYAML.storePath == dir + "/data/recon.db")
        #expect(fromYAML.outputDirectory == dir + "/reports")
        #expect(fromYAML.bank == NightlyConfiguration.Source(directory: dir + "/incoming/bank", pattern: "bank-{date}.csv",
                                                              format: "canonical-bank", key: "bank"))
        #expect(fromYAML.ledger == NightlyConfiguration.Source(directory: dir + "/incoming/ledger",
                                                                pattern: "ledger-{yyyymmdd}*.csv", format: nil, key: "ledger"))
        #expect(fromYAML.storePath == fromTOML.storePath)
        #expect(fromYAML.outputDirectory == fromTOML.outputDirectory)
        #expect(fromYAML.bank == fromTOML.bank)
        #expect(fromYAML.ledger == fromTOML.ledger)

        var expected = MatchConfiguration()
        expected.alertSeverity = .medium
        expected.settlementWindowDays = 5
        expected.threads = 3
        expected.duplicates = false
        expected.batch = false
        expected.statementIntegrity = true
        expected.referenceAmountTolerance = 5
        expected.windowDays = 7
        expected.severities = [.ambiguous: .critical, .inTransit: .low]
        #expect(fromTOML.match == expected)
        #expect(fromYAML.match == expected)

        // The hash is still the SHA-256 of the file's own bytes.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: fromYAML.path))
        #expect(fromYAML.hash == RunStore.sha256Hex(bytes))
        #expect(fromYAML.hash != fromTOML.hash)
    }

    @Test func aRunConfigurationIsReadByItsExtensionInAnyCase() throws {
        let dir = try ReconProcess.temporaryDirectory("yaml-config")
        let yaml = "alert_severity: low\namount_date:\n  window_days: 1\n"
        var expected = MatchConfiguration()
        expected.alertSeverity = .low
        expected.windowDays = 1
        for name in ["run.yaml", "run.yml", "RUN.YML", "run.Yaml"] {
            #expect(try MatchConfiguration(contentsOf: try file(name, yaml, in: dir)) == expected, "\(name)")
        }
        // Any other name is TOML, where this text is a syntax error.
        #expect(throws: ConfigurationError.self) { try MatchConfiguration(contentsOf: try file("run.conf", yaml, in: dir)) }
        #expect(try MatchConfiguration(contentsOf: try file("run.conf", "alert_severity = \"low\"\n[amount_date]\nwindow_days = 1\n",
                                                             in: dir)) == expected)
        #expect(ConfigurationDocument.isYAML(path: "/etc/recon/nightly.YAML"))
        #expect(!ConfigurationDocument.isYAML(path: "/etc/recon.yaml/nightly.toml"))
        #expect(!ConfigurationDocument.isYAML(path: "/etc/recon/yaml"))
        #expect(!ConfigurationDocument.isYAML(path: "/etc/recon/.yaml"))
    }

    @Test func anUnknownKeyIsRefusedByNameAsInTOML() throws {
        let dir = try ReconProcess.temporaryDirectory("yaml-config")
        let tomlPath = try file("typo.toml", Self.toml.replacingOccurrences(of: "window_days = 7", with: "window_dayz = 7"), in: dir)
        let yamlPath = try file("typo.yaml", Self.yaml.replacingOccurrences(of: "{window_days: 7}", with: "{window_dayz: 7}"), in: dir)
        #expect(throws: ConfigurationError.unknownKey(path: tomlPath, key: "amount_date.window_dayz")) {
            try NightlyConfiguration(path: tomlPath)
        }
        #expect(throws: ConfigurationError.unknownKey(path: yamlPath, key: "amount_date.window_dayz")) {
            try NightlyConfiguration(path: yamlPath)
        }

        let sourceTypo = try file("source.yml", Self.yaml.replacingOccurrences(of: "  format: canonical-bank", with: "  fromat: canonical-bank"), in: dir)
        #expect(throws: ConfigurationError.unknownKey(path: sourceTypo, key: "bank.fromat")) { try NightlyConfiguration(path: sourceTypo) }

        let topLevel = try file("top.yaml", "alert_severity: high\nalert_severty: low\n", in: dir)
        let error = #expect(throws: ConfigurationError.self) { try MatchConfiguration(contentsOf: topLevel) }
        #expect(error == .unknownKey(path: topLevel, key: "alert_severty"))
        #expect(error?.description == "\(topLevel): unknown key 'alert_severty'")
    }

    @Test func aValueOfTheWrongTypeIsRefusedByNameAsInTOML() throws {
        let dir = try ReconProcess.temporaryDirectory("yaml-config")
        // Quoted, a number is a string, as in TOML.
        let quoted = try file("quoted.yaml", "settlement_window_days: \"2\"\n", in: dir)
        #expect(throws: ConfigurationError.invalidValue(path: quoted, key: "settlement_window_days", expected: "an integer ≥ 0")) {
            try MatchConfiguration(contentsOf: quoted)
        }
        // YAML 1.1's yes/no/on/off are strings here, whatever the Yams version: only true/false are booleans.
        for word in ["yes", "no", "on", "off", "Y"] {
            let path = try file("bool-\(word).yaml", "passes:\n  batch: \(word)\n", in: dir)
            #expect(throws: ConfigurationError.invalidValue(path: path, key: "passes.batch", expected: "true or false")) {
                try MatchConfiguration(contentsOf: path)
            }
        }
        // A key with no value is refused by name: TOML has no null.
        let empty = try file("empty.yaml", "alert_severity: high\nthreads:\n", in: dir)
        let error = #expect(throws: ConfigurationError.self) { try MatchConfiguration(contentsOf: empty) }
        #expect(error?.description.hasPrefix("\(empty): key 'threads' must be") == true, "\(String(describing: error))")
        // Integers in the YAML 1.2 forms.
        let hex = try file("hex.yaml", "threads: 0x10\npartitions: +64\nreference:\n  amount_tolerance_minor: 0o17\n", in: dir)
        let parsed = try MatchConfiguration(contentsOf: hex)
        #expect(parsed.threads == 16 && parsed.partitions == 64 && parsed.referenceAmountTolerance == 15)
    }

    @Test func malformedYAMLIsRefusedNamingTheFile() throws {
        let dir = try ReconProcess.temporaryDirectory("yaml-config")
        let broken = try file("broken.yaml", "store: recon.db\nbank:\n  directory: [in/bank\n  pattern: x\n", in: dir)
        let error = #expect(throws: ConfigurationError.self) { try NightlyConfiguration(path: broken) }
        guard case .unreadable(let path, let reason) = error else {
            Issue.record("expected .unreadable, got \(String(describing: error))")
            return
        }
        #expect(path == broken)
        #expect(reason.contains("5:1") || reason.contains("4:"), "Yams's message gives the line: \(reason)")
        #expect(error?.description.hasPrefix("\(broken): cannot read configuration: ") == true)

        let badIndent = try file("indent.yml", "passes:\n  batch: true\n duplicates: false\n", in: dir)
        #expect(throws: ConfigurationError.self) { try MatchConfiguration(contentsOf: badIndent) }
    }

    @Test func aDocumentOfTheWrongShapeIsRefusedNamingTheFile() throws {
        let dir = try ReconProcess.temporaryDirectory("yaml-config")
        let list = try file("list.yaml", "- alert_severity: high\n", in: dir)
        #expect(throws: ConfigurationError.syntax(path: list, line: 1, column: 1,
                                                  reason: "the top level of a YAML configuration must be a mapping of keys to values, not a sequence")) {
            try MatchConfiguration(contentsOf: list)
        }
        let scalar = try file("scalar.yaml", "just text\n", in: dir)
        #expect(throws: ConfigurationError.self) { try MatchConfiguration(contentsOf: scalar) }

        let numericKey = try file("key.yaml", "severity:\n  1: high\n", in: dir)
        #expect(throws: ConfigurationError.syntax(path: numericKey, line: 2, column: 3, reason: "key '1' in 'severity' is not a string; quote it")) {
            try MatchConfiguration(contentsOf: numericKey)
        }

        let duplicate = try file("dup.yaml", "passes:\n  batch: true\n  batch: false\n", in: dir)
        #expect(throws: ConfigurationError.syntax(path: duplicate, line: 3, column: 3, reason: "duplicate key 'passes.batch'")) {
            try MatchConfiguration(contentsOf: duplicate)
        }

        // An empty file, or only comments, is the defaults, as an empty TOML file is.
        let comments = try file("comments.yaml", "# nothing set yet\n", in: dir)
        #expect(try MatchConfiguration(contentsOf: comments) == MatchConfiguration())
    }

    @Test func dateLikeValuesStayStrings() throws {
        let dir = try ReconProcess.temporaryDirectory("yaml-config")
        let yaml = """
            store: 2026-11-20
            output_directory: 2026-11-20T01:02:03Z
            bank:
              directory: 2026-11-20
              pattern: bank-2026-11-20-{date}.csv
              format: 2026-11-20
            ledger:
              directory: 20261120
              pattern: "{yyyymmdd}.csv"
              format: 1:30
            """
        let quoted = yaml.replacingOccurrences(of: "directory: 20261120", with: "directory: \"20261120\"")
        let c = try NightlyConfiguration(path: try file("dates.yaml", quoted, in: dir))
        #expect(c.storePath == dir + "/2026-11-20")
        #expect(c.outputDirectory == dir + "/2026-11-20T01:02:03Z")
        #expect(c.bank == NightlyConfiguration.Source(directory: dir + "/2026-11-20", pattern: "bank-2026-11-20-{date}.csv",
                                                       format: "2026-11-20", key: "bank"))
        // Quoted, a number is a string; a sexagesimal-looking 1:30 is a string too (YAML 1.1 made it 90).
        #expect(c.ledger == NightlyConfiguration.Source(directory: dir + "/20261120", pattern: "{yyyymmdd}.csv", format: "1:30", key: "ledger"))
        // Unquoted, a number is an integer, so it is refused where a string is wanted, as in TOML.
        let unquoted = try file("n.yaml", yaml, in: dir)
        #expect(throws: ConfigurationError.invalidValue(path: unquoted, key: "ledger.directory", expected: "a string")) {
            try NightlyConfiguration(path: unquoted)
        }
    }
}
