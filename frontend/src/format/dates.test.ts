import { afterEach, describe, expect, it, vi } from "vitest";
import { addDays, formatDate, formatDateTime, formatPeriod, isIsoDate, parseIsoDate, todayIso, toIsoDate } from "./dates";

describe("calendar days", () => {
  afterEach(() => vi.useRealTimers());

  it("reads a day as a local date, whatever the time zone", () => {
    const date = parseIsoDate("2027-01-04");
    expect([date.getFullYear(), date.getMonth(), date.getDate()]).toEqual([2027, 0, 4]);
    expect(toIsoDate(date)).toBe("2027-01-04");
    expect(toIsoDate(parseIsoDate("2027-01-04T23:30:00Z"))).toBe("2027-01-04");
  });

  it("knows today and the days around", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date(2026, 2, 5, 10, 0));
    expect(todayIso()).toBe("2026-03-05");
    expect(addDays("2026-02-27", 2)).toBe("2026-03-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("accepts only real days written YYYY-MM-DD", () => {
    expect(isIsoDate("2026-02-28")).toBe(true);
    expect(isIsoDate("2026-02-30")).toBe(false);
    expect(isIsoDate("28/02/2026")).toBe(false);
    expect(isIsoDate("")).toBe(false);
  });
});

describe("formatting", () => {
  it("formats days and periods", () => {
    expect(formatDate("2027-01-04")).toBe("04/01/2027");
    expect(formatPeriod("2026-09-01", "2027-07-03")).toBe("du 01/09/2026 au 03/07/2027");
  });

  it("formats an instant in the local time zone", () => {
    const instant = new Date(2026, 2, 12, 14, 5).toISOString();
    expect(formatDateTime(instant)).toBe("12/03/2026 14:05");
    expect(formatDate(instant)).toBe("12/03/2026");
  });

  it("gives an empty text for no date and the text itself for a non-date", () => {
    expect(formatDate(null)).toBe("");
    expect(formatDateTime(undefined)).toBe("");
    expect(formatDate("bientôt")).toBe("bientôt");
  });
});
