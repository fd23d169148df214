/**
 * A question that names one document of several is answered from that document, even where the section that
 * answers it repeats none of the names: the ten NTSB reports, each with a "Probable Cause" section that names
 * neither its aircraft nor its place (with ten alike, the named report's own section was not retrieved at all).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { AnswerDto } from "../../../../schemas/answers";
import {
  bearer,
  call,
  createNotebook,
  type DocumentBody,
  fixture,
  signUp,
  uploadFile,
  waitForTerminal,
} from "../../test/helpers";

const REPORTS: Record<string, string> = {
  piper: "ntsb/20071229X02007.pdf", // Piper PA-22-150, private airstrip near Tallahassee, FL
  rv8: "ntsb/20080109X00035.pdf", // Vans RV-8, Latrobe, PA
  ...Object.fromEntries(
    ["20071231X02009", "20080102X00002", "20080102X00005", "20080104X00020", "20080108X00029", "20080108X00031"]
      .concat(["20080111X00040", "20080111X00041"])
      .map((id) => [id, `ntsb/${id}.pdf`]),
  ),
};

let auth: Record<string, string>;
let notebookId: string;
const titles = new Map<string, string>();

async function ask(question: string): Promise<AnswerDto> {
  const res = await call(`/v1/notebooks/${notebookId}/ask`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({ question }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as AnswerDto;
}

beforeAll(async () => {
  auth = bearer(await signUp("Focus"));
  notebookId = await createNotebook(auth, "Three accident reports");
  const uploaded: Array<[string, DocumentBody]> = [];
  for (const [key, name] of Object.entries(REPORTS)) {
    const res = await uploadFile(auth, notebookId, fixture(name), `${key}.pdf`, "application/pdf");
    expect(res.status, await res.clone().text()).toBe(202);
    uploaded.push([key, (await res.json()) as DocumentBody]);
  }
  for (const [key, body] of uploaded) {
    const doc = await waitForTerminal(auth, body.id, 120_000);
    expect(doc.status).toBe("ready");
    titles.set(key, doc.title);
  }
}, 300_000);

describe("the document a question names", () => {
  it("answers the probable cause from the named accident's report, not another's", async () => {
    const piper = await ask(
      "What was the probable cause of the Piper PA-22-150 accident at the private airstrip near Tallahassee?",
    );
    expect(piper.mode).toBe("extractive");
    expect(piper.answer).toContain("misjudged clearance over obstacles");
    expect(piper.citations.map((c) => c.documentTitle)).not.toContain(titles.get("rv8"));
    const rv8 = await ask("What was the probable cause of the RV-8 accident in Latrobe?");
    expect(rv8.answer).toContain("failure to maintain directional control");
    expect(rv8.citations[0]?.documentTitle).toBe(titles.get("rv8"));
  });

  it("a question naming nothing any one report holds alone still draws on all of them", async () => {
    const any = await ask("What does the National Transportation Safety Board determine the probable cause to be?");
    expect(new Set(any.citations.map((c) => c.documentTitle)).size).toBeGreaterThan(1);
  });
});
