/// Resource limits of a run (`[limits]` in the configuration, `--max-memory`): what a hostile or
/// mistaken input may make the process hold before the run stops with a clear error (exit code 2).
public struct RunLimits: Sendable, Equatable {
    /// Most memory the run may hold while reading and matching; nil: no ceiling.
    public var memory: MemoryCeiling?
    /// What matching holds per row (both sides) beyond the tables read, about: with a ceiling, a run
    /// that would pass it with this much more stops before the passes start. Measured on the
    /// benchmark's 10M ledger rows: 1,357 MiB held after reading, a 1,815 MiB peak in matching,
    /// 24 bytes a row; the deeper passes ([groups], [scoring]) hold more.
    public var matchingBytesPerRow = 32
    /// Most a gzip file may expand, as a multiple of its stored size (above ``gzipFloorBytes``).
    public var gzipMaxRatio = 1000
    /// Most bytes a gzip file may expand to, whatever its ratio.
    public var gzipMaxBytes = 64 << 30
    /// Expansion always allowed (`gzip_min_bytes`), so that a small, highly repetitive file is not
    /// refused for its ratio alone; ``gzipMaxBytes`` still caps it.
    public var gzipFloorBytes = 1 << 30

    public init() {}

    /// Most bytes a gzip file of `compressedSize` stored bytes may expand to.
    public func gzipLimit(compressedSize: Int) -> Int {
        let byRatio = compressedSize.multipliedReportingOverflow(by: gzipMaxRatio)
        return min(gzipMaxBytes, max(gzipFloorBytes, byRatio.overflow ? Int.max : byRatio.partialValue))
    }
}
