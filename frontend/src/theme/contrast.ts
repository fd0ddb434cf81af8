/**
 * WCAG 2.x colour contrast helpers (relative luminance, contrast ratio) used
 * to derive readable colours from the tenant's primary colour.
 */

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

export const BLACK = "#000000";
export const WHITE = "#ffffff";
/** Minimum contrast ratio for normal text (WCAG 2.x AA, RGAA 3.2). */
export const AA_NORMAL_TEXT = 4.5;

/** Parses "#rgb" or "#rrggbb" (case-insensitive). Returns null if invalid. */
export function parseHexColor(value: string): Rgb | null {
  const match = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!match) return null;
  let hex = match[1];
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join("");
  return {
    r: parseInt(hex.slice(0, 2), 16),
    g: parseInt(hex.slice(2, 4), 16),
    b: parseInt(hex.slice(4, 6), 16),
  };
}

export function toHex({ r, g, b }: Rgb): string {
  const part = (n: number) => Math.round(Math.min(255, Math.max(0, n))).toString(16).padStart(2, "0");
  return `#${part(r)}${part(g)}${part(b)}`;
}

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance (0 = black, 1 = white). */
export function relativeLuminance(color: Rgb | string): number {
  const rgb = typeof color === "string" ? parseHexColor(color) : color;
  if (!rgb) throw new Error(`Couleur invalide : ${String(color)}`);
  return 0.2126 * channel(rgb.r) + 0.7152 * channel(rgb.g) + 0.0722 * channel(rgb.b);
}

/** WCAG contrast ratio between two colours, from 1 to 21. */
export function contrastRatio(a: Rgb | string, b: Rgb | string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  const [hi, lo] = la > lb ? [la, lb] : [lb, la];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Black or white, whichever contrasts most with `background`. For any colour
 * the better of the two reaches at least 4.58:1.
 */
export function readableForeground(background: string): typeof BLACK | typeof WHITE {
  return contrastRatio(background, BLACK) > contrastRatio(background, WHITE) ? BLACK : WHITE;
}

/**
 * Darkens `color` (mixing it with black, step by step) until it reaches
 * `minRatio` against `against` (white by default). Returned unchanged when it
 * already does.
 */
export function ensureContrast(color: string, against: string = WHITE, minRatio: number = AA_NORMAL_TEXT): string {
  const rgb = parseHexColor(color);
  if (!rgb) throw new Error(`Couleur invalide : ${color}`);
  if (contrastRatio(rgb, against) >= minRatio) return toHex(rgb);
  for (let step = 1; step <= 100; step += 1) {
    const keep = 1 - step / 100;
    const darker = { r: rgb.r * keep, g: rgb.g * keep, b: rgb.b * keep };
    const hex = toHex(darker);
    if (contrastRatio(hex, against) >= minRatio) return hex;
  }
  return BLACK;
}

export interface ThemeColors {
  /** The tenant colour, as a background (buttons, header). */
  primary: string;
  /** Text/icon colour on `primary` (black or white). */
  onPrimary: string;
  /** The tenant colour darkened, if needed, to be used as text/links on white. */
  primaryText: string;
}

export const DEFAULT_PRIMARY = "#1d4ed8";

export function themeColors(primaryColor: string | null | undefined): ThemeColors {
  const parsed = primaryColor ? parseHexColor(primaryColor) : null;
  const primary = parsed ? toHex(parsed) : DEFAULT_PRIMARY;
  return {
    primary,
    onPrimary: readableForeground(primary),
    primaryText: ensureContrast(primary, WHITE, AA_NORMAL_TEXT),
  };
}
