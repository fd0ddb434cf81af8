/**
 * The light markup of the announcement and news editors and the HTML the server accepts
 * (core/communication/services/rich_text.py: p, br, strong, em, ul, ol, li,
 * a href http/https/mailto). The staff types plain text in a textarea:
 * a blank line starts a paragraph, "- " a bulleted item, "1. " a numbered
 * item, **gras**, _italique_, [texte](https://…) a link; bare web addresses
 * become links. Everything is escaped before the markup is applied, and the
 * server cleans the result again.
 */

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const SAFE_URL = /^(https?:\/\/|mailto:)/i;

/** Bold, italics and links of one (already split) line. */
export function inlineHtml(text: string): string {
  const links: string[] = [];
  // Links first (kept aside so that their address is not touched by the other rules).
  let out = text.replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, (whole, label: string, url: string) => {
    if (!SAFE_URL.test(url)) return whole;
    links.push(`<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`);
    return `\u0000${links.length - 1}\u0000`;
  });
  out = out.replace(/\b(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)])/g, (url: string) => {
    links.push(`<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`);
    return `\u0000${links.length - 1}\u0000`;
  });
  out = escapeHtml(out)
    .replace(/\*\*([^*\n]+?)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[^\w])_([^_\n]+?)_(?!\w)/g, "$1<em>$2</em>");
  return out.replace(/\u0000(\d+)\u0000/g, (_, index: string) => links[Number(index)]);
}

const BULLET = /^\s*[-*]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;

/** The HTML of the markup (empty text → ""). */
export function markupToHtml(markup: string): string {
  const blocks: string[] = [];
  let paragraph: string[] = [];
  let list: { tag: "ul" | "ol"; items: string[] } | null = null;

  const flushParagraph = () => {
    if (paragraph.length) blocks.push(`<p>${paragraph.map(inlineHtml).join("<br>")}</p>`);
    paragraph = [];
  };
  const flushList = () => {
    if (list) blocks.push(`<${list.tag}>${list.items.map((item) => `<li>${inlineHtml(item)}</li>`).join("")}</${list.tag}>`);
    list = null;
  };

  for (const raw of markup.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trimEnd();
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      flushParagraph();
      const tag = bullet ? "ul" : "ol";
      if (list && list.tag !== tag) flushList();
      list ??= { tag, items: [] };
      list.items.push((bullet ?? numbered)![1]);
    } else if (!line.trim()) {
      flushParagraph();
      flushList();
    } else {
      flushList();
      paragraph.push(line.trim());
    }
  }
  flushParagraph();
  flushList();
  return blocks.join("\n");
}

function inlineMarkup(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return (node.textContent ?? "").replace(/\s+/g, " ");
  if (!(node instanceof Element)) return "";
  const inner = Array.from(node.childNodes).map(inlineMarkup).join("");
  switch (node.tagName.toLowerCase()) {
    case "br":
      return "\n";
    case "strong":
    case "b":
      return inner.trim() ? `**${inner}**` : inner;
    case "em":
    case "i":
      return inner.trim() ? `_${inner}_` : inner;
    case "a": {
      const href = node.getAttribute("href") ?? "";
      if (!SAFE_URL.test(href)) return inner;
      return inner === href ? href : `[${inner}](${href})`;
    }
    default:
      return inner;
  }
}

/** The markup of HTML the server stored (to edit a saved draft). */
export function htmlToMarkup(html: string): string {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html");
  const blocks: string[] = [];
  let loose: string[] = [];
  const flushLoose = () => {
    const text = loose.join("").trim();
    if (text) blocks.push(text);
    loose = [];
  };
  for (const node of Array.from(doc.body.childNodes)) {
    const tag = node instanceof Element ? node.tagName.toLowerCase() : "";
    if (tag === "ul" || tag === "ol") {
      flushLoose();
      const items = Array.from((node as Element).children).filter((child) => child.tagName.toLowerCase() === "li");
      blocks.push(items.map((item, index) => `${tag === "ul" ? "-" : `${index + 1}.`} ${inlineMarkup(item).trim()}`).join("\n"));
    } else if (tag === "p") {
      flushLoose();
      const text = inlineMarkup(node)
        .split("\n")
        .map((line) => line.trim())
        .join("\n")
        .trim();
      if (text) blocks.push(text);
    } else {
      loose.push(inlineMarkup(node));
    }
  }
  flushLoose();
  return blocks.join("\n\n");
}

/** The change a toolbar button makes to the textarea's text and selection. */
export interface Edit {
  value: string;
  selectionStart: number;
  selectionEnd: number;
}

export type Format = "bold" | "italic" | "bullets" | "numbers" | "link";

/** Applies a toolbar format to the selected text (or inserts a sample). */
export function applyFormat(value: string, start: number, end: number, format: Format): Edit {
  const selected = value.slice(start, end);
  const before = value.slice(0, start);
  const after = value.slice(end);
  if (format === "bold" || format === "italic" || format === "link") {
    const [open, close, sample] =
      format === "bold" ? ["**", "**", "texte en gras"] : format === "italic" ? ["_", "_", "texte en italique"] : ["[", "](https://)", "texte du lien"];
    const text = selected || sample;
    const inserted = `${open}${text}${close}`;
    // A link leaves the caret in its address; bold and italics select their text.
    const selectionStart = format === "link" ? start + inserted.length - 1 : start + open.length;
    const selectionEnd = format === "link" ? selectionStart : selectionStart + text.length;
    return { value: `${before}${inserted}${after}`, selectionStart, selectionEnd };
  }
  const lines = (selected || "élément").split("\n");
  const prefixed = lines.map((line, index) => `${format === "bullets" ? "-" : `${index + 1}.`} ${line.replace(BULLET, "$1").replace(NUMBERED, "$1")}`).join("\n");
  // Lists start on their own line.
  const lead = before && !before.endsWith("\n\n") ? (before.endsWith("\n") ? "\n" : "\n\n") : "";
  const value2 = `${before}${lead}${prefixed}${after.startsWith("\n") || !after ? "" : "\n"}${after}`;
  const selectionStart = before.length + lead.length;
  return { value: value2, selectionStart, selectionEnd: selectionStart + prefixed.length };
}
