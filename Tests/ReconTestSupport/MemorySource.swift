import Foundation
import ReconFormats

/// A byte source over memory that hands out at most `step` bytes per read, to cross chunk edges.
package struct MemorySource: ByteSource {
    let bytes: [UInt8]
    var offset = 0
    var step: Int

    package init(_ text: String, step: Int = 1 << 20) { bytes = Array(text.utf8); self.step = step }
    package init(bytes: [UInt8], step: Int = 1 << 20) { self.bytes = bytes; self.step = step }

    package mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        let n = min(buffer.count, step, bytes.count - offset)
        for i in 0..<n { buffer[i] = bytes[offset + i] }
        offset += n
        return n
    }
}

/// Locates `../shared/bank-samples` (CI has it beside the clone); tests skip with a message without it.
package enum SharedSamples {
    /// Whether `../shared/bank-samples/<relative>` is there: for `.enabled(if:)`, so that a missing
    /// folder shows as skipped, never as passed.
    package static func available(_ relative: String) -> Bool {
        var dir = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { dir.deleteLastPathComponent() }
        return FileManager.default.fileExists(atPath: dir.deletingLastPathComponent().appendingPathComponent("shared/bank-samples/" + relative).path)
    }

    package static func path(_ relative: String) -> String? {
        var dir = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { dir.deleteLastPathComponent() }
        let candidate = dir.deletingLastPathComponent().appendingPathComponent("shared/bank-samples/" + relative).path
        if FileManager.default.fileExists(atPath: candidate) { return candidate }
        print("skipped: \(candidate) is absent (../shared/bank-samples not checked out beside the repository)")
        return nil
    }
}
