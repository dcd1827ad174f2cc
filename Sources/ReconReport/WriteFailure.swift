/// The first error of writes done on a background queue, read by the thread that waits for them
/// (after a `sync` on that queue, which orders the accesses).
final class WriteFailure: @unchecked Sendable {
    var error: Error?
}
