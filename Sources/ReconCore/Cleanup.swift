import Foundation

/// What a process must undo when it is stopped by a signal (SIGTERM from systemd, SIGINT from a
/// person): the temporary files it is writing, and actions such as closing its run and releasing its
/// lock. Writers register their temporaries while they exist; the command line's signal handler calls
/// ``runAll()`` and exits. Temporaries are named `<file>.tmp-<pid>`, so ``sweep(_:)`` can remove what a
/// killed process left.
public enum Cleanup {
    private struct State {
        var temporaries: Set<String> = []
        var actions: [(id: Int, action: @Sendable () -> Void)] = []
        var next = 0
    }

    private static let state = Locked(State())

    /// The suffix of a temporary file of process `pid`.
    public static func suffix(pid: Int32 = getpid()) -> String { ".tmp-\(pid)" }

    public static func temporary(_ path: String) { state.withLock { _ = $0.temporaries.insert(path) } }

    public static func done(_ path: String) { state.withLock { _ = $0.temporaries.remove(path) } }

    /// Registers an action for a stop; returns its id for ``cancel(_:)``. Actions run newest first.
    @discardableResult
    public static func onStop(_ action: @escaping @Sendable () -> Void) -> Int {
        state.withLock { s in
            s.next += 1
            s.actions.append((s.next, action))
            return s.next
        }
    }

    public static func cancel(_ id: Int) { state.withLock { $0.actions.removeAll { $0.id == id } } }

    /// Removes the registered temporaries and runs the actions, newest first (once each).
    public static func runAll() {
        let (files, actions) = state.withLock { s -> ([String], [@Sendable () -> Void]) in
            defer { s.temporaries = []; s.actions = [] }
            return (Array(s.temporaries), s.actions.reversed().map(\.action))
        }
        for file in files { unlink(file) }
        for action in actions { action() }
    }

    /// Removes temporaries (`*.tmp-<pid>`) whose process is gone from `directory` (and its folders,
    /// when `recursive`); returns them.
    public static func sweep(_ directory: String, recursive: Bool = true) -> [String] {
        let names: [String]
        if recursive {
            guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
            names = walker.compactMap { $0 as? String }
        } else {
            names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        }
        var removed: [String] = []
        for name in names {
            guard let range = name.range(of: ".tmp-", options: .backwards),
                  let pid = Int32(name[range.upperBound...]), pid > 0 else { continue }
            let alive = kill(pid, 0) == 0 || errno == EPERM
            if !alive {
                let path = directory + "/" + name
                if unlink(path) == 0 { removed.append(path) }
            }
        }
        return removed
    }
}
