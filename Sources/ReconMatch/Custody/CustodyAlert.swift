import ReconCore

/// An alert a run raises: a threshold crossed, an indicator past its limit or moving sharply against
/// its history. Written to `alerts.json` and the log; at or above the alert severity, exit code 1.
package struct CustodyAlert: Sendable, Equatable {
    /// `threshold`, `indicator_limit` or `indicator_trend`.
    package var type: String
    package var name: String
    package var severity: Severity
    package var message: String

    package init(type: String, name: String, severity: Severity, message: String) {
        self.type = type
        self.name = name
        self.severity = severity
        self.message = message
    }
}
