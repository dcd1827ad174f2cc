import Foundation
import Testing
import ReconCore
import ReconTestSupport
@testable import ReconFormats

/// What reading one fixed-width input produced, with the descriptions the table does not keep.
struct FixedWidthOutput {
    var table = BankTable()
    var catalog = Catalog()
    var rejects: RejectLog
    var result: BankFileResult
    var descriptions: [String] = []

    var statements: [StatementSummary] { result.statements }
    var amounts: [Int64] { table.amount }
    func account(_ i: Int) -> String { catalog.accounts.string(table.account[i]) }
    func currency(_ i: Int) -> String { catalog.currencies.string(table.currency[i]) }
    func booking(_ i: Int) -> String { Day(rawValue: table.bookingDate[i]).iso }
    func value(_ i: Int) -> String { Day(rawValue: table.valueDate[i]).iso }
    /// Control totals of statement `s` by name: (declared, computed).
    func controls(_ s: Int) -> [String: (Int64, Int64)] {
        var out: [String: (Int64, Int64)] = [:]
        for c in statements[s].controls { out[c.name] = (c.declared, c.computed) }
        return out
    }
}

/// Reads fixed-width inputs through the shipped specs of `formats/` (or a spec given as text).
enum FixedWidthRead {
    static func spec(_ name: String) throws -> FormatSpec {
        try FormatRegistry.load(path: Fixture.repositoryRoot + "/formats/" + name + ".toml")
    }

    static func reader(_ name: String) throws -> FixedWidthBankReader {
        try #require(try spec(name).bankReader as? FixedWidthBankReader)
    }

    /// A reader for a spec written inline (common keys added: family fixed-width, `encoding`).
    static func reader(toml: String, encoding: String = "utf-8", path: String = "inline.toml") throws -> FixedWidthBankReader {
        let text = "family = \"fixed-width\"\nencoding = \"\(encoding)\"\n" + toml
        return try #require(try FormatSpec(toml: text, path: path).bankReader as? FixedWidthBankReader)
    }

    static func read(_ reader: FixedWidthBankReader, bytes: [UInt8], path: String = "statement.txt",
                     maxRejects: Int = 0, step: Int = 1 << 20) throws -> FixedWidthOutput {
        var source = MemorySource(bytes: bytes, step: step)
        return try read(reader, source: &source, path: path, maxRejects: maxRejects)
    }

    static func read<S: ByteSource>(_ reader: FixedWidthBankReader, source: inout S, path: String,
                                    maxRejects: Int = 0) throws -> FixedWidthOutput {
        var table = BankTable(), catalog = Catalog(), rejects = RejectLog(limit: maxRejects)
        var descriptions: [String] = []
        let result = try reader.read(source: &source, path: path, fileIndex: 0, into: &table, catalog: &catalog,
                                     rejects: &rejects, onRow: { descriptions.append(String(decoding: $0.description, as: UTF8.self)) })
        var out = FixedWidthOutput(table: table, catalog: catalog, rejects: rejects, result: result)
        out.descriptions = descriptions
        return out
    }

    /// A sample of `../shared/bank-samples`, or nil (the test then skips) when it is absent.
    static func sample(_ spec: String, _ relative: String) throws -> FixedWidthOutput? {
        guard let path = SharedSamples.path(relative) else { return nil }
        var source = try FileByteSource(path: path)
        return try read(try reader(spec), source: &source, path: path)
    }
}
