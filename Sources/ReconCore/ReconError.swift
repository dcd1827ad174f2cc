/// An error of Recon's: the one line a person reads, and the exit code a cron job acts on. The
/// libraries throw them; only the command line turns them into an exit status.
public protocol ReconError: Error, CustomStringConvertible {
    /// The process exit code the error means: 2 for bad input, configuration, usage or a missing
    /// input (the default), 3 when another run holds the lock for an overlapping date range.
    var exitCode: Int32 { get }
}

extension ReconError {
    public var exitCode: Int32 { 2 }
}
