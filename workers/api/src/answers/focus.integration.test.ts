/**
 * A question that names one document of several is answered from that document, even where the part that
 * answers it repeats none of the names (the searches themselves: focus.unit.test.ts).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { bearer, signUp } from "../../test/helpers";
import { askNotebook, notebookWithNtsb } from "../../test/notebook-helpers";

let auth: Record<string, string>;

const ask = (notebookId: string, question: string) => askNotebook(auth, notebookId, question);

beforeAll(async () => {
  auth = bearer(await signUp("Focus"));
});

// The ten NTSB reports each have a "Probable Cause" section naming neither its aircraft nor its place; with ten
// alike, the named report's own section was not among the passages.
describe("the report a question names", () => {
  let notebookId: string;
  beforeAll(async () => {
    ({ notebookId } = await notebookWithNtsb(auth));
  }, 300_000);

  it("answers the probable cause from the named accident's report, and quotes no other report", async () => {
    const piper = await ask(
      notebookId,
      "What was the probable cause of the Piper PA-22-150 accident at the private airstrip near Tallahassee?",
    );
    expect(piper.mode).toBe("extractive");
    expect(piper.answer).toContain("misjudged clearance over obstacles");
    expect(new Set(piper.citations.map((c) => c.documentTitle))).toEqual(new Set(["20071229X02007"]));
    const rv8 = await ask(notebookId, "What was the probable cause of the RV-8 accident in Latrobe?");
    expect(rv8.answer).toContain("failure to maintain directional control");
    expect(rv8.citations[0]?.documentTitle).toBe("20080109X00035");
  });

  it("a question naming nothing one report holds alone still draws on several", async () => {
    const any = await ask(
      notebookId,
      "What does the National Transportation Safety Board determine the probable cause to be?",
    );
    expect(new Set(any.citations.map((c) => c.documentTitle)).size).toBeGreaterThan(1);
  });
});
