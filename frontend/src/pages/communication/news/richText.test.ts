import { describe, expect, it } from "vitest";
import { cleanPreviewHtml, excerpt, fromLocalInput, htmlToSource, sourceToHtml, toLocalInput } from "./richText";

describe("the news' rich text", () => {
  it("turns plain paragraphs into HTML paragraphs, escaping what looks like markup only in plain text", () => {
    expect(sourceToHtml("Bonjour à tous\nLa fête approche.\n\nÀ bientôt & merci")).toBe(
      "<p>Bonjour à tous<br>La fête approche.</p>\n<p>À bientôt &amp; merci</p>",
    );
    expect(sourceToHtml("Un <strong>grand</strong> jour\n\n<ul>\n<li>Stands</li>\n</ul>")).toBe(
      "<p>Un <strong>grand</strong> jour</p>\n<ul>\n<li>Stands</li>\n</ul>",
    );
  });

  it("gives back an editable source of stored HTML", () => {
    const html = "<p>Un</p><p>Deux<br>trois</p><ul><li>a</li></ul>";
    expect(htmlToSource(html)).toBe("<p>Un</p>\n\n<p>Deux<br>\ntrois</p>\n\n<ul><li>a</li></ul>");
    expect(cleanPreviewHtml(sourceToHtml(htmlToSource(html)))).toContain("<p>Deux<br>\ntrois</p>");
  });

  it("previews only the allowed markup: no script, handler, style nor javascript: link", () => {
    const dirty =
      '<p onclick="x()">Texte <script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">piège</a> <a href="https://example.fr" style="color:red">lien</a> <span>gardé</span></p>';
    const clean = cleanPreviewHtml(dirty);
    expect(clean).toBe('<p>Texte <a>piège</a> <a href="https://example.fr" rel="noopener noreferrer">lien</a> gardé</p>');
  });

  it("cuts the excerpt at a word, blocks separated by a space", () => {
    expect(excerpt("<p>Un</p><ul><li>deux</li><li>trois</li></ul>")).toBe("Un deux trois");
    const long = `<p>${"mot ".repeat(80)}</p>`;
    const cut = excerpt(long, 30);
    expect(cut.endsWith("…")).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(31);
    expect(cut).not.toMatch(/mo…$/);
  });

  it("converts datetime-local values to ISO and back", () => {
    const iso = fromLocalInput("2027-03-01T10:30");
    expect(toLocalInput(iso)).toBe("2027-03-01T10:30");
    expect(fromLocalInput("")).toBe("");
    expect(toLocalInput(null)).toBe("");
  });
});
