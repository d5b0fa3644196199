/// The `spec` of the `Maintenance` manifest: whether and when deployments may happen.
public struct MaintenanceSpec: Sendable, Hashable {
    /// normal, paused or emergency-shutdown (default normal).
    public var mode: MaintenanceMode
    /// Recurring windows during which deployments are held.
    public var freezeWindows: [FreezeWindow]
    /// Resources whose changes are held: names, or `Kind/name`.
    public var blocked: [String]

    /// Creates a spec.
    public init(mode: MaintenanceMode = .normal, freezeWindows: [FreezeWindow] = [], blocked: [String] = []) {
        self.mode = mode
        self.freezeWindows = freezeWindows
        self.blocked = blocked
    }
}

/// The maintenance mode.
public enum MaintenanceMode: String, Sendable, Hashable, CaseIterable {
    /// Deployments proceed (outside freeze windows).
    case normal
    /// Every deployment is held; nothing changes in the environment.
    case paused
    /// Every managed function is throttled to zero and running executions are stopped.
    case emergencyShutdown = "emergency-shutdown"
}

/// A day of the week.
public enum Weekday: String, Sendable, Hashable, CaseIterable, Comparable {
    /// The seven days, as written in manifests.
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    /// Foundation's weekday number (Sunday = 1 … Saturday = 7).
    public var calendarWeekday: Int {
        switch self {
        case .sunday: return 1
        case .monday: return 2
        case .tuesday: return 3
        case .wednesday: return 4
        case .thursday: return 5
        case .friday: return 6
        case .saturday: return 7
        }
    }

    /// Orders Monday first.
    public static func < (lhs: Weekday, rhs: Weekday) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// A time of day, minute precision.
public struct TimeOfDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// 0–23.
    public var hour: Int
    /// 0–59.
    public var minute: Int

    /// Creates a time of day.
    public init(hour: Int, minute: Int) {
        self.hour = hour
        self.minute = minute
    }

    /// Parses `HH:MM` (24-hour clock); nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let hour = Int(parts[0]), let minute = Int(parts[1]), hour < 24, minute < 60 else { return nil }
        self.init(hour: hour, minute: minute)
    }

    /// Minutes since midnight.
    public var minutes: Int { hour * 60 + minute }

    /// `HH:MM`.
    public var description: String {
        (hour < 10 ? "0" : "") + String(hour) + ":" + (minute < 10 ? "0" : "") + String(minute)
    }

    /// Orders by time.
    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.minutes < rhs.minutes }
}

/// A weekly window during which deployments are held.
public struct FreezeWindow: Sendable, Hashable {
    /// The days the window opens on.
    public var days: [Weekday]
    /// When it opens (local time of `timezone`).
    public var start: TimeOfDay
    /// When it closes; earlier than `start` means the next day.
    public var end: TimeOfDay
    /// An IANA time zone name (default `UTC`).
    public var timezone: String
    /// Why deployments are frozen, shown when a change is held.
    public var reason: String

    /// Creates a window.
    public init(days: [Weekday], start: TimeOfDay, end: TimeOfDay, timezone: String = "UTC", reason: String = "") {
        self.days = days
        self.start = start
        self.end = end
        self.timezone = timezone
        self.reason = reason
    }
}
