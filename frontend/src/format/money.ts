/** Money as the French screens show it. */

const MONEY = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });

/** "1 234,50 €" from a decimal string of the API ("12.50") or a number (0 when invalid). */
export function formatMoney(value: string | number | null | undefined): string {
  const amount = typeof value === "number" ? value : Number(value ?? 0);
  return MONEY.format(Number.isFinite(amount) ? amount : 0);
}
