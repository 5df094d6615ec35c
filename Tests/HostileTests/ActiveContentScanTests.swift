import AggregateTestSupport
import Testing

/// The scan the other tests rely on finds what it must: a scan that passes everything proves nothing.
@Suite struct ActiveContentScanTests {
    /// Payloads that are inert as written (escaped quotes and brackets inside attribute values).
    static let inert: Set<String> = [
        "<a href=\"https://ok.example.com/\"><img src=\"https://ok.example.com/b.png\" alt=\"&quot; onerror=&quot;alert(1)\"></a>",
        "<p title=\"&lt;/p&gt;&lt;img src=x onerror=alert(1)&gt;\">quoted</p>",
    ]

    @Test(arguments: ContentInjectionTests.payloads)
    func everyRawPayloadIsFound(payload: String) {
        let findings = ActiveContentScan.findings(inHTML: payload)
        if Self.inert.contains(payload) {
            #expect(findings.isEmpty, "\(findings)")
        } else {
            #expect(!findings.isEmpty, "nothing found in \(payload)")
        }
    }

    @Test func cleanHTMLAndPagesPass() {
        #expect(ActiveContentScan.findings(inHTML: "<p>Rates <a href=\"https://x.example.com/a?b=1&amp;c=2\">held</a> &lt;script&gt;</p><img src=\"https://x.example.com/i.png\" alt=\"\">").isEmpty)
        let page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><link rel=\"stylesheet\" href=\"style.css\"><title>a &lt; b</title></head><body><p>x</p></body></html>"
        #expect(ActiveContentScan.findings(inHTML: page, page: true).isEmpty)
        #expect(!ActiveContentScan.findings(inHTML: page).isEmpty, "a fragment has no <meta> or <link>")
    }

    @Test(arguments: ["javascript:alert(1)", " JavaScript:x", "vbscript:x", "data:text/html,x", "/relative", "ftp://x.example.com/", ""])
    func onlyHTTPLinksPass(link: String) {
        #expect(!ActiveContentScan.findings(inLink: link).isEmpty)
    }

    @Test func httpLinksPass() {
        #expect(ActiveContentScan.findings(inLink: "https://x.example.com/a").isEmpty)
        #expect(ActiveContentScan.findings(inLink: "http://x.example.com/").isEmpty)
    }
}
