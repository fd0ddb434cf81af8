import { InputField, SelectField, TextAreaField } from "../../../../components/FormFields";
import { formatPeriod } from "../../../../format/dates";
import { formatMoney } from "../../../../format/money";
import type { StaySummary } from "../../public/api";
import type { ChildRef, WishInput } from "../wishesApi";

interface WishCardProps {
  index: number;
  count: number;
  wish: WishInput;
  stay: StaySummary | undefined;
  siblings: ChildRef[];
  errors: Record<string, string[] | undefined>;
  onChange: (wish: WishInput) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}

export function fieldId(stayId: number, field: string): string {
  return `voeu-${stayId}-${field}`;
}

/** One wish of the list being edited: its rank, departure, « partir avec », comment. */
export function WishCard({ index, count, wish, stay, siblings, errors, onChange, onMove, onRemove }: WishCardProps) {
  const title = stay?.title ?? `Séjour n° ${wish.stay}`;
  const headingId = fieldId(wish.stay, "titre");
  const transports = stay?.transports ?? [];
  return (
    <section className="card wish-card" aria-labelledby={headingId}>
      <h3 id={headingId} className="wish-card__title" tabIndex={-1}>
        <span className="wish-card__rank">Vœu {index + 1}</span> {title}
      </h3>
      {stay && (
        <p className="wish-card__meta">
          {formatPeriod(stay.start_date, stay.end_date)} — {stay.price.label} — {stay.availability_label}
        </p>
      )}
      {transports.length > 0 && (
        <SelectField
          id={fieldId(wish.stay, "depart")}
          label="Ville de départ"
          required
          placeholder="— Choisir —"
          value={wish.transport ? String(wish.transport) : ""}
          onChange={(value) => onChange({ ...wish, transport: value ? Number(value) : null })}
          options={transports.map((t) => ({
            value: String(t.id),
            label: Number(t.supplement) > 0 ? `${t.city} (supplément ${formatMoney(t.supplement)})` : t.city,
          }))}
          errors={errors[fieldId(wish.stay, "depart")]}
        />
      )}
      {siblings.length > 0 && (
        <SelectField
          id={fieldId(wish.stay, "avec")}
          label="Partir avec un frère ou une sœur"
          placeholder="Non"
          value={wish.together_with ? String(wish.together_with) : ""}
          onChange={(value) => onChange({ ...wish, together_with: value ? Number(value) : null })}
          options={siblings.map((s) => ({ value: String(s.id), label: s.first_name }))}
          hint="Pour les placer ensemble, choisissez aussi ce séjour, au même rang, pour le frère ou la sœur."
        />
      )}
      <InputField
        id={fieldId(wish.stay, "ami")}
        label="Partir avec un ami ou une amie (nom et prénom)"
        value={wish.friend_name}
        maxLength={120}
        onChange={(value) => onChange({ ...wish, friend_name: value })}
      />
      <TextAreaField
        id={fieldId(wish.stay, "commentaire")}
        label="Commentaire pour le coordinateur séjours"
        value={wish.comment}
        maxLength={1000}
        rows={2}
        onChange={(value) => onChange({ ...wish, comment: value })}
      />
      <div className="inline-actions">
        <button type="button" className="button button--secondary" disabled={index === 0} onClick={() => onMove(-1)} aria-label={`Monter « ${title} »`}>
          Monter
        </button>
        <button type="button" className="button button--secondary" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={`Descendre « ${title} »`}>
          Descendre
        </button>
        <button type="button" className="button button--secondary" onClick={onRemove} aria-label={`Retirer « ${title} »`}>
          Retirer
        </button>
      </div>
    </section>
  );
}
