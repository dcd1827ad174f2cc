import Foundation
import Testing
import ReconCore
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
        #expect(TOMLHeaderCheck.firstBadHeader(text)?.line == 8)
    }

    @Test func headersWithoutAKeyAreFoundAndEverythingElseIsLeftToTheParser() {
        #expect(TOMLHeaderCheck.firstBadHeader("a = 1\n[\nb = 2\n")! == (2, 1))
        #expect(TOMLHeaderCheck.firstBadHeader("[[ =x]]\n")! == (1, 1))
        #expect(TOMLHeaderCheck.firstBadHeader("  [\n") != nil)
        for fine in ["[a]\nb = 1\n", "[ a.b ]\n", "[[tolerance.fees]]\n", "[\"quoted key\"]\n", "x = [\n  1,\n  [2, 3],\n]\n",
                     "s = \"\"\"\n[\n\"\"\"\n", "# [\n", "t = '['\n[k]\n"] {
            #expect(TOMLHeaderCheck.firstBadHeader(fine) == nil, "\(fine)")
        }
    }

    @Test func everyShippedSpecPassesTheCheck() throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: Fixture.repositoryRoot + "/formats") where name.hasSuffix(".toml") {
            let text = try String(contentsOfFile: Fixture.repositoryRoot + "/formats/" + name, encoding: .utf8)
            #expect(TOMLHeaderCheck.firstBadHeader(text) == nil, "\(name)")
        }
    }
}
