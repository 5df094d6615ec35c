internal import CXMLShim

/// What a walk over libxml2's HTML parser events does.
protocol HTMLEventSink: AnyObject {
    /// `attributes` as (lower-case name, value) in document order.
    func start(_ name: String, _ attributes: [(String, String)])
    func end(_ name: String)
    func text(_ bytes: UnsafeBufferPointer<UInt8>)
}

/// Runs libxml2's recovering HTML parser over UTF-8 bytes, without building a tree.
enum HTMLStream {
    private final class Box {
        let sink: HTMLEventSink
        var names: [UnsafeRawPointer: String] = [:]
        init(_ sink: HTMLEventSink) { self.sink = sink }

        func name(_ p: UnsafePointer<CChar>) -> String {
            let key = UnsafeRawPointer(p)
            if let known = names[key] { return known }
            let value = String(cString: p).lowercased()
            names[key] = value
            return value
        }
    }

    static func parse(_ bytes: [UInt8], into sink: HTMLEventSink) {
        let box = Box(sink)
        var callbacks = axml_html_callbacks(
            start: { ctx, name, attrs in
                let box = Unmanaged<Box>.fromOpaque(ctx!).takeUnretainedValue()
                var list: [(String, String)] = []
                if let attrs {
                    var i = 0
                    while let attributeName = attrs[i] {
                        let value = attrs[i + 1].map { String(cString: $0) } ?? ""
                        list.append((box.name(attributeName), value))
                        i += 2
                    }
                }
                box.sink.start(box.name(name!), list)
            },
            end: { ctx, name in
                let box = Unmanaged<Box>.fromOpaque(ctx!).takeUnretainedValue()
                box.sink.end(box.name(name!))
            },
            text: { ctx, bytes, length in
                let box = Unmanaged<Box>.fromOpaque(ctx!).takeUnretainedValue()
                bytes!.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
                    box.sink.text(UnsafeBufferPointer(start: $0, count: Int(length)))
                }
            }
        )
        let context = Unmanaged.passUnretained(box).toOpaque()
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                _ = axml_html_parse(chars.baseAddress, Int32(chars.count), &callbacks, context)
            }
        }
        withExtendedLifetime(box) {}
    }
}
