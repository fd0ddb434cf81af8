import axe from "axe-core";

/**
 * Runs axe-core on a rendered tree. Rules jsdom cannot evaluate (colour
 * contrast needs layout) are off; the theme's contrast has its own tests.
 */
export async function axeViolations(container: Element): Promise<axe.Result[]> {
  const results = await axe.run(container, {
    rules: { "color-contrast": { enabled: false }, region: { enabled: false } },
  });
  return results.violations;
}

export function describeViolations(violations: axe.Result[]): string {
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`).join("\n");
}
