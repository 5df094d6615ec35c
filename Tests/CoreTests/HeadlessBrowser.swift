import Foundation

/// Headless Chromium loading a page: the DOM after load and what the page wrote to the console.
struct HeadlessBrowser {
    var dom: String
    var consoleMessages: [String]

    init(loading url: URL) throws {
        let candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        guard let binary = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw FeedparserCheck.Missing(message: "headless Chromium is not installed; scripts/test installs it (apt-get install chromium)")
        }
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let run = try ProgramRun(URL(fileURLWithPath: binary), [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(home.path)",
            "--enable-logging=stderr", "--v=0", "--dump-dom", url.absoluteString,
        ])
        guard run.status == 0 else { throw FeedparserCheck.Missing(message: "chromium failed (\(run.status)): \(run.standardError.suffix(500))") }
        dom = run.standardOutput
        // Console output (errors, warnings, logs) appears as ":INFO:CONSOLE(" lines on standard error.
        consoleMessages = run.standardError.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
    }
}
