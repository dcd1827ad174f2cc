#if canImport(Glibc)
import Glibc
#endif

/// Facts about the machine a run uses.
public enum SystemInfo {
    /// Online processor cores.
    public static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}
