import Foundation

/// Headlines reduced to what two publishers of the same story share.
public enum TitleNormalizer {
    /// Separators before a publisher's name at the end of a headline.
    static let suffixSeparators = [" - ", " | ", " – ", " — ", " :: ", " · "]

    /// Removes a trailing publisher name (`… - Xinhua`, `… | Al Jazeera`, `… – Sport`), when it is short.
    public static func removingPublisherSuffix(_ title: String) -> String {
        var best: Range<String.Index>?
        for separator in suffixSeparators {
            if let range = title.range(of: separator, options: .backwards), best == nil || range.lowerBound > best!.lowerBound {
                best = range
            }
        }
        guard let separator = best else { return title }
        let head = title[..<separator.lowerBound]
        let tail = title[separator.upperBound...]
        let tailWords = tail.split(whereSeparator: \.isWhitespace).count
        // Han or Kana headlines have no spaces: count two characters as a word.
        let headWords = head.unicodeScalars.contains(where: isUnspacedScript)
            ? head.count / 2 : head.split(whereSeparator: \.isWhitespace).count
        // NOTE: only a short tail after a longer head is a publisher; "Trump - Xi summit" keeps both sides.
        guard tailWords >= 1, tailWords <= 4, tail.count <= 32, headWords >= 3 else { return title }
        return String(head)
    }

    /// Publisher suffix removed; case, diacritics, punctuation and whitespace folded.
    public static func normalize(_ title: String) -> String {
        let stripped = removingPublisherSuffix(title)
        let folded = stripped.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var out = ""
        out.reserveCapacity(folded.utf8.count)
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            let keep = CharacterSet.alphanumerics.contains(scalar)
            if keep {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            } else if scalar == "'" || scalar == "’" {
                continue  // "China's" and "Chinas" are one word
            } else {
                pendingSpace = true
            }
        }
        return out
    }

    /// Words of a normalized title; runs of Han, Kana, Hangul or Thai become character pairs, as they have no spaces.
    public static func words(ofNormalized title: String) -> [String] {
        var result: [String] = []
        for word in title.split(separator: " ") {
            let scalars = Array(word.unicodeScalars)
            if scalars.contains(where: isUnspacedScript), scalars.count > 2 {
                for index in 0..<(scalars.count - 1) {
                    var pair = String.UnicodeScalarView()
                    pair.append(scalars[index])
                    pair.append(scalars[index + 1])
                    result.append(String(pair))
                }
            } else {
                result.append(String(word))
            }
        }
        return result
    }

    /// Words worth indexing to find candidates: the distinctive ones.
    public static func indexWords(ofNormalized title: String) -> [String] {
        let all = words(ofNormalized: title)
        let long = all.filter { $0.count >= 4 || $0.unicodeScalars.contains(where: isUnspacedScript) }
        return Array(Set(long.isEmpty ? all : long)).sorted()
    }

    static func isUnspacedScript(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0x0E00...0x0E7F, 0xF900...0xFAFF: true
        default: false
        }
    }
}
