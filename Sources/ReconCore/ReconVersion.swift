/// The engine's version, recorded in every summary.
public enum ReconVersion {
    public static let current = "0.1.0"
}
