import Foundation

/// A one-line progress bar on standard error, drawn only when it is a terminal and at most ten
/// times a second.
final class ProgressBar {
    private let total: Int
    private let enabled: Bool
    private let console: Console
    private var done = 0
    private var lastDrawn: UInt64 = 0
    private var visible = false

    init(total: Int, console: Console) {
        self.total = total
        self.enabled = console.stderrIsTerminal
        self.console = console
    }

    /// Counts one more item done and redraws when it is time.
    func advance() {
        done += 1
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - lastDrawn >= 100_000_000 || done == total else { return }
        lastDrawn = now
        let width = 30
        let filled = total > 0 ? width * done / total : width
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        console.control("\r\u{1B}[K\(bar) \(done)/\(total) workspaces")
        visible = true
    }

    /// Erases the bar so that other text can be printed on its line.
    func clear() {
        guard visible else { return }
        console.control("\r\u{1B}[K")
        visible = false
    }
}
