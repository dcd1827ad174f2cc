import Foundation

/// The installation's masking key: 32 random bytes in a file only its owner can read, created on
/// first use. Keep it with the run store: the same key gives the same tokens, night after night.
package enum MaskKey {
    /// Where a key is looked for when none is configured: `$RECON_MASK_KEY_FILE`, else
    /// `$XDG_CONFIG_HOME/recon/mask.key` (`~/.config/recon/mask.key`).
    package static var defaultPath: String {
        let env = ProcessInfo.processInfo.environment
        if let path = env["RECON_MASK_KEY_FILE"], !path.isEmpty { return path }
        let config = env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.config")
        return config + "/recon/mask.key"
    }

    /// Reads the key at `path`, creating it (mode 0600, its folder 0700) when the file does not exist.
    /// A key that others may read is refused: tokens made with it could be tested by anyone.
    package static func load(path: String) throws -> [UInt8] {
        let fm = FileManager.default
        if let mode = (try? fm.attributesOfItem(atPath: path))?[.posixPermissions] as? Int, mode & 0o077 != 0 {
            throw ExportError.maskKey(path: path, reason: String(format: "is readable by others (mode %o); make it the owner's only: chmod 600 %@", mode, path))
        }
        if let data = fm.contents(atPath: path) {
            guard data.count >= 16 else { throw ExportError.maskKey(path: path, reason: "holds \(data.count) bytes; a key has at least 16") }
            return Array(data)
        }
        if fm.fileExists(atPath: path) { throw ExportError.maskKey(path: path, reason: "cannot be read") }
        var rng = SystemRandomNumberGenerator()
        let key = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
        do {
            // A key named without a folder (`mask.key`) lives in the current one: nothing to create.
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty && !fm.fileExists(atPath: folder) {
                try fm.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            guard fm.createFile(atPath: path, contents: Data(key), attributes: [.posixPermissions: 0o600]) else {
                throw ExportError.maskKey(path: path, reason: "cannot be created")
            }
        } catch let e as ExportError {
            throw e
        } catch {
            throw ExportError.maskKey(path: path, reason: "cannot be created: \(error)")
        }
        return key
    }
}
