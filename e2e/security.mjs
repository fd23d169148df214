// Browser and HTTP checks of issue 13's web rows, run by e2e/run.mjs inside the student's flow:
// CSP and security headers on the pages (and no violation reported on any of them), the partner's upload
// through the public /api proxy, the API reference working offline, and the password strength message
// (the upload queue taking many files at once is in upload-burst.mjs).
import { assert, assertEqual } from "./harness.mjs";

/** Records every CSP violation a page reports (the event fires even where the page catches the error). */
export async function recordCspViolations(context) {
  await context.addInitScript(() => {
    const seen = [];
    Object.defineProperty(window, "__cspViolations", { value: seen });
    document.addEventListener("securitypolicyviolation", (event) => {
      seen.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${location.pathname}`);
    });
  });
}

/** The violations the current page recorded so far. */
export const cspViolations = (page) => page.evaluate(() => [...(window.__cspViolations ?? [])]);

export async function expectNoCspViolations(page, label) {
  const found = await cspViolations(page);
  assert(found.length === 0, `CSP violations on ${label}:\n${found.join("\n")}`);
}

/** The pages' own headers: a nonce-based CSP, framing refused, no sniffing, a referrer policy. */
export async function checkPageHeaders(base) {
  for (const pathname of ["/", "/sign-in", "/sign-up"]) {
    const res = await fetch(`${base}${pathname}`);
    const csp = res.headers.get("content-security-policy") ?? "";
    assert(/script-src 'self' 'nonce-[^']+'/.test(csp), `${pathname}: script-src with a nonce (got "${csp}")`);
    assert(!/script-src[^;]*'unsafe-inline'/.test(csp), `${pathname}: no 'unsafe-inline' scripts`);
    assert(csp.includes("frame-ancestors 'none'"), `${pathname}: frame-ancestors 'none'`);
    assert(csp.includes("object-src 'none'"), `${pathname}: object-src 'none'`);
    assertEqual(res.headers.get("x-frame-options"), "DENY", `${pathname}: X-Frame-Options`);
    assertEqual(res.headers.get("x-content-type-options"), "nosniff", `${pathname}: nosniff`);
    assertEqual(res.headers.get("referrer-policy"), "strict-origin-when-cross-origin", `${pathname}: Referrer-Policy`);
    const html = await res.text();
    const nonce = csp.match(/'nonce-([^']+)'/)?.[1];
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
      assert(
        /\bsrc=/.test(tag) || tag.includes(`nonce="${nonce}"`),
        `${pathname}: inline script without the nonce: ${tag}`,
      );
    }
  }
  const second = (await fetch(`${base}/sign-in`)).headers.get("content-security-policy");
  const first = (await fetch(`${base}/sign-in`)).headers.get("content-security-policy");
  assert(first !== second, "a fresh nonce per response");
}

/** A partner: API key, multipart, no Origin, through the web app's public URL; cross-site forms still refused. */
export async function checkPartnerUpload(base) {
  const api = `${base}/api`;
  const signUp = await fetch(`${api}/v1/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({
      name: "Partner",
      email: `partner-${Date.now()}@example.test`,
      password: "partner school key 77",
    }),
  });
  assertEqual(signUp.status, 200, "partner account created");
  const session = { authorization: `Bearer ${signUp.headers.get("set-auth-token")}` };
  const key = await fetch(`${api}/v1/api-keys`, {
    method: "POST",
    headers: { ...session, "content-type": "application/json" },
    body: JSON.stringify({ name: "LMS", scopes: ["read", "write"] }),
  });
  const secret = (await key.json()).key;
  const notebook = await fetch(`${api}/v1/notebooks`, {
    method: "POST",
    headers: { "x-api-key": secret, "content-type": "application/json" },
    body: JSON.stringify({ title: "Partner uploads" }),
  });
  const notebookId = (await notebook.json()).id;
  const form = new FormData();
  form.set(
    "file",
    new File(["Photosynthesis happens in the chloroplasts.\n"], "partner-notes.txt", { type: "text/plain" }),
  );
  const upload = await fetch(`${api}/v1/notebooks/${notebookId}/documents`, {
    method: "POST",
    headers: { "x-api-key": secret },
    body: form,
  });
  assertEqual(upload.status, 202, `multipart upload with an API key and no Origin (${await upload.clone().text()})`);

  const evil = await fetch(`${base}/sign-in`, {
    method: "POST",
    headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
    body: "email=a%40b.c&password=x",
  });
  assertEqual(evil.status, 403, "a cross-site form post to a page is still refused");
}

/** /api/docs with every other host unreachable: the reference renders from the app's own assets. */
export async function checkDocsOffline(context, base) {
  const page = await context.newPage();
  const foreign = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(base)) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  try {
    await page.goto(`${base}/api/docs`);
    await page.getByText("studyAI API", { exact: false }).first().waitFor({ timeout: 30_000 });
    await page
      .getByText(/notebooks/i)
      .first()
      .waitFor({ timeout: 30_000 });
    assertEqual(foreign.length, 0, `no request leaves the app (tried: ${foreign.join(", ")})`);
    await expectNoCspViolations(page, "/api/docs");
  } finally {
    await page.close();
  }
}
