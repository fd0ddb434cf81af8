import { useId } from "react";
import { WEEKDAYS, type ScheduleDay, type Week } from "./api";

/** Half-hours from 6:30 to 20:00: the times a crèche day may start or end. */
export const HALF_HOURS: string[] = Array.from({ length: 28 }, (_, i) => {
  const minutes = 6 * 60 + 30 + i * 30;
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${minutes % 60 ? "30" : "00"}`;
});

const SHOWN_WEEKDAYS = [0, 1, 2, 3, 4];

interface ScheduleEditorProps {
  legend: string;
  value: ScheduleDay[];
  alternating: boolean;
  onChange: (days: ScheduleDay[], alternating: boolean) => void;
  errors?: string[];
  /** id of the first checkbox, for the error summary's link. */
  firstId?: string;
}

function sorted(days: ScheduleDay[]): ScheduleDay[] {
  return [...days].sort((a, b) => (a.week === b.week ? a.weekday - b.weekday : a.week < b.week ? -1 : 1));
}

/**
 * The weekly schedule: for each day of the week (Monday to Friday), whether
 * the child comes, its arrival and departure on half-hours; optionally two
 * alternating weeks A and B (garde alternée, parents' shifts).
 */
export function ScheduleEditor({ legend, value, alternating, onChange, errors, firstId }: ScheduleEditorProps) {
  const id = useId();
  const errorId = `${id}-errors`;
  const weeks: Week[] = alternating ? ["A", "B"] : ["A"];

  function find(week: Week, weekday: number) {
    return value.find((d) => d.week === week && d.weekday === weekday);
  }

  function toggle(week: Week, weekday: number, on: boolean) {
    const others = value.filter((d) => !(d.week === week && d.weekday === weekday));
    onChange(on ? sorted([...others, { week, weekday, arrival: "08:30", departure: "17:30" }]) : others, alternating);
  }

  function setTime(week: Week, weekday: number, key: "arrival" | "departure", time: string) {
    onChange(
      value.map((d) => (d.week === week && d.weekday === weekday ? { ...d, [key]: time } : d)),
      alternating,
    );
  }

  function setAlternating(on: boolean) {
    onChange(on ? value : value.filter((d) => d.week === "A"), on);
  }

  return (
    <fieldset className={`fieldset creche-schedule${errors?.length ? " field--error" : ""}`} aria-describedby={errors?.length ? errorId : undefined}>
      <legend className="fieldset__legend">{legend}</legend>
      {errors?.length ? (
        <p id={errorId} className="field__error">
          {errors.join(" ")}
        </p>
      ) : null}
      <div className="field field--checkbox">
        <input id={`${id}-alternating`} type="checkbox" checked={alternating} onChange={(e) => setAlternating(e.target.checked)} />
        <label htmlFor={`${id}-alternating`}>Planning différent une semaine sur deux (semaines A et B)</label>
      </div>
      {weeks.map((week) => (
        <table key={week} className="data-table creche-schedule__week">
          <caption>{alternating ? `Semaine ${week}` : "Chaque semaine"}</caption>
          <thead>
            <tr>
              <th scope="col">Jour</th>
              <th scope="col">Arrivée</th>
              <th scope="col">Départ</th>
            </tr>
          </thead>
          <tbody>
            {SHOWN_WEEKDAYS.map((weekday) => {
              const day = find(week, weekday);
              const base = `${id}-${week}-${weekday}`;
              const name = `${WEEKDAYS[weekday]}${alternating ? ` (semaine ${week})` : ""}`;
              return (
                <tr key={weekday}>
                  <th scope="row">
                    <input
                      id={week === "A" && weekday === 0 && firstId ? firstId : `${base}-on`}
                      type="checkbox"
                      checked={Boolean(day)}
                      onChange={(e) => toggle(week, weekday, e.target.checked)}
                    />{" "}
                    <label htmlFor={week === "A" && weekday === 0 && firstId ? firstId : `${base}-on`}>{name}</label>
                  </th>
                  <td>
                    {day && (
                      <>
                        <label className="visually-hidden" htmlFor={`${base}-arrival`}>
                          Arrivée {name}
                        </label>
                        <select id={`${base}-arrival`} value={day.arrival} onChange={(e) => setTime(week, weekday, "arrival", e.target.value)}>
                          {HALF_HOURS.map((time) => (
                            <option key={time}>{time}</option>
                          ))}
                        </select>
                      </>
                    )}
                  </td>
                  <td>
                    {day && (
                      <>
                        <label className="visually-hidden" htmlFor={`${base}-departure`}>
                          Départ {name}
                        </label>
                        <select id={`${base}-departure`} value={day.departure} onChange={(e) => setTime(week, weekday, "departure", e.target.value)}>
                          {HALF_HOURS.map((time) => (
                            <option key={time}>{time}</option>
                          ))}
                        </select>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ))}
    </fieldset>
  );
}
