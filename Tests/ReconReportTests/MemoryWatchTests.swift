import Foundation
import Testing
import ReconCore
@testable import ReconReport
@testable import ReconRun

@Suite struct MemoryWatchTests {
    /// Records what the watch reported, instead of the process exiting.
    final class Reported: @unchecked Sendable {
        let lock = NSLock()
        var errors: [ResourceError] = []
        var terminated = 0
        let done = DispatchSemaphore(value: 0)
    }

    @Test func passingTheCeilingWhileMatchingReportsTheErrorAndEndsTheProcess() {
        let reported = Reported()
        let watch = MemoryWatch(ceiling: MemoryCeiling(bytes: 1 << 20), phase: "while matching 7 rows", interval: .milliseconds(1),
                                exceeded: { e in reported.lock.withLock { reported.errors.append(e) } },
                                terminate: { reported.lock.withLock { reported.terminated += 1 }; reported.done.signal() })
        #expect(reported.done.wait(timeout: .now() + 10) == .success)
        watch.stop()
        reported.lock.withLock {
            #expect(reported.terminated == 1)
            guard case let .memoryCeiling(limit, held, phase)? = reported.errors.first else {
                Issue.record("no error reported")
                return
            }
            #expect(limit == 1 << 20 && held > limit && phase == "while matching 7 rows")
        }
    }

    @Test func underTheCeilingItWatchesQuietlyUntilStopped() {
        let reported = Reported()
        let watch = MemoryWatch(ceiling: MemoryCeiling(bytes: Int.max / 2), phase: "while matching", interval: .milliseconds(1),
                                exceeded: { e in reported.lock.withLock { reported.errors.append(e) } },
                                terminate: { reported.lock.withLock { reported.terminated += 1 } })
        Thread.sleep(forTimeInterval: 0.05)
        watch.stop()
        reported.lock.withLock {
            #expect(reported.errors.isEmpty && reported.terminated == 0)
        }
    }
}
