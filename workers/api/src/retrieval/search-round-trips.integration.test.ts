// Issue 20 item 5: the round trips a search pays one after the other. The credential, the notebook and its ready
// documents are one D1 batch (notebooks/owned-notebook.ts, an API key or a session), and the keyword statement
// brings its chunks' rows, so a search whose keyword hits fill the page is two: that batch, then one call to
// the notebook's object.
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
const statement = (sql: string) => {
  const verb = /^(\w+)/.exec(sql)?.[1]?.toLowerCase();
  // drizzle's own "from"/"into"/"update" (quoted, lower case), not a subquery spelled in SQL inside a column.
  const table = /\b(?:from|into|update)\s+"(\w+)"/.exec(sql)?.[1];
  return `${verb} ${table}`;
};
const named = (trip: Trip) => {
  if (trip.what.startsWith("object ")) return `object ${trip.what.split(" ").at(-1)}`;
  if (trip.what.startsWith("D1 batch")) return `${trip.what} (${trip.statements?.map(statement).join(", ")})`;
  return `D1 ${statement(trip.what.replace(/^D1\s+/, ""))}`;
};
/** How many statements of the request read the notebook row (batched ones included). */
const notebookReads = (trips: readonly Trip[]) =>
  trips.flatMap((t) => t.statements ?? [t.what]).filter((sql) => /from "notebook"/.test(sql)).length;

describe("search round trips (issue 20, item 5)", () => {
  it("keyword and hybrid searches whose keyword hits fill the page pay two round trips: the credential with the notebook and its ready documents, then the object; the notebook is read once", async () => {
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
        console.log(
          `${who}, ${mode}: ${onPath.length} trips (${onPath.map(named).join(", ")}), ${chain.length} in a row: ${chain.join(" → ")}; notebook read ${notebookReads(onPath)}×`,
        );
        expect(chain).toEqual([
          `D1 batch of 2 (select ${who === "session" ? "session" : "api_key"}, select notebook)`,
          "object execute",
        ]);
        expect(onPath.filter((t) => t.what.startsWith("object "))).toHaveLength(1);
        expect(onPath).toHaveLength(2);
        expect(notebookReads(onPath)).toBe(1);
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
