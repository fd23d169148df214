// Issue 20 item 5: the round trips a search pays one after the other. The notebook and its ready documents
// are one D1 batch, and the keyword statement brings its chunks' rows, so a search whose keyword hits fill
// the page is three: the credential, that batch, one call to the notebook's object.
import { describe, expect, it } from "vitest";
import { countingEnv, sequentialTrips, type Trip } from "../../test/counting-env";
import { bearer, signUp } from "../../test/helpers";
import { notebookWithTexts } from "../../test/notebook-helpers";
import { createKey, withKey } from "../../test/tenants";
import { app } from "../app";

const REPORTS = ["Lycoming", "Continental", "Rotax", "Franklin"].map((maker) => ({
  title: `${maker} report`,
  text: `The ${maker} engine lost power: carburetor icing formed during the descent, and the pilot applied carburetor heat too late.`,
}));

async function searchCounted(headers: Record<string, string>, notebookId: string, body: Record<string, unknown>) {
  const { env: counted, trips } = countingEnv();
  const later: Promise<unknown>[] = [];
  const res = await app.request(
    `/v1/notebooks/${notebookId}/search`,
    { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) },
    counted,
    {
      waitUntil: (p: Promise<unknown>) => later.push(p),
      passThroughOnException: () => {},
      props: {},
    } as unknown as ExecutionContext,
  );
  const json = (await res.json()) as { results: Array<{ documentTitle: string }> };
  const onPath = [...trips];
  await Promise.all(later);
  return { status: res.status, json, onPath };
}

/** A trip as the test names it: where it went, and for D1 which statement. */
const named = (trip: Trip) => {
  if (trip.what.startsWith("object ")) return `object ${trip.what.split(" ").at(-1)}`;
  if (trip.what.startsWith("D1 batch")) return trip.what;
  const verb = /^D1\s+(\w+)/.exec(trip.what)?.[1]?.toLowerCase();
  const table = /\b(?:from|into|update)\s+"?(\w+)"?/i.exec(trip.what)?.[1];
  return `D1 ${verb} ${table}`;
};

describe("search round trips (issue 20, item 5)", () => {
  it("keyword and hybrid searches whose keyword hits fill the page pay three round trips in a row: the credential, the notebook with its ready documents, the object", async () => {
    const owner = await signUp();
    const { notebookId } = await notebookWithTexts(bearer(owner), REPORTS);
    const { key } = await createKey(owner, ["read", "write"]);
    for (const [who, headers] of [
      ["session", bearer(owner)],
      ["API key", withKey(key)],
    ] as const) {
      for (const mode of ["keyword", "hybrid"]) {
        const { status, json, onPath } = await searchCounted(headers, notebookId, {
          query: "carburetor icing",
          mode,
          limit: 3,
        });
        expect(status).toBe(200);
        expect(json.results).toHaveLength(3);
        const chain = sequentialTrips(onPath).map(named);
        console.log(`${who}, ${mode}: ${onPath.length} trips, ${chain.length} in a row: ${chain.join(" → ")}`);
        expect(chain).toHaveLength(3);
        expect(chain[1]).toBe("D1 batch of 2");
        expect(chain[2]).toBe("object execute");
        expect(onPath.filter((t) => t.what.startsWith("object "))).toHaveLength(1);
      }
    }
  });

  it("a semantic hit that keyword did not bring is read from the object by id, after the keyword hits", async () => {
    const owner = await signUp();
    const weather = { title: "Weather briefing", text: "Fog over the valley lifted by noon; visibility ten miles." };
    const { notebookId } = await notebookWithTexts(bearer(owner), [...REPORTS, weather]);
    // Four reports hold the words: a page of ten is not filled by keyword hits, so the kNN runs, and its hits
    // keyword did not bring (the briefing) are read by id (loadChunks); the keyword hits' rows are not read again.
    const { status, json, onPath } = await searchCounted(bearer(owner), notebookId, {
      query: "carburetor heat descent",
      mode: "hybrid",
      limit: 10,
    });
    expect(status).toBe(200);
    const titles = json.results.map((r) => r.documentTitle);
    expect(new Set(titles.slice(0, 4))).toEqual(new Set(REPORTS.map((r) => r.title)));
    expect(titles.slice(4)).toEqual(["Weather briefing"]);
    console.log(`hybrid, page not filled: ${onPath.map(named).join(", ")}`);
  });
});
