// A superlative question over a table stored in several chunks, of which search returns only some: POST /ask reads
// the rest of the table (table-pieces.ts) and answers from every row.

import { describe, expect, it } from "vitest";
import type { AnswerDto } from "../../../../schemas/answers";
import { CDC_TABLE_6 } from "../../test/answer-tables";
import { bearer, call, signUp } from "../../test/helpers";
import { notebookWithTexts, search } from "../../test/notebook-helpers";
import { ANSWER_PASSAGES } from "./ask";

const QUESTION = "Which state had the lowest coronary heart disease death rate in 2006?";

// Short notes that share the question's words, so that they, not the table's later chunks (rows only), are retrieved.
const NOTES = Array.from({ length: ANSWER_PASSAGES - 1 }, (_, i) => ({
  title: `Reading note ${i + 1}`,
  text: `Reading note ${i + 1}. Which state had the lowest coronary heart disease death rate in 2006 is asked in class; the death rate of each state is in the report's table.`,
}));

describe("superlative answers over a table split into chunks", () => {
  it("compares the rows of the chunks search did not return", async () => {
    const auth = bearer(await signUp("Table reader"));
    const { notebookId } = await notebookWithTexts(auth, [
      { title: "us-cdc-heart-disease-stroke-deaths-2006", text: CDC_TABLE_6 },
      ...NOTES,
    ]);
    // The premise: Utah's row (the table's last) is in none of the retrieved chunks.
    const found = await search(auth, notebookId, { query: QUESTION, mode: "hybrid", limit: ANSWER_PASSAGES });
    expect(found.status).toBe(200);
    expect(found.body.results.some((r) => r.text.includes("| Utah |"))).toBe(false);
    expect(found.body.results.some((r) => r.documentTitle === "us-cdc-heart-disease-stroke-deaths-2006")).toBe(true);

    const res = await call(`/v1/notebooks/${notebookId}/ask`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ question: QUESTION }),
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as AnswerDto;
    expect(answer.citations[0]?.quote).toBe("| Utah | 1,462 | 77.5 | (73.5–81.5) | 674 | 36.2 | (33.5–38.9) |");
    expect(answer.answer).toContain("among the 51 rows compared");
  }, 120_000);
});
