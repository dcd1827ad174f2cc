/// The words an `unauthorized_counterparty` break's detail starts with; the name or account that
/// follows runs to the next `"; "`. Exports mask what follows them.
public enum UnauthorizedText {
    public static let deniedCounterparty = "customer money paid to deny-listed counterparty "
    public static let platformAccount = "customer money paid to platform_own account "
}
