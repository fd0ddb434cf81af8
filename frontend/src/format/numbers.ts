/** Counts, ratios and file sizes, French style. */

const INTEGER = new Intl.NumberFormat("fr-FR");
const ONE_DECIMAL = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });

/** "10 000" */
export function formatNumber(value: number): string {
  return INTEGER.format(value);
}

/** "1,5" (at most one decimal). */
export function formatDecimal(value: number): string {
  return ONE_DECIMAL.format(value);
}

/** "820 o", "12 Ko", "1,5 Mo" */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} o`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} Ko`;
  return `${formatDecimal(bytes / (1024 * 1024))} Mo`;
}
