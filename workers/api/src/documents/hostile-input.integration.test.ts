// Hostile input on the upload and notebook routes: each answered with a clear 4xx problem, and a refused
// request leaves no row and no object behind. Text in any script (RTL, CJK, zero-width) that IS valid is kept
// exactly.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { bearer, call, createNotebook, signUp, waitForTerminal } from "../../test/helpers";

async function setup() {
  const user = await signUp();
  const auth = bearer(user);
  return { user, auth, notebookId: await createNotebook(auth) };
}

async function state(userId: string, notebookId: string) {
  const count = async (sql: string, arg: string) =>
    (await env.DB.prepare(sql).bind(arg).first<{ n: number }>())?.n ?? 0;
  return {
    notebooks: await count("SELECT count(*) AS n FROM notebook WHERE owner_id = ?", userId),
    documents: await count("SELECT count(*) AS n FROM document WHERE notebook_id = ?", notebookId),
    objects: (await env.FILES.list({ prefix: `documents/${notebookId}/` })).objects.length,
  };
}

async function expectProblem(res: Response, status: number, type: RegExp) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const body = (await res.json()) as { type: string; title: string; detail?: string };
  expect(body.type).toMatch(/^https:\/\/studyai\.dev\/problems\//);
  expect(body.type).toMatch(type);
  expect(body.detail ?? body.title).toBeTruthy();
  return body;
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const deepJson = (depth: number) => `{"title":${"[".repeat(depth)}${"]".repeat(depth)}}`;

describe("hostile input", () => {
  it("refuses deeply nested, truncated and non-UTF-8 JSON on notebook and upload routes, writing nothing", async () => {
    const { user, auth, notebookId } = await setup();
    const before = await state(user.userId, notebookId);
    const json = { ...auth, "content-type": "application/json" };
    const invalidUtf8 = new Uint8Array([...utf8('{"title":"ab'), 0xff, 0xfe, 0xc3, ...utf8('cd"}')]);
    const upload = `/v1/notebooks/${notebookId}/documents`;

    await expectProblem(
      await call("/v1/notebooks", { method: "POST", headers: json, body: deepJson(10_000) }),
      422,
      /validation$/,
    );
    await expectProblem(
      await call("/v1/notebooks", { method: "POST", headers: json, body: "[".repeat(200_000) }),
      400,
      /malformed-request$/,
    );
    await expectProblem(
      await call("/v1/notebooks", { method: "POST", headers: json, body: invalidUtf8 }),
      400,
      /invalid-encoding$/,
    );
    await expectProblem(
      await call(`/v1/notebooks/${notebookId}`, { method: "PATCH", headers: json, body: invalidUtf8 }),
      400,
      /invalid-encoding$/,
    );
    await expectProblem(
      await call(upload, { method: "POST", headers: json, body: deepJson(10_000) }),
      422,
      /validation$/,
    );
    await expectProblem(
      await call(upload, { method: "POST", headers: json, body: '{"title":' }),
      400,
      /malformed-request$/,
    );
    const textWithBadBytes = new Uint8Array([...utf8('{"title":"t","text":"ab'), 0xff, ...utf8('cd"}')]);
    await expectProblem(
      await call(upload, { method: "POST", headers: json, body: textWithBadBytes }),
      400,
      /invalid-encoding$/,
    );

    expect(await state(user.userId, notebookId)).toEqual(before);
    // The notebook kept its title through the refused PATCH.
    const nb = (await (await call(`/v1/notebooks/${notebookId}`, { headers: auth })).json()) as { title: string };
    expect(nb.title).toBe("Notebook");
  });

  it("refuses wrong content types with 415 and garbage multipart with 400, writing nothing", async () => {
    const { user, auth, notebookId } = await setup();
    const before = await state(user.userId, notebookId);
    const upload = `/v1/notebooks/${notebookId}/documents`;
    const post = (path: string, type: string | null, body: BodyInit) =>
      call(path, { method: "POST", headers: type ? { ...auth, "content-type": type } : auth, body });

    for (const type of ["text/plain", "application/x-www-form-urlencoded", "application/xml", null]) {
      await expectProblem(await post("/v1/notebooks", type, '{"title":"x"}'), 415, /unsupported-media-type$/);
    }
    for (const type of ["text/plain", "application/xml", "image/png"]) {
      await expectProblem(await post(upload, type, "hello"), 415, /unsupported-media-type$/);
    }
    await expectProblem(await post(upload, "multipart/form-data; boundary=zzz", "garbage"), 400, /malformed-request$/);
    const noFile = '--zzz\r\nContent-Disposition: form-data; name="other"\r\n\r\nx\r\n--zzz--\r\n';
    await expectProblem(await post(upload, "multipart/form-data; boundary=zzz", noFile), 422, /validation$/);
    // A PNG sent as a file: refused from its bytes.
    const form = new FormData();
    form.set("file", new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])], "x.png"));
    await expectProblem(
      await call(upload, { method: "POST", headers: auth, body: form }),
      415,
      /unsupported-file-type$/,
    );

    expect(await state(user.userId, notebookId)).toEqual(before);
  });

  it("refuses titles made only of zero-width or bidi control characters (422), keeps RTL and CJK titles exactly", async () => {
    const { user, auth, notebookId } = await setup();
    const json = { ...auth, "content-type": "application/json" };
    const before = await state(user.userId, notebookId);
    for (const title of ["\u200B\u200C\u200D\u2060", "\u202E\u202C", "\uFEFF", "\u00AD"]) {
      const res = await call("/v1/notebooks", { method: "POST", headers: json, body: JSON.stringify({ title }) });
      const body = (await expectProblem(res, 422, /validation$/)) as { errors?: { path: string }[] };
      expect(body.errors?.[0]?.path).toBe("title");
      const doc = await call(`/v1/notebooks/${notebookId}/documents`, {
        method: "POST",
        headers: json,
        body: JSON.stringify({ title, text: "Valid notes." }),
      });
      await expectProblem(doc, 422, /validation$/);
    }
    expect(await state(user.userId, notebookId)).toEqual(before);

    for (const title of ["ملاحظات الأحياء", "שיעורי בית", "生物学笔记", "ノート", "Cé\u0301lula e\u200Dnergia"]) {
      const res = await call("/v1/notebooks", { method: "POST", headers: json, body: JSON.stringify({ title }) });
      expect(res.status).toBe(201);
      const created = (await res.json()) as { id: string; title: string };
      expect(created.title).toBe(title);
      const read = (await (await call(`/v1/notebooks/${created.id}`, { headers: auth })).json()) as { title: string };
      expect(read.title).toBe(title);
    }
  });

  it("ingests RTL, CJK and zero-width text to ready; zero-width-only text ends rejected as empty; non-UTF-8 files read as Windows-1252", async () => {
    const { auth, notebookId } = await setup();
    const json = { ...auth, "content-type": "application/json" };
    const add = async (title: string, text: string) => {
      const res = await call(`/v1/notebooks/${notebookId}/documents`, {
        method: "POST",
        headers: json,
        body: JSON.stringify({ title, text }),
      });
      expect(res.status).toBe(202);
      return waitForTerminal(auth, ((await res.json()) as { id: string }).id);
    };
    expect((await add("Arabic", "الخلية هي الوحدة الأساسية للحياة. تحتوي على نواة.")).status).toBe("ready");
    expect((await add("Hebrew", "התא הוא יחידת החיים הבסיסית.")).status).toBe("ready");
    expect((await add("Chinese", "细胞是生命的基本单位。线粒体产生能量。")).status).toBe("ready");
    expect((await add("Zero-width inside", "photo\u200Bsynthesis con\u200Dverts light\uFEFF energy")).status).toBe(
      "ready",
    );
    const invisible = await add("Invisible", "\u200B\u200C\u200D\uFEFF\u2060 \n\t");
    expect(invisible.status).toBe("rejected");
    expect(invisible.error?.message).toBeTruthy();

    const form = new FormData();
    form.set(
      "file",
      new File([new Uint8Array([...utf8("caf"), 0xe9, ...utf8(" na pra"), 0xe7, 0xe3, ...utf8("o")])], "latin1.txt"),
    );
    const res = await call(`/v1/notebooks/${notebookId}/documents`, { method: "POST", headers: auth, body: form });
    expect(res.status).toBe(202);
    const doc = await waitForTerminal(auth, ((await res.json()) as { id: string }).id);
    expect(doc.status).toBe("ready");
    const page = (await (await call(`/v1/documents/${doc.id}/pages/1`, { headers: auth })).json()) as { text: string };
    expect(page.text).toContain("café na pração");
  });
});
