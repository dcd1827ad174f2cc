import Foundation
import Testing
import ReconCore
import ReconConfig
import ReconTestSupport
@testable import ReconFormats

/// Inputs the fuzzers (`scripts/fuzz`) found, kept in `Tests/ReconFormatsTests/Fuzz/`: each must be
/// refused with an error naming where, never crash the process.
@Suite struct FuzzRegressionTests {
    static let directory = Fixture.repositoryRoot + "/Tests/ReconFormatsTests/Fuzz/"

    @Test func aSpecWithATableHeaderThatHasNoKeyIsRefusedNotAborted() throws {
        // toml++ (in TOMLKit) asserts, and aborts the process, on `[` followed by a line break.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.directory + "spec-header-without-key.toml"))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(throws: FormatSpecError.self) { try FormatSpec(toml: text, path: "fuzzed.toml") }
        #expect(TOMLPreflight.firstProblem(text)?.line == 8)
    }

    @Test func aSpecWithABraceWhereAnArrayExpectsAValueIsRefusedNotAborted() throws {
        // toml++ asserts, and aborts the process, on `empty = [ }` (line 16 of the fuzzer's input).
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.directory + "spec-array-closed-by-brace.toml"))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(throws: FormatSpecError.syntax(path: "fuzzed.toml", line: 16, column: 11, reason: "an array needs a value or ']' here, not '}'")) {
            try FormatSpec(toml: text, path: "fuzzed.toml")
        }
        // And in a run configuration, through the command line.
        let dir = try ReconProcess.temporaryDirectory("brace")
        try "[passes]\nduplicates = true\n[custody]\ndeny_list = [\n  \"A\", # the last one\n  }\n".write(toFile: dir + "/recon.toml", atomically: true, encoding: .utf8)
        let r = try ReconProcess.run(["run", "--bank", "samples/bank.csv", "--ledger", "samples/ledger.csv", "--out", dir + "/out", "--config", dir + "/recon.toml"])
        #expect(r.status == 2 && r.stderr.contains("recon.toml:6:3: an array needs a value or ']' here, not '}'"), "\(r.stderr)")
    }

    @Test func anOFXMarkupCutOffByTheEndOfTheFileEndsTheReadNotTheProcess() throws {
        // The tokenizer, asked for a byte again after the end, read its previous buffer again up to
        // its size and past it ("Index out of range").
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.directory + "ofx-markup-cut-by-the-end.ofx"))
        for step in [1, 3, 1 << 16] {
            var source = MemorySource(bytes: Array(bytes), step: step)
            do {
                let result = try MTSampleTests.read(source: &source, path: "cut.ofx", spec: "ofx")
                #expect(result.table.count == 0)
            } catch is InputError {
            }
        }
        var tokens = OFXTokenizer(source: MemorySource(bytes: Array("<OFX><CODE>0</CODE><?pi".utf8), step: 4), path: "t.ofx")
        var seen: [OFXTokenizer<MemorySource>.Token] = []
        while let t = try tokens.next() { seen.append(t) }
        #expect(seen == [.open("OFX"), .open("CODE"), .text("0", line: 1), .close("CODE")])
        #expect(try tokens.next() == nil)
    }

    @Test func bracesWhereAnArrayExpectsAValueAreFoundAndValidArraysAreNot() {
        for bad in ["x = [ }", "x = [}", "x = [ 1, }", "x = [\n}", "x = [ # c\n }", "x = [ [ } ]", "t = { a = [ } }"] {
            #expect(TOMLPreflight.firstProblem(bad)?.reason == "an array needs a value or ']' here, not '}'", "\(bad)")
        }
        for fine in ["x = [ ]", "x = [ 1, ]", "x = [ { a = 1 }, { b = [2] } ]", "t = { a = [1], b = 2 }", "s = [ \"}\" ]",
                     "x = [\n  1, # }\n]", "a = }", "x = [ 1 }"] {
            #expect(TOMLPreflight.firstProblem(fine) == nil, "\(fine)")
        }
    }

    @Test func aSpecWithAHeaderWithoutAKeyRightAfterAByteOrderMarkIsRefusedNotAborted() throws {
        // toml++ skips the byte order mark and asserts on `[` followed by a DEL byte.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.directory + "spec-header-after-byte-order-mark.toml"))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(throws: FormatSpecError.syntax(path: "fuzzed.toml", line: 1, column: 1, reason: "a table header must start with a key")) {
            try FormatSpec(toml: text, path: "fuzzed.toml")
        }
        #expect(TOMLPreflight.firstProblem("\u{FEFF}[a]\nb = 1\n") == nil)
        #expect(TOMLPreflight.firstProblem("\u{FEFF}[\n")! == (1, 1, "a table header must start with a key"))
    }

    @Test func headersWithoutAKeyAreFoundAndEverythingElseIsLeftToTheParser() {
        #expect(TOMLPreflight.firstProblem("a = 1\n[\nb = 2\n")! == (2, 1, TOMLPreflight.headerReason))
        #expect(TOMLPreflight.firstProblem("[[ =x]]\n")! == (1, 1, TOMLPreflight.headerReason))
        #expect(TOMLPreflight.firstProblem("  [\n")?.reason == TOMLPreflight.headerReason)
        for fine in ["[a]\nb = 1\n", "[ a.b ]\n", "[[tolerance.fees]]\n", "[\"quoted key\"]\n", "x = [\n  1,\n  [2, 3],\n]\n",
                     "s = \"\"\"\n[\n\"\"\"\n", "# [\n", "t = '['\n[k]\n"] {
            #expect(TOMLPreflight.firstProblem(fine) == nil, "\(fine)")
        }
    }

    @Test func everyShippedSpecPassesTheCheck() throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: Fixture.repositoryRoot + "/formats") where name.hasSuffix(".toml") {
            let text = try String(contentsOfFile: Fixture.repositoryRoot + "/formats/" + name, encoding: .utf8)
            #expect(TOMLPreflight.firstProblem(text) == nil, "\(name)")
        }
    }
}
