/// Absolute URLs of the published files, and the check that a URL from an item may be republished.
struct PublicURL {
    /// The site's base URL, ending in `/`.
    let base: String

    init(baseURL: String) {
        base = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
    }

    /// The public URL of a file in the output folder.
    func url(_ relativePath: String) -> String { base + relativePath }

    /// True for an absolute `http(s)` URL without white space: the only links the outputs carry.
    static func isAbsoluteHTTP(_ string: String?) -> Bool {
        guard let string else { return false }
        let lower = string.prefix(8).lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") {
            rest = string.dropFirst(8)
        } else if lower.hasPrefix("http://") {
            rest = string.dropFirst(7)
        } else {
            return false
        }
        guard let first = rest.first, first != "/" else { return false }
        return !string.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" })
    }

    /// The string when it is an absolute `http(s)` URL, else nil.
    static func absolute(_ string: String?) -> String? {
        isAbsoluteHTTP(string) ? string : nil
    }
}
