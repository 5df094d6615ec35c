import Foundation

/// `.aggregate-manifest`: the files the last publish wrote, so that only our own files are ever removed.
enum OutputManifest {
    static let fileName = ".aggregate-manifest"

    private static let header = "# Files written by aggregate in this folder; those no longer produced are removed on the next run.\n"

    static func encode(_ paths: Set<String>) -> Data {
        Data((header + paths.sorted().map { $0 + "\n" }.joined()).utf8)
    }

    /// The listed paths; lines that are not safe relative paths are ignored, never acted on.
    static func decode(_ data: Data?) -> Set<String> {
        guard let data else { return [] }
        let text = String(decoding: data, as: UTF8.self)
        var paths: Set<String> = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let path = String(line)
            if path != fileName, AtomicFileWriter.isSafe(path) { paths.insert(path) }
        }
        return paths
    }
}
