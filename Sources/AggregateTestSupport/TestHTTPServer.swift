import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A loopback HTTP/1.1 server for tests: a closure scripts each response, every request is recorded.
///
///     let server = try TestHTTPServer { request in .ok("<rss/>") }
///     defer { server.stop() }
///     fetch(server.url("/feed.xml"))
///     #expect(server.requests.first?.header("If-None-Match") == "\"v1\"")
///
/// It listens on 127.0.0.1 on a free port, serves each connection on its own thread and keeps
/// connections alive between requests, so clients that reuse connections are served as by a real server.
/// Call `stop()` when done: its threads keep it alive until then.
public final class TestHTTPServer: @unchecked Sendable {
    /// The port the server listens on.
    public let port: Int

    private let handler: @Sendable (TestHTTPRequest) -> TestHTTPResponse
    private let listener: Int32
    private let lock = NSLock()
    private var recorded: [TestHTTPRequest] = []
    private var connections: Set<Int32> = []
    private var accepted = 0
    private var stopped = false
    private let acceptLoopDone = DispatchSemaphore(value: 0)

    /// Starts a server whose responses come from `handler` (called on the connection's thread).
    public init(_ handler: @escaping @Sendable (TestHTTPRequest) -> TestHTTPResponse) throws {
        self.handler = handler
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestHTTPServerError(message: "socket(): \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 256) == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw TestHTTPServerError(message: "bind/listen on 127.0.0.1: \(message)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.listener = fd
        self.port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "TestHTTPServer.accept"
        thread.start()
    }

    /// Starts a server answering each path of `routes` (query included if the key has one), 404 elsewhere.
    public convenience init(routes: [String: TestHTTPResponse]) throws {
        try self.init { request in routes[request.path] ?? routes[request.pathWithoutQuery] ?? .status(404) }
    }

    deinit { stop() }

    /// `http://127.0.0.1:PORT` followed by `path` (which starts with `/`).
    public func url(_ path: String = "/") -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Every request received so far, in arrival order.
    public var requests: [TestHTTPRequest] { lock.withLock { recorded } }

    /// Connections accepted so far (clients that reuse connections open few).
    public var connectionCount: Int { lock.withLock { accepted } }

    /// Requests received so far for `path` (query included when `path` has one).
    public func requests(to path: String) -> [TestHTTPRequest] {
        requests.filter { $0.path == path || (!path.contains("?") && $0.pathWithoutQuery == path) }
    }

    /// Stops accepting and drops open connections (idempotent).
    public func stop() {
        let open: Set<Int32>
        let first: Bool = lock.withLock {
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        open = lock.withLock { connections }
        // shutdown() wakes threads blocked in accept(), recv() or poll() on these sockets.
        shutdown(listener, Int32(SHUT_RDWR))
        for fd in open { shutdown(fd, Int32(SHUT_RDWR)) }
        acceptLoopDone.wait()
        close(listener)
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func acceptLoop() {
        defer { acceptLoopDone.signal() }
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                if errno == EINTR { continue }
                return
            }
            let admitted: Bool = lock.withLock {
                if stopped { return false }
                connections.insert(fd)
                accepted += 1
                return true
            }
            guard admitted else { close(fd); return }
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            let thread = Thread { [self] in serve(fd) }
            thread.name = "TestHTTPServer.connection"
            thread.start()
        }
    }

    private func serve(_ fd: Int32) {
        defer {
            lock.withLock { _ = connections.remove(fd) }
            close(fd)
        }
        var connection = Connection(fd: fd)
        while let request = connection.readRequest() {
            lock.withLock { recorded.append(request) }
            let response = handler(request)
            let keepAlive = respond(response, to: request, on: &connection)
            if !keepAlive || isStopped { return }
        }
    }

    /// Writes `response`; returns whether the connection can serve another request.
    private func respond(_ response: TestHTTPResponse, to request: TestHTTPRequest, on connection: inout Connection) -> Bool {
        let declaresLength = response.headers.contains { $0.0.lowercased() == "content-length" }
        var head = "HTTP/1.1 \(response.status) \(TestHTTPResponse.reason(response.status))\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        let isHead = request.method == "HEAD"
        switch response.body {
        case .bytes(let body):
            var keepAlive = request.header("Connection")?.lowercased() != "close"
            if !declaresLength {
                head += "Content-Length: \(body.count)\r\n"
            } else if response.headers.first(where: { $0.0.lowercased() == "content-length" })?.1 != String(body.count) {
                // A deliberately wrong length: the connection cannot be framed any more.
                keepAlive = false
            }
            if !keepAlive { head += "Connection: close\r\n" }
            head += "\r\n"
            // MSG_MORE lets the kernel put head and body in the same segments without copying the body.
            let sendBody = !isHead && !body.isEmpty
            guard connection.send(Array(head.utf8), more: sendBody) else { return false }
            if sendBody { guard connection.send(body) else { return false } }
            return keepAlive
        case .endless(let chunk):
            head += "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            guard connection.send(Array(head.utf8)), !isHead, !chunk.isEmpty else { return false }
            let framed = Array(String(chunk.count, radix: 16).utf8) + [13, 10] + chunk + [13, 10]
            while !isStopped, connection.send(framed) {}
            return false
        case .drip(let body, let interval):
            if !declaresLength { head += "Content-Length: \(body.count)\r\n" }
            head += "Connection: close\r\n\r\n"
            guard connection.send(Array(head.utf8)), !isHead else { return false }
            for byte in body {
                guard connection.waitWhileOpen(seconds: interval), connection.send([byte]) else { return false }
            }
            return false
        case .noAnswer:
            // Hold the connection open, silent, until the client gives up or the server stops.
            while connection.waitWhileOpen(seconds: 3600) {}
            return false
        }
    }
}

/// A request as the test server received it.
public struct TestHTTPRequest: Sendable {
    /// `GET`, `HEAD`, ...
    public var method: String
    /// The request target as sent, query included (`/feed.xml?page=2`).
    public var path: String
    /// Header fields in arrival order, names as sent.
    public var headers: [TestHTTPHeader]
    /// The request body, when it had one (`Content-Length`).
    public var body: [UInt8]? = nil

    /// `path` without its query.
    public var pathWithoutQuery: String { path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path }

    /// The first value of header `name` (case-insensitive), or nil.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }
}

/// One header field.
public struct TestHTTPHeader: Sendable, Hashable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// What the test server sends back.
public struct TestHTTPResponse: Sendable {
    /// How the body is delivered.
    public enum Body: Sendable {
        /// A fixed body; `Content-Length` is added unless `headers` already set one (a lie is allowed).
        case bytes([UInt8])
        /// A chunked body repeating `chunk` until the client hangs up.
        case endless([UInt8])
        /// The body one byte every `interval` seconds (`Content-Length` announced up front).
        case drip([UInt8], interval: TimeInterval)
        /// Accept the request and never answer anything.
        case noAnswer
    }

    public var status: Int
    /// Header fields sent as given, in order.
    public var headers: [(String, String)]
    public var body: Body

    public init(status: Int, headers: [(String, String)] = [], body: Body = .bytes([])) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// 200 with `body` as UTF-8 text.
    public static func ok(_ body: String, contentType: String = "application/xml; charset=utf-8", headers: [(String, String)] = []) -> Self {
        .init(status: 200, headers: [("Content-Type", contentType)] + headers, body: .bytes(Array(body.utf8)))
    }

    /// 200 with the contents of the file at `url` (a corpus fixture, for instance).
    public static func file(_ url: URL, contentType: String = "application/xml", headers: [(String, String)] = []) throws -> Self {
        .ok(bytes: [UInt8](try Data(contentsOf: url)), contentType: contentType, headers: headers)
    }

    /// 200 with raw `bytes`.
    public static func ok(bytes: [UInt8], contentType: String = "application/octet-stream", headers: [(String, String)] = []) -> Self {
        .init(status: 200, headers: [("Content-Type", contentType)] + headers, body: .bytes(bytes))
    }

    /// A bodiless answer with `status`.
    public static func status(_ status: Int, headers: [(String, String)] = []) -> Self {
        .init(status: status, headers: headers)
    }

    /// A redirect to `location` (absolute or relative) with `status` (301, 302, 303, 307 or 308).
    public static func redirect(to location: String, status: Int = 302) -> Self {
        .init(status: status, headers: [("Location", location)])
    }

    /// 200 whose chunked body never ends.
    public static func endless(chunk: [UInt8] = Array(repeating: UInt8(ascii: "x"), count: 16 * 1024)) -> Self {
        .init(status: 200, headers: [("Content-Type", "application/xml")], body: .endless(chunk))
    }

    /// 200 whose body arrives one byte every `interval` seconds.
    public static func drip(_ body: String, interval: TimeInterval = 1) -> Self {
        .init(status: 200, headers: [("Content-Type", "application/xml")], body: .drip(Array(body.utf8), interval: interval))
    }

    /// Accept, read the request, never answer.
    public static let noAnswer = TestHTTPResponse(status: 0, body: .noAnswer)

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 410: "Gone"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}

/// The test server could not start.
public struct TestHTTPServerError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { "test HTTP server: \(message)" }
}

/// One client connection: buffered reads of request heads, whole writes.
private struct Connection {
    let fd: Int32
    var buffer: [UInt8] = []

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(16 * 1024)
    }

    /// Reads the next request with its body, if any; nil when the client is gone.
    mutating func readRequest() -> TestHTTPRequest? {
        var end: Int?
        while true {
            end = headEnd()
            if end != nil { break }
            guard buffer.count < 1 << 20, fill() else { return nil }
        }
        let head = String(decoding: buffer[..<end!], as: UTF8.self)
        buffer.removeSubrange(..<(end! + 4))
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [TestHTTPHeader] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.append(TestHTTPHeader(String(line[..<colon]), value))
        }
        var request = TestHTTPRequest(method: String(requestLine[0]), path: String(requestLine[1]), headers: headers)
        if let length = request.header("Content-Length").flatMap(Int.init), length > 0 {
            while buffer.count < length { guard fill() else { return nil } }
            request.body = Array(buffer[..<length])
            buffer.removeSubrange(..<length)
        }
        return request
    }

    private func headEnd() -> Int? {
        guard buffer.count >= 4 else { return nil }
        for i in 0...(buffer.count - 4) where buffer[i] == 13 && buffer[i + 1] == 10 && buffer[i + 2] == 13 && buffer[i + 3] == 10 {
            return i
        }
        return nil
    }

    private mutating func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return false }
        buffer.append(contentsOf: chunk[..<n])
        return true
    }

    /// Sends all of `bytes`; false when the client hung up.
    func send(_ bytes: [UInt8], more: Bool = false) -> Bool {
        var offset = 0
        let flags = Int32(MSG_NOSIGNAL) | (more ? Int32(MSG_MORE) : 0)
        return bytes.withUnsafeBytes { raw in
            while offset < raw.count {
                let n = Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, flags)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                offset += n
            }
            return true
        }
    }

    /// Waits `seconds`; returns false early when the client closed the connection or the server stopped.
    func waitWhileOpen(seconds: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return true }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, Int32(min(remaining * 1000, 1_000_000)) + 1)
            if ready < 0 { if errno == EINTR { continue } else { return false } }
            if ready == 0 { continue }
            // Readable while we owe a response means end of stream (or extra bytes we ignore).
            var byte: UInt8 = 0
            let n = recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
            if n <= 0 { return false }
            var drain = [UInt8](repeating: 0, count: 4096)
            _ = drain.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
        }
    }
}
