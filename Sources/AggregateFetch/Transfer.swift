import CCurl
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Limits and manners applied to every transfer, computed once per `fetchAll`.
struct TransferOptions {
    var timeout: TimeInterval
    var connectTimeout: TimeInterval
    var maxBytes: Int
    var allowPrivateNetworks: Bool
    var userAgent: String
    /// At most this many redirects are followed.
    var maxRedirects = 5
    /// Below `lowSpeedLimit` bytes per second for `lowSpeedTime` seconds, the transfer is abandoned;
    /// only used when shorter than `timeout`, which otherwise covers it.
    var lowSpeedLimit = 100
    var lowSpeedTime: TimeInterval = 20
    /// Decides, for each address about to be connected to, whether it is refused (returns it printable).
    var addressGuard: AddressGuard = PrivateAddress.refusal
}

/// Inspects a `sockaddr` about to be connected to; returns the printable address to refuse it, nil to allow.
typealias AddressGuard = (UnsafeRawPointer) -> String?

/// One HTTP transfer: the only owner of its libcurl easy handle, which it frees in `deinit`.
///
/// Callbacks reach it through an unretained pointer; the fetcher keeps it alive while libcurl runs it.
final class Transfer {
    let index: Int
    let request: FetchRequest
    let handle: UnsafeMutableRawPointer
    private let options: TransferOptions
    private var requestHeaders: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let allowPrivate: Bool

    private var body: [UInt8] = []
    private var reserved = false
    private var exceededLimit = false
    /// The address the private-network guard refused, if any.
    private var refusedAddress: String?
    /// Each final (non-1xx) response of the redirect chain: its status and the URL it answered for.
    private var hops: [(status: Int, url: String)] = []
    /// Header fields of the latest response.
    private var headers = ResponseHeaders()

    /// A configured transfer, or nil when libcurl cannot allocate a handle.
    init?(index: Int, request: FetchRequest, options: TransferOptions) {
        guard let handle = curl_easy_init() else { return nil }
        self.index = index
        self.request = request
        self.handle = handle
        self.options = options
        self.allowPrivate = request.allowPrivateNetworks || options.allowPrivateNetworks
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        configure()
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(requestHeaders)
        errorBuffer.deallocate()
    }

    private func configure() {
        let me = Unmanaged.passUnretained(self).toOpaque()
        acurl_setopt_string(handle, CURLOPT_URL, request.location)
        acurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        acurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        acurl_setopt_write_function(handle, CURLOPT_WRITEFUNCTION, Transfer.writeCallback)
        acurl_setopt_pointer(handle, CURLOPT_WRITEDATA, me)
        acurl_setopt_write_function(handle, CURLOPT_HEADERFUNCTION, Transfer.headerCallback)
        acurl_setopt_pointer(handle, CURLOPT_HEADERDATA, me)
        acurl_setopt_opensocket_function(handle, Transfer.openSocketCallback)
        acurl_setopt_pointer(handle, CURLOPT_OPENSOCKETDATA, me)

        // http(s) only, on the first request and on every redirect.
        acurl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
        acurl_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        acurl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 1)
        acurl_setopt_long(handle, CURLOPT_MAXREDIRS, options.maxRedirects)

        let timeoutMS = max(1, Int(options.timeout * 1000))
        acurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, timeoutMS)
        acurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, max(1, Int(options.connectTimeout * 1000)))
        if options.lowSpeedTime < options.timeout {
            acurl_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, options.lowSpeedLimit)
            acurl_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, Int(options.lowSpeedTime))
        }
        // Rejects a body whose Content-Length already exceeds the cap, before any of it is read.
        acurl_setopt_off(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.maxBytes))

        acurl_setopt_long(handle, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
        // "" = every encoding this libcurl decodes (gzip, deflate, br, zstd here).
        acurl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, "")
        acurl_setopt_string(handle, CURLOPT_USERAGENT, options.userAgent)
        // A proxy's own "200 Connection established" must not count as a hop of the chain.
        acurl_setopt_long(handle, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1)
        acurl_setopt_long(handle, CURLOPT_BUFFERSIZE, 128 * 1024)

        var list: UnsafeMutablePointer<curl_slist>?
        list = curl_slist_append(list, "Accept: application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8")
        if let etag = request.etag, !etag.isEmpty { list = curl_slist_append(list, "If-None-Match: \(etag)") }
        if let lastModified = request.lastModified, !lastModified.isEmpty { list = curl_slist_append(list, "If-Modified-Since: \(lastModified)") }
        requestHeaders = list
        acurl_setopt_slist(handle, CURLOPT_HTTPHEADER, list)
        if let form = request.formBody {
            // COPYPOSTFIELDS: libcurl keeps its own copy, the Swift string need not outlive this call.
            acurl_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, form)
        }
    }

    // MARK: libcurl callbacks

    private static let writeCallback: acurl_write_callback = { data, size, count, userdata in
        let transfer = Unmanaged<Transfer>.fromOpaque(userdata!).takeUnretainedValue()
        return transfer.receive(data, size * count)
    }

    private static let headerCallback: acurl_write_callback = { data, size, count, userdata in
        let transfer = Unmanaged<Transfer>.fromOpaque(userdata!).takeUnretainedValue()
        transfer.receiveHeader(data, size * count)
        return size * count
    }

    private static let openSocketCallback: acurl_opensocket_callback = { clientp, _, address in
        let transfer = Unmanaged<Transfer>.fromOpaque(clientp!).takeUnretainedValue()
        guard let address else { return CURL_SOCKET_BAD }
        if !transfer.allowPrivate {
            let offset = MemoryLayout<curl_sockaddr>.offset(of: \curl_sockaddr.addr)!
            if let refused = transfer.options.addressGuard(UnsafeRawPointer(address) + offset) {
                transfer.refusedAddress = refused
                return CURL_SOCKET_BAD
            }
        }
        return socket(address.pointee.family, address.pointee.socktype | Int32(SOCK_CLOEXEC.rawValue), address.pointee.protocol)
    }

    /// Appends body bytes; returning less than `count` makes libcurl abort the transfer.
    private func receive(_ data: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
        if !reserved {
            reserved = true
            var length: curl_off_t = -1
            if acurl_getinfo_off(handle, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length) == CURLE_OK, length > 0 {
                body.reserveCapacity(min(Int(length), options.maxBytes))
            }
        }
        // Counted after decoding: a small gzip body can expand far beyond the cap.
        guard body.count + count <= options.maxBytes else {
            exceededLimit = true
            return 0
        }
        guard let data, count > 0 else { return count }
        body.append(contentsOf: UnsafeBufferPointer(start: UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: count))
        return count
    }

    private func receiveHeader(_ data: UnsafeMutablePointer<CChar>?, _ count: Int) {
        guard let data, count > 0 else { return }
        let line = UnsafeBufferPointer(start: UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: count)
        if count > 5, line[0] == UInt8(ascii: "H"), line[1] == UInt8(ascii: "T"), line[2] == UInt8(ascii: "T"), line[3] == UInt8(ascii: "P"), line[4] == UInt8(ascii: "/") {
            // A status line starts a new response: a hop of the redirect chain, or a 1xx to skip.
            let fields = String(decoding: line, as: UTF8.self).split(separator: " ", maxSplits: 2)
            let status = fields.count >= 2 ? Int(fields[1]) ?? 0 : 0
            headers = ResponseHeaders()
            guard status >= 200 else { return }
            var url: UnsafeMutablePointer<CChar>?
            acurl_getinfo_string(handle, CURLINFO_EFFECTIVE_URL, &url)
            hops.append((status, url.map { String(cString: $0) } ?? request.location))
            return
        }
        headers.record(line: String(decoding: line, as: UTF8.self))
    }

    // MARK: Outcome

    /// The response or error once libcurl reports the transfer done with `code`.
    func finish(_ code: CURLcode) -> Result<FetchResponse, FetchError> {
        let url = request.location
        var status = 0
        acurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        var effective: UnsafeMutablePointer<CChar>?
        acurl_getinfo_string(handle, CURLINFO_EFFECTIVE_URL, &effective)
        let finalURL = effective.map { String(cString: $0) } ?? url
        var totalMicroseconds: curl_off_t = 0
        acurl_getinfo_off(handle, CURLINFO_TOTAL_TIME_T, &totalMicroseconds)
        var received: curl_off_t = 0
        acurl_getinfo_off(handle, CURLINFO_SIZE_DOWNLOAD_T, &received)

        guard code == CURLE_OK else { return .failure(error(for: code, url: url)) }

        if status == 304 {
            return .success(FetchResponse(
                sourceID: request.sourceID, status: status, body: [], finalURL: finalURL, notModified: true,
                // A 304 may omit validators it does not change: keep the ones that matched.
                etag: headers.etag ?? request.etag, lastModified: headers.lastModified ?? request.lastModified,
                contentType: headers.mediaType, charset: headers.charset, permanentRedirect: permanentRedirect,
                maxAge: headers.maxAge(), elapsed: TimeInterval(totalMicroseconds) / 1e6, bytes: Int(received)))
        }
        guard (200..<300).contains(status) else {
            if status == 410 { return .failure(.gone(url: url)) }
            let retryAfter = (status == 429 || status == 503) ? headers.retryAfterSeconds() : nil
            return .failure(.httpStatus(url: url, code: status, retryAfter: retryAfter))
        }
        return .success(FetchResponse(
            sourceID: request.sourceID, status: status, body: body, finalURL: finalURL, notModified: false,
            etag: headers.etag, lastModified: headers.lastModified, contentType: headers.mediaType,
            charset: headers.charset, permanentRedirect: permanentRedirect, maxAge: headers.maxAge(),
            elapsed: TimeInterval(totalMicroseconds) / 1e6, bytes: Int(received)))
    }

    /// The new location when the chain starts with permanent redirects: the target of the last of them.
    private var permanentRedirect: String? {
        let permanent = hops.prefix { $0.status == 301 || $0.status == 308 }.count
        guard permanent > 0, permanent < hops.count else { return nil }
        return hops[permanent].url
    }

    private func error(for code: CURLcode, url: String) -> FetchError {
        let message = errorBuffer.pointee != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
        switch code {
        case CURLE_WRITE_ERROR where exceededLimit, CURLE_FILESIZE_EXCEEDED:
            return .tooLarge(url: url, limit: options.maxBytes)
        case CURLE_COULDNT_CONNECT where refusedAddress != nil:
            return .privateAddress(url: url, address: refusedAddress!)
        case CURLE_COULDNT_CONNECT:
            return .connectionFailed(url: url, reason: message)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .resolveFailed(url: url, reason: message)
        case CURLE_OPERATION_TIMEDOUT:
            var connectMicroseconds: curl_off_t = 0
            acurl_getinfo_off(handle, CURLINFO_CONNECT_TIME_T, &connectMicroseconds)
            if connectMicroseconds == 0 && hops.isEmpty {
                return .connectTimedOut(url: url, seconds: min(options.connectTimeout, options.timeout))
            }
            if message.contains("too slow") { return .stalled(url: url, seconds: options.lowSpeedTime) }
            return .timedOut(url: url, seconds: options.timeout)
        case CURLE_TOO_MANY_REDIRECTS:
            return .tooManyRedirects(url: url, limit: options.maxRedirects)
        case CURLE_UNSUPPORTED_PROTOCOL:
            return .forbiddenScheme(url: url, target: headers.location ?? url)
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
             CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS:
            return .tlsFailed(url: url, reason: message)
        case CURLE_BAD_CONTENT_ENCODING:
            return .badContentEncoding(url: url, reason: message)
        default:
            return .transferFailed(url: url, reason: message)
        }
    }
}
