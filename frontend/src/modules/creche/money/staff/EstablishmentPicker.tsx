import { useQuery } from "@tanstack/react-query";
import { SelectField } from "../../../../components/FormFields";
import { fetchEstablishmentOptions, moneyKeys } from "../api";

/** The establishment a staff screen is about (the first one by default). */
export function useEstablishments() {
  return useQuery({ queryKey: moneyKeys.establishments, queryFn: ({ signal }) => fetchEstablishmentOptions(signal) });
}

export function EstablishmentPicker({ id, value, onChange }: { id: string; value: string; onChange: (value: string) => void }) {
  const query = useEstablishments();
  return (
    <SelectField
      id={id}
      label="Établissement"
      value={value}
      onChange={onChange}
      placeholder={query.isPending ? "Chargement…" : "Choisir"}
      options={(query.data ?? []).map((e) => ({ value: String(e.id), label: e.name }))}
    />
  );
}
