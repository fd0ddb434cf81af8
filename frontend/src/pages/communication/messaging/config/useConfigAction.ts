import { useState } from "react";
import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import type { FormErrorItem } from "../../../../components/formErrors";
import { staffErrors } from "../../../../components/serverErrors";

/**
 * A change of the configuration: on success the list `key` is refetched and
 * `done` says what was done; a refusal gives French errors (fields by `params`).
 */
export function useConfigAction<I>(key: QueryKey, run: (input: I) => Promise<unknown>, params: Record<string, string> = {}) {
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [done, setDone] = useState("");
  const mutation = useMutation({
    mutationFn: async ({ input }: { input: I; message: string }) => run(input),
    onSuccess: async (_data, { message }) => {
      setErrors([]);
      setDone(message);
      await queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (error) => {
      setDone("");
      setErrors(staffErrors(error, params));
    },
  });
  return {
    errors,
    done,
    busy: mutation.isPending,
    /** Runs the change; `message` is announced once it is done. */
    run: (input: I, message: string) => {
      if (!mutation.isPending) mutation.mutate({ input, message });
    },
    clear: () => {
      setErrors([]);
      setDone("");
    },
  };
}
