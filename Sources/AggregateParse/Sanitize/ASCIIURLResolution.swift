/// RFC 3986 §5 resolution on the bytes of ASCII URLs: what `URLResolver.resolveGeneral` gives, with one
/// String made at the end instead of one per part.
/// NOTE: relative image and link URLs in content are resolved one by one against the same base; on
/// Strings, each took a copy of the base, a String per part and, for any path with a dot ("a.jpg"),
/// a split and join of its segments: 5% of a corpus parse.
extension URLResolver {
    /// nil when `reference` or `base` holds a non-ASCII byte, or `reference` needs trimming: there the
    /// String version decides (Character semantics, trimming of any scalar up to U+0020).
    static func resolveASCII(_ reference: String, against base: String?) -> String? {
        guard let base else { return nil }
        var referenceCopy = reference
        var baseCopy = base
        return referenceCopy.withUTF8 { ref in
            baseCopy.withUTF8 { baseBytes in
                resolveASCII(ref, reference, against: baseBytes, base)
            }
        }
    }

    private static func resolveASCII(
        _ ref: UnsafeBufferPointer<UInt8>, _ reference: String, against base: UnsafeBufferPointer<UInt8>, _ baseString: String
    ) -> String? {
        if let first = ref.first, let last = ref.last, first <= 0x20 || last <= 0x20 { return nil }
        guard isASCII(ref), isASCII(base) else { return nil }
        if schemeLength(ref) != nil { return reference }
        guard let baseSchemeLength = schemeLength(base) else { return reference }

        // The base's parts (as `Parts` splits them).
        let end = base.firstIndex(of: UInt8(ascii: "#")) ?? base.count
        var i = baseSchemeLength + 1
        var authority: Range<Int>?
        if i + 1 < end && base[i] == UInt8(ascii: "/") && base[i + 1] == UInt8(ascii: "/") {
            i += 2
            var j = i
            while j < end && base[j] != UInt8(ascii: "/") && base[j] != UInt8(ascii: "?") { j += 1 }
            authority = i..<j
            i = j
        }
        var q = i
        while q < end && base[q] != UInt8(ascii: "?") { q += 1 }
        let basePath = i..<q
        let baseQuery: Range<Int>? = q < end ? (q + 1)..<end : nil

        if ref.isEmpty {
            return end == base.count ? baseString : String(decoding: UnsafeBufferPointer(rebasing: base[..<end]), as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(base.count + ref.count + 8)
        for k in 0..<baseSchemeLength { out.append(base[k] | 0x20) }
        out.append(UInt8(ascii: ":"))
        if ref.count >= 2 && ref[0] == UInt8(ascii: "/") && ref[1] == UInt8(ascii: "/") {
            out.append(contentsOf: ref)
            return String(decoding: out, as: UTF8.self)
        }

        let hash = ref.firstIndex(of: UInt8(ascii: "#")) ?? ref.count
        let question = ref[..<hash].firstIndex(of: UInt8(ascii: "?")) ?? hash
        let refPath = UnsafeBufferPointer(rebasing: ref[..<question])
        let refQuery: Range<Int>? = question < hash ? (question + 1)..<hash : nil
        let fragment: Range<Int>? = hash < ref.count ? (hash + 1)..<ref.count : nil

        var path: [UInt8]
        var query: UnsafeBufferPointer<UInt8>?
        if refPath.isEmpty {
            path = Array(base[basePath])
            query = refQuery.map { UnsafeBufferPointer(rebasing: ref[$0]) } ?? baseQuery.map { UnsafeBufferPointer(rebasing: base[$0]) }
        } else {
            query = refQuery.map { UnsafeBufferPointer(rebasing: ref[$0]) }
            if refPath[0] == UInt8(ascii: "/") {
                path = Array(refPath)
            } else if authority != nil && basePath.isEmpty {
                path = [UInt8(ascii: "/")] + Array(refPath)
            } else if let slash = base[basePath].lastIndex(of: UInt8(ascii: "/")) {
                path = Array(base[basePath.lowerBound...slash]) + Array(refPath)
            } else {
                path = Array(refPath)
            }
            removeDotSegments(&path)
        }
        if path.isEmpty && authority != nil { path = [UInt8(ascii: "/")] }
        if let authority {
            out.append(UInt8(ascii: "/")); out.append(UInt8(ascii: "/"))
            out.append(contentsOf: UnsafeBufferPointer(rebasing: base[authority]))
        }
        out.append(contentsOf: path)
        if let query {
            out.append(UInt8(ascii: "?"))
            out.append(contentsOf: query)
        }
        if let fragment {
            out.append(UInt8(ascii: "#"))
            out.append(contentsOf: UnsafeBufferPointer(rebasing: ref[fragment]))
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var any: UInt8 = 0
        for b in bytes { any |= b }
        return any < 0x80
    }

    private static func schemeLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        for (i, c) in bytes.enumerated() {
            if c == UInt8(ascii: ":") { return i == 0 ? nil : i }
            let isLetter = (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A
            if i == 0 && !isLetter { return nil }
            if !(isLetter || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")) { return nil }
        }
        return nil
    }

    /// RFC 3986 §5.2.4, as `removeDotSegments` does it on Strings; a path without a "." or ".." segment
    /// is left as it is.
    private static func removeDotSegments(_ path: inout [UInt8]) {
        // Segments between slashes (the first, before a leading slash, is empty).
        var segments: [Range<Int>] = []
        var start = 0
        var dotted = false
        for k in 0...path.count {
            guard k == path.count || path[k] == UInt8(ascii: "/") else { continue }
            let length = k - start
            if (length == 1 && path[start] == UInt8(ascii: ".")) || (length == 2 && path[start] == UInt8(ascii: ".") && path[start + 1] == UInt8(ascii: ".")) {
                dotted = true
            }
            segments.append(start..<k)
            start = k + 1
        }
        guard dotted else { return }
        let absolute = path.first == UInt8(ascii: "/")
        var output: [Range<Int>] = []
        for (i, segment) in segments.enumerated() {
            if absolute && i == 0 { continue }
            let last = i == segments.count - 1
            let isDot = segment.count == 1 && path[segment.lowerBound] == UInt8(ascii: ".")
            let isDotDot = segment.count == 2 && path[segment.lowerBound] == UInt8(ascii: ".") && path[segment.lowerBound + 1] == UInt8(ascii: ".")
            if isDot {
                if last { output.append(0..<0) }
            } else if isDotDot {
                if !output.isEmpty { output.removeLast() }
                if last { output.append(0..<0) }
            } else {
                output.append(segment)
            }
        }
        var result: [UInt8] = absolute ? [UInt8(ascii: "/")] : []
        for (k, segment) in output.enumerated() {
            if k > 0 { result.append(UInt8(ascii: "/")) }
            result.append(contentsOf: path[segment])
        }
        path = result
    }
}
