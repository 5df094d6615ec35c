import Foundation

/// Scalars that are their own canonical decomposition, with combining class 0, that are no mark and no Hangul
/// jamo: a string made only of them is its own NFD and each of its scalars is a grapheme cluster of its own.
/// Two such strings are canonically equivalent (equal as Swift Strings) exactly when their bytes are equal.
///
/// Answers are computed with Foundation's decomposition for each BMP scalar when first asked, and kept: a
/// block of 256 at a time was 100 M instructions at 250 feeds, for the few scalars of each block headlines hold.
public enum InertScalars {
    private static let memo = ScalarMemo(isInert)

    /// Whether every scalar of `text` is ASCII or inert.
    public static func all(_ text: String) -> Bool {
        memo.withAnswers { isInert in
            text.unicodeScalars.allSatisfy { $0.value < 0x80 || isInert($0) }
        }
    }

    private static func isInert(_ scalar: Unicode.Scalar) -> Bool {
        guard combinesWithNothing(scalar) else { return false }
        // Hangul syllables decompose (algorithmically). Thai and Lao hold letters that join the previous
        // character's cluster (SARA AM), Malayalam one that joins the next (dot reph): a cluster of more than one
        // scalar, which `Character` would see.
        switch scalar.value {
        case 0xAC00...0xD7A3, 0x0E00...0x0EFF, 0x0D4E: return false
        default: break
        }
        let decomposed = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
        return decomposed.count == 1 && decomposed.first == scalar
    }

    /// A BMP scalar that is no mark, control, format or unassigned character, of combining class 0, and neither a
    /// Hangul jamo (jamo combine into syllables) nor one of the two halfwidth Katakana sound marks.
    public static func combinesWithNothing(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.value < 0x10000 else { return false }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .control, .format, .surrogate, .unassigned, .privateUse: return false
        default: break
        }
        guard properties.canonicalCombiningClass == .notReordered else { return false }
        switch scalar.value {
        case 0x1100...0x11FF, 0xA960...0xA97F, 0xD7B0...0xD7FF, 0x3131...0x318E, 0xFF9E...0xFF9F: return false
        default: return true
        }
    }
}
