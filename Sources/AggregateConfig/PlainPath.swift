/// A path that `URL(fileURLWithPath:relativeTo:).standardizedFileURL.path` would give back as it is written.
///
/// NOTE: making the URL cost 35,000 instructions a source path (1,000 sources: 35 million before a run could
/// fetch). A plain path — printable ASCII, no `.` or `..` component, no empty one (`//`, a trailing `/`), no
/// leading `~` (the URL expands a lone one) — comes back unchanged, and a relative one joined to its folder.
struct PlainPath {
    /// The folder relative paths are joined to, when it is itself plain and absolute.
    let directory: String?

    init(directory: String) {
        self.directory = directory.utf8.first == UInt8(ascii: "/") && Self.isPlain(directory) ? directory : nil
    }

    /// `path` made absolute against the folder, or nil when the URL has work to do.
    func resolved(_ path: String) -> String? {
        guard let directory, Self.isPlain(path) else { return nil }
        return path.utf8.first == UInt8(ascii: "/") ? path : directory + "/" + path
    }

    static func isPlain(_ path: String) -> Bool {
        let plain: Bool? = path.utf8.withContiguousStorageIfAvailable { bytes in
            guard let first = bytes.first, first != UInt8(ascii: "~") else { return false }
            // The length of the component so far, and how many of its bytes are dots; an absolute path starts
            // with an empty component.
            var length = first == UInt8(ascii: "/") ? -1 : 0
            var dots = 0
            for byte in bytes {
                guard byte >= 0x20, byte < 0x7F else { return false }
                if byte == UInt8(ascii: "/") {
                    if length == 0 || (length <= 2 && dots == length) { return false }
                    length = 0
                    dots = 0
                } else {
                    length = max(length, 0) + 1
                    if byte == UInt8(ascii: ".") { dots += 1 }
                }
            }
            return length > 0 && !(length <= 2 && dots == length)
        }
        return plain ?? false
    }
}
