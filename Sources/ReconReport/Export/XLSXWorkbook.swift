import CXlsxWriter
import Foundation

/// A thin owner of a libxlsxwriter workbook in constant-memory mode: each sheet's rows go to its own
/// temporary file as they are written, so memory does not grow with the rows. Rows of a sheet must
/// be written in order; the file is assembled by ``close()``.
final class XLSXWorkbook {
    let path: String
    private var workbook: UnsafeMutablePointer<lxw_workbook>?

    init(path: String) throws {
        self.path = path
        var options = lxw_workbook_options(constant_memory: 1, tmpdir: nil, use_zip64: 1)
        guard let wb = workbook_new_opt(path, &options) else {
            throw ExportError.workbook(path: path, step: "create", reason: "libxlsxwriter could not create the workbook")
        }
        workbook = wb
    }

    deinit {
        // A workbook not closed (an error on the way) is closed here so its temporary files go.
        if let wb = workbook { _ = workbook_close(wb) }
    }

    func addSheet(_ name: String) throws -> UnsafeMutablePointer<lxw_worksheet> {
        guard let sheet = workbook_add_worksheet(workbook, name) else {
            throw ExportError.workbook(path: path, step: "add sheet \(name)", reason: "libxlsxwriter refused the sheet")
        }
        return sheet
    }

    /// A format built by `configure`.
    func format(_ configure: (UnsafeMutablePointer<lxw_format>) -> Void) -> UnsafeMutablePointer<lxw_format> {
        let f = workbook_add_format(workbook)!
        configure(f)
        return f
    }

    /// Writes the file.
    func close() throws {
        guard let wb = workbook else { return }
        workbook = nil
        let error = workbook_close(wb)
        guard error == LXW_NO_ERROR else {
            throw ExportError.workbook(path: path, step: "close", reason: String(cString: lxw_strerror(error)))
        }
    }

    static func check(_ error: lxw_error, _ path: String, _ step: @autoclosure () -> String) throws {
        guard error == LXW_NO_ERROR else {
            throw ExportError.workbook(path: path, step: step(), reason: String(cString: lxw_strerror(error)))
        }
    }
}
