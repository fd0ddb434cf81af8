/** The stay form's values (text, as typed) and their conversion to the API's input. */
import type { Bracket, PriceMethod, ScaleStep, Stay, StayInput, Transport } from "./api";

export interface BracketRow {
  qf_min: string;
  qf_max: string;
  amount: string;
  amount_exterior: string;
}

export interface ScaleRow {
  days_min: string;
  kind: "deposit" | "percent";
  percent: string;
}

export interface TransportRow {
  city: string;
  supplement: string;
  meeting_place: string;
  meeting_at: string;
  return_at: string;
}

export interface StayForm {
  name: string;
  theme: string;
  destination: string;
  country: string;
  place: string;
  description: string;
  published: boolean;
  nautical: boolean;
  campaign: string;
  start_date: string;
  end_date: string;
  min_age: string;
  max_age: string;
  capacity: string;
  price_method: PriceMethod;
  price_amount: string;
  price_amount_exterior: string;
  brackets: BracketRow[];
  deposit_kind: "percent" | "amount";
  deposit_value: string;
  balance_days_before: string;
  scale: ScaleRow[];
  transports: TransportRow[];
  document_types: number[];
  school_levels: number[];
  trousseau: string;
  practical_info: string;
}

const text = (value: string | number | null | undefined) => (value === null || value === undefined ? "" : String(value));

/** "2027-07-10T08:00:00+02:00" → "2027-07-10T08:00" for a datetime-local input. */
export function localInput(value: string | null | undefined): string {
  if (!value) return "";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value back to an ISO string with the browser's offset. */
export function isoFromLocal(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export const EMPTY_BRACKET: BracketRow = { qf_min: "", qf_max: "", amount: "", amount_exterior: "" };
export const EMPTY_TRANSPORT: TransportRow = { city: "", supplement: "0", meeting_place: "", meeting_at: "", return_at: "" };

export function toForm(stay?: Stay): StayForm {
  return {
    name: stay?.name ?? "",
    theme: stay?.theme ?? "",
    destination: stay?.destination ?? "",
    country: stay?.country ?? "France",
    place: stay?.place ?? "",
    description: stay?.description ?? "",
    published: stay?.published ?? true,
    nautical: stay?.nautical ?? false,
    campaign: text(stay?.campaign),
    start_date: stay?.start_date ?? "",
    end_date: stay?.end_date ?? "",
    min_age: text(stay?.min_age),
    max_age: text(stay?.max_age),
    capacity: text(stay?.capacity ?? 24),
    price_method: stay?.price_method ?? "flat",
    price_amount: text(stay?.price_amount),
    price_amount_exterior: text(stay?.price_amount_exterior),
    brackets: (stay?.price_brackets ?? []).map((b: Bracket) => ({
      qf_min: text(b.qf_min),
      qf_max: text(b.qf_max),
      amount: text(b.amount),
      amount_exterior: text(b.amount_exterior),
    })),
    deposit_kind: stay?.deposit_amount ? "amount" : "percent",
    deposit_value: stay?.deposit_amount ? text(stay.deposit_amount) : text(stay?.deposit_percent ?? "30"),
    balance_days_before: text(stay?.balance_days_before ?? 30),
    scale: (stay?.cancellation_scale ?? [{ days_min: 31, deposit: true }, { days_min: 0, percent: "50" }]).map((s: ScaleStep) => ({
      days_min: text(s.days_min),
      kind: s.deposit ? "deposit" : "percent",
      percent: text(s.percent),
    })),
    transports: (stay?.transports ?? []).map((t: Transport) => ({
      city: t.city,
      supplement: text(t.supplement),
      meeting_place: t.meeting_place,
      meeting_at: localInput(t.meeting_at),
      return_at: localInput(t.return_at),
    })),
    document_types: stay?.document_types ?? [],
    school_levels: stay?.school_levels ?? [],
    trousseau: stay?.trousseau ?? "",
    practical_info: stay?.practical_info ?? "",
  };
}

const numberOrNull = (value: string) => (value.trim() === "" ? null : Number(value.replace(",", ".")));
const decimalOrNull = (value: string) => (value.trim() === "" ? null : value.trim().replace(",", "."));

/** The API's input; the server checks the rules and answers in French. */
export function toInput(form: StayForm): StayInput {
  const quotient = form.price_method === "quotient";
  return {
    name: form.name.trim(),
    theme: form.theme.trim(),
    destination: form.destination.trim(),
    country: form.country.trim() || "France",
    place: form.place.trim(),
    description: form.description,
    published: form.published,
    nautical: form.nautical,
    campaign: form.campaign ? Number(form.campaign) : null,
    start_date: form.start_date,
    end_date: form.end_date,
    min_age: numberOrNull(form.min_age),
    max_age: numberOrNull(form.max_age),
    capacity: Number(form.capacity),
    price_method: form.price_method,
    price_amount: quotient ? null : decimalOrNull(form.price_amount),
    price_amount_exterior: quotient ? null : decimalOrNull(form.price_amount_exterior),
    price_brackets: quotient
      ? form.brackets.map((b) => ({
          qf_min: decimalOrNull(b.qf_min) ?? "0",
          qf_max: decimalOrNull(b.qf_max),
          amount: decimalOrNull(b.amount) ?? "",
          amount_exterior: decimalOrNull(b.amount_exterior),
        }))
      : [],
    deposit_amount: form.deposit_kind === "amount" ? decimalOrNull(form.deposit_value) : null,
    deposit_percent: form.deposit_kind === "percent" ? decimalOrNull(form.deposit_value) : null,
    balance_days_before: Number(form.balance_days_before || 0),
    cancellation_scale: form.scale.map((s) =>
      s.kind === "deposit" ? { days_min: Number(s.days_min || 0), deposit: true } : { days_min: Number(s.days_min || 0), percent: decimalOrNull(s.percent) },
    ),
    transports: form.transports.map((t) => ({
      city: t.city.trim(),
      supplement: decimalOrNull(t.supplement) ?? "0",
      meeting_place: t.meeting_place.trim(),
      meeting_at: isoFromLocal(t.meeting_at) ?? "",
      return_at: isoFromLocal(t.return_at),
    })),
    document_types: form.document_types,
    school_levels: form.school_levels,
    trousseau: form.trousseau,
    practical_info: form.practical_info,
  };
}
