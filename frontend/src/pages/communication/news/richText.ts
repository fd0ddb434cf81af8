/**
 * The rich text of news items: the staff write a small subset of HTML (the
 * one the server keeps: p, br, strong, em, ul, ol, li, a href). The server
 * cleans it on save; the preview here is cleaned the same way so that what
 * the staff see is what the families will see.
 */

const ALLOWED_TAGS = new Set(["P", "BR", "STRONG", "EM", "UL", "OL", "LI", "A"]);
const SAFE_HREF = /^(https?:|mailto:)/i;
const BLOCK_START = /^<(p|ul|ol)[\s>]/i;

function parse(html: string): HTMLElement {
  // DOMParser documents never run scripts nor load images.
  return new DOMParser().parseFromString(`<body>${html}</body>`, "text/html").body;
}

/** The text of an item's HTML, cut at a word boundary (the cards' excerpt). */
export function excerpt(html: string, max = 180): string {
  // A space after each block, so that paragraphs and list items do not run together.
  const spaced = html.replace(/<\/(p|li|ul|ol)>|<br\s*\/?>/gi, "$& ");
  const text = (parse(spaced).textContent ?? "").replace(/\s+/g, " ").trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function cleanNode(node: Node, into: Node, doc: Document) {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE) {
      into.appendChild(doc.createTextNode(child.textContent ?? ""));
    } else if (child instanceof Element) {
      const tag = child.tagName.toUpperCase();
      if (tag === "SCRIPT" || tag === "STYLE") continue;
      if (!ALLOWED_TAGS.has(tag)) {
        // Unknown tags go, their text stays (like the server's cleaning).
        cleanNode(child, into, doc);
        continue;
      }
      const copy = doc.createElement(tag.toLowerCase());
      const href = child.getAttribute("href");
      if (tag === "A" && href && SAFE_HREF.test(href.trim())) {
        copy.setAttribute("href", href.trim());
        copy.setAttribute("rel", "noopener noreferrer");
      }
      cleanNode(child, copy, doc);
      into.appendChild(copy);
    }
  }
}

/** The allowed subset of `html` (for the editor's preview). */
export function cleanPreviewHtml(html: string): string {
  const source = parse(html);
  const doc = source.ownerDocument;
  const out = doc.createElement("div");
  cleanNode(source, out, doc);
  return out.innerHTML;
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * The HTML sent to the server from the editor's source: blocks separated by
 * a blank line; a block that is not already a paragraph or a list becomes a
 * paragraph, its single line breaks <br>. Text typed without any markup thus
 * keeps its paragraphs.
 */
export function sourceToHtml(source: string): string {
  return source
    .replace(/\r\n/g, "\n")
    .split(/\n{2,}/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => (BLOCK_START.test(block) ? block : `<p>${block.includes("<") ? block : escapeText(block)}</p>`.replace(/\n/g, "<br>")))
    .join("\n");
}

/** The editor's source of stored HTML: one block per paragraph or list. */
export function htmlToSource(html: string): string {
  return html
    .replace(/<\/(p|ul|ol)>\s*/gi, "</$1>\n\n")
    .replace(/<br\s*\/?>\n?/gi, "<br>\n")
    .trim();
}

/** "2027-03-01T10:00" (a datetime-local input's value, local time) of an ISO date-time. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The ISO date-time (UTC) of a datetime-local value; "" when empty. */
export function fromLocalInput(local: string): string {
  if (!local) return "";
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? "" : date.toISOString();
}
