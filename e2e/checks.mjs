// What every flow module shares: screenshots at both widths, the axe + CSP check, waiting for focus, a
// locator's text, and whether this server answers questions.
import path from "node:path";
import { seriousViolations, VIEWPORTS } from "./browser.mjs";
import { assert } from "./harness.mjs";
import { expectNoCspViolations } from "./security.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
export const ARTIFACTS = path.join(ROOT, "artifacts");
export const SHOTS = path.join(ARTIFACTS, "screenshots");

/** `fullPage: false` shoots what the viewport shows; `phoneSetup` runs at phone width first (choose a tab). */
export async function shoot(page, name, { dark = false, fullPage = true, phoneSetup } = {}) {
  for (const scheme of dark ? ["light", "dark"] : ["light"]) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [label, size] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(size);
      if (label === "phone") await phoneSetup?.();
      await page.evaluate(() => document.fonts?.ready);
      // A full-page shot of a scrolled page (the chat follows its newest answer on a phone) repeats sticky bars.
      if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
      const suffix = scheme === "dark" ? `-dark-${label}` : `-${label}`;
      await page.screenshot({ path: path.join(SHOTS, `${name}${suffix}.png`), fullPage });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize(VIEWPORTS.desktop);
}

export async function expectNoSeriousViolations(page, label) {
  // Every page checked for accessibility is checked for CSP violations too (issue 13).
  await expectNoCspViolations(page, label);
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    const violations = await seriousViolations(page);
    assert(
      violations.length === 0,
      `axe found serious/critical violations on ${label} (${scheme}):\n${JSON.stringify(violations, null, 2)}`,
    );
  }
  await page.emulateMedia({ colorScheme: "light" });
}

/** Focus moves after the page updates: wait for it rather than racing it. */
export async function expectFocus(page, predicate, arg, message) {
  try {
    await page.waitForFunction(predicate, arg, { timeout: 3_000 });
  } catch {
    const active = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
    throw new Error(`assertion failed: ${message} (focus is on ${active})`);
  }
}

export const text = async (locator) => ((await locator.textContent()) ?? "").trim();

/** Whether this server has the answers API (the ask route is in its OpenAPI document). */
export async function hasAskRoute(base) {
  try {
    const response = await fetch(`${base}/api/v1/openapi.json`);
    const paths = response.ok ? Object.keys((await response.json()).paths ?? {}) : [];
    return paths.some((p) => /^\/v1\/notebooks\/\{[^}]+\}\/ask$/.test(p));
  } catch {
    return false;
  }
}
