import Foundation
import Testing
import ReconCore
import ReconConfig

/// The one configuration reader: TOML and YAML give the same tables, and every refusal names the
/// file and the full dotted key.
@Suite struct ConfigurationTableTests {
    static let toml = """
        name = "nightly"
        threads = 4
        ratio = 0.5
        strict = true
        tags = ["a", "b"]

        [bank]
        directory = "in/bank"
        pattern = "bank-{date}.csv"

        [bank.limits]
        max = 10

        [[fees]]
        name = "wire"
        fixed = "2.00"

        [[fees]]
        name = "card"
        """

    static let yaml = """
        name: nightly
        threads: 4
        ratio: 0.5
        strict: true
        tags: [a, b]
        bank:
          directory: in/bank
          pattern: "bank-{date}.csv"
          limits: {max: 10}
        fees:
          - name: wire
            fixed: "2.00"
          - name: card
        """

    /// Every key and typed value of `t`, one per line, in the table's order.
    static func render(_ t: ConfigurationTable) -> [String] {
        t.entries.flatMap { name, v -> [String] in
            if let sub = try? v.table() { return render(sub) }
            if let list = try? v.tables(), !list.isEmpty { return list.flatMap(render) }
            if let b = try? v.bool() { return ["\(v.key) bool \(b)"] }
            if let i = try? v.int() { return ["\(v.key) int \(i)"] }
            if let d = try? v.double() { return ["\(v.key) double \(d)"] }
            if let s = try? v.string() { return ["\(v.key) string \(s)"] }
            if let a = try? v.stringArray() { return ["\(v.key) strings \(a)"] }
            return ["\(v.key) ?"]
        }
    }

    @Test func yamlAndTOMLGiveTheSameTable() throws {
        let fromTOML = try ConfigurationDocument.root(of: Self.toml, path: "c.toml")
        let fromYAML = try ConfigurationDocument.root(of: Self.yaml, path: "c.yaml")
        #expect(Self.render(fromTOML) == Self.render(fromYAML))
        #expect(Self.render(fromTOML) == [
            "bank.directory string in/bank",
            "bank.limits.max int 10",
            "bank.pattern string bank-{date}.csv",
            "fees[0].fixed string 2.00",
            "fees[0].name string wire",
            "fees[1].name string card",
            "name string nightly",
            "ratio double 0.5",
            "strict bool true",
            "tags strings [\"a\", \"b\"]",
            "threads int 4",
        ])
        #expect(fromYAML.path == "c.yaml" && fromYAML.prefix == "")
        let bank = try #require(try fromYAML.table("bank"))
        #expect(bank.prefix == "bank" && bank.path == "c.yaml")
        #expect(try bank.requiredTable("limits").requiredInt("max", min: 1) == 10)
    }

    @Test func anUnknownKeyIsRefusedNamingTheFileAndTheDottedKey() throws {
        let root = try ConfigurationDocument.root(of: Self.toml, path: "/etc/recon/c.toml")
        let limits = try root.requiredTable("bank").requiredTable("limits")
        #expect(throws: Never.self) { try limits.only(["max"]) }
        let error = #expect(throws: ConfigurationFileError.self) { try limits.only(["min"]) }
        #expect(error == .unknownKey(path: "/etc/recon/c.toml", key: "bank.limits.max"))
        #expect(error?.description == "/etc/recon/c.toml: unknown key 'bank.limits.max'")

        // The first unknown key in sorted order, whichever syntax.
        let yaml = try ConfigurationDocument.root(of: "b: 1\nz: 2\na: 3\n", path: "x.yml")
        #expect(throws: ConfigurationFileError.unknownKey(path: "x.yml", key: "b")) { try yaml.only(["a"]) }

        // In an array of tables, the element's index is part of the key.
        let fees = try #require(try root.tables("fees"))
        #expect(throws: ConfigurationFileError.unknownKey(path: "/etc/recon/c.toml", key: "fees[0].fixed")) {
            try fees[0].only(["name"])
        }
        #expect(fees[1].entries.map { $0.value.unknown() } == [.unknownKey(path: "/etc/recon/c.toml", key: "fees[1].name")])
    }

    @Test func aValueOfTheWrongTypeIsRefusedNamingTheKeyAndWhatItMustBe() throws {
        let path = "wrong.toml"
        let root = try ConfigurationDocument.root(of: """
            quoted = "2"
            negative = -1
            number = 1
            text = "x"
            mixed = ["a", 1]
            [t]
            list = [1]
            """, path: path)
        #expect(throws: ConfigurationFileError.invalidValue(path: path, key: "quoted", expected: "an integer")) { try root.int("quoted") }
        #expect(throws: ConfigurationFileError.invalidValue(path: path, key: "negative", expected: "an integer ≥ 0")) {
            try root.int("negative", min: 0)
        }
        #expect(throws: ConfigurationFileError.invalidValue(path: path, key: "number", expected: "an integer from 2 to 9")) {
            try root.int("number", min: 2, max: 9)
        }
        #expect(throws: ConfigurationFileError.invalidValue(path: path, key: "number", expected: "true or false")) { try root.bool("number") }
        #expect(throws: ConfigurationFileError.invalidValue(path: path, key: "number", expected: "a string")) { try root.string("number") }
        #expect(throws: ConfigurationFileError.invalidValue(path: path, key: "text", expected: "a table")) { try root.table("text") }
        #expect(throws: ConfigurationFileError.invalidValue(path: path, key: "text", expected: "a number")) { try root.double("text") }
        #expect(throws: ConfigurationFileError.invalidValue(path: path, key: "text", expected: "an array of tables")) { try root.tables("text") }
        #expect(throws: ConfigurationFileError.invalidValue(path: path, key: "mixed", expected: "an array of strings")) { try root.strings("mixed") }
        #expect(throws: ConfigurationFileError.invalidValue(path: path, key: "t.list", expected: "an array of strings")) {
            try root.requiredTable("t").stringArray("list")
        }
        #expect(throws: ConfigurationFileError.invalidValue(path: path, key: "mixed[0]", expected: "a table")) { try root.tables("mixed") }
        #expect(throws: ConfigurationFileError.invalidValue(path: path, key: "text", expected: "a size such as \"4GiB\", \"512MiB\" or a number of bytes")) {
            try root.size("text")
        }
        #expect(throws: ConfigurationFileError.invalidValue(path: path, key: "number", expected: "a level")) {
            try root.parsed("number", expected: "a level") { Severity(name: $0) }
        }
        let error = #expect(throws: ConfigurationFileError.self) { try root.int("quoted") }
        #expect(error?.description == "wrong.toml: key 'quoted' must be an integer")
        #expect(error?.exitCode == 2)
    }

    @Test func valuesOfTheRightTypeAreRead() throws {
        let root = try ConfigurationDocument.root(of: "one = \"a\"\nmany = [\"a\", \"b\"]\nbytes = 1024\nsize = \"2KiB\"\nlevel = \"high\"\nn = 3\n",
                                                  path: "ok.toml")
        #expect(try root.strings("one") == ["a"])
        #expect(try root.strings("many") == ["a", "b"])
        #expect(throws: ConfigurationFileError.invalidValue(path: "ok.toml", key: "one", expected: "an array of strings")) { try root.stringArray("one") }
        #expect(try root.size("bytes") == 1024 && root.size("size") == 2048)
        #expect(try root.parsed("level", expected: "a level") { Severity(name: $0) } == .high)
        #expect(try root.double("n") == 3)
        #expect(try root.string("absent") == nil && root.int("absent") == nil && root.table("absent") == nil)
        #expect(root.contains("n") && !root.contains("absent"))
    }

    @Test func anAbsentRequiredKeyIsRefusedByItsDottedName() throws {
        let root = try ConfigurationDocument.root(of: "bank:\n  directory: in\n", path: "n.yaml")
        let bank = try root.requiredTable("bank")
        let error = #expect(throws: ConfigurationFileError.self) { try bank.requiredString("pattern") }
        #expect(error == .missingKey(path: "n.yaml", key: "bank.pattern"))
        #expect(error?.description == "n.yaml: missing key 'bank.pattern'")
        #expect(throws: ConfigurationFileError.missingKey(path: "n.yaml", key: "ledger")) { try root.requiredTable("ledger") }
    }

    @Test func aYAMLNullIsRefusedByName() throws {
        for text in ["bank:\n  directory:\n", "bank:\n  directory: null\n", "bank:\n  directory: ~\n", "bank: {directory: Null}\n"] {
            #expect(throws: ConfigurationFileError.invalidValue(path: "null.yaml", key: "bank.directory", expected: "a value (it is empty or null)"),
                    "\(text)") {
                try ConfigurationDocument.root(of: text, path: "null.yaml")
            }
        }
        #expect(throws: ConfigurationFileError.invalidValue(path: "null.yaml", key: "list[1]", expected: "a value (it is empty or null)")) {
            try ConfigurationDocument.root(of: "list: [a, null]\n", path: "null.yaml")
        }
        // Quoted, it is the string "null".
        #expect(try ConfigurationDocument.root(of: "k: \"null\"\n", path: "null.yaml").string("k") == "null")
    }

    @Test func syntaxErrorsNameTheFileLineAndColumn() throws {
        #expect(throws: ConfigurationFileError.syntax(path: "h.toml", line: 2, column: 1, reason: "a table header must start with a key")) {
            try ConfigurationDocument.root(of: "a = 1\n[\n", path: "h.toml")
        }
        let toml = #expect(throws: ConfigurationFileError.self) { try ConfigurationDocument.root(of: "a = 1\nb = \n", path: "b.toml") }
        guard case .syntax(let path, let line, _, _) = toml else {
            Issue.record("expected a syntax error, got \(String(describing: toml))")
            return
        }
        #expect(path == "b.toml" && line == 2)
        #expect(throws: ConfigurationFileError.syntax(path: "d.yaml", line: 2, column: 1, reason: "duplicate key 'a'")) {
            try ConfigurationDocument.root(of: "a: 1\na: 2\n", path: "d.yaml")
        }
        let yaml = #expect(throws: ConfigurationFileError.self) { try ConfigurationDocument.root(of: "a: [1\nb: 2\n", path: "u.yaml") }
        guard case .unreadable(let yamlPath, _) = yaml else {
            Issue.record("expected .unreadable, got \(String(describing: yaml))")
            return
        }
        #expect(yamlPath == "u.yaml")
        #expect(yaml?.description.hasPrefix("u.yaml: cannot read configuration: ") == true)
    }

    @Test func aFileIsReadByItsExtension() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("recon-config-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let yaml = dir + "/run.YML", toml = dir + "/run.toml"
        try Self.yaml.write(toFile: yaml, atomically: true, encoding: .utf8)
        try Self.toml.write(toFile: toml, atomically: true, encoding: .utf8)
        let (data, root) = try ConfigurationDocument.load(path: yaml)
        #expect(data == Data(Self.yaml.utf8))
        #expect(Self.render(root) == Self.render(try ConfigurationDocument.load(path: toml).root))
        #expect(ConfigurationDocument.isYAML(path: yaml) && !ConfigurationDocument.isYAML(path: toml))

        #expect(throws: ConfigurationFileError.self) { try ConfigurationDocument.load(path: dir + "/absent.toml") }
        let latin1 = dir + "/latin1.toml"
        try Data([0x61, 0x20, 0x3D, 0x20, 0x22, 0xE9, 0x22, 0x0A]).write(to: URL(fileURLWithPath: latin1))
        #expect(throws: ConfigurationFileError.unreadable(path: latin1, reason: "cannot read the file as UTF-8")) {
            try ConfigurationDocument.load(path: latin1)
        }
    }
}
