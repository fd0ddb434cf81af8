import { describe, expect, it } from "vitest";
import { loginPathFor, postLoginPath, safeNextPath } from "./redirects";

describe("safeNextPath", () => {
  it("accepts same-origin paths", () => {
    expect(safeNextPath("/periscolaire")).toBe("/periscolaire");
    expect(safeNextPath("/mon-compte?onglet=1#x")).toBe("/mon-compte?onglet=1#x");
  });

  it.each([null, "", "periscolaire", "//evil.example", "/\\evil.example", "https://evil.example/", "javascript:alert(1)", "/connexion", "/api/v1/auth/session"])(
    "rejects %s",
    (value) => {
      expect(safeNextPath(value)).toBeNull();
    },
  );
});

describe("postLoginPath", () => {
  const parent = { is_staff_member: false, must_change_password: false };
  const staff = { is_staff_member: true, must_change_password: false };

  it("sends parents home and staff to /gestion", () => {
    expect(postLoginPath(parent)).toBe("/");
    expect(postLoginPath(staff)).toBe("/gestion");
  });

  it("honours a safe ?suivant=", () => {
    expect(postLoginPath(parent, "/periscolaire")).toBe("/periscolaire");
    expect(postLoginPath(staff, "https://evil.example")).toBe("/gestion");
  });

  it("goes through the forced password change first", () => {
    expect(postLoginPath({ ...parent, must_change_password: true })).toBe("/changer-mot-de-passe");
    expect(postLoginPath({ ...parent, must_change_password: true }, "/mon-compte")).toBe(
      "/changer-mot-de-passe?suivant=%2Fmon-compte",
    );
  });

  it("builds the login URL with the requested page", () => {
    expect(loginPathFor({ pathname: "/mon-compte", search: "?a=1", hash: "" })).toBe("/connexion?suivant=%2Fmon-compte%3Fa%3D1");
    expect(loginPathFor({ pathname: "/", search: "", hash: "" })).toBe("/connexion");
  });
});
