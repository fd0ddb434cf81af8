import { describe, expect, it } from "vitest";
import { applyFormat, htmlToMarkup, markupToHtml } from "./richText";

describe("the rich-text markup (announcements and news)", () => {
  it("turns paragraphs, lists, emphasis and links into the HTML the server keeps", () => {
    const markup = "Bonjour,\nL'accueil est **fermé** _vendredi_.\n\n- Matin\n- Soir\n\n1. Inscrire\n2. Payer\n\nVoir [le menu](https://example.fr/menu) ou https://example.fr/infos.";
    expect(markupToHtml(markup)).toBe(
      [
        "<p>Bonjour,<br>L&#39;accueil est <strong>fermé</strong> <em>vendredi</em>.</p>",
        "<ul><li>Matin</li><li>Soir</li></ul>",
        "<ol><li>Inscrire</li><li>Payer</li></ol>",
        '<p>Voir <a href="https://example.fr/menu">le menu</a> ou <a href="https://example.fr/infos">https://example.fr/infos</a>.</p>',
      ].join("\n"),
    );
  });

  it("escapes HTML typed in the text and refuses javascript: links", () => {
    const html = markupToHtml('<script>alert(1)</script> <img src=x onerror="x()"> [clic](javascript:alert(1))');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("href");
    expect(html).toContain("&lt;script&gt;");
  });

  it("gives back the markup of a saved text (round trip)", () => {
    const markup = "Bonjour,\nL'accueil est **fermé**.\n\n- Matin\n- Soir\n\nVoir [le menu](https://example.fr/menu).";
    expect(htmlToMarkup(markupToHtml(markup))).toBe(markup);
    expect(htmlToMarkup('<p>Texte <a href="javascript:x()">lien</a></p>')).toBe("Texte lien");
  });

  it("formats the selection from the toolbar", () => {
    expect(applyFormat("Il fait beau", 8, 12, "bold")).toEqual({ value: "Il fait **beau**", selectionStart: 10, selectionEnd: 14 });
    expect(applyFormat("Matin\nSoir", 0, 10, "bullets").value).toBe("- Matin\n- Soir");
    expect(applyFormat("Intro", 5, 5, "numbers").value).toBe("Intro\n\n1. élément");
    const link = applyFormat("Voir menu", 5, 9, "link");
    expect(link.value).toBe("Voir [menu](https://)");
    expect(link.selectionStart).toBe(link.value.length - 1);
  });
});
