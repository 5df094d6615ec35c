/// Collects the warnings of one parse, without repeating a message and without growing unbounded.
final class WarningLog {
    private(set) var messages: [String] = []
    private var seen: Set<String> = []
    private var dropped = 0
    /// NOTE: a broken feed can produce thousands of identical recoveries; a handful tells the story.
    private let limit = 20

    func add(_ raw: String) {
        // One line per warning: libxml2 messages sometimes quote the document after a newline.
        let message = raw.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).first.map(String.init) ?? raw
        guard messages.count < limit else {
            dropped += 1
            return
        }
        if seen.insert(message).inserted { messages.append(message) }
    }

    /// The warnings, with a closing count of those left out.
    var all: [String] {
        dropped == 0 ? messages : messages + ["\(dropped) more problems not listed"]
    }
}
