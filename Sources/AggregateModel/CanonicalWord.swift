#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A String that hashes and compares as Swift's Strings do (canonical equivalence), by its bytes.
///
/// Hashing a String that is not ASCII normalizes it every time (~1,100 instructions a word), and comparing two
/// different ones normalizes both (at every probe of a Dictionary slot another word holds): at 1,000 feeds that
/// was a tenth of a cold run's merging thread, in the title index's word numbers and the headline word sets.
/// Here the text is put in NFC once, when made: nothing to do for ASCII or `InertScalars` (already in NFC), and
/// Swift's own NFC otherwise, the form its String equality compares. Equal NFC bytes are then equal Strings.
/// The bytes are hashed once too: a Dictionary probe compares the hashes before the bytes.
public struct CanonicalWord: Hashable, Sendable {
    /// `text` in NFC.
    public let nfc: String
    private let hash: Int

    public init(_ text: String) {
        // On the text's own bytes where it has them: a copy of it to lend them (`withUTF8` wants a variable) was a
        // retain and a release a word, seven words a headline.
        let ascii = text.utf8.withContiguousStorageIfAvailable { $0.allSatisfy { $0 < 0x80 } } ?? text.utf8.allSatisfy { $0 < 0x80 }
        // `_nfcCodeUnits` is the standard library's own NFC (public, underscored: no other API gives the form String
        // equality uses; Foundation's normalization may follow another Unicode version). The tests pin its answers.
        nfc = ascii || InertScalars.all(text) ? text : String(decoding: text._nfcCodeUnits, as: UTF8.self)
        hash = nfc.utf8.withContiguousStorageIfAvailable(Self.hash) ?? Self.hash(Array(nfc.utf8))
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        return hasher.finalize()
    }

    private static func hash(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer(hash)
    }

    /// The hash made with the word: the same for equal words within a process (seeded as `Hasher` is).
    public var hashBits: Int { hash }

    public func hash(into hasher: inout Hasher) { hasher.combine(hash) }

    public static func == (a: CanonicalWord, b: CanonicalWord) -> Bool {
        guard a.hash == b.hash, a.nfc.utf8.count == b.nfc.utf8.count else { return false }
        // On the Strings' own bytes: copies of them to lend their bytes (`withUTF8` wants a variable) were two
        // retains and releases a comparison, and the title index compares a word at every look-up.
        let lent = a.nfc.utf8.withContiguousStorageIfAvailable { p in
            b.nfc.utf8.withContiguousStorageIfAvailable { q in p.isEmpty || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0 }
        }
        if let equal = lent ?? nil { return equal }
        return a.nfc.utf8.elementsEqual(b.nfc.utf8)
    }
}
