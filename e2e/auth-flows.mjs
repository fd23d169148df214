// Signing up and in (issues 2, 13): the landing page, page headers, sign-up's checks, the session cookie,
// signing out and in again, and the language switch. `E2E_ONLY=auth` / `session` select them.

import { expectFocus, expectNoSeriousViolations, shoot, text } from "./checks.mjs";
import { assert, assertEqual } from "./harness.mjs";
import { checkPageHeaders } from "./security.mjs";

/** Landing, headers, sign-up refusals, then the student's account (signed in on an empty list). */
export async function signUpFlows(ctx) {
  const { h, page, context, base, student } = ctx;
  await h.test("landing page renders, negotiates the language and has no serious a11y violations", async () => {
    await page.goto(`${base}/`);
    assertEqual(await text(page.locator("h1")), "studyAI", "landing heading");
    assert(await page.getByText("All systems working").isVisible(), "service status is shown");
    await expectNoSeriousViolations(page, "landing");
    await shoot(page, "landing");
    const spanish = await (await fetch(`${base}/sign-in`, { headers: { "accept-language": "es-MX,es;q=0.9" } })).text();
    assert(spanish.includes('<html lang="es">') && spanish.includes("Iniciar sesión"), "Accept-Language es → Spanish");
  });

  await h.test("pages carry a nonce CSP, frame-ancestors 'none', X-Frame-Options DENY, nosniff, Referrer-Policy", () =>
    checkPageHeaders(base),
  );

  await h.test("a guessable password is refused with a message a student understands", async () => {
    await page.goto(`${base}/sign-up`);
    await page.getByLabel("Your name").fill("Ana");
    await page.getByLabel("Email").fill(`weak-${Date.now()}@example.test`);
    await page.getByLabel("Password").fill("12345678");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("This password is too easy to guess.", { exact: false }).waitFor();
    assertEqual(await page.getByLabel("Password").getAttribute("aria-invalid"), "true", "password marked invalid");
    assertEqual(page.url(), `${base}/sign-up`, "still on sign-up: no account created");
  });

  await h.test("sign-up validates fields in place and moves focus to the first invalid one", async () => {
    await page.goto(`${base}/sign-up`);
    await page.getByLabel("Your name").fill("Ana");
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("Enter an email address like name@example.com.").waitFor();
    assertEqual(await page.getByLabel("Email").getAttribute("aria-invalid"), "true", "email marked invalid");
    assert(await page.getByText("Use at least 8 characters.").isVisible(), "password error shown");
    await expectFocus(
      page,
      () => document.activeElement?.getAttribute("name") === "email",
      null,
      "focus on the first invalid field",
    );
    await shoot(page, "sign-up-errors");
  });

  await h.test("what a student types before the page's script has run is still there after it runs", async () => {
    // A slow phone: every script arrives 1.5 s late, so the fields are filled in the server's HTML and then
    // hydrated. Svelte writes a `value` prop into its field on hydration; text-field.svelte uses defaultValue.
    const slow = await context.newPage();
    await slow.route("**/*.js", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    try {
      await slow.goto(`${base}/sign-up`, { waitUntil: "domcontentloaded" });
      await slow.getByLabel("Your name").fill("Quick Typist");
      await slow.getByLabel("Email").fill("quick-typist@example.test");
      await slow.waitForLoadState("networkidle");
      await slow.waitForTimeout(500); // hydration runs once the scripts are in
      assertEqual(await slow.getByLabel("Your name").inputValue(), "Quick Typist", "name kept through hydration");
      assertEqual(await slow.getByLabel("Email").inputValue(), "quick-typist@example.test", "email kept");
    } finally {
      await slow.close();
    }
  });

  await h.test("sign up → signed in on an empty notebooks list, session only in an HttpOnly cookie", async () => {
    await page.goto(`${base}/sign-up`);
    await shoot(page, "sign-up");
    await page.getByLabel("Your name").fill(student.name);
    await page.getByLabel("Email").fill(student.email);
    await page.getByLabel("Password").fill(student.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(`${base}/notebooks`);
    assertEqual(await text(page.locator("h1")), "Your notebooks", "notebooks heading");
    assert(await page.getByText("No notebooks yet").isVisible(), "empty state shown");
    await shoot(page, "notebooks-empty");

    const cookies = await context.cookies(base);
    const session = cookies.find((c) => c.name.endsWith("better-auth.session_token"));
    assert(session, `session cookie set (got ${cookies.map((c) => c.name).join(", ")})`);
    assert(session.httpOnly, "session cookie is HttpOnly");
    assertEqual(session.sameSite, "Lax", "session cookie SameSite");
    assertEqual(session.path, "/", "session cookie Path");
    // SvelteKit keeps scroll positions in sessionStorage; no storage may hold the token or anything like it.
    const storage = await page.evaluate(() => ({
      stored: [localStorage, sessionStorage].flatMap((s) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`)),
      cookie: document.cookie,
    }));
    const token = decodeURIComponent(session.value).split(".")[0];
    assert(
      !storage.stored.some((entry) => entry.includes(token) || /token|auth/i.test(entry)),
      `no token in web storage (found ${storage.stored.join("; ")})`,
    );
    assert(!storage.cookie.includes("session_token"), "session token not readable from script");
  });
  ctx.signedIn = true;
}

/** Sign out, sign in again (a wrong password first), then the language switch. */
export async function sessionFlows(ctx) {
  const { h, page, context, base, student } = ctx;
  await h.test("sign out; signed-in pages then ask to sign in", async () => {
    await page.goto(`${base}/account`);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(`${base}/sign-in?signedOut=1`);
    assert(await page.getByText("You are signed out.").isVisible(), "signed-out notice");
    const cookies = await context.cookies(base);
    assert(!cookies.some((c) => c.name.endsWith("session_token")), "session cookie removed");
    await page.goto(`${base}/notebooks`);
    await page.waitForURL(`${base}/sign-in?next=%2Fnotebooks`);
    assert(await page.getByText("Please sign in to continue.").isVisible(), "asked to sign in");
  });

  await h.test("sign in: a wrong password is explained, the right one returns to the page asked for", async () => {
    await expectNoSeriousViolations(page, "sign-in");
    await shoot(page, "sign-in");
    await page.getByLabel("Email").fill(student.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    const alert = page.getByRole("alert");
    await alert.getByText("That email and password don't match an account.").waitFor();
    await expectFocus(page, () => document.activeElement?.hasAttribute("data-form-error"), null, "focus on the error");
    await page.getByLabel("Password").fill(student.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${base}/notebooks`);
    assert(await page.getByRole("link", { name: "Organic chemistry" }).isVisible(), "same account, same notebooks");
  });

  await h.test("switching the language to pt-BR shows Portuguese everywhere and sticks", async () => {
    await page.goto(`${base}/account`);
    await page.getByRole("main").getByRole("combobox", { name: "Language" }).selectOption("pt-BR");
    await page.getByRole("button", { name: "Save language" }).click();
    await page.getByRole("heading", { level: 1, name: "Conta" }).waitFor();
    assertEqual(await page.evaluate(() => document.documentElement.lang), "pt-BR", "<html lang>");
    assert(await page.getByText("Idioma salvo.").isVisible(), "saved, in Portuguese");
    await page.goto(`${base}/notebooks`);
    assertEqual(await text(page.locator("h1")), "Seus cadernos", "notebooks in Portuguese");
    assert(await page.getByRole("button", { name: "Criar", exact: true }).isVisible(), "buttons in Portuguese");
    await shoot(page, "notebooks-pt-BR");
    // The footer switcher (a plain form) goes back to English.
    await page.getByRole("contentinfo").getByRole("combobox").selectOption("en");
    await page.locator("footer").getByRole("button").click();
    await page.getByRole("heading", { level: 1, name: "Your notebooks" }).waitFor();
  });
}
