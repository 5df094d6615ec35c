internal import CXMLShim

/// What a walk over libxml2's HTML parser events does. Names come as libxml2's lower-case C strings;
/// `attributes` is NULL or name, value, name, value, ..., NULL (a value may be NULL).
protocol HTMLEventSink: AnyObject {
    func start(_ name: UnsafePointer<CChar>, _ attributes: UnsafePointer<UnsafePointer<CChar>?>?)
    func end(_ name: UnsafePointer<CChar>)
    func text(_ bytes: UnsafeBufferPointer<UInt8>)
}

/// Up to 16 bytes of a name packed into two words: a hashable key made without allocating.
struct PackedName: Hashable {
    let low: UInt64
    let high: UInt64

    init?(_ p: UnsafePointer<CChar>) {
        var low: UInt64 = 0, high: UInt64 = 0
        var i = 0
        while true {
            let c = UInt8(bitPattern: p[i])
            if c == 0 { break }
            if i == 16 { return nil }
            if i < 8 { low |= UInt64(c) << (8 * UInt64(i)) } else { high |= UInt64(c) << (8 * UInt64(i - 8)) }
            i += 1
        }
        self.low = low
        self.high = high
    }

    init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    init?(_ s: String) {
        guard let key = s.withCString({ PackedName($0) }) else { return nil }
        self = key
    }
}

/// Runs libxml2's recovering HTML parser over UTF-8 bytes, without building a tree.
enum HTMLStream {
    private final class Box {
        let sink: HTMLEventSink
        init(_ sink: HTMLEventSink) { self.sink = sink }
    }

    static func parse(_ bytes: [UInt8], into sink: HTMLEventSink) {
        var callbacks = axml_html_callbacks(
            start: { ctx, name, attrs in
                Unmanaged<Box>.fromOpaque(ctx!).takeUnretainedValue().sink.start(name!, UnsafePointer(attrs))
            },
            end: { ctx, name in
                Unmanaged<Box>.fromOpaque(ctx!).takeUnretainedValue().sink.end(name!)
            },
            text: { ctx, bytes, length in
                let sink = Unmanaged<Box>.fromOpaque(ctx!).takeUnretainedValue().sink
                bytes!.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
                    sink.text(UnsafeBufferPointer(start: $0, count: Int(length)))
                }
            }
        )
        let box = Box(sink)
        let context = Unmanaged.passUnretained(box).toOpaque()
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                _ = axml_html_parse(chars.baseAddress, Int32(chars.count), &callbacks, context)
            }
        }
        withExtendedLifetime(box) {}
    }

    /// The attributes as Swift strings, for sinks that need few of them.
    static func attributes(_ attrs: UnsafePointer<UnsafePointer<CChar>?>?) -> [(String, String)] {
        guard let attrs else { return [] }
        var list: [(String, String)] = []
        var i = 0
        while let name = attrs[i] {
            list.append((String(cString: name), attrs[i + 1].map { String(cString: $0) } ?? ""))
            i += 2
        }
        return list
    }
}

