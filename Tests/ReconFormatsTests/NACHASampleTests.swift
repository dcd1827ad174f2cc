import Testing
import ReconCore
import ReconTestSupport
@testable import ReconFormats

/// Every NACHA file of `../shared/bank-samples/nacha`, read through the shipped spec, with the
/// controls the files declare.
@Suite struct NACHASampleTests {
    static func read(_ relative: String) throws -> MTSampleTests.Output? {
        guard let path = SharedSamples.path(relative) else { return nil }
        var source = try OpenedInput(path: path)
        return try MTSampleTests.read(source: &source, path: path, spec: "nacha")
    }

    @Test(.enabled(if: SharedSamples.available("nacha/20110805A.ach"), "needs ../shared/bank-samples")) func ppdAndIATBatchesWhoseBatchControlsHoldInAFileWhoseFileControlDoesNot() throws {
        let out = try #require(try Self.read("nacha/20110805A.ach"))
        let s = out.statements
        #expect(s.map(\.id) == ["0231380104/0000001", "0231380104/0000003", "0231380104/0000004", "0231380104/0000005"])
        #expect(s.allSatisfy { $0.controls.filter { $0.name.hasPrefix("8 ") }.allSatisfy(\.holds) }, "every batch control holds")
        let file = s.last!.controls.filter { $0.name.hasPrefix("9 ") }
        let batches = try #require(file.first { $0.name == "9 batch count" })
        #expect(batches.declared == 5 && batches.computed == 4, "the file control declares a batch too many")
        #expect(file.first { $0.name == "9 entry/addenda count" }?.holds == true && file.first { $0.name == "9 entry hash" }?.holds == true)
        #expect(file.first { $0.name == "9 total debit amount" }?.holds == true && file.first { $0.name == "9 total credit amount" }?.holds == true)
        #expect(out.result.rows == 48 && out.table.date(0) == Day(iso: "2011-08-08"))
        #expect(out.text(out.table.bankRef, 0) == "042000010000001" && out.text(out.table.endToEndId, 0) == "A271")
        #expect(out.amounts[0] == 270_00, "a debit to the receiver is money in")
    }

    @Test(.enabled(if: SharedSamples.available("nacha/ppd-debit.ach"), "needs ../shared/bank-samples")) func shortRecordsArePaddedAndTheFillerIsSkipped() throws {
        let out = try #require(try Self.read("nacha/ppd-debit.ach"))
        let s = try #require(out.statements.first)
        #expect(out.statements.count == 1 && s.controls.allSatisfy(\.holds) && s.controls.count == 10)
        #expect(out.amounts == [1_000_000_00] && out.text(out.table.counterparty, 0) == "Receiver Account Name")
    }

    @Test(.enabled(if: SharedSamples.available("nacha/return-PPD-custom-reason-code.ach"), "needs ../shared/bank-samples")) func aReturnCarriesItsReasonAndTheOriginalTrace() throws {
        let out = try #require(try Self.read("nacha/return-PPD-custom-reason-code.ach"))
        #expect(out.amounts == [1_061_61], "the return of a credit brings the money back")
        #expect(out.result.notes.values.first == "ACH return R97 of the entry with trace 092221172022300")
        #expect(out.text(out.table.endToEndId, 0) == "xxxxxxx3105")
        #expect(out.statements.first?.controls.allSatisfy(\.holds) == true)
    }

    /// A source that hands out what another gives and records how it is read.
    final class Probe<S: ByteSource>: ByteSource {
        var inner: S
        var reads = 0, largestRequest = 0, bytes = 0
        init(_ inner: S) { self.inner = inner }
        var decodedSizeEstimate: Int? { inner.decodedSizeEstimate }
        func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
            reads += 1
            largestRequest = max(largestRequest, buffer.count)
            let n = try inner.read(into: buffer)
            bytes += n
            return n
        }
    }

    @Test(.enabled(if: SharedSamples.available("nacha/PPD-200-batches-100000-entries.ach.gz"), "needs ../shared/bank-samples")) func theHundredThousandEntryFileStreamsFromItsGzip() throws {
        let path = try #require(SharedSamples.path("nacha/PPD-200-batches-100000-entries.ach.gz"))
        let probe = Probe(try OpenedInput(path: path))
        var source = probe
        let out = try MTSampleTests.read(source: &source, path: path, spec: "nacha")
        #expect(out.statements.count == 200 && out.result.rows == 100_199)
        #expect(out.statements.allSatisfy { $0.controls.allSatisfy(\.holds) }, "every batch and the file control hold")
        // 9.5 MB decompressed, read 64 KiB at a time: never the whole file at once.
        #expect(probe.bytes > 9_000_000 && probe.largestRequest <= 64 * 1024 && probe.reads > 140)
    }
}
