import AggregateCore
import Foundation

extension SourceHealth {
    /// A plain-text table, one row per source.
    static func table(_ rows: [SourceHealth]) -> String {
        let header = ["SOURCE", "LAST SUCCESS", "FAILURES", "ITEMS", "NEXT DUE", "LAST ERROR / NOTICE"]
        let body = rows.map { row in
            [
                row.name, row.lastSuccess.map(format) ?? "never", String(row.consecutiveFailures), String(row.itemsHeld),
                row.nextDue.map(format) ?? "now", [row.lastError, row.notice].compactMap { $0 }.joined(separator: "; "),
            ]
        }
        let widths = (0..<header.count - 1).map { column in ([header] + body).map { $0[column].count }.max() ?? 0 }
        return ([header] + body).map { cells in
            cells.enumerated().map { index, cell in
                index < widths.count ? cell.padding(toLength: widths[index], withPad: " ", startingAt: 0) : cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    private static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
