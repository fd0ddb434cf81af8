/**
 * « Faire une demande d'attestation d'inscription » (seed 004): on a validated
 * enrolment, the family asks; staff issue the pre-filled PDF in one click; the
 * family downloads it here (and is told by e-mail).
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "../../../api/client";
import type { components } from "../../../api/schema.d.ts";
import { mapApiError } from "../../../components/apiErrors";
import { formatDate } from "../../../format/dates";
import { fetchAllPages, type Enrolment } from "./api";

export type Certificate = components["schemas"]["Certificate"];

const URL = "/api/v1/booking/certificates/";
export const certificateKeys = { all: ["booking", "certificates"] as const };

export function useCertificates() {
  return useQuery({ queryKey: certificateKeys.all, queryFn: ({ signal }) => fetchAllPages<Certificate>(URL, signal) });
}

const askCertificate = (enrolment: number) => apiFetch<Certificate>(URL, { method: "POST", body: { enrolment } });

/** The latest request of each enrolment (the API lists the newest first). */
export function latestByEnrolment(certificates: readonly Certificate[] | undefined): Map<number, Certificate> {
  const latest = new Map<number, Certificate>();
  for (const certificate of certificates ?? []) if (!latest.has(certificate.enrolment)) latest.set(certificate.enrolment, certificate);
  return latest;
}

interface Props {
  enrolment: Enrolment;
  certificate: Certificate | undefined;
}

export function EnrolmentCertificate({ enrolment, certificate }: Props) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState("");
  const ask = useMutation({
    mutationFn: () => askCertificate(enrolment.id),
    onSuccess: () => {
      setMessage("Demande envoyée : vous recevrez un e-mail dès que l'attestation sera prête.");
      return queryClient.invalidateQueries({ queryKey: certificateKeys.all });
    },
    onError: () => setMessage(""),
  });
  const about = <span className="visually-hidden"> : {enrolment.activity_name}</span>;
  const askButton = (label: string) => (
    <button type="button" className="button button--secondary" aria-disabled={ask.isPending || undefined} onClick={() => !ask.isPending && ask.mutate()}>
      {ask.isPending ? "Envoi de la demande…" : label}
      {about}
    </button>
  );

  return (
    <div className="enrolment-certificate">
      {certificate?.state === "issued" && certificate.pdf_url ? (
        <p>
          <a href={certificate.pdf_url} download className="button button--secondary">
            Télécharger l'attestation d'inscription (PDF){about}
          </a>{" "}
          <span className="field__hint">délivrée le {formatDate(certificate.issued_on ?? "")}</span>
        </p>
      ) : certificate?.state === "requested" ? (
        <p>Attestation d'inscription demandée le {formatDate(certificate.requested_at.slice(0, 10))} : la structure la prépare.</p>
      ) : (
        <>
          {certificate?.state === "refused" && (
            <p className="notice notice--error">
              <strong>Demande d'attestation refusée.</strong> Motif : {certificate.reason}
            </p>
          )}
          <p>{askButton(certificate ? "Demander à nouveau une attestation" : "Demander une attestation d'inscription")}</p>
        </>
      )}
      <p role="status" className="field__hint">
        {message}
      </p>
      {ask.isError && (
        <p role="alert" className="notice notice--error">
          {mapApiError(ask.error, { idFor: () => undefined }).map((e) => e.message).join(" ")}
        </p>
      )}
    </div>
  );
}
