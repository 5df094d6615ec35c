import CCurl

/// libcurl is initialised once per process, before the first handle.
let curlGlobalInit: CURLcode = curl_global_init(Int(CURL_GLOBAL_ALL))

/// The only owner of a libcurl multi handle, which it frees in `deinit`.
///
/// Easy handles added to it must be removed before it goes away (the fetcher drains every transfer).
final class CurlMulti {
    let handle: UnsafeMutableRawPointer

    init?(perHost: Int) {
        _ = curlGlobalInit
        guard let handle = curl_multi_init() else { return nil }
        self.handle = handle
        // A safety net behind the fetcher's own per-host scheduling, for redirects to another host.
        acurl_multi_setopt_long(handle, CURLMOPT_MAX_HOST_CONNECTIONS, max(1, perHost))
    }

    deinit { curl_multi_cleanup(handle) }

    func add(_ easy: UnsafeMutableRawPointer) -> Bool { curl_multi_add_handle(handle, easy) == CURLM_OK }

    func remove(_ easy: UnsafeMutableRawPointer) { curl_multi_remove_handle(handle, easy) }

    /// Advances every transfer as far as it can go without blocking.
    func perform() {
        var running: Int32 = 0
        while curl_multi_perform(handle, &running) == CURLM_CALL_MULTI_PERFORM {}
    }

    /// Waits until a socket is ready or libcurl's next timeout, at most `milliseconds`.
    func poll(milliseconds: Int32) {
        curl_multi_poll(handle, nil, 0, milliseconds, nil)
    }

    /// The next finished transfer: its easy handle and result code.
    func nextDone() -> (easy: UnsafeMutableRawPointer, code: CURLcode)? {
        var queued: Int32 = 0
        while let message = curl_multi_info_read(handle, &queued) {
            if message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle {
                return (easy, message.pointee.data.result)
            }
        }
        return nil
    }
}
