import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { entryKey, measureParentHome, staticClosure } from "./bundle-budget.mjs";

const MANIFEST = {
  "index.html": { file: "assets/index.js", isEntry: true, imports: ["_shared.js"], dynamicImports: ["src/pages/staff/staffPages.ts", "src/pages/HomePage.tsx"], css: ["assets/index.css"] },
  "_shared.js": { file: "assets/shared.js" },
  "src/pages/staff/staffPages.ts": { file: "assets/staffPages.js", isDynamicEntry: true, imports: ["_shared.js", "_staff.js"] },
  "_staff.js": { file: "assets/staff.js" },
  "src/pages/HomePage.tsx": { file: "assets/HomePage.js", isDynamicEntry: true, imports: ["_shared.js", "_home.js"] },
  "_home.js": { file: "assets/home.js" },
};

describe("bundle budget", () => {
  it("counts the entry with its static imports, not the lazy chunks", () => {
    expect(entryKey(MANIFEST)).toBe("index.html");
    expect(staticClosure(MANIFEST, ["index.html"]).sort()).toEqual(["assets/index.js", "assets/shared.js"]);
  });

  it("adds the home route's lazy chunks and their imports, each file once", () => {
    expect(staticClosure(MANIFEST, ["index.html", "src/pages/HomePage.tsx"]).sort()).toEqual([
      "assets/HomePage.js",
      "assets/home.js",
      "assets/index.js",
      "assets/shared.js",
    ]);
  });

  it("refuses a home module the build does not have (renamed?)", () => {
    expect(() => staticClosure(MANIFEST, ["src/pages/Accueil.tsx"])).toThrow(/Accueil/);
  });

  it("sums the gzipped sizes of the files; a home module in the entry adds nothing", () => {
    const dist = mkdtempSync(join(tmpdir(), "budget-"));
    mkdirSync(join(dist, ".vite"));
    mkdirSync(join(dist, "assets"));
    writeFileSync(join(dist, ".vite", "manifest.json"), JSON.stringify(MANIFEST));
    const contents = { "assets/index.js": "console.log('index');".repeat(50), "assets/shared.js": "export const a = 1;", "assets/staff.js": "x".repeat(9999) };
    for (const [file, text] of Object.entries(contents)) writeFileSync(join(dist, file), text);
    const { total, sizes } = measureParentHome(dist, ["src/pages/ParentHomePage.tsx"]);
    expect(sizes.map((s) => s.file).sort()).toEqual(["assets/index.js", "assets/shared.js"]);
    expect(total).toBe(gzipSync(contents["assets/index.js"], { level: 9 }).length + gzipSync(contents["assets/shared.js"], { level: 9 }).length);
  });
});

describe("bundle budget of a lazy home page", () => {
  it("adds the home route's chunks when it is lazy", () => {
    const dist = mkdtempSync(join(tmpdir(), "budget-"));
    mkdirSync(join(dist, ".vite"));
    mkdirSync(join(dist, "assets"));
    writeFileSync(join(dist, ".vite", "manifest.json"), JSON.stringify(MANIFEST));
    for (const file of ["index", "shared", "HomePage", "home", "staff", "staffPages"]) writeFileSync(join(dist, "assets", `${file}.js`), `// ${file}`);
    const { sizes } = measureParentHome(dist, ["src/pages/HomePage.tsx"]);
    expect(sizes.map((s) => s.file).sort()).toEqual(["assets/HomePage.js", "assets/home.js", "assets/index.js", "assets/shared.js"]);
  });
});
