// The account page (issues 8, 10): usage against quotas, and API keys created, used and revoked.

import { expectFocus, expectNoSeriousViolations, shoot } from "./checks.mjs";
import { assert, assertEqual } from "./harness.mjs";

export async function accountFlows(ctx) {
  const { h, page, context, base, student } = ctx;
  await h.test("account page: usage against quotas", async () => {
    await page.goto(`${base}/account`);
    assert(await page.getByText(`Signed in as ${student.email}`).isVisible(), "account shows the email");
    const usage = page.getByRole("region", { name: "Usage and limits" });
    assert(await usage.getByText(/^Plan: (Free|Pro)$/).isVisible(), "plan shown");
    for (const quota of ["Questions", "Study tools generated", "Pages read"]) {
      assert(await usage.getByRole("meter", { name: quota }).isVisible(), `${quota} meter`);
    }
    assert(
      await usage
        .getByText(/^\d[\d,]* of \d[\d,]*$/)
        .first()
        .isVisible(),
      "used of limit",
    );
    await expectNoSeriousViolations(page, "account");
    await shoot(page, "account", { dark: true });
  });

  await h.test(
    "API keys: create with scopes (secret shown once, copy), it works, list, revoke after confirming",
    async () => {
      const keys = page.getByRole("region", { name: "API keys" });
      assert(await keys.getByText("No API keys yet.").isVisible(), "empty list");
      // Refused in place: no scope chosen.
      await keys.getByLabel("Key name").fill("School LMS");
      await keys.getByRole("checkbox", { name: /^Read/ }).uncheck();
      await keys.getByRole("button", { name: "Create key" }).click();
      await keys.getByText("Choose at least one permission.").waitFor();
      await keys.getByRole("checkbox", { name: /^Read/ }).check();
      await keys.getByRole("checkbox", { name: /^Ask/ }).check();
      await keys.getByRole("button", { name: "Create key" }).click();
      const secretBox = keys.locator("[data-secret]");
      await secretBox.getByText("Copy your new key now").waitFor();
      assert(await secretBox.getByText("This is the only time it is shown.").isVisible(), "shown-once warning");
      await expectFocus(page, () => document.activeElement?.hasAttribute("data-secret"), null, "focus on the new key");
      const secret = await secretBox.getByLabel("New API key “School LMS”").inputValue();
      assert(/^sk_\w{20,}/.test(secret), `secret looks like a key (got ${secret.slice(0, 6)}…)`);
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
      await secretBox.getByRole("button", { name: "Copy key" }).click();
      await secretBox.getByText(/Copied to the clipboard\.|Copying didn't work/).waitFor();
      await expectNoSeriousViolations(page, "account with a new key");
      await shoot(page, "account-new-key");
      // The key is a real credential for the API.
      const withKey = await fetch(`${base}/api/v1/notebooks`, { headers: { authorization: `Bearer ${secret}` } });
      assertEqual(withKey.status, 200, "the new key reads notebooks");
      await secretBox.getByRole("button", { name: "I've saved it" }).click();
      await secretBox.waitFor({ state: "detached" });
      const item = keys.getByRole("listitem").filter({ hasText: "School LMS" });
      assert(await item.getByText(secret.slice(0, 8)).isVisible(), "listed by its prefix");
      await page.reload();
      assert(!(await page.content()).includes(secret), "the secret is never shown again");
      await item.getByRole("button", { name: "Revoke “School LMS”" }).click();
      const dialog = page.getByRole("dialog", { name: "Revoke this key?" });
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await dialog.waitFor({ state: "hidden" });
      assert(await item.isVisible(), "cancel keeps the key");
      await item.getByRole("button", { name: "Revoke “School LMS”" }).click();
      await dialog.getByRole("button", { name: "Revoke key" }).click();
      await item.waitFor({ state: "detached" });
      await keys.getByText("Key “School LMS” revoked.").waitFor({ state: "attached" });
      const revoked = await fetch(`${base}/api/v1/notebooks`, { headers: { authorization: `Bearer ${secret}` } });
      assertEqual(revoked.status, 401, "a revoked key is refused");
      await page.reload();
      assert(await keys.getByText("No API keys yet.").isVisible(), "revoked for good");
    },
  );
}
