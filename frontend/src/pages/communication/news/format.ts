/**
 * Formatting helpers of the news pages: a card's excerpt of an item's HTML
 * (already cleaned by the server) and the datetime-local values of the
 * editors. The text itself is written with the shared rich-text field
 * (../shared/richText.ts).
 */

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
