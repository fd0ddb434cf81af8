import type { Slot } from "./api";

/** The places per half-hour of a day, as an accessible table. */
export function SlotsTable({ slots, caption }: { slots: Slot[]; caption: string }) {
  if (!slots.length) return <p className="notice">Aucune place ouverte ce jour-là (fermé ou hors des horaires).</p>;
  return (
    <table className="creche-places__table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Demi-heure</th>
          <th scope="col">Places</th>
          <th scope="col">Prises</th>
          <th scope="col">Libres</th>
        </tr>
      </thead>
      <tbody>
        {slots.map((slot) => (
          <tr key={slot.start}>
            <th scope="row">{slot.label}</th>
            <td>{slot.closed ? "Fermé" : slot.capacity}</td>
            <td>{slot.booked}</td>
            <td className={slot.free === 0 ? "creche-places__full" : undefined}>{slot.free === 0 ? "Complet" : slot.free}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
