internal import CXMLShim

extension FastScanner {
    func isRepeated(_ name: Range<Int>) -> Bool {
        for other in names where other.count == name.count {
            var same = true
            for k in 0..<name.count where (p[other.lowerBound + k] | 0x20) != (p[name.lowerBound + k] | 0x20) {
                same = false
                break
            }
            if same { return true }
        }
        return false
    }

    /// The value (quoted, or plain up to a blank or '>'), references decoded: `valueRange` of the input
    /// when it holds no reference (most do: nothing is copied), else into `value`.
    mutating func attributeValue(_ j: inout Int) -> Bool {
        let n = p.count
        valueRange = nil
        var decoding = false
        guard j < n else { return false }
        let delimiter = p[j]
        let quoted = delimiter == MarkupBytes.quote || delimiter == MarkupBytes.apostrophe
        if quoted { j += 1 }
        // Runs between references are copied in one go.
        var run = j
        while true {
            guard j < n else { return false }
            let b = p[j]
            if b > MarkupBytes.gt && b != 0xEF && b != UInt8(ascii: "`") {
                j += 1
                continue
            }
            if quoted {
                if b == delimiter {
                    if decoding { value.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<j])) } else { valueRange = run..<j }
                    j += 1
                    return true
                }
            } else {
                if MarkupBytes.isBlank(b) || b == MarkupBytes.gt {
                    if decoding { value.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<j])) } else { valueRange = run..<j }
                    return decoding ? !value.isEmpty : run < j
                }
                if b == MarkupBytes.lt || b == MarkupBytes.quote || b == MarkupBytes.apostrophe || b == MarkupBytes.equals || b == UInt8(ascii: "`") { return false }
            }
            if b == MarkupBytes.amp {
                if !decoding {
                    value.removeAll(keepingCapacity: true)
                    decoding = true
                }
                value.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<j]))
                let saved = i
                i = j
                defer { i = saved }
                guard let decoded = reference() else { return false }
                switch decoded {
                case .literal(let range): value.append(contentsOf: UnsafeBufferPointer(rebasing: p[range]))
                case .scalar(let scalar): value.append(contentsOf: UTF8.encode(scalar)!)
                }
                j = i
                run = j
                continue
            }
            if MarkupBytes.isUnsafeAt(p, j) { return false }
            j += 1
        }
    }

    enum Decoded {
        /// Bytes of the input kept as they are ("&", "&name", "&name;" when the name is unknown).
        case literal(Range<Int>)
        case scalar(Unicode.Scalar)
    }

    /// A reference at `i` ('&'), read as libxml2's HTML parser reads it; nil when this path leaves it
    /// to libxml2 (numeric references without ';' or out of range, names running into non-ASCII).
    mutating func reference() -> Decoded? {
        let n = p.count
        let start = i
        guard i + 1 < n else { return nil }
        let c = p[i + 1]
        if c == UInt8(ascii: "#") {
            var j = i + 2
            let hex = j < n && (p[j] | 0x20) == UInt8(ascii: "x")
            if hex { j += 1 }
            let digitsStart = j
            var value: UInt32 = 0
            while j < n && j - digitsStart < 8 {
                let d = p[j]
                if isDigit(d) {
                    value = value * (hex ? 16 : 10) + UInt32(d - 0x30)
                } else if hex && (d | 0x20) >= 0x61 && (d | 0x20) <= 0x66 {
                    value = value * 16 + UInt32((d | 0x20) - 0x61 + 10)
                } else {
                    break
                }
                j += 1
            }
            guard j > digitsStart, j < n, p[j] == MarkupBytes.semicolon, isPlainCharacter(value),
                  let scalar = Unicode.Scalar(value) else { return nil }
            i = j + 1
            return .scalar(scalar)
        }
        let nameStart = i + 1
        guard MarkupBytes.isLetter(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: ":") else {
            // No name: a lone '&'. A name starting beyond ASCII goes to the libxml2 path.
            guard c < 0x80 else { return nil }
            i += 1
            return .literal(start..<start + 1)
        }
        var j = nameStart + 1
        while j < n && MarkupBytes.isNameChar(p[j]) { j += 1 }
        guard j < n, p[j] < 0x80 else { return nil }
        if p[j] == MarkupBytes.semicolon {
            let code = p.baseAddress!.advanced(by: nameStart).withMemoryRebound(to: CChar.self, capacity: j - nameStart) {
                axml_html_parser_entity($0, j - nameStart)
            }
            if code > 0, isPlainCharacter(UInt32(code)), let scalar = Unicode.Scalar(UInt32(code)) {
                i = j + 1
                return .scalar(scalar)
            }
            if code > 0 { return nil }
        }
        // Unknown name or no ';': the text stays as written (the ';', if any, is read as text next).
        i = j
        return .literal(start..<j)
    }

    func isPlainCharacter(_ value: UInt32) -> Bool {
        if value < 0x20 { return value == 0x09 || value == 0x0A }
        if value >= 0x7F && value <= 0x9F { return false }
        if value >= 0xD800 && value <= 0xDFFF { return false }
        return value != 0xFFFE && value != 0xFFFF && value < 0x110000
    }
}
