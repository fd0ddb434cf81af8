import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../components/formErrors";
import { InputField } from "../../../components/FormFields";
import { QueryView } from "../../../components/QueryView";
import { staffErrors } from "../../../components/serverErrors";
import { SubmitButton } from "../../../components/SubmitButton";
import { StatusMessage } from "../StaffUi";
import { bookingKeys, fetchBillingSettings, updateBillingSettings } from "./api";

const FIELD = "codes-postaux-residents";

/** The postal codes whose families pay the resident price. */
export function ResidentCodesForm() {
  const query = useQuery({ queryKey: bookingKeys.billingSettings, queryFn: ({ signal }) => fetchBillingSettings(signal) });
  return (
    <section aria-labelledby="residents-titre" className="stack">
      <h2 id="residents-titre">Familles résidentes</h2>
      <QueryView query={query} loadingLabel="Chargement des réglages…">
        {(settings) => <CodesForm initial={settings.resident_postal_codes ?? []} />}
      </QueryView>
    </section>
  );
}

function CodesForm({ initial }: { initial: string[] }) {
  const queryClient = useQueryClient();
  const [text, setText] = useState(initial.join(", "));
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [status, setStatus] = useState("");
  const save = useMutation({
    mutationFn: updateBillingSettings,
    onSuccess: (saved) => {
      queryClient.setQueryData(bookingKeys.billingSettings, saved);
      setErrors([]);
      const codes = saved.resident_postal_codes ?? [];
      setStatus(codes.length ? `Codes postaux des résidents enregistrés : ${codes.join(", ")}.` : "Toutes les familles ont désormais le tarif résident.");
    },
    onError: (error) => setErrors(staffErrors(error, { resident_postal_codes: FIELD })),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    const codes = text.split(/[\s,;]+/).filter(Boolean);
    if (codes.some((c) => !/^\d{5}$/.test(c))) {
      setErrors([{ fieldId: FIELD, message: "Des codes postaux à 5 chiffres, séparés par des virgules." }]);
      return;
    }
    setStatus("");
    save.mutate({ resident_postal_codes: codes });
  }

  return (
    <form className="form card" noValidate onSubmit={submit}>
      <ErrorSummary items={errors} />
      <InputField
        id={FIELD}
        label="Codes postaux des résidents"
        hint="Les familles domiciliées dans ces codes postaux paient le prix résident. Vide : toutes les familles."
        inputMode="numeric"
        value={text}
        onChange={setText}
        errors={fieldErrors(errors, FIELD)}
      />
      <div className="button-row">
        <SubmitButton busy={save.isPending} label="Enregistrer les codes postaux" busyLabel="Enregistrement…" />
      </div>
      <StatusMessage message={status} />
    </form>
  );
}
