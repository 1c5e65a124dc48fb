public import IsogapModel

/// iCalendar (RFC 5545) with all-day events: CRLF line ends, lines folded at 75 octets without
/// splitting a UTF-8 sequence, and TEXT values escaped.
public struct ICalendarWriter: Sendable {
    /// One all-day event.
    public struct Event: Sendable {
        /// Stable across runs, so that importing again updates the event instead of adding one.
        public var uid: String
        public var start: CalendarDate
        /// The last day of the event (inclusive); `DTEND` is the day after.
        public var finish: CalendarDate
        public var summary: String
        public var description: String?
        public var categories: [String]

        public init(
            uid: String, start: CalendarDate, finish: CalendarDate, summary: String, description: String? = nil,
            categories: [String] = []
        ) {
            self.uid = uid
            self.start = start
            self.finish = finish
            self.summary = summary
            self.description = description
            self.categories = categories
        }
    }

    private var lines: [String]
    /// `DTSTAMP` of every event: midnight UTC of this date, so output depends only on inputs.
    private let stamp: CalendarDate

    /// A calendar; `name` becomes `X-WR-CALNAME`, the name calendar programs show.
    public init(productID: String, name: String?, stamp: CalendarDate) {
        self.stamp = stamp
        lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:\(productID)", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
        if let name { lines.append("X-WR-CALNAME:\(Self.escape(name))") }
    }

    /// The part of event UIDs that names a workspace: the first 12 hex digits of the SHA-256 of its
    /// organisation and site (their English forms, whatever the output's language), so UIDs stay
    /// the same from run to run and differ between workspaces.
    public static func workspaceID(of manifest: WorkspaceManifest) -> String {
        let (organization, site) = (manifest.texts.organization.english, manifest.texts.site?.english ?? "")
        return String(SHA256.hex(of: Array("\(organization)\n\(site)".utf8)).prefix(12))
    }

    /// Adds one all-day event.
    public mutating func append(_ event: Event) {
        lines += [
            "BEGIN:VEVENT",
            "UID:\(Self.escape(event.uid))",
            "DTSTAMP:\(Self.basic(stamp))T000000Z",
            "DTSTART;VALUE=DATE:\(Self.basic(event.start))",
            Self.end(of: event),
            "SUMMARY:\(Self.escape(event.summary))",
        ]
        if let description = event.description { lines.append("DESCRIPTION:\(Self.escape(description))") }
        if !event.categories.isEmpty {
            lines.append("CATEGORIES:\(event.categories.map(Self.escape).joined(separator: ","))")
        }
        // Plan tasks inform; they do not make anyone look busy.
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    }

    /// The calendar, closed and folded.
    public var text: String {
        (lines + ["END:VCALENDAR"]).map { Self.fold($0) + "\r\n" }.joined()
    }

    /// `DTEND`, the day after the last day; for an event ending on 9999-12-31, whose next day has
    /// no four-digit year, the same span as a `DURATION` in days.
    static func end(of event: Event) -> String {
        let next = event.finish.adding(days: 1)
        guard next.year > 9999 else { return "DTEND;VALUE=DATE:\(basic(next))" }
        return "DURATION:P\(max(1, event.finish.dayNumber - event.start.dayNumber + 1))D"
    }

    /// `YYYYMMDD`.
    static func basic(_ date: CalendarDate) -> String {
        date.description.filter { $0 != "-" }
    }

    /// A TEXT value: backslash, semicolon and comma escaped, line breaks (LF, CR LF or a lone CR)
    /// as `\n`; it works on Unicode scalars, so a mark after a special character changes nothing.
    static func escape(_ text: String) -> String {
        var result = ""
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            switch scalar {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n" where previous == "\r": continue
            case "\n", "\r", "\u{2028}", "\u{2029}": result += "\\n"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: result += " "
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A content line folded so that no line exceeds 75 octets: continuation lines start with one
    /// space, and a break never falls inside a UTF-8 sequence.
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var result = ""
        var octets = 0
        var limit = 75
        for scalar in line.unicodeScalars {
            let size = UTF8.width(scalar)
            if octets + size > limit {
                result += "\r\n "
                octets = 1
                limit = 75
            }
            result.unicodeScalars.append(scalar)
            octets += size
        }
        return result
    }
}
