import Foundation

/// Hostile XML documents, generated at run time (the big ones are never committed).
enum XMLBombs {
    /// Ten levels of ten references each: 10^9 copies of "lol" if entities were expanded.
    static func billionLaughs() -> [UInt8] {
        var dtd = "<!DOCTYPE rss [\n<!ENTITY lol0 \"lol\">\n"
        for level in 1...9 {
            dtd += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">\n"
        }
        dtd += "]>\n"
        return Array(FeedText.rss(title: "Laughs &lol9;", items: FeedText.item(1, host: "laughs.example.com", title: "Laugh &lol9;", description: "&lol9;"), prolog: dtd).utf8)
    }

    /// One 100 KB entity referenced 50,000 times: 5 GB if expanded (the "quadratic blow-up").
    static func quadraticBlowup() -> [UInt8] {
        let big = String(repeating: "a", count: 100_000)
        let references = String(repeating: "&big;", count: 50_000)
        let dtd = "<!DOCTYPE rss [<!ENTITY big \"\(big)\">]>\n"
        return Array(FeedText.rss(items: FeedText.item(1, host: "quadratic.example.com", title: "Quadratic", description: references), prolog: dtd).utf8)
    }

    /// External entities, an external DTD and parameter entities pointing at a file and at `probe`.
    static func externalEntities(secretFile: String, probe: String) -> [UInt8] {
        let dtd = """
            <!DOCTYPE rss SYSTEM "\(probe)/external.dtd" [
            <!ENTITY secret SYSTEM "file://\(secretFile)">
            <!ENTITY remote SYSTEM "\(probe)/entity">
            <!ENTITY % parameter SYSTEM "\(probe)/parameter">
            %parameter;
            ]>

            """
        return Array(FeedText.rss(
            title: "XXE &secret;",
            items: FeedText.item(1, host: "xxe.example.com", title: "Secret &secret; remote &remote;", description: "&secret; &remote;"),
            prolog: dtd).utf8)
    }

    /// XInclude of a local file and of a URL, in the channel and inside an item.
    static func xinclude(secretFile: String, probe: String) -> [UInt8] {
        let include = """
            <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file://\(secretFile)" parse="text"/>\
            <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="\(probe)/xinclude" parse="xml"/>
            """
        let item = """
            <item><title>Included <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file://\(secretFile)" parse="text"/></title>\
            <link>https://xinclude.example.com/1</link><guid>https://xinclude.example.com/1</guid>\
            <pubDate>20 Nov 2026 10:00:00 +0000</pubDate><description>\(include)</description></item>
            """
        return Array(FeedText.rss(items: include + item).utf8)
    }

    /// `depth` nested elements inside an item, then a normal item after them.
    static func deepNesting(depth: Int) -> [UInt8] {
        var text = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Deep</title><link>https://deep.example.com/</link>"
        text += FeedText.item(1, host: "deep.example.com", title: "Before the pit")
        text += "<item><title>Pit</title><description>"
        text.reserveCapacity(text.utf8.count + depth * 8)
        text += String(repeating: "<d>", count: depth)
        text += "bottom"
        text += String(repeating: "</d>", count: depth)
        text += "</description></item>"
        text += FeedText.item(2, host: "deep.example.com", title: "After the pit")
        text += "</channel></rss>"
        return Array(text.utf8)
    }

    /// `depth` nested HTML elements escaped inside a description: the sanitizer's turn.
    static func deepEscapedHTML(depth: Int) -> [UInt8] {
        var html = String(repeating: "&lt;div&gt;", count: depth) + "bottom" + String(repeating: "&lt;/div&gt;", count: depth)
        html.reserveCapacity(0)
        return Array(FeedText.rss(items: FeedText.item(1, host: "deephtml.example.com", title: "Deep HTML", description: html)).utf8)
    }

    /// An item whose link element carries an attribute of `megabytes` MB, and an ordinary item after it.
    static func hugeAttribute(megabytes: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(megabytes << 20 + 4096)
        bytes += Array("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Huge</title><link>https://huge.example.com/</link>".utf8)
        bytes += Array(FeedText.item(1, host: "huge.example.com", title: "Before the attribute").utf8)
        bytes += Array("<item><title>Attribute</title><guid>https://huge.example.com/attr</guid><enclosure type=\"audio/mpeg\" url=\"https://huge.example.com/".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "a"), count: megabytes << 20)
        bytes += Array("\"/></item>".utf8)
        bytes += Array(FeedText.item(2, host: "huge.example.com", title: "After the attribute").utf8)
        bytes += Array("</channel></rss>".utf8)
        return bytes
    }

    /// A channel of `count` small items.
    static func manyItems(_ count: Int) -> [UInt8] {
        var bytes: [UInt8] = Array("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Flood</title><link>https://flood.example.com/</link>\n".utf8)
        bytes.reserveCapacity(count * 120)
        for n in 0..<count {
            bytes += Array("<item><title>Flood \(n)</title><link>https://flood.example.com/\(n)</link><guid>f\(n)</guid></item>\n".utf8)
        }
        bytes += Array("</channel></rss>".utf8)
        return bytes
    }
}
