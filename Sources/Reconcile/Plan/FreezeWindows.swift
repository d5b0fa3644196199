import DesiredState
import Foundation

/// Decides whether a freeze window is open at a moment, in the window's own time zone.
public enum FreezeWindows {
    /// The first window of `windows` open at `now`, with when it closes; nil when none is open.
    ///
    /// A window opens on each of its days at `start` and closes at `end` the same day, or the
    /// next day when `end` is not after `start` (an overnight window; equal times mean 24 hours).
    /// An unknown time zone name is read as UTC (validation reports such names).
    public static func open(_ windows: [FreezeWindow], at now: Date) -> (window: FreezeWindow, closesAt: Date)? {
        for window in windows {
            if let closesAt = closingTime(window, at: now) { return (window, closesAt) }
        }
        return nil
    }

    /// When `window` closes, if it is open at `now`.
    static func closingTime(_ window: FreezeWindow, at now: Date) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: window.timezone) ?? TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.weekday, .hour, .minute], from: now)
        guard let weekday = parts.weekday, let hour = parts.hour, let minute = parts.minute else { return nil }
        let minutes = hour * 60 + minute
        let days = Set(window.days.map(\.calendarWeekday))
        let yesterday = weekday == 1 ? 7 : weekday - 1
        let start = window.start.minutes
        let end = window.end.minutes
        let today = calendar.startOfDay(for: now)
        if end > start {
            guard days.contains(weekday), minutes >= start, minutes < end else { return nil }
            return at(end, dayOffset: 0, from: today, calendar)
        }
        if days.contains(weekday), minutes >= start {
            return at(end, dayOffset: 1, from: today, calendar)
        }
        if days.contains(yesterday), minutes < end {
            return at(end, dayOffset: 0, from: today, calendar)
        }
        return nil
    }

    /// `minutes` after the start of the day `dayOffset` days after `day`.
    private static func at(_ minutes: Int, dayOffset: Int, from day: Date, _ calendar: Calendar) -> Date? {
        guard let target = calendar.date(byAdding: .day, value: dayOffset, to: day) else { return nil }
        return calendar.date(bySettingHour: minutes / 60, minute: minutes % 60, second: 0, of: target)
    }
}
