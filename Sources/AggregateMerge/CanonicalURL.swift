/// The form of an article URL under which two links to the same page compare equal.
public enum CanonicalURL {
    /// Query parameters that only track readers. `utm_*` is matched by prefix.
    public static let defaultTrackingParameters: Set<String> = [
        "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "ref", "ref_src", "cmpid", "igshid",
        "yclid", "_hsenc", "_hsmi", "mkt_tok", "ocid", "ito", "at_medium", "at_campaign", "spm",
    ]

    /// Canonical form of an absolute http(s) URL, or nil for anything else.
    /// `http` and `https` are treated alike (both become `https`); host lower-cased; default port, fragment
    /// and tracking parameters dropped; Google redirect wrappers unwrapped.
    public static func canonicalize(_ url: String, extraTrackingParameters: Set<String> = []) -> String? {
        switch ASCIICanonicalURL.canonicalize(url, extra: extraTrackingParameters) {
        case .canonical(let canonical): canonical
        case .none: nil
        case .general: canonicalize(url, extra: extraTrackingParameters, depth: 0)
        }
    }

    /// The same, always by Characters (what the ASCII path must equal, for the tests).
    static func canonicalizeByCharacters(_ url: String, extraTrackingParameters: Set<String> = []) -> String? {
        canonicalize(url, extra: extraTrackingParameters, depth: 0)
    }

    private static func canonicalize(_ raw: String, extra: Set<String>, depth: Int) -> String? {
        var url = Substring(raw.trimmingWhitespace())
        guard let colon = url.firstIndex(of: ":") else { return nil }
        let scheme = url[..<colon].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        url = url[url.index(after: colon)...]
        guard url.hasPrefix("//") else { return nil }
        url = url.dropFirst(2)
        if let hash = url.firstIndex(of: "#") { url = url[..<hash] }

        let authorityEnd = url.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? url.endIndex
        var authority = url[..<authorityEnd]
        let rest = url[authorityEnd...]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var host = authority.lowercased()
        if let portColon = host.lastIndex(of: ":"), !host.hasSuffix("]") || host.contains("]:") {
            let port = host[host.index(after: portColon)...]
            if port.isEmpty || port == "80" || port == "443" { host = String(host[..<portColon]) }
        }
        if host.hasSuffix(".") { host.removeLast() }
        guard !host.isEmpty else { return nil }

        var path = rest
        var query: Substring = ""
        if let question = rest.firstIndex(of: "?") {
            path = rest[..<question]
            query = rest[rest.index(after: question)...]
        }
        let pairs = query.split(separator: "&", omittingEmptySubsequences: true)

        if depth < 3, let target = googleRedirectTarget(host: host, path: path, pairs: pairs) {
            return canonicalize(target, extra: extra, depth: depth + 1)
        }

        let kept = pairs.filter { pair in
            let name = (pair.split(separator: "=", maxSplits: 1).first ?? "").lowercased()
            return !(name.hasPrefix("utm_") || defaultTrackingParameters.contains(name) || extra.contains(name))
        }
        var result = "https://" + host + (path.isEmpty ? "/" : String(path))
        if !kept.isEmpty { result += "?" + kept.joined(separator: "&") }
        return result
    }

    /// `https://www.google.com/url?q=TARGET`, `https://news.google.com/news/url?url=TARGET`.
    private static func googleRedirectTarget(host: String, path: Substring, pairs: [Substring]) -> String? {
        let isGoogle = host == "google.com" || host.hasSuffix(".google.com") || host.hasPrefix("www.google.")
        guard isGoogle, path == "/url" || path == "/news/url" else { return nil }
        for pair in pairs {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0] == "url" || parts[0] == "q" else { continue }
            let decoded = percentDecode(parts[1])
            if decoded.hasPrefix("http://") || decoded.hasPrefix("https://") { return decoded }
        }
        return nil
    }

    private static func percentDecode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
               let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
