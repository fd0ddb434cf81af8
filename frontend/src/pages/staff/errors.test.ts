import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/client";
import { staffErrors } from "../../components/serverErrors";

describe("staffErrors", () => {
  it("shows a refusal's message, never its code", () => {
    const error = new ApiError(400, { detail: ["Seul un brouillon peut être supprimé."], code: "run_not_draft" });
    expect(staffErrors(error)).toEqual([{ message: "Seul un brouillon peut être supprimé.", fieldId: undefined }]);
  });

  it("puts a refusal about a field next to that field", () => {
    const error = new ApiError(400, { reason: ["Indiquez le motif du refus."], code: "reason_required" });
    expect(staffErrors(error, { reason: "refusal-reason" })).toEqual([
      { message: "Indiquez le motif du refus.", fieldId: "refusal-reason" },
    ]);
  });

  it("still shows the messages of a field named code", () => {
    const error = new ApiError(400, { code: ["Ce code est déjà utilisé."] });
    expect(staffErrors(error, { code: "type-code" })).toEqual([{ message: "Ce code est déjà utilisé.", fieldId: "type-code" }]);
  });
});
