import Crypto

/// SHA-256 and byte count of a stream, fed chunk by chunk as it is read.
struct StreamDigest {
    private var hasher = SHA256()
    private(set) var bytes = 0

    mutating func update(_ chunk: UnsafeBufferPointer<UInt8>) {
        hasher.update(bufferPointer: UnsafeRawBufferPointer(chunk))
        bytes += chunk.count
    }

    consuming func hex() -> String {
        let digest = hasher.finalize()
        let table = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in digest {
            out.append(table[Int(b >> 4)])
            out.append(table[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
