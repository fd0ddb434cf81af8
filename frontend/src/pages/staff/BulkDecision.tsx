/**
 * The answer staff give to the selected requests of a queue (enrolments,
 * reservations, attestations): one mutation for the selection, a selection
 * required first, a refusal that asks for a reason and gives the focus back
 * to « Refuser » when it is sent or cancelled.
 */
import { useMutation } from "@tanstack/react-query";
import { useRef, useState } from "react";
import type { FormErrorItem } from "../../components/formErrors";
import type { Selection } from "../../components/list/BulkToolbar";
import { staffErrors } from "../../components/serverErrors";
import { plural } from "../../format/text";
import { ErrorSummary } from "../../components/ErrorSummary";
import { ReasonForm, StatusMessage } from "./StaffUi";

export const SELECTION_REQUIRED = "Sélectionnez au moins une demande.";

interface DecisionInput {
  ids: number[];
  decision: string;
  reason: string;
}

interface Options<Input extends DecisionInput, Result> {
  selection: Selection;
  mutationFn: (input: Input) => Promise<Result>;
  /** Id of the reason field (the server's `reason` errors go next to it). */
  reasonId: string;
  /** The sentence announced once the server answered (and any cache to refresh). */
  onDone: (result: Result, input: Input) => string;
}

export function useBulkDecision<Input extends DecisionInput, Result>({ selection, mutationFn, reasonId, onDone }: Options<Input, Result>) {
  const [refusing, setRefusing] = useState(false);
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [status, setStatus] = useState("");
  const refuseButton = useRef<HTMLButtonElement>(null);

  const mutation = useMutation({
    mutationFn,
    onSuccess: (result, input) => {
      setStatus(onDone(result, input));
      setErrors([]);
      selection.clear();
      if (refusing) {
        setRefusing(false);
        refuseButton.current?.focus();
      }
    },
    onError: (error) => setErrors(staffErrors(error, { reason: reasonId })),
  });

  function requireSelection(): boolean {
    if (selection.selectedIds.length) return true;
    setErrors([{ message: SELECTION_REQUIRED }]);
    return false;
  }

  return {
    mutation,
    errors,
    status,
    setStatus,
    refusing,
    refuseButton,
    busy: mutation.isPending,
    /** A decision without a reason, on the selection. */
    run(input: Omit<Input, "ids" | "reason">) {
      if (mutation.isPending || !requireSelection()) return;
      setRefusing(false);
      mutation.mutate({ ...input, ids: selection.selectedIds, reason: "" } as Input);
    },
    /** « Refuser »: opens the reason form once something is selected. */
    startRefusal() {
      if (!requireSelection()) return;
      setErrors([]);
      setRefusing(true);
    },
    refuse(input: Omit<Input, "ids">) {
      if (!mutation.isPending) mutation.mutate({ ...input, ids: selection.selectedIds } as Input);
    },
    cancelRefusal() {
      setRefusing(false);
      setErrors([]);
      refuseButton.current?.focus();
    },
    /** Filters changed: the refusal form closes and the last outcome is forgotten. */
    reset() {
      setRefusing(false);
      setStatus("");
    },
  };
}

export type BulkDecision = ReturnType<typeof useBulkDecision>;

interface RefusalFormProps {
  decision: Pick<BulkDecision, "refusing" | "busy" | "errors" | "cancelRefusal">;
  id: string;
  count: number;
  hint: string;
  onSubmit: (reason: string) => void;
}

/** The reason asked for the selected requests' refusal (one reason for all). */
export function RefusalForm({ decision, id, count, hint, onSubmit }: RefusalFormProps) {
  if (!decision.refusing) return null;
  return (
    <ReasonForm
      id={id}
      legend={`Refuser ${plural(count, "demande sélectionnée", "demandes sélectionnées")}`}
      submitLabel="Confirmer le refus"
      busy={decision.busy}
      serverErrors={decision.errors}
      hint={hint}
      onSubmit={onSubmit}
      onCancel={decision.cancelRefusal}
    />
  );
}

/** What the last answer did, or why it was refused (the refusal form shows its own errors). */
export function DecisionOutcome({ decision }: { decision: Pick<BulkDecision, "status" | "refusing" | "errors"> }) {
  return (
    <>
      <StatusMessage message={decision.status} />
      {!decision.refusing && <ErrorSummary items={decision.errors} />}
    </>
  );
}
