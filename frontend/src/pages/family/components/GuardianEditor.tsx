import { useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../../../api/client";
import { familyKeys, URLS, type DossierOptions, type Guardian, type GuardianPatch, type GuardianUpdateResult } from "../../../api/family";
import { guardianDefs } from "../fieldDefs";
import { DossierForm } from "./DossierForm";

interface GuardianEditorProps {
  guardian: Guardian;
  options: DossierOptions | undefined;
  idPrefix: string;
}

/** The form of one guardian (Mon profil, or another guardian in Mon foyer). */
export function GuardianEditor({ guardian, options, idPrefix }: GuardianEditorProps) {
  const queryClient = useQueryClient();
  return (
    <DossierForm
      idPrefix={idPrefix}
      defs={guardianDefs(options)}
      source={guardian}
      options={options}
      onSave={async (changes) => {
        const result = await apiFetch<GuardianUpdateResult>(URLS.guardian(guardian.id), {
          method: "PATCH",
          body: changes as GuardianPatch,
        });
        queryClient.setQueryData<Guardian[]>(familyKeys.guardians, (list) =>
          list?.map((g) => (g.id === result.guardian.id ? result.guardian : g)),
        );
        void queryClient.invalidateQueries({ queryKey: familyKeys.home });
        void queryClient.invalidateQueries({ queryKey: ["family", "requests"] });
        return { source: result.guardian, applied: result.applied, requests: result.requests };
      }}
    />
  );
}
