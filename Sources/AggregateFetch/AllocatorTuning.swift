import CCurl

/// Keeps freed body buffers in the process instead of handing them back to the kernel.
///
/// A body of a few hundred KB is above glibc's default mmap threshold: each one was mapped, faulted in
/// page by page and unmapped when freed, and the next body paid the page faults again. Measured on
/// 1,000 bodies of 200 KB from 127.0.0.1 this was up to half of the fetch time. `aggregate` is a
/// short-lived command, so keeping up to 256 MB of freed heap until it exits costs nothing.
enum AllocatorTuning {
    static let applied: Bool = {
        acurl_keep_freed_memory(32 << 20, 256 << 20)
        return true
    }()
}
