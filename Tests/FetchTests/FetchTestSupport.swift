import AggregateFetch
import AggregateModel
import AggregateTestSupport
import Foundation

/// Settings for tests: the test server is on 127.0.0.1, so private networks are allowed unless said otherwise.
func testSettings(
    timeout: TimeInterval = 10, maxBytes: Int = 16 << 20, concurrency: Int = 16, perHost: Int = 2,
    allowPrivateNetworks: Bool = true
) -> FetchSettings {
    FetchSettings(timeout: timeout, connectTimeout: 5, maxBytes: maxBytes, concurrency: concurrency, perHost: perHost, allowPrivateNetworks: allowPrivateNetworks)
}

/// Fetches one location and returns its result.
func fetch(_ location: String, settings: FetchSettings = testSettings(), etag: String? = nil, lastModified: String? = nil, allowPrivate: Bool = false) -> Result<FetchResponse, FetchError> {
    let request = FetchRequest(sourceID: "source", location: location, etag: etag, lastModified: lastModified, allowPrivateNetworks: allowPrivate)
    return Fetcher(settings: settings).fetchAll([request])[0].result
}

extension Result {
    var value: Success? { if case .success(let value) = self { value } else { nil } }
    var error: Failure? { if case .failure(let error) = self { error } else { nil } }
}

extension TestHTTPResponse {
    /// 200 with a tiny RSS document naming `title`.
    static func feed(_ title: String, headers: [(String, String)] = []) -> Self {
        .ok(rss(title), contentType: "application/rss+xml; charset=utf-8", headers: headers)
    }
}

func rss(_ title: String) -> String {
    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>\(title)</title></channel></rss>"
}
