import AggregateModel
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the last publish was made from and what it left on disk, so that a run with nothing new skips
/// rendering (most runs from cron: rendering every page and feed was 40% of a run with nothing changed).
///
/// A publish is skipped only when the digest of its input and theme is the recorded one and every output
/// the record names still has the size and modification time recorded: a file deleted, edited or left
/// half-written by a killed run makes the next run render and write again. The record is kept with the
/// run's other state (the cache folder), not among the published files.
struct PublishRecord: Equatable {
    /// Size and modification time (nanoseconds) of a file, or of a folder (whose time changes when an entry
    /// is added, removed or renamed).
    struct Stamp: Equatable {
        let size: Int64
        let modified: Int64

        /// A line of the record (and of the theme's part of the digest): size, time, path.
        func line(_ path: String) -> String { "\(size) \(modified) \(path)\n" }
    }

    let digest: String
    /// By path relative to the output folder.
    let stamps: [String: Stamp]

    private static let header = "# What the last publish was made from; remove this file to have the next run render everything.\n"

    static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG || (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
        #if canImport(Darwin)
        let modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
        return Stamp(size: Int64(info.st_size), modified: modified)
    }

    /// The record of the outputs `paths` (relative to `root`) as they are now; nil when one is missing.
    static func current(digest: String, root: String, paths: [String]) -> PublishRecord? {
        var stamps: [String: Stamp] = [:]
        for path in paths {
            guard let stamp = stamp(root + "/" + path) else { return nil }
            stamps[path] = stamp
        }
        return PublishRecord(digest: digest, stamps: stamps)
    }

    /// True when every recorded output under `root` is as recorded.
    func isIntact(root: String) -> Bool {
        stamps.allSatisfy { path, stamp in Self.stamp(root + "/" + path) == stamp }
    }

    /// `inputDigest` with the theme's folders and files (paths, sizes, times) folded in.
    static func digest(inputDigest: String, themePaths: [String]) -> String? {
        var text = inputDigest + "\n"
        for path in themePaths {
            guard let stamp = stamp(path) else { return nil }
            text += stamp.line(path)
        }
        return StableHash.hex(text)
    }

    /// Written whole or not at all.
    func save(to file: String) throws(PublishError) {
        do { try encode().write(to: URL(fileURLWithPath: file), options: .atomic) } catch {
            throw .writeFailed(path: file, reason: error.localizedDescription)
        }
    }

    static func remove(_ file: String) throws(PublishError) {
        guard unlink(file) == 0 || errno == ENOENT else {
            throw .removeFailed(path: file, reason: String(cString: strerror(errno)))
        }
    }

    func encode() -> Data {
        var text = Self.header + "digest " + digest + "\n"
        // Output paths are checked safe (no space or newline in them).
        for path in stamps.keys.sorted() { text += stamps[path]!.line(path) }
        return Data(text.utf8)
    }

    static func decode(_ data: Data?) -> PublishRecord? {
        guard let data else { return nil }
        var digest: String?
        var stamps: [String: Stamp] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
            if line.hasPrefix("digest ") {
                digest = String(line.dropFirst("digest ".count))
                continue
            }
            let fields = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3, let size = Int64(fields[0]), let modified = Int64(fields[1]),
                  AtomicFileWriter.isSafe(String(fields[2])) else { return nil }
            stamps[String(fields[2])] = Stamp(size: size, modified: modified)
        }
        guard let digest, !digest.isEmpty else { return nil }
        return PublishRecord(digest: digest, stamps: stamps)
    }
}

/// Where a publish keeps its `PublishRecord`, and the digest of its input: everything the outputs are made
/// from but the theme (the items, the configuration, the program). Equal digests must mean equal outputs.
public struct PublishMemo: Sendable {
    public let inputDigest: String
    /// Absolute path of the record file.
    public let file: String

    public init(inputDigest: String, file: String) {
        self.inputDigest = inputDigest
        self.file = file
    }
}
