import AggregateTestSupport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Checks an output folder the strict way a hostile-input test needs: every file valid UTF-8, every XML
/// file well-formed for `xmllint`, every JSON file parseable, and nothing executable in any of them
/// (HTML pages scanned whole, the HTML carried inside feeds scanned as fragments, links http(s) only).
enum OutputValidation {
    /// One line per problem, `FILE: problem`; empty when the folder is sound.
    static func problems(in folder: URL) throws -> [String] {
        var problems: [String] = []
        let manager = FileManager.default
        var xmlFiles: [String] = []
        for name in try manager.subpathsOfDirectory(atPath: folder.path).sorted() {
            let path = folder.appendingPathComponent(name).path
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            // A killed run's temporary files are not outputs (the next run removes them).
            if (name as NSString).lastPathComponent.hasPrefix("."), name.contains(".tmp-") { continue }
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard let text = String(validatingUTF8Bytes: data) else {
                problems.append("\(name): not valid UTF-8")
                continue
            }
            if text.contains("\u{0}") { problems.append("\(name): NUL character") }
            switch (name as NSString).pathExtension {
            case "xml", "atom", "opml":
                xmlFiles.append(path)
                problems += feedProblems(data).map { "\(name): \($0)" }
            case "json":
                problems += jsonProblems(data).map { "\(name): \($0)" }
            case "html":
                problems += ActiveContentScan.findings(inHTML: text, page: true).map { "\(name): \($0)" }
            default:
                break
            }
        }
        problems += try xmllint(xmlFiles)
        var seen = Set<String>()
        return problems.filter { seen.insert($0).inserted }
    }

    /// `xmllint --noout --nonet` over the files (one process for all).
    static func xmllint(_ paths: [String]) throws -> [String] {
        guard !paths.isEmpty else { return [] }
        let run = try ProgramRun(URL(fileURLWithPath: "/usr/bin/xmllint"), ["--noout", "--nonet"] + paths, limit: 60)
        guard run.status == 0 else { return ["xmllint: \(run.standardError.prefix(2000))"] }
        return []
    }

    /// Text and attributes of an XML feed: HTML-bearing elements scanned as fragments, links http(s) only.
    static func feedProblems(_ data: Data) -> [String] {
        let collector = FeedCollector()
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = collector
        if !parser.parse() {
            return ["not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?")"]
        }
        return collector.problems
    }

    static func jsonProblems(_ data: Data) -> [String] {
        let value: Any
        do { value = try JSONSerialization.jsonObject(with: data) } catch { return ["not valid JSON: \(error)"] }
        var problems: [String] = []
        func walk(_ value: Any, key: String) {
            if let object = value as? [String: Any] {
                for (k, v) in object { walk(v, key: k) }
            } else if let array = value as? [Any] {
                for v in array { walk(v, key: key) }
            } else if let string = value as? String {
                // (JSON Feed's `summary` and `content_text` are plain text by the spec.)
                if key == "content_html" || key == "description" {
                    problems += ActiveContentScan.findings(inHTML: string).map { "\(key): \($0)" }
                }
                if key == "url" || key == "external_url" {
                    problems += ActiveContentScan.findings(inLink: string).map { "\(key): \($0)" }
                }
                if key == "title", string.contains("<") && string.lowercased().contains("script") {
                    problems.append("title carries markup: \(string.prefix(80))")
                }
            }
        }
        walk(value, key: "")
        return problems
    }

    private final class FeedCollector: NSObject, XMLParserDelegate {
        var problems: [String] = []
        private var stack: [String] = []
        private var text = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            stack.append(name)
            text = ""
            let local = name.split(separator: ":").last.map(String.init) ?? name
            for (attribute, value) in attributes where attribute == "href" || attribute == "url" || attribute == "xmlUrl" || attribute == "htmlUrl" {
                // Atom links, RSS <source url>, <enclosure url>, OPML outlines: http(s) only.
                problems += ActiveContentScan.findings(inLink: value).map { "<\(local) \(attribute)>: \($0)" }
            }
            for (attribute, value) in attributes where attribute.lowercased().hasPrefix("on") {
                problems.append("<\(local) \(attribute)=\(value.prefix(40))>")
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
        func parser(_ parser: XMLParser, foundCDATA block: Data) { text += String(decoding: block, as: UTF8.self) }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            let local = name.split(separator: ":").last.map(String.init) ?? name
            let parent = stack.dropLast().last ?? ""
            switch local {
            case "description", "content", "summary", "encoded", "subtitle":
                problems += ActiveContentScan.findings(inHTML: text).map { "<\(local)>: \($0)" }
            case "link" where name == "link" && (parent == "item" || parent == "channel"):
                problems += ActiveContentScan.findings(inLink: text.trimmingCharacters(in: .whitespacesAndNewlines)).map { "<link>: \($0)" }
            case "title" where ["item", "entry", "channel", "feed"].contains(parent):
                // (The operator's own names, in <source><title>, are plain text written by a trusted hand.)
                // Plain text: a title with tags in it would run in readers that show titles as HTML.
                if !ActiveContentScan.findings(inHTML: text).isEmpty {
                    problems.append("<title> carries markup: \(text.prefix(80))")
                }
            default:
                break
            }
            stack.removeLast()
            text = ""
        }
    }
}

extension String {
    /// The bytes as a String when they are valid UTF-8, else nil.
    init?(validatingUTF8Bytes data: Data) {
        var iterator = data.makeIterator()
        var decoder = UTF8()
        var out = String.UnicodeScalarView()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): out.append(scalar)
            case .emptyInput: break loop
            case .error: return nil
            }
        }
        self = String(out)
    }
}
