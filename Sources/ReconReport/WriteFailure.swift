import ReconCore

/// The first error of writes done on a background queue, read by the thread that waits for them.
typealias WriteFailure = Locked<(any Error)?>
