/// The most memory a run may hold (`--max-memory`, `[limits] max_memory`). Checked against the
/// process's resident memory while inputs are read, against an estimate before matching starts, and
/// by a watch thread while matching runs, so that a run too big for the machine stops with
/// ``ResourceError/memoryCeiling(limit:held:phase:)`` (exit code 2) instead of swapping or being
/// killed by the kernel.
public struct MemoryCeiling: Sendable, Equatable {
    /// The ceiling in bytes.
    public let bytes: Int

    public init(bytes: Int) { self.bytes = bytes }


    /// Throws when the process holds more than the ceiling now.
    ///
    /// - Parameter phase: what the run is doing, for the message ("reading bank.csv").
    public func check(_ phase: @autoclosure () -> String) throws {
        let held = ResidentMemory.bytes()
        if held > bytes { throw ResourceError.memoryCeiling(limit: bytes, held: held, phase: phase()) }
    }

    /// Throws when the memory held now plus `more` bytes would pass the ceiling.
    public func checkAhead(_ more: Int, _ phase: @autoclosure () -> String) throws {
        let held = ResidentMemory.bytes()
        if held + more > bytes { throw ResourceError.memoryCeiling(limit: bytes, held: held + more, phase: phase()) }
    }
}
