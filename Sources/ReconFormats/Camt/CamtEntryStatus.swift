/// The status of a camt entry (`Ntry/Sts`, or `Ntry/Sts/Cd` from camt.05x.001.08 on).
///
/// Only booked entries are movements of the account: pending, information-only and future entries
/// are counted and left out of the table.
enum CamtEntryStatus: Sendable {
    /// `BOOK`: booked on the account.
    case booked
    /// `PDNG`: pending, not yet booked.
    case pending
    /// `INFO`: for information only.
    case information
    /// `FUTR`: to be booked in the future.
    case future

    init?(code: UnsafeBufferPointer<UInt8>) {
        if code.elementsEqual("BOOK".utf8) { self = .booked }
        else if code.elementsEqual("PDNG".utf8) { self = .pending }
        else if code.elementsEqual("INFO".utf8) { self = .information }
        else if code.elementsEqual("FUTR".utf8) { self = .future }
        else { return nil }
    }

    var isBooked: Bool { self == .booked }
}
