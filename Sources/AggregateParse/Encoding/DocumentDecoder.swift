/// Turns the bytes of a document into UTF-8: the BOM first, then the HTTP charset, then the XML
/// declaration, then detection. Output is always valid UTF-8.
enum DocumentDecoder {
    static func decode(_ data: [UInt8], httpCharset: String?, warnings: WarningLog) -> [UInt8] {
        // 1. Byte order mark.
        if data.starts(with: [0xEF, 0xBB, 0xBF]) {
            return utf8OrFallback(data[3...], label: "UTF-8 (byte order mark)", warnings: warnings)
        }
        if data.starts(with: [0xFF, 0xFE]) { return transcode(data[2...], "UTF-16LE", warnings: warnings) }
        if data.starts(with: [0xFE, 0xFF]) { return transcode(data[2...], "UTF-16BE", warnings: warnings) }
        // UTF-16 without a BOM shows itself by the NUL bytes around "<".
        if data.starts(with: [0x3C, 0x00]) { return transcode(data[...], "UTF-16LE", warnings: warnings) }
        if data.starts(with: [0x00, 0x3C]) { return transcode(data[...], "UTF-16BE", warnings: warnings) }

        // 2. HTTP charset, 3. XML declaration.
        var label: String?
        var origin = ""
        if let http = httpCharset?.trimmingQuotes(), !http.isEmpty {
            label = http
            origin = "the HTTP charset"
        } else if let declared = declaredEncoding(data) {
            label = declared
            origin = "the XML declaration"
        }
        guard let label else { return utf8OrFallback(data[...], label: nil, warnings: warnings, whole: data) }
        let name = label.lowercased()
        switch name {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8":
            return utf8OrFallback(data[...], label: label, warnings: warnings, whole: data)
        case "us-ascii", "ascii", "iso-8859-1", "iso8859-1", "latin1", "latin-1", "iso_8859-1", "l1", "windows-1252",
             "cp1252", "x-cp1252", "iso-8859-15", "iso8859-15":
            let (valid, nonASCII, _) = UTF8Validation.check(data[...])
            if valid {
                if nonASCII {
                    // NOTE: many servers and CMSs label UTF-8 as ISO-8859-1; Latin-1 text is almost never valid UTF-8.
                    warnings.add("\(origin) says \(label) but the bytes are UTF-8; read as UTF-8")
                }
                return cleaned(data[...], warnings: warnings)
            }
            // WHATWG: ISO-8859-1 and US-ASCII labels mean windows-1252.
            return transcode(data[...], name.contains("15") ? "ISO-8859-15" : "WINDOWS-1252", warnings: warnings)
        case let n where n.hasPrefix("utf-16") || n.hasPrefix("utf16") || n == "unicode" || n.hasPrefix("ucs-2"):
            // NOTE: documents declare UTF-16 while being written in UTF-8 (no BOM, no NUL bytes).
            warnings.add("\(origin) says \(label) but the bytes are not UTF-16; read as UTF-8")
            return utf8OrFallback(data[...], label: nil, warnings: warnings)
        default:
            let iconvName = iconvCharset(name)
            if let result = Transcoder.toUTF8(data[...], from: iconvName) {
                if result.invalid > 0 {
                    warnings.add("\(result.invalid) bytes not valid in \(label) were replaced with U+FFFD")
                }
                return cleaned(result.bytes[...], warnings: warnings, whole: result.bytes)
            }
            warnings.add("unknown encoding \"\(label)\" in \(origin); read as UTF-8")
            return utf8OrFallback(data[...], label: nil, warnings: warnings)
        }
    }

    /// iconv's name for a charset label.
    static func iconvCharset(_ name: String) -> String {
        switch name {
        case "gb2312", "gbk", "x-gbk", "cp936", "euc-cn", "gb_2312-80", "csgb2312": return "GB18030"
        case "big5", "big5-hkscs", "x-x-big5", "cn-big5": return "BIG5-HKSCS"
        case "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "windows-31j", "cp932": return "CP932"
        case "euc-kr", "ks_c_5601-1987", "windows-949", "cp949": return "CP949"
        case "koi8r": return "KOI8-R"
        default: return name.uppercased()
        }
    }

    /// The `encoding` of an XML declaration at the start of the document.
    static func declaredEncoding(_ data: [UInt8]) -> String? {
        let head = data.prefix(1024)
        guard let start = find(Array("<?xml".utf8), in: head) else { return nil }
        guard let close = find(Array("?>".utf8), in: head[start...]) else { return nil }
        let decl = head[start..<close]
        guard let at = find(Array("encoding".utf8), in: decl) else { return nil }
        var i = at + 8
        while i < decl.endIndex, isSpace(decl[i]) || decl[i] == UInt8(ascii: "=") { i += 1 }
        guard i < decl.endIndex, decl[i] == UInt8(ascii: "\"") || decl[i] == UInt8(ascii: "'") else { return nil }
        let quote = decl[i]
        i += 1
        let valueStart = i
        while i < decl.endIndex, decl[i] != quote { i += 1 }
        let value = String(decoding: decl[valueStart..<i], as: UTF8.self)
        let trimmed = value.trimmingQuotes()
        return trimmed.isEmpty ? nil : trimmed
    }

    private static func find(_ needle: [UInt8], in hay: ArraySlice<UInt8>) -> Int? {
        guard hay.count >= needle.count else { return nil }
        var i = hay.startIndex
        while i + needle.count <= hay.endIndex {
            if hay[i] == needle[0] && hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    private static func utf8OrFallback(_ bytes: ArraySlice<UInt8>, label: String?, warnings: WarningLog, whole: [UInt8]? = nil) -> [UInt8] {
        let scan = UTF8Validation.check(bytes)
        if scan.valid {
            // Control characters before the first "<" are dropped with the junk, so the count only
            // stands when the document starts with markup.
            let startsWithMarkup = bytes.first == UInt8(ascii: "<")
            return cleaned(bytes, warnings: warnings, whole: whole, knownControls: startsWithMarkup ? scan.controls : nil)
        }
        let census = UTF8Validation.census(bytes)
        if census.multibyte > 0 && census.multibyte >= 4 * census.invalid {
            // NOTE: UTF-8 with a few damaged bytes (a cut-off sequence, one pasted Latin-1 character).
            warnings.add("\(census.invalid) bytes not valid in UTF-8 were replaced with U+FFFD")
            return cleaned(Array(String(decoding: bytes, as: UTF8.self).utf8)[...], warnings: warnings)
        }
        // NOTE: a document that claims (or defaults to) UTF-8 but is not is nearly always windows-1252.
        warnings.add("\(label.map { "declared \($0)" } ?? "no encoding declared") but the bytes are not valid UTF-8; read as windows-1252")
        return transcode(bytes, "WINDOWS-1252", warnings: warnings)
    }

    private static func transcode(_ bytes: ArraySlice<UInt8>, _ charset: String, warnings: WarningLog) -> [UInt8] {
        guard let result = Transcoder.toUTF8(bytes, from: charset) else {
            return cleaned(Array(String(decoding: bytes, as: UTF8.self).utf8)[...], warnings: warnings)
        }
        if result.invalid > 0 { warnings.add("\(result.invalid) bytes not valid in \(charset) were replaced with U+FFFD") }
        return cleaned(result.bytes[...], warnings: warnings, whole: result.bytes)
    }

    /// Removes control characters XML forbids (they stop libxml2) and anything before the first `<`
    /// or `{`; valid UTF-8 in, valid UTF-8 out.
    static func cleaned(_ bytes: ArraySlice<UInt8>, warnings: WarningLog, whole: [UInt8]? = nil, knownControls: Int? = nil) -> [UInt8] {
        var start = bytes.startIndex
        while start < bytes.endIndex, bytes[start] != UInt8(ascii: "<") && bytes[start] != UInt8(ascii: "{") && bytes[start] != UInt8(ascii: "[") {
            start += 1
        }
        if start == bytes.endIndex { start = bytes.startIndex }  // not markup at all: leave as it is
        if start > bytes.startIndex {
            let skipped = bytes[bytes.startIndex..<start]
            if skipped.allSatisfy(isSpace) {
                if bytes[start...].starts(with: Array("<?xml".utf8)) {
                    warnings.add("whitespace before the XML declaration removed")
                }
            } else {
                warnings.add("\(skipped.count) bytes of text before the document removed")
            }
        }
        let body = bytes[start...]
        let controls = knownControls ?? UTF8Validation.check(body).controls
        if controls == 0 {
            // The common case: hand the caller's storage back without a copy.
            if let whole, body.startIndex == whole.startIndex && body.endIndex == whole.endIndex { return whole }
            return Array(body)
        }
        warnings.add("\(controls) control characters removed (not allowed in XML)")
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        for b in body where !(b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D) { out.append(b) }
        return out
    }
}

extension String {
    func trimmingQuotes() -> String {
        var s = Substring(self)
        while let f = s.first, f == "\"" || f == "'" || f == " " { s.removeFirst() }
        while let l = s.last, l == "\"" || l == "'" || l == " " { s.removeLast() }
        return String(s)
    }
}
