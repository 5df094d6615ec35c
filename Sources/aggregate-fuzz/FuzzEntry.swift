import AggregateModel
import AggregateParse
@_spi(Fuzzing) import AggregateParse
import AggregateTestSupport
import Foundation

/// One input through the parser, as a fetched body would go. Traps (a libFuzzer finding) when the parse
/// crashes, or when what it returns breaks a property the outputs rely on: sanitized HTML with nothing
/// executable, and the same as when every fragment is sanitized the libxml2 way (no short way).
/// (Item links are not checked here: the parser keeps any scheme and Publish admits only http(s).)
func fuzzOne(_ bytes: [UInt8]) {
    let url = "https://fuzz.example.org/feed.xml"
    guard let result = try? FeedParser.parse(bytes, url: url, httpCharset: nil) else { return }
    let feed = result.feed
    var problems: [String] = []
    if let long = try? SanitizerWays.libxml2Only({ try FeedParser.parse(bytes, url: url, httpCharset: nil) }) {
        var short: [UInt8] = [], reference: [UInt8] = []
        ParsedFeedJSON.append(feed, to: &short)
        ParsedFeedJSON.append(long.feed, to: &reference)
        if short != reference { problems.append("the sanitizer's short way wrote other HTML than the libxml2 way") }
    } else {
        problems.append("the parse failed the libxml2 way only")
    }
    for html in [feed.description].compactMap({ $0 }) {
        problems += ActiveContentScan.findings(inHTML: html)
    }
    for entry in feed.entries {
        for html in [entry.summary, entry.content].compactMap({ $0 }) {
            problems += ActiveContentScan.findings(inHTML: html)
        }
    }
    if !problems.isEmpty {
        FileHandle.standardError.write(Data("aggregate-fuzz: unsafe parse result: \(problems.joined(separator: "; "))\n".utf8))
        abort()
    }
}

#if FUZZING
/// libFuzzer's entry point: its own `main` (from the fuzzer runtime) calls it for each input.
@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    fuzzOne(size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32
#endif

/// `aggregate-fuzz FILE…` replays inputs (fuzzer findings, corpus files) through `fuzzOne`.
/// Built by `scripts/fuzz` with `-D FUZZING -sanitize=fuzzer,address`, it is the libFuzzer driver instead,
/// taking libFuzzer's arguments.
@main
struct AggregateFuzz {
    static func main() {
        #if FUZZING
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            fuzzOne(size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
            return 0
        })
        #else
        let paths = CommandLine.arguments.dropFirst()
        guard !paths.isEmpty else {
            FileHandle.standardError.write(Data("usage: aggregate-fuzz FILE…  (replays inputs through the parser; scripts/fuzz runs the fuzzer)\n".utf8))
            exit(2)
        }
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("aggregate-fuzz: cannot read \(path)\n".utf8))
                exit(2)
            }
            fuzzOne([UInt8](data))
        }
        print("replayed \(paths.count) input(s): no crash, nothing unsafe")
        #endif
    }
}
