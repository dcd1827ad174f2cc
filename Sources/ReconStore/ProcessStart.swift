import Foundation

/// When a process started, as Linux's `/proc/<pid>/stat` says (clock ticks since boot, with the boot
/// id so that a reboot shows): what tells a lock's holder from another process the system gave the
/// same pid later.
enum ProcessStart {
    /// `boot-id:ticks` of process `pid`, or nil where `/proc` cannot say (then only the pid is checked).
    static func of(pid: Int) -> String? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // Fields after the command name (which may hold spaces): state is field 3, starttime field 22.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19 else { return nil }
        let boot = (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return boot + ":" + fields[19]
    }

    /// Whether process `pid` runs and is the one that started at `started` (when that is known).
    static func isAlive(pid: Int, started: String?) -> Bool {
        guard pid > 0 else { return false }
        let exists = kill(pid_t(pid), 0) == 0 || errno == EPERM
        guard exists else { return false }
        guard let started, !started.isEmpty, let now = of(pid: pid) else { return true }
        return now == started
    }
}
