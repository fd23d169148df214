import { describe, expect, it } from "vitest";
import { bearer, createNotebook, signUp, uploadFile } from "../../test/helpers";

const text = (i: number) =>
  new TextEncoder().encode(`Burst note ${i} ${crypto.randomUUID()}: the Krebs cycle runs in mitochondria.`);

describe("upload burst limit: stops a flood, lets a student's queue through (issue 13)", () => {
  it("a burst past the limit gets 429 with a short Retry-After; after waiting it, uploads are accepted again", async () => {
    const auth = bearer(await signUp());
    const notebookId = await createNotebook(auth, "Semester");
    // Rounds of 25 at once: the limiter's window may split one round, not three.
    let accepted = 0;
    let refused: Response | undefined;
    for (let round = 0; round < 3 && !refused; round++) {
      const answers = await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          uploadFile(auth, notebookId, text(round * 25 + i), `note-${round}-${i}.txt`, "text/plain"),
        ),
      );
      for (const res of answers) {
        if (res.status === 429) refused ??= res;
        else {
          expect(res.status).toBe(202);
          accepted += 1;
        }
      }
    }
    // The burst limiter bites (a flood is stopped) but not before a burst of 20.
    expect(refused, "a flood is refused").toBeDefined();
    expect(accepted).toBeGreaterThanOrEqual(20);
    expect(refused?.headers.get("content-type")).toBe("application/problem+json");
    const retryAfter = Number(refused?.headers.get("retry-after"));
    // At two files a second after the burst, 100 files take under a minute — not 100 × 60 s / 20.
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(10);

    await new Promise((r) => setTimeout(r, retryAfter * 1000 + 250));
    const again = await uploadFile(auth, notebookId, text(99), "after-waiting.txt", "text/plain");
    expect(again.status).toBe(202);
  }, 40_000);
});
