import { describe, expect, it } from "vitest";
import { excerpt, fromLocalInput, toLocalInput } from "./format";

describe("the news' formatting helpers", () => {
  it("cuts the excerpt at a word, blocks separated by a space", () => {
    expect(excerpt("<p>Un</p><ul><li>deux</li><li>trois</li></ul>")).toBe("Un deux trois");
    const long = `<p>${"mot ".repeat(80)}</p>`;
    const cut = excerpt(long, 30);
    expect(cut.endsWith("…")).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(31);
    expect(cut).not.toMatch(/mo…$/);
  });

  it("shows escaped text as text in the excerpt", () => {
    expect(excerpt("<p>Atelier &lt;moins de 3 ans&gt;</p>")).toBe("Atelier <moins de 3 ans>");
  });

  it("converts datetime-local values to ISO and back", () => {
    const iso = fromLocalInput("2027-03-01T10:30");
    expect(toLocalInput(iso)).toBe("2027-03-01T10:30");
    expect(fromLocalInput("")).toBe("");
    expect(toLocalInput(null)).toBe("");
  });
});
