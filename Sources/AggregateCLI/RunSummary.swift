import AggregateCore
import Foundation

/// `run --verbose`: one line per source and the totals.
enum RunSummary {
    static func print(_ report: RunReport, output: String) {
        for source in report.sources {
            var line = "\(source.status.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)) \(source.name)"
            if source.status == .ok {
                line += ": \(source.new) new, \(source.updated) updated, \(source.duplicate) duplicate, \(source.unchanged) unchanged"
            }
            if let status = source.httpStatus, !source.location.hasPrefix("/") { line += " (HTTP \(status), \(source.bytes) bytes, \(String(format: "%.2f", source.seconds)) s)" }
            if let error = source.error { line += ": \(error)" }
            StandardError.print(line)
            for warning in source.warnings.prefix(5) { StandardError.print("    warning: \(warning)") }
            if source.warnings.count > 5 { StandardError.print("    … \(source.warnings.count - 5) more warnings in the run report") }
        }
        let total = report.sources.reduce(into: (0, 0, 0)) { sum, s in sum.0 += s.new; sum.1 += s.updated; sum.2 += s.duplicate }
        StandardError.print(
            "\(report.sources.count) sources, \(report.failed.count) failed; \(total.0) new, \(total.1) updated, \(total.2) duplicate items; "
                + "\(report.filesWritten.count) files written, \(report.filesUnchanged) unchanged, \(report.filesRemoved.count) removed in \(output)")
    }
}
