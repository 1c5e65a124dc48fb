/// Paths compared as the file system compares them: byte for byte.
///
/// Swift compares strings by canonical equivalence, so `café` in NFC and in NFD are equal strings
/// and `hasPrefix` matches across them, while the file system sees two different names.
enum PathBytes {
    /// Whether `path` lies strictly below `folder` (both absolute, without `.` or `..` segments).
    static func isInside(_ path: String, folder: String) -> Bool {
        var prefix = Array(folder.utf8)
        if prefix.last != UInt8(ascii: "/") { prefix.append(UInt8(ascii: "/")) }
        let bytes = Array(path.utf8)
        return bytes.count > prefix.count && bytes.starts(with: prefix)
    }

    /// Whether two paths name the same file by their bytes.
    static func same(_ a: String, _ b: String) -> Bool {
        a.utf8.elementsEqual(b.utf8)
    }
}
