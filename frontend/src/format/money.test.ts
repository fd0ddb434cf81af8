import { describe, expect, it } from "vitest";
import { cents, formatMoney, formatOptionalMoney, parseAmount, signedAmount, toDecimal } from "./money";

/** Intl separates thousands and the currency with (narrow) no-break spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

describe("money", () => {
  it("formats the API's decimal strings and numbers in euros", () => {
    expect(plain(formatMoney("1234.5"))).toBe("1 234,50 €");
    expect(plain(formatMoney(12))).toBe("12,00 €");
    expect(plain(formatMoney("-3.20"))).toBe("\u22123,20 €");
  });

  it("writes a credit with the typographic minus, as the e-mails do (core/money.py)", () => {
    expect(plain(formatMoney(-1.2))).toBe("−1,20 €");
    expect(plain(formatOptionalMoney("-1234.5"))).toBe("−1 234,50 €");
    expect(formatMoney(-1.2)).not.toContain("-");
  });

  it("signs a booking change's amount in one place: a cancellation is a credit", () => {
    expect(signedAmount("cancel", "1.20")).toBe(-1.2);
    expect(signedAmount("book", "1.20")).toBe(1.2);
    expect(signedAmount("cancel", null)).toBeNull();
    expect(plain(formatMoney(signedAmount("cancel", "1.20")))).toBe("−1,20 €");
  });

  it("shows 0 for a missing or invalid amount, or a dash when the amount is optional", () => {
    expect(plain(formatMoney(null))).toBe("0,00 €");
    expect(plain(formatMoney("abc"))).toBe("0,00 €");
    expect(formatOptionalMoney("")).toBe("—");
    expect(formatOptionalMoney(null)).toBe("—");
    expect(plain(formatOptionalMoney("2.5"))).toBe("2,50 €");
  });

  it("reads amounts typed the French way", () => {
    expect(parseAmount("12,50")).toBe(12.5);
    expect(parseAmount("1 200 €")).toBe(1200);
    expect(parseAmount("12,505")).toBeNull();
    expect(parseAmount("douze")).toBeNull();
    expect(toDecimal(12.5)).toBe("12.50");
    expect(cents("0.1") + cents("0.2")).toBe(30);
  });
});
