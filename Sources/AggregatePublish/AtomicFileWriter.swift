import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The only code that touches the output folder: atomic replace, no rewrite of identical bytes,
/// nothing outside the folder.
struct AtomicFileWriter {
    /// Absolute path of the output folder, symbolic links resolved.
    let root: String

    /// Creates the folder when missing and checks that it can be written.
    init(outputDirectory: String) throws(PublishError) {
        guard outputDirectory.hasPrefix("/") else {
            throw .outputDirectoryUnusable(path: outputDirectory, reason: "the path is not absolute")
        }
        do {
            try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        } catch {
            throw .outputDirectoryUnusable(path: outputDirectory, reason: Self.reason(error))
        }
        guard let resolved = realpath(outputDirectory, nil) else {
            throw .outputDirectoryUnusable(path: outputDirectory, reason: String(cString: strerror(errno)))
        }
        root = String(cString: resolved)
        free(resolved)
        guard access(root, W_OK | X_OK) == 0 else {
            throw .outputDirectoryUnusable(path: root, reason: String(cString: strerror(errno)))
        }
    }

    /// True when `relativePath` is a plain path below the folder: components of `[A-Za-z0-9._-]`, no `.` or `..`.
    static func isSafe(_ relativePath: String) -> Bool {
        guard !relativePath.isEmpty, !relativePath.hasPrefix("/") else { return false }
        let components = relativePath.split(separator: "/", omittingEmptySubsequences: false)
        for component in components {
            guard !component.isEmpty, component != ".", component != ".." else { return false }
            guard component.unicodeScalars.allSatisfy({ scalar in
                switch scalar {
                case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-": return true
                default: return false
                }
            }) else { return false }
        }
        return true
    }

    /// The absolute path of a file of the folder, after checking that it stays inside.
    func path(_ relativePath: String) throws(PublishError) -> String {
        guard Self.isSafe(relativePath) else { throw .pathOutsideOutput(path: relativePath) }
        return root + "/" + relativePath
    }

    /// The file's bytes, or nil when it does not exist or cannot be read.
    func contents(_ relativePath: String) throws(PublishError) -> Data? {
        FileManager.default.contents(atPath: try path(relativePath))
    }

    /// Writes `data` unless the file already holds exactly these bytes; returns true when it wrote.
    @discardableResult
    func write(_ data: Data, to relativePath: String) throws(PublishError) -> Bool {
        guard let staged = try stage(data, to: relativePath) else { return false }
        try commit(staged)
        syncDirectory(staged.folder)
        return true
    }

    /// A file written and synced under its temporary name, waiting for `commit` to take its place.
    struct StagedFile {
        let temporary: String
        let target: String
        let folder: String
    }

    /// Writes `data` to a temporary file beside `relativePath` and syncs it; nil when the file already holds
    /// exactly these bytes. Nothing visible changes until `commit`.
    func stage(_ data: Data, to relativePath: String) throws(PublishError) -> StagedFile? {
        let target = try path(relativePath)
        let folder = (target as NSString).deletingLastPathComponent
        if folder != root {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw .writeFailed(path: target, reason: Self.reason(error))
            }
        }
        try checkInside(folder: folder, for: target)
        var info = stat()
        // A folder where a file must go would only fail at the rename, after other files were replaced.
        if lstat(target, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw .writeFailed(path: target, reason: "a folder is in the way (move it out of the output folder)")
        }
        // No churn: identical bytes keep the file, its mtime and the web server's ETag.
        if let existing = FileManager.default.contents(atPath: target), existing == data {
            return nil
        }
        let name = (target as NSString).lastPathComponent
        let temporary = folder + "/" + Self.temporaryName(for: name)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .writeFailed(path: target, reason: String(cString: strerror(errno))) }
        var failure: String?
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = posixWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw .writeFailed(path: target, reason: failure)
        }
        return StagedFile(temporary: temporary, target: target, folder: folder)
    }

    /// Puts a staged file in place (an atomic rename); the caller syncs the folder.
    func commit(_ staged: StagedFile) throws(PublishError) {
        guard rename(staged.temporary, staged.target) == 0 else {
            let failure = String(cString: strerror(errno))
            unlink(staged.temporary)
            throw .writeFailed(path: staged.target, reason: failure)
        }
    }

    /// Deletes staged files that will not be committed.
    func discard(_ staged: [StagedFile]) {
        for file in staged { unlink(file.temporary) }
    }

    /// Removes a file written by an earlier publish; returns false when it was already gone.
    @discardableResult
    func remove(_ relativePath: String) throws(PublishError) -> Bool {
        let target = try path(relativePath)
        try checkInside(folder: (target as NSString).deletingLastPathComponent, for: target)
        var info = stat()
        guard lstat(target, &info) == 0 else { return false }
        // Only regular files: a folder or link someone put there is not ours to delete.
        guard (info.st_mode & S_IFMT) == S_IFREG else { return false }
        guard unlink(target) == 0 else {
            if errno == ENOENT { return false }
            throw .removeFailed(path: target, reason: String(cString: strerror(errno)))
        }
        return true
    }

    /// `.NAME.tmp-PID-RANDOM`: hidden, and recognisable by `removeStaleTemporaries`.
    static func temporaryName(for name: String) -> String {
        ".\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    static func isTemporaryName(_ name: String) -> Bool {
        guard name.hasPrefix("."), let marker = name.range(of: ".tmp-", options: .backwards) else { return false }
        let parts = name[marker.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    /// Deletes temporary files a killed run left in the folder or in `subfolders`.
    func removeStaleTemporaries(in subfolders: [String]) {
        for folder in [root] + subfolders.compactMap({ try? path($0) }) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for name in names where Self.isTemporaryName(name) {
                var info = stat()
                if lstat(folder + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
                    unlink(folder + "/" + name)
                }
            }
        }
    }

    /// Removes a sub-folder left empty by `remove`; a folder with anything in it stays.
    func removeFolderIfEmpty(_ relativePath: String) {
        guard let target = try? path(relativePath) else { return }
        var info = stat()
        guard lstat(target, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return }
        rmdir(target)  // fails, harmlessly, unless empty
    }

    /// A sub-folder that is a symbolic link could lead out of the output folder: refuse it.
    private func checkInside(folder: String, for target: String) throws(PublishError) {
        guard folder != root else { return }
        guard let resolved = realpath(folder, nil) else { return }
        defer { free(resolved) }
        let real = String(cString: resolved)
        guard real == root || real.hasPrefix(root + "/") else { throw .pathOutsideOutput(path: target) }
    }

    /// Makes the rename itself durable.
    func syncDirectory(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.write(fd, buffer, count)
        #else
        return Darwin.write(fd, buffer, count)
        #endif
    }

    private static func reason(_ error: Error) -> String {
        if let error = error as? CocoaError, let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return error.localizedDescription
    }
}
