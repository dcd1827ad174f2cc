import Foundation
import ReconCore
import ReconFormats

/// One libFuzzer entry point for every reader: `RECON_FUZZ_TARGET` names the format spec (a file
/// of `formats/`, found through `RECON_FORMATS`), or `spec` to fuzz the loading of spec files
/// themselves. A reader may refuse any input with an error; it must never crash, hang or read
/// past its buffers.
enum Target {
    static let name = ProcessInfo.processInfo.environment["RECON_FUZZ_TARGET"] ?? "mt940"
    static let registry = try! FormatRegistry()
    /// `gzip` fuzzes the decompressor (under the canonical reader), the others a spec's reader.
    nonisolated(unsafe) static let reader: (any BankFileReader)? = name == "spec" ? nil
        : try! registry.spec(name == "gzip" ? "canonical-bank" : name).bankReader
}

/// Bytes handed out in small, uneven pieces, so that chunk boundaries fall everywhere.
struct FuzzSource: ByteSource {
    let bytes: [UInt8]
    var offset = 0
    var decodedSizeEstimate: Int? { bytes.count }
    mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        let n = min(buffer.count, bytes.count - offset, 1 + (offset * 7919) % 4093)
        for i in 0..<n { buffer[i] = bytes[offset + i] }
        offset += n
        return n
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if Target.name == "spec" {
        _ = try? FormatSpec(toml: String(decoding: bytes, as: UTF8.self), path: "fuzz.toml")
        return 0
    }
    guard let reader = Target.reader else { return 0 }
    var table = BankTable(), catalog = Catalog(), rejects = RejectLog(limit: 1000)
    table.stores = .all
    if Target.name == "gzip" {
        // A decompression bomb must stop at the limit, not fill the memory.
        guard var source = try? GzipByteSource(FuzzSource(bytes: bytes), path: "fuzz.gz", maxOutputBytes: 64 << 20) else { return 0 }
        _ = try? reader.read(source: &source, path: "fuzz.gz", fileIndex: 0, into: &table, catalog: &catalog, rejects: &rejects)
        return 0
    }
    var source = FuzzSource(bytes: bytes)
    _ = try? reader.read(source: &source, path: "fuzz", fileIndex: 0, into: &table, catalog: &catalog, rejects: &rejects)
    return 0
}

/// libFuzzer's driver, called from the entry point SwiftPM gives an executable target.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("ReconFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&count, &arguments, { data, size in fuzz(data, size) })
}
