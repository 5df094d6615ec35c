/// RFC 3986 §5 reference resolution on strings: links, `xml:base` and `href`/`src` in content.
enum URLResolver {
    /// `reference` made absolute against `base`; `reference` unchanged (trimmed) when it cannot be.
    static func resolve(_ reference: String, against base: String?) -> String {
        let ref = trim(reference)
        if scheme(of: ref) != nil { return ref }
        guard let base, let baseScheme = scheme(of: base) else { return ref }
        let b = Parts(base, schemeLength: baseScheme.utf8.count)
        if ref.isEmpty { return b.withoutFragment }
        if ref.hasPrefix("//") { return baseScheme + ":" + ref }
        let (refPathAndQuery, fragment) = split(ref, at: "#")
        let (refPath, refQuery) = split(refPathAndQuery, at: "?")
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

    /// The lower-cased scheme of an absolute URL, or nil for a relative reference.
    static func scheme(of string: String) -> String? {
        var scheme = ""
        for (i, c) in string.unicodeScalars.enumerated() {
            if c == ":" { return i == 0 ? nil : scheme.lowercased() }
            let isLetter = (c >= "a" && c <= "z") || (c >= "A" && c <= "Z")
            if i == 0 && !isLetter { return nil }
            if !(isLetter || (c >= "0" && c <= "9") || c == "+" || c == "-" || c == ".") { return nil }
            scheme.unicodeScalars.append(c)
        }
        return nil
    }

    /// True for URLs a reader may follow: http, https and mailto.
    static func isSafeAbsolute(_ url: String) -> Bool {
        switch scheme(of: url) {
        case "http", "https", "mailto": return true
        default: return false
        }
    }

    private static func trim(_ s: String) -> String {
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
            let (noFragment, _) = URLResolver.split(url, at: "#")
            withoutFragment = noFragment
            var rest = Substring(noFragment).dropFirst(schemeLength + 1)
            if rest.hasPrefix("//") {
                rest = rest.dropFirst(2)
                let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
                authority = String(rest[..<end])
                rest = rest[end...]
            }
            let (p, q) = URLResolver.split(String(rest), at: "?")
            path = p
            query = q
        }
    }

    private static func split(_ s: String, at separator: Character) -> (String, String?) {
        guard let i = s.firstIndex(of: separator) else { return (s, nil) }
        return (String(s[..<i]), String(s[s.index(after: i)...]))
    }

    private static func merge(_ base: Parts, _ refPath: String) -> String {
        if base.authority != nil && base.path.isEmpty { return "/" + refPath }
        guard let slash = base.path.lastIndex(of: "/") else { return refPath }
        return String(base.path[...slash]) + refPath
    }

    private static func removeDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
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
