import ArgumentParser

/// Exit statuses, for cron and scripts (README "Exit status").
enum ExitStatus {
    static let ok = ExitCode(0)
    static let someSourcesFailed = ExitCode(1)
    static let configurationError = ExitCode(2)
    static let anotherRunActive = ExitCode(3)
    static let fatal = ExitCode(4)
}
