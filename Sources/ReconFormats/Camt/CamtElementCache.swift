/// Element names already recognised in the current document, by address.
///
/// libxml2 hands every element's local name as a string of the parser's dictionary, so one name is
/// always the same pointer within a document: looking the pointer up here saves comparing bytes for
/// each element. Only valid for one parser: ``reset()`` before the next document.
struct CamtElementCache {
    private static let size = 512
    private var keys = [UInt](repeating: 0, count: CamtElementCache.size)
    private var values = [CamtElement](repeating: .other, count: CamtElementCache.size)
    private var count = 0

    mutating func reset() {
        if count == 0 { return }
        for i in keys.indices { keys[i] = 0 }
        count = 0
    }

    /// The element of a NUL-terminated local name from the parser's dictionary.
    @inline(__always)
    mutating func element(_ localName: UnsafePointer<UInt8>) -> CamtElement {
        let key = UInt(bitPattern: localName)
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 55) & (CamtElementCache.size - 1)
        while keys[slot] != 0 {
            if keys[slot] == key { return values[slot] }
            slot = (slot + 1) & (CamtElementCache.size - 1)
        }
        let element = CamtElement(localName: localName)
        // Keep the table at most half full; past that (hundreds of names), look the rest up each time.
        if count < CamtElementCache.size / 2 {
            keys[slot] = key
            values[slot] = element
            count += 1
        }
        return element
    }
}
