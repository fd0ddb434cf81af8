/**
 * No emoji in the SPA's sources: an emoji ("⏳", "⚠") renders as an empty box
 * on a system without an emoji font, and a status badge or notice would lose
 * its icon. Statuses use components/StatusIcon (SVG) instead.
 */
import { describe, expect, it } from "vitest";

// Every source file of the SPA but the tests, as text (Vite reads them).
const SOURCES = import.meta.glob<string>(["../**/*.{ts,tsx}", "!../**/*.test.{ts,tsx}", "!../**/*.d.ts"], {
  query: "?raw",
  import: "default",
  eager: true,
});

// Pictographs (emoji, with or without their emoji presentation) and the
// emoji variation selector. Plain text symbols (✓ U+2713, « – », « … ») are
// not in it.
const EMOJI = /[\p{Extended_Pictographic}\u{FE0F}]/u;

describe("the SPA's sources", () => {
  it("are all read", () => {
    expect(Object.keys(SOURCES)).toContain("../components/StatusIcon.tsx");
    expect(Object.keys(SOURCES)).toContain("../modules/periscolaire/parent/EnrolmentsPage.tsx");
    expect(Object.keys(SOURCES).some((path) => path.endsWith(".test.tsx"))).toBe(false);
  });

  it("contain no emoji (statuses use StatusIcon)", () => {
    const found = Object.entries(SOURCES).flatMap(([path, text]) =>
      text.split("\n").flatMap((line, index) => (EMOJI.test(line) ? [`${path}:${index + 1}: ${line.trim()}`] : [])),
    );
    expect(found, found.join("\n")).toEqual([]);
  });

  it("would catch the emoji of a status badge", () => {
    for (const emoji of ["⏳", "⚠", "⚠️", "✅", "❌", "✔️"]) expect(EMOJI.test(`<span aria-hidden="true">${emoji} </span>`)).toBe(true);
    for (const text of ["✓", "–", "…", "›", "•", "é"]) expect(EMOJI.test(text)).toBe(false);
  });
});
