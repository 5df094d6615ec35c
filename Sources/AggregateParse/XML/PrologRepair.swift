/// Repairs the two prolog breakages that make libxml2 give up before the first element: an XML
/// declaration that is not at the very start (after comments, or doubled), and unquoted attribute
/// values in the root start tag (`<rss version=2.0>`). The rest of the document is left to libxml2's
/// recovery. Returns nil when nothing needed repair (the common case: no copy).
enum PrologRepair {
    static func repair(_ bytes: [UInt8], warnings: WarningLog) -> [UInt8]? {
        var i = 0
        var removals: [Range<Int>] = []
        let n = bytes.count
        func starts(_ s: String, at k: Int) -> Bool {
            let u = Array(s.utf8)
            return k + u.count <= n && Array(bytes[k..<(k + u.count)]) == u
        }
        func find(_ s: String, from k: Int) -> Int? {
            let u = Array(s.utf8)
            var j = k
            while j + u.count <= n {
                if bytes[j] == u[0] && Array(bytes[j..<(j + u.count)]) == u { return j }
                j += 1
            }
            return nil
        }
        while i < n, i < 65536 {
            let b = bytes[i]
            if isSpace(b) { i += 1; continue }
            guard b == UInt8(ascii: "<"), i + 1 < n else { return nil }
            if starts("<?", at: i) {
                guard let end = find("?>", from: i + 2) else { return nil }
                if starts("<?xml", at: i) && i > 0 && (end == i + 5 || !isNameByte(bytes[i + 5])) || starts("<?xml?", at: i) {
                    removals.append(i..<(end + 2))
                }
                i = end + 2
            } else if starts("<!--", at: i) {
                guard let end = find("-->", from: i + 4) else { return nil }
                i = end + 3
            } else if starts("<!", at: i) {
                var j = i + 2
                var bracket = 0
                while j < n {
                    if bytes[j] == UInt8(ascii: "[") { bracket += 1 }
                    if bytes[j] == UInt8(ascii: "]") { bracket -= 1 }
                    if bytes[j] == UInt8(ascii: ">") && bracket <= 0 { break }
                    j += 1
                }
                i = j + 1
            } else {
                break
            }
        }
        guard i < n else { return nil }
        // The root start tag: quote bare attribute values.
        var j = i + 1
        var quote: UInt8 = 0
        var fixedTag: [UInt8] = []
        var changed = false
        while j < n {
            let b = bytes[j]
            if quote != 0 {
                if b == quote { quote = 0 }
                fixedTag.append(b)
                j += 1
                continue
            }
            if b == UInt8(ascii: ">") { break }
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") { quote = b }
            fixedTag.append(b)
            j += 1
            if b == UInt8(ascii: "=") {
                while j < n, isSpace(bytes[j]) { j += 1 }
                if j < n, bytes[j] != UInt8(ascii: "\"") && bytes[j] != UInt8(ascii: "'") {
                    changed = true
                    fixedTag.append(UInt8(ascii: "\""))
                    while j < n, !isSpace(bytes[j]) && bytes[j] != UInt8(ascii: ">") && !(bytes[j] == UInt8(ascii: "/") && j + 1 < n && bytes[j + 1] == UInt8(ascii: ">")) {
                        fixedTag.append(bytes[j])
                        j += 1
                    }
                    fixedTag.append(UInt8(ascii: "\""))
                }
            }
        }
        guard !removals.isEmpty || changed else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(n)
        var k = 0
        for r in removals {
            out.append(contentsOf: bytes[k..<r.lowerBound])
            k = r.upperBound
        }
        out.append(contentsOf: bytes[k...i])
        if changed {
            warnings.add("unquoted attribute values in the root element quoted")
            out.append(contentsOf: fixedTag)
            out.append(contentsOf: bytes[j...])
        } else {
            out.append(contentsOf: bytes[(i + 1)...])
        }
        if !removals.isEmpty { warnings.add("misplaced XML declaration removed") }
        return out
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || isDigit(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
    }
}
