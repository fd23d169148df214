import { describe, expect, it } from "vitest";
import { bearer, createNotebook, signUp, uploadFile } from "../../test/helpers";

const text = (i: number) =>
  new TextEncoder().encode(`Burst note ${i} ${crypto.randomUUID()}: the Krebs cycle runs in mitochondria.`);

describe("upload burst limit: stops a flood, lets a student's queue through (issue 13)", () => {
  it("a burst past the limit gets 429 with a short Retry-After; after waiting it, uploads are accepted again", async () => {
    const auth = bearer(await signUp());
    const notebookId = await createNotebook(auth, "Semester");
    let accepted = 0;
    let refused: Response | undefined;
    for (let i = 0; i < 30 && !refused; i++) {
      const res = await uploadFile(auth, notebookId, text(i), `note-${i}.txt`, "text/plain");
      if (res.status === 429) refused = res;
      else {
        expect(res.status).toBe(202);
        accepted += 1;
      }
    }
    // The burst limiter bites (a flood is stopped) but not before a burst of 10.
    expect(refused, "a flood is refused").toBeDefined();
    expect(accepted).toBeGreaterThanOrEqual(10);
    expect(refused?.headers.get("content-type")).toBe("application/problem+json");
    const retryAfter = Number(refused?.headers.get("retry-after"));
    // At one file a second after the burst, 100 files take about two minutes — not 100 × 60 s / 20.
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(10);

    await new Promise((r) => setTimeout(r, retryAfter * 1000 + 250));
    const again = await uploadFile(auth, notebookId, text(99), "after-waiting.txt", "text/plain");
    expect(again.status).toBe(202);
  }, 40_000);
});
