import { describe, expect, it } from "vitest";
import {
  AA_NORMAL_TEXT,
  BLACK,
  contrastRatio,
  DEFAULT_PRIMARY,
  ensureContrast,
  parseHexColor,
  readableForeground,
  relativeLuminance,
  themeColors,
  WHITE,
} from "./contrast";
import { applyStructureTheme } from "./useStructureTheme";

describe("parseHexColor", () => {
  it("reads long and short hex forms", () => {
    expect(parseHexColor("#1d4ed8")).toEqual({ r: 0x1d, g: 0x4e, b: 0xd8 });
    expect(parseHexColor("#ABC")).toEqual({ r: 0xaa, g: 0xbb, b: 0xcc });
    expect(parseHexColor("ffffff")).toEqual({ r: 255, g: 255, b: 255 });
  });

  it("rejects anything else", () => {
    expect(parseHexColor("blue")).toBeNull();
    expect(parseHexColor("#12345")).toBeNull();
    expect(parseHexColor("rgb(0,0,0)")).toBeNull();
  });
});

describe("WCAG luminance and contrast", () => {
  it("gives the reference values", () => {
    expect(relativeLuminance(WHITE)).toBeCloseTo(1, 5);
    expect(relativeLuminance(BLACK)).toBe(0);
    expect(contrastRatio(BLACK, WHITE)).toBeCloseTo(21, 5);
    expect(contrastRatio(WHITE, WHITE)).toBe(1);
    // Well-known pairs.
    expect(contrastRatio("#767676", WHITE)).toBeCloseTo(4.54, 2);
    expect(contrastRatio("#1d4ed8", WHITE)).toBeCloseTo(6.7, 1);
  });

  it("is symmetric", () => {
    expect(contrastRatio("#15803d", WHITE)).toBeCloseTo(contrastRatio(WHITE, "#15803d"), 10);
  });
});

describe("readableForeground", () => {
  it("puts white text on dark colours and black text on light ones", () => {
    expect(readableForeground("#1d4ed8")).toBe(WHITE);
    expect(readableForeground("#15803d")).toBe(WHITE);
    expect(readableForeground("#000000")).toBe(WHITE);
    expect(readableForeground("#fde047")).toBe(BLACK);
    expect(readableForeground("#ffffff")).toBe(BLACK);
    expect(readableForeground("#22c55e")).toBe(BLACK);
  });

  it("always reaches AA for normal text", () => {
    for (let v = 0; v <= 255; v += 17) {
      for (const color of [
        { r: v, g: v, b: v },
        { r: v, g: 0, b: 255 - v },
        { r: 255, g: v, b: 0 },
      ]) {
        const hex = `#${[color.r, color.g, color.b].map((n) => n.toString(16).padStart(2, "0")).join("")}`;
        expect(contrastRatio(hex, readableForeground(hex))).toBeGreaterThanOrEqual(AA_NORMAL_TEXT);
      }
    }
  });
});

describe("ensureContrast", () => {
  it("keeps a colour that already contrasts enough", () => {
    expect(ensureContrast("#1d4ed8")).toBe("#1d4ed8");
  });

  it("darkens a light colour until it reaches 4.5:1 on white", () => {
    const result = ensureContrast("#fde047");
    expect(result).not.toBe("#fde047");
    expect(contrastRatio(result, WHITE)).toBeGreaterThanOrEqual(4.5);
    expect(relativeLuminance(result)).toBeLessThan(relativeLuminance("#fde047"));
    // Not more than needed: one step lighter would fail.
    expect(contrastRatio(ensureContrast("#22c55e"), WHITE)).toBeLessThan(5.5);
  });
});

describe("themeColors / applyStructureTheme", () => {
  it("derives the three theme colours", () => {
    expect(themeColors("#1D4ED8")).toEqual({ primary: "#1d4ed8", onPrimary: WHITE, primaryText: "#1d4ed8" });
    const yellow = themeColors("#fde047");
    expect(yellow.onPrimary).toBe(BLACK);
    expect(contrastRatio(yellow.primaryText, WHITE)).toBeGreaterThanOrEqual(4.5);
  });

  it("falls back to a default colour when the value is invalid", () => {
    expect(themeColors("not-a-colour").primary).toBe(DEFAULT_PRIMARY);
    expect(themeColors(null).primary).toBe(DEFAULT_PRIMARY);
  });

  it("sets the CSS variables and the document title", () => {
    applyStructureTheme({ name: "Mairie de Saint-Alban", primary_color: "#fde047" });
    const style = document.documentElement.style;
    expect(style.getPropertyValue("--primary")).toBe("#fde047");
    expect(style.getPropertyValue("--on-primary")).toBe(BLACK);
    expect(contrastRatio(style.getPropertyValue("--primary-text"), WHITE)).toBeGreaterThanOrEqual(4.5);
    expect(document.title).toBe("Mairie de Saint-Alban — Portail familles");
  });
});
