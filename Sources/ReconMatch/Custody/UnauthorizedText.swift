/// The words an `unauthorized_counterparty` break's detail starts with; the name or account that
/// follows runs to the next `"; "`. Exports mask what follows them.
package enum UnauthorizedText {
    package static let deniedCounterparty = "customer money paid to deny-listed counterparty "
    package static let platformAccount = "customer money paid to platform_own account "
}
