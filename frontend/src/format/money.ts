/** Money as the French screens show it, and amounts typed by the staff. */

const MONEY = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });

/** The typographic minus: « −1,20 € », as the e-mails and PDFs write it (core/money.py). */
export const MINUS = "\u2212";

/** Intl writes a hyphen-minus in some engines and U+2212 in others: always the latter. */
const format = (amount: number) => MONEY.format(amount).replace("-", MINUS);

/** "1 234,50 €" from a decimal string of the API ("12.50") or a number (0 when invalid); "−1,20 €" for a credit. */
export function formatMoney(value: string | number | null | undefined): string {
  const amount = typeof value === "number" ? value : Number(value ?? 0);
  return format(Number.isFinite(amount) ? amount : 0);
}

/** The signed amount of a booking change (the API sends a line's price unsigned): a
 *  cancellation is a credit to the family. The one place the SPA decides the sign, as
 *  `signed_amount` does on the server for the cart's total and the recap e-mail. */
export function signedAmount(action: string, value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === "") return null;
  const amount = Number(value);
  return action === "cancel" ? -amount : amount;
}

/** Like formatMoney, but "—" for a missing amount (an optional price) and the text itself when it is not a number. */
export function formatOptionalMoney(value: string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  const amount = Number(value);
  return Number.isFinite(amount) ? format(amount) : value;
}

/** A typed amount ("12,50", "12.5", "1 200") as a number, or null when it is not one. */
export function parseAmount(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f€]/g, "").replace(",", ".");
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  return Number(cleaned);
}

/** An amount as the API's decimal string ("12.50"). */
export const toDecimal = (amount: number) => amount.toFixed(2);

/** Cents, to add amounts without floating point surprises. */
export const cents = (value: string | number) => Math.round(Number(value) * 100);
