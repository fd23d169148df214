import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { clearObject, objectFingerprint, plantContent } from "../../test/content-helpers";
import { bearer, createNotebook, signUp } from "../../test/helpers";
import { app } from "../app";
import { continueContentBackup } from "./content-backup";

const ADMIN_TOKEN = "r".repeat(40);
const withAdmin = { ...env, ADMIN_TOKEN } as Env;

function restoreCall(backupId: string, body: unknown, token: string | null = ADMIN_TOKEN) {
  const headers = new Headers({ "content-type": "application/json" });
  if (token) headers.set("authorization", `Bearer ${token}`);
  return app.request(
    new Request(`http://api.test/v1/admin/backups/${backupId}/restore-content`, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
    }),
    undefined,
    withAdmin,
  );
}

const auditRows = (backupId: string) =>
  env.DB.prepare("SELECT actor, detail FROM admin_audit WHERE action = 'content.restore' AND detail LIKE ?")
    .bind(`%${backupId}%`)
    .all<{ actor: string; detail: string }>();

describe("POST /v1/admin/backups/{backupId}/restore-content", () => {
  it("restores notebooks' objects in pages, audited; refuses without the token or an unfinished export", async () => {
    const auth = bearer(await signUp());
    const ids = [await createNotebook(auth, "A"), await createNotebook(auth, "B")].sort() as [string, string];
    for (const id of ids) await plantContent(env, id, `doc_${crypto.randomUUID()}`, 3);
    const before = await Promise.all(ids.map((id) => objectFingerprint(env, id)));
    const backupId = "2025-06-15T03-30-00Z";
    for (let i = 0; i < 10; i++) {
      if ((await continueContentBackup(env, { backupId, notebookIds: ids, budget: 1000 }))?.complete) break;
    }
    for (const id of ids) await clearObject(env, id);

    expect((await restoreCall(backupId, { reason: "drill", notebookIds: ids }, null)).status).toBe(401);
    expect((await restoreCall(backupId, { notebookIds: ids })).status).toBe(422);
    expect((await auditRows(backupId)).results).toEqual([]);

    const first = await restoreCall(backupId, { reason: "drill", notebookIds: ids, limit: 1 });
    expect(first.status).toBe(200);
    const page = (await first.json()) as { notebooks: number; next: string | null; auditId: string; backupId: string };
    expect(page).toMatchObject({ backupId, notebooks: 1, next: ids[0], skippedDeleted: [] });
    expect(await objectFingerprint(env, ids[0])).toEqual(before[0]);

    const rest = await restoreCall(backupId, {
      reason: "drill",
      notebookIds: ids,
      after: page.next,
      source: "offsite",
    });
    expect(await rest.json()).toMatchObject({ notebooks: 1, next: null });
    expect(await objectFingerprint(env, ids[1])).toEqual(before[1]);

    const audit = (await auditRows(backupId)).results;
    expect(audit).toHaveLength(2);
    expect(audit.map((r) => JSON.parse(r.detail).source).sort()).toEqual(["offsite", "primary"]);
    expect(audit[0]?.actor).toMatch(/^admin:/);

    const missing = await restoreCall("2025-06-16T03-30-00Z", { reason: "drill" });
    expect(missing.status).toBe(409);
    expect(((await missing.json()) as { type: string; detail: string }).detail).toMatch(/no content manifest/);
  });
});
