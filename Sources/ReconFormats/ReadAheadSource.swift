import ReconCore
import Foundation

/// Reads another source on a thread of its own, a few chunks ahead of the consumer, so that reading,
/// hashing and inflating overlap with parsing instead of holding it up. Memory is bounded by `depth`
/// chunks; the bytes, and an error of the inner source, arrive in the same order as without it.
final class ReadAheadSource: ByteSource {
    private let state: ReadAheadState
    private var current: [UInt8] = []
    private var offset = 0

    /// `progress` runs on the reading thread after each chunk and returns the stored bytes consumed
    /// so far (for a compression ratio); it sees the inner source only from that thread.
    init(_ inner: any ByteSource, chunkBytes: Int = 4 << 20, depth: Int = 4, progress: @escaping () -> Int = { 0 }) {
        state = ReadAheadState(depth: depth)
        let box = UnsafeTransfer((inner, progress))
        let state = self.state
        let thread = Thread {
            var (source, progress) = box.value
            while true {
                var buffer = state.freeBuffer() ?? [UInt8](repeating: 0, count: chunkBytes)
                if buffer.count < chunkBytes { buffer = [UInt8](repeating: 0, count: chunkBytes) }
                do {
                    let n = try buffer.withUnsafeMutableBufferPointer { try source.read(into: $0) }
                    if !state.deliver(buffer, count: n, stored: progress()) { return }
                    if n == 0 { return }
                } catch {
                    state.fail(error)
                    return
                }
            }
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    deinit { state.cancel() }

    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        if offset >= current.count {
            if !current.isEmpty { state.recycle(current) }
            current = []
            offset = 0
            guard let next = try state.take() else { return 0 }
            current = next
        }
        let n = min(buffer.count, current.count - offset)
        current.withUnsafeBufferPointer { c in
            _ = UnsafeMutableBufferPointer(rebasing: buffer[0..<n]).initialize(from: c[offset..<(offset + n)])
        }
        offset += n
        return n
    }

    /// Decoded bytes and stored bytes read ahead so far.
    var counts: (decoded: Int, stored: Int) { state.counts }
}

/// What the reading thread and the consumer share, behind one lock.
final class ReadAheadState: @unchecked Sendable {
    private let condition = NSCondition()
    private let depth: Int
    private var ready: [[UInt8]] = []
    private var spare: [[UInt8]] = []
    private var finished = false
    private var cancelled = false
    private var error: Error?
    private var decoded = 0
    private var stored = 0

    init(depth: Int) { self.depth = max(1, depth) }

    /// Hands over a chunk (count 0: the end); false when the consumer has gone.
    func deliver(_ buffer: [UInt8], count: Int, stored: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while ready.count >= depth && !cancelled { condition.wait() }
        if cancelled { return false }
        if count == 0 {
            finished = true
        } else {
            var chunk = buffer
            if count < chunk.count { chunk.removeSubrange(count...) }
            ready.append(chunk)
            decoded += count
        }
        self.stored = stored
        condition.broadcast()
        return true
    }

    func fail(_ e: Error) {
        condition.lock()
        error = e
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next chunk, nil at the end; rethrows the inner source's error after the bytes before it.
    func take() throws -> [UInt8]? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty && !finished { condition.wait() }
        if !ready.isEmpty {
            let chunk = ready.removeFirst()
            condition.broadcast()
            return chunk
        }
        if let error { throw error }
        return nil
    }

    func recycle(_ buffer: [UInt8]) {
        condition.lock()
        if spare.count < depth { spare.append(buffer) }
        condition.unlock()
    }

    func freeBuffer() -> [UInt8]? {
        condition.lock()
        defer { condition.unlock() }
        return spare.popLast()
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    var counts: (decoded: Int, stored: Int) {
        condition.lock()
        defer { condition.unlock() }
        return (decoded, stored)
    }
}

