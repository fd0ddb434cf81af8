import { describe, expect, it } from "vitest";
import {
  formatClock,
  formatDayLabel,
  formatHours,
  formatLongDate,
  formatMonth,
  formatShortDay,
  formatTime,
  isWeekend,
  mondayOf,
  shiftMonth,
  timeInputValue,
  weekdayInitial,
} from "./calendar";

describe("calendar", () => {
  it("finds the week's Monday, moves between months, tells weekends and initials", () => {
    expect(mondayOf(new Date(2026, 2, 5))).toBe("2026-03-02");
    expect(mondayOf(new Date(2026, 2, 8))).toBe("2026-03-02");
    expect(shiftMonth("2027-01", 1)).toBe("2027-02");
    expect(shiftMonth("2027-01-15", -1)).toBe("2026-12");
    expect(isWeekend("2027-01-02")).toBe(true);
    expect(isWeekend("2027-01-04")).toBe(false);
    expect(weekdayInitial("2027-01-04")).toBe("L");
  });

  it("names days and months in French", () => {
    expect(formatLongDate("2027-01-04")).toBe("lundi 4 janvier 2027");
    expect(formatDayLabel("2027-01-04")).toBe("lundi 4 janvier");
    expect(formatShortDay("2027-01-04")).toBe("lun. 04/01");
    expect(formatMonth("2027-01")).toBe("janvier 2027");
    expect(formatLongDate("")).toBe("");
  });

  it("formats times of day", () => {
    expect(formatClock(new Date(2026, 2, 12, 8, 7))).toBe("08:07");
    expect(formatTime("07:30:00")).toBe("7h30");
    expect(formatTime("18:00:00")).toBe("18h");
    expect(formatHours("07:30:00", "08:20:00")).toBe("7h30–8h20");
    expect(formatHours(null, null)).toBe("");
    expect(timeInputValue("08:30:00")).toBe("08:30");
    expect(timeInputValue(null)).toBe("");
  });
});
