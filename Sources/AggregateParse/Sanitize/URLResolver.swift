/// RFC 3986 §5 reference resolution on strings: links, `xml:base` and `href`/`src` in content.
enum URLResolver {
    /// `reference` made absolute against `base`; `reference` unchanged (trimmed) when it cannot be.
    static func resolve(_ reference: String, against base: String?) -> String {
        if let resolved = resolveASCII(reference, against: base) { return resolved }
        return resolveGeneral(reference, against: base)
    }

    /// `resolve` on Strings, for any input (`resolveASCII` takes the common case).
    static func resolveGeneral(_ reference: String, against base: String?) -> String {
        let ref = trim(reference)
        if schemeLength(ref) != nil { return ref }
        guard let base, let baseScheme = scheme(of: base) else { return ref }
        let b = Parts(base, schemeLength: baseScheme.utf8.count)
        if ref.isEmpty { return b.withoutFragment }
        if ref.hasPrefix("//") { return baseScheme + ":" + ref }
        let (refPathAndQuery, fragment) = split(ref, at: UInt8(ascii: "#"))
        let (refPath, refQuery) = split(refPathAndQuery, at: UInt8(ascii: "?"))
        var path: String
        var query: String?
        if refPath.isEmpty {
            path = b.path
            query = refQuery ?? b.query
        } else if refPath.hasPrefix("/") {
            path = removeDotSegments(refPath)
            query = refQuery
        } else {
            path = removeDotSegments(merge(b, refPath))
            query = refQuery
        }
        if path.isEmpty && b.authority != nil { path = "/" }
        var out = baseScheme + ":"
        if let authority = b.authority { out += "//" + authority }
        out += path
        if let query { out += "?" + query }
        if let fragment { out += "#" + fragment }
        return out
    }

    /// Length of the scheme of an absolute URL (before ":"), or nil for a relative reference.
    static func schemeLength(_ string: String) -> Int? {
        var i = 0
        for c in string.utf8 {
            if c == UInt8(ascii: ":") { return i == 0 ? nil : i }
            let isLetter = (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A
            if i == 0 && !isLetter { return nil }
            if !(isLetter || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")) { return nil }
            i += 1
        }
        return nil
    }

    /// The lower-cased scheme of an absolute URL, or nil for a relative reference.
    static func scheme(of string: String) -> String? {
        guard let n = schemeLength(string) else { return nil }
        return String(decoding: string.utf8.prefix(n).map { $0 | 0x20 }, as: UTF8.self)
    }

    /// True for http and https URLs and for relative references (no scheme); no String is made.
    static func isWebOrRelative(_ url: String) -> Bool {
        guard let n = schemeLength(url) else { return true }
        guard n == 4 || n == 5 else { return false }
        var scheme: UInt64 = 0
        for c in url.utf8.prefix(n) { scheme = scheme << 8 | UInt64(c | 0x20) }
        // "http", "https" packed big-endian.
        return scheme == 0x6874_7470 || scheme == 0x68_7474_7073
    }

    /// True for URLs a reader may follow: http, https and mailto.
    static func isSafeAbsolute(_ url: String) -> Bool {
        guard let n = schemeLength(url), n == 4 || n == 5 || n == 6 else { return false }
        var lower: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &lower) { buffer in
            for (k, c) in url.utf8.prefix(n).enumerated() { buffer[k] = c | 0x20 }
        }
        let h = UInt8(ascii: "h"), t = UInt8(ascii: "t"), p = UInt8(ascii: "p"), s = UInt8(ascii: "s")
        if n == 4 { return lower.0 == h && lower.1 == t && lower.2 == t && lower.3 == p }
        if n == 5 { return lower.0 == h && lower.1 == t && lower.2 == t && lower.3 == p && lower.4 == s }
        return lower == (UInt8(ascii: "m"), UInt8(ascii: "a"), UInt8(ascii: "i"), UInt8(ascii: "l"), t, UInt8(ascii: "o"))
    }

    /// True when `bytes` is an http, https or mailto URL that resolving and trimming leave unchanged: no space
    /// or control byte at either end, no tab or line break inside.
    static func isPlainSafeAbsolute(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last, first > 0x20, last > 0x20 else { return false }
        var n = 0
        while n < bytes.count && n < 7 && bytes[n] != UInt8(ascii: ":") { n += 1 }
        guard n < bytes.count, bytes[n] == UInt8(ascii: ":"), n == 4 || n == 5 || n == 6 else { return false }
        var scheme: UInt64 = 0
        for k in 0..<n { scheme = scheme << 8 | UInt64(bytes[k] | 0x20) }
        // "http", "https", "mailto" packed big-endian.
        guard scheme == 0x6874_7470 || scheme == 0x68_7474_7073 || scheme == 0x6D61_696C_746F else { return false }
        for b in bytes where b == 0x09 || b == 0x0A || b == 0x0D { return false }
        return true
    }

    private static func trim(_ s: String) -> String {
        if let f = s.utf8.first, let l = s.utf8.last, f > 0x20 && l > 0x20 { return s }
        var scalars = Substring(s).unicodeScalars
        while let f = scalars.first, f.value <= 0x20 { scalars.removeFirst() }
        while let l = scalars.last, l.value <= 0x20 { scalars.removeLast() }
        return String(scalars)
    }

    private struct Parts {
        var authority: String?
        var path: String
        var query: String?
        var withoutFragment: String

        init(_ url: String, schemeLength: Int) {
            let bytes = Array(url.utf8)
            let end = bytes.firstIndex(of: UInt8(ascii: "#")) ?? bytes.count
            withoutFragment = end == bytes.count ? url : String(decoding: bytes[..<end], as: UTF8.self)
            var i = schemeLength + 1
            if i + 1 < end && bytes[i] == UInt8(ascii: "/") && bytes[i + 1] == UInt8(ascii: "/") {
                i += 2
                var j = i
                while j < end && bytes[j] != UInt8(ascii: "/") && bytes[j] != UInt8(ascii: "?") { j += 1 }
                authority = String(decoding: bytes[i..<j], as: UTF8.self)
                i = j
            }
            var q = i
            while q < end && bytes[q] != UInt8(ascii: "?") { q += 1 }
            path = String(decoding: bytes[i..<q], as: UTF8.self)
            query = q < end ? String(decoding: bytes[(q + 1)..<end], as: UTF8.self) : nil
        }
    }

    private static func split(_ s: String, at separator: UInt8) -> (String, String?) {
        guard let i = s.utf8.firstIndex(of: separator) else { return (s, nil) }
        return (String(s[..<i]), String(s[s.utf8.index(after: i)...]))
    }

    private static func merge(_ base: Parts, _ refPath: String) -> String {
        if base.authority != nil && base.path.isEmpty { return "/" + refPath }
        guard let slash = base.path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return refPath }
        return String(base.path[...slash]) + refPath
    }

    private static func removeDotSegments(_ path: String) -> String {
        guard path.utf8.contains(UInt8(ascii: ".")) else { return path }
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        let absolute = path.hasPrefix("/")
        for (i, segment) in segments.enumerated() {
            if absolute && i == 0 { continue }
            let last = i == segments.count - 1
            if segment == "." {
                if last { output.append("") }
            } else if segment == ".." {
                if !output.isEmpty { output.removeLast() }
                if last { output.append("") }
            } else {
                output.append(segment)
            }
        }
        return (absolute ? "/" : "") + output.joined(separator: "/")
    }
}
