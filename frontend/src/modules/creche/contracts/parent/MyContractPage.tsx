import { useRef, useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { ErrorSummary } from "../../../../components/ErrorSummary";
import { CheckboxField } from "../../../../components/FormFields";
import { fieldErrors, type FormErrorItem } from "../../../../components/formErrors";
import { QueryView } from "../../../../components/QueryView";
import { staffErrors } from "../../../../components/serverErrors";
import { SubmitButton } from "../../../../components/SubmitButton";
import { formatDateTime, formatPeriod } from "../../../../format/dates";
import { usePageTitle } from "../../../../theme/usePageTitle";
import {
  acceptContract,
  contractKeys,
  fetchMyContract,
  FILOUE_HINT,
  FILOUE_LABEL,
  setFiloueConsent,
  uploadSignedContract,
  type Contract,
} from "../api";
import { TermsView } from "../TermsView";
import "../contracts.css";

/** « Mon contrat d'accueil »: terms, rate steps, fee, schedule; sign it. */
export function MyContractPage() {
  const id = Number(useParams().contractId);
  const query = useQuery({ queryKey: contractKeys.my(id), queryFn: ({ signal }) => fetchMyContract(id, signal) });
  usePageTitle(query.data ? `Contrat d'accueil de ${query.data.child.first_name}` : "Contrat d'accueil");
  return (
    <div className="creche-contract">
      <p>
        <Link to="/creche">← Crèche</Link>
      </p>
      <QueryView query={query} loadingLabel="Chargement du contrat…">
        {(contract) => <ContractView contract={contract} />}
      </QueryView>
    </div>
  );
}

function ContractView({ contract }: { contract: Contract }) {
  const terms = [...contract.terms].sort((a, b) => a.number - b.number);
  return (
    <>
      <h1>
        Contrat d'accueil de {contract.child.first_name} — {contract.establishment.name}
      </h1>
      <p>
        {formatPeriod(contract.start_date, contract.end_date)}
        {contract.section && <> · section {contract.section.name}</>} · <strong>{contract.state_label}</strong>
      </p>
      {contract.state === "signed" || contract.state === "ended" ? (
        <p className="notice notice--success">
          Signé le {formatDateTime(contract.signed_at)} : {contract.signature_label.toLowerCase()}.
        </p>
      ) : null}
      {contract.pdf_url && (
        <p>
          <a href={contract.pdf_url} download>
            Télécharger le contrat pré-rempli (PDF)
          </a>
        </p>
      )}
      {contract.state === "proposed" ? <SignForms contract={contract} /> : <FiloueConsentForm contract={contract} />}
      <section aria-labelledby="conditions-titre">
        <h2 id="conditions-titre">Conditions{terms.length > 1 ? " et avenants" : ""}</h2>
        {terms.map((t) => (
          <TermsView key={t.id} terms={t} monthsBilled={contract.months_billed} />
        ))}
      </section>
    </>
  );
}

function SignForms({ contract }: { contract: Contract }) {
  const client = useQueryClient();
  const [accepted, setAccepted] = useState(false);
  const [filoue, setFiloue] = useState(contract.filoue_consent);
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [uploadErrors, setUploadErrors] = useState<FormErrorItem[]>([]);
  const fileRef = useRef<HTMLInputElement>(null);
  const done = (data: Contract) => {
    client.setQueryData(contractKeys.my(contract.id), data);
    void client.invalidateQueries({ queryKey: contractKeys.mine, exact: true });
  };
  const accept = useMutation({
    mutationFn: () => acceptContract(contract.id, filoue),
    onSuccess: done,
    onError: (error) => setErrors(staffErrors(error, { accepted: "contrat-accepte" })),
  });
  const upload = useMutation({
    mutationFn: (file: File) => uploadSignedContract(contract.id, file),
    onSuccess: done,
    onError: (error) => setUploadErrors(staffErrors(error, { file: "contrat-fichier" })),
  });

  function submitAccept(event: FormEvent) {
    event.preventDefault();
    if (!accepted) {
      setErrors([{ message: "Cochez « J'ai lu et j'accepte le contrat » pour le signer.", fieldId: "contrat-accepte" }]);
      return;
    }
    setErrors([]);
    if (!accept.isPending) accept.mutate();
  }

  function submitUpload(event: FormEvent) {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setUploadErrors([{ message: "Choisissez le contrat signé (PDF ou photo).", fieldId: "contrat-fichier" }]);
      return;
    }
    setUploadErrors([]);
    if (!upload.isPending) upload.mutate(file);
  }

  return (
    <section aria-labelledby="signer-titre" className="card">
      <h2 id="signer-titre">Signer le contrat</h2>
      <form onSubmit={submitAccept} noValidate>
        <h3>En ligne</h3>
        <ErrorSummary items={errors} />
        <CheckboxField
          id="contrat-accepte"
          label="J'ai lu et j'accepte le contrat"
          checked={accepted}
          onChange={setAccepted}
          errors={fieldErrors(errors, "contrat-accepte")}
        />
        <CheckboxField id="contrat-filoue" label={FILOUE_LABEL} hint={FILOUE_HINT} checked={filoue} onChange={setFiloue} />
        <SubmitButton busy={accept.isPending} label="Signer en ligne" busyLabel="Signature en cours…" />
      </form>
      <form onSubmit={submitUpload} noValidate>
        <h3>Ou déposer le contrat signé</h3>
        <ErrorSummary items={uploadErrors} />
        <div className={`field${fieldErrors(uploadErrors, "contrat-fichier") ? " field--error" : ""}`}>
          <label htmlFor="contrat-fichier" className="field__label">
            Contrat signé (PDF, JPEG ou PNG)
          </label>
          {fieldErrors(uploadErrors, "contrat-fichier")?.map((message) => (
            <p key={message} id="contrat-fichier-erreur" className="field__error">
              {message}
            </p>
          ))}
          <input
            ref={fileRef}
            id="contrat-fichier"
            type="file"
            accept="application/pdf,image/jpeg,image/png"
            aria-describedby={fieldErrors(uploadErrors, "contrat-fichier") ? "contrat-fichier-erreur" : undefined}
          />
        </div>
        <SubmitButton busy={upload.isPending} label="Déposer le contrat signé" busyLabel="Envoi en cours…" />
      </form>
    </section>
  );
}

/** The FILOUÉ accord after the signature: given or withdrawn at any time. */
function FiloueConsentForm({ contract }: { contract: Contract }) {
  const client = useQueryClient();
  const [consent, setConsent] = useState(contract.filoue_consent);
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () => setFiloueConsent(contract.id, consent),
    onSuccess: (data: Contract) => {
      client.setQueryData(contractKeys.my(contract.id), data);
      setSaved(true);
    },
    onError: (error) => setErrors(staffErrors(error, { filoue_consent: "contrat-filoue" })),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setErrors([]);
    setSaved(false);
    if (!save.isPending) save.mutate();
  }

  return (
    <section aria-labelledby="filoue-titre" className="card">
      <h2 id="filoue-titre">Transmission FILOUÉ à la Caf</h2>
      <form onSubmit={submit} noValidate>
        <ErrorSummary items={errors} />
        <CheckboxField
          id="contrat-filoue"
          label={FILOUE_LABEL}
          hint={FILOUE_HINT}
          checked={consent}
          onChange={(value) => {
            setConsent(value);
            setSaved(false);
          }}
          errors={fieldErrors(errors, "contrat-filoue")}
        />
        <SubmitButton busy={save.isPending} label="Enregistrer mon choix" busyLabel="Enregistrement…" />
        <p role="status">{saved ? (consent ? "Accord enregistré." : "Accord retiré.") : ""}</p>
      </form>
    </section>
  );
}
