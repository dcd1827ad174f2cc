import Logging
import ReconMatch

extension CustodyAlert {
    /// Logs the alert as `msg=alert`: critical alerts at `critical`, high at `error`, the rest at
    /// `warning`, with its type, name, severity and message, plus `metadata` (date, run).
    package func log(to logger: Logger, metadata: Logger.Metadata = [:]) {
        let level: Logger.Level = severity >= .critical ? .critical : severity >= .high ? .error : .warning
        var m = metadata
        m["alert"] = "\(type)"
        m["name"] = "\(name)"
        m["severity"] = "\(severity.name)"
        m["detail"] = "\(message)"
        logger.log(level: level, "alert", metadata: m)
    }
}
