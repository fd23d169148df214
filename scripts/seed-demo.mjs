// Idempotent demo data, created through the public API exactly as a client would: the demo account,
// its "Demo notebook" and one real document (an NTSB accident report, public domain).
import { readFile } from "node:fs/promises";

export const DEMO = {
  email: "demo@studyai.dev",
  password: "studyai-demo-password",
  name: "Demo Student",
  notebookTitle: "Demo notebook",
  documentPath: new URL("../workers/api/test/fixtures/ntsb/20080102X00002.pdf", import.meta.url),
  documentTitle: "NTSB accident report 20080102X00002",
};

async function json(res) {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return { raw: text };
  }
}

async function signIn(api) {
  const body = JSON.stringify({ email: DEMO.email, password: DEMO.password });
  const headers = { "content-type": "application/json", origin: new URL(api).origin };
  let res = await fetch(`${api}/v1/auth/sign-in/email`, { method: "POST", headers, body });
  if (res.status !== 200) {
    res = await fetch(`${api}/v1/auth/sign-up/email`, {
      method: "POST",
      headers,
      body: JSON.stringify({ email: DEMO.email, password: DEMO.password, name: DEMO.name }),
    });
  }
  const token = res.headers.get("set-auth-token");
  if (res.status !== 200 || !token)
    throw new Error(`demo sign-in failed: ${res.status} ${JSON.stringify(await json(res))}`);
  return token;
}

export async function seedDemo(api) {
  const token = await signIn(api);
  // The web app (SvelteKit) refuses cross-site form posts: say where we come from, as a browser would.
  const auth = { authorization: `Bearer ${token}`, origin: new URL(api).origin };
  const list = await json(await fetch(`${api}/v1/notebooks?limit=100`, { headers: auth }));
  let notebook = list.items?.find((n) => n.title === DEMO.notebookTitle);
  if (!notebook) {
    const res = await fetch(`${api}/v1/notebooks`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({
        title: DEMO.notebookTitle,
        description: "A real accident report to ask questions about.",
      }),
    });
    notebook = await json(res);
    if (res.status !== 201) throw new Error(`demo notebook: ${res.status} ${JSON.stringify(notebook)}`);
  }

  const docs = await fetch(`${api}/v1/notebooks/${notebook.id}/documents`, { headers: auth });
  if (docs.status === 404 || docs.status === 405) {
    console.log("  (documents API not available yet: the demo notebook has no document)");
  } else if ((await json(docs)).items?.length === 0) {
    const form = new FormData();
    const bytes = await readFile(DEMO.documentPath);
    form.set("file", new Blob([bytes], { type: "application/pdf" }), "ntsb-20080102X00002.pdf");
    form.set("title", DEMO.documentTitle);
    const res = await fetch(`${api}/v1/notebooks/${notebook.id}/documents`, {
      method: "POST",
      headers: auth,
      body: form,
    });
    if (res.status !== 202)
      console.warn(`  demo document upload answered ${res.status}: ${JSON.stringify(await json(res))}`);
  }
  return { ...DEMO, notebookId: notebook.id };
}
