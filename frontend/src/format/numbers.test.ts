import { describe, expect, it } from "vitest";
import { formatDecimal, formatFileSize, formatNumber } from "./numbers";
import { displayValue, plural } from "./text";

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

describe("numbers and words", () => {
  it("formats counts, ratios and file sizes", () => {
    expect(plain(formatNumber(10000))).toBe("10 000");
    expect(formatDecimal(1.25)).toBe("1,3");
    expect(formatFileSize(820)).toBe("820 o");
    expect(formatFileSize(12 * 1024)).toBe("12 Ko");
    expect(formatFileSize(1.5 * 1024 * 1024)).toBe("1,5 Mo");
  });

  it("agrees a noun with its count", () => {
    expect(plural(0, "demande", "demandes")).toBe("0 demande");
    expect(plural(1, "demande", "demandes")).toBe("1 demande");
    expect(plural(2, "demande", "demandes")).toBe("2 demandes");
  });

  it("shows a changed value as text", () => {
    expect(displayValue("")).toBe("(vide)");
    expect(displayValue(true)).toBe("Oui");
    expect(displayValue({ a: 1 })).toBe('{"a":1}');
    expect(displayValue(3)).toBe("3");
  });
});
