#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole files read into, and bytes written from, `[UInt8]` with plain read(2)/write(2).
/// NOTE: `parse` reads and prints about as many bytes as its inputs hold (200 MB for the benchmark);
/// through `Data` each went through one more copy both ways.
enum FileBytes {
    /// The bytes of the regular file at `path`, or nil when it cannot be opened or read (missing, a
    /// folder) or is not a regular file (a pipe or device: refused, as `FileManager.contents` refuses them).
    static func contents(atPath path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let expected = max(0, Int(info.st_size))
        // One byte more than the size: a short read then says the end is reached. A file larger than
        // it said (growing, or with no size) is read on to its end.
        let capacity = expected + 1
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            count = 0
            while count < buffer.count {
                let n = read(fd, buffer.baseAddress! + count, buffer.count - count)
                if n < 0 {
                    if errno == EINTR { continue }
                    failed = true
                    return
                }
                if n == 0 { return }
                count += n
            }
        }
        if failed { return nil }
        if bytes.count < capacity { return bytes }
        guard let rest = readToEnd(fd) else { return nil }
        return bytes + rest
    }

    private static func readToEnd(_ fd: Int32) -> [UInt8]? {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { return out }
            out.append(contentsOf: chunk[..<n])
        }
    }

    /// Writes all of `bytes` to `fd` (standard output: 1); stops at the first error other than EINTR.
    static func writeAll(_ bytes: [UInt8], to fd: Int32) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += n
            }
        }
    }
}
