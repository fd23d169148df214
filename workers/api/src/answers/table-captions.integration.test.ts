// Brazil's 2019 budget annexes alone in a notebook (bench/answers/docs/br-orcamento-federal-2019-anexos.pdf,
// gitignored: the test skips without it). Anexo II's Segurança Pública row is in the table's third chunk, whose
// caption is in another chunk; Anexo IV's caption says "orçamento". Before the later pieces carried their table's
// caption, the answer quoted Anexo IV's TOTAL row and other ministries' rows.

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { AnswerDto } from "../../../../schemas/answers";
import {
  bearer,
  call,
  createNotebook,
  type DocumentBody,
  signUp,
  uploadFile,
  waitForTerminal,
} from "../../test/helpers";
import { useNoModel } from "../../test/study-helpers";

const NAME = "br-orcamento-federal-2019-anexos.pdf";
const base64 = env.TEST_DOCUMENTS?.[NAME];
if (!base64) console.warn(`bench/answers/docs/${NAME} is missing: the 2019 budget answer test is skipped`);

describe.skipIf(!base64)("a row of a later piece of a table, in a notebook of that document alone", () => {
  it("is answered from its own table, whose caption the piece now carries", async () => {
    const auth = bearer(await signUp("Budget reader"));
    const notebookId = await createNotebook(auth, "Orçamento 2019");
    const bytes = Uint8Array.from(atob(base64 as string), (c) => c.charCodeAt(0));
    const res = await uploadFile(auth, notebookId, bytes, NAME, "application/pdf");
    const done = await waitForTerminal(auth, ((await res.json()) as DocumentBody).id, 90_000);
    expect(done.status).toBe("ready");
    useNoModel();
    const ask = await call(`/v1/notebooks/${notebookId}/ask`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ question: "Quanto o orçamento destina ao Ministério da Segurança Pública?" }),
    });
    expect(ask.status).toBe(200);
    const answer = (await ask.json()) as AnswerDto;
    expect(answer.citations[0]).toMatchObject({
      page: 2,
      quote: "| MINISTÉRIO DA SEGURANÇA PÚBLICA | 15.761.139.432 | 0 | 15.761.139.432 | 1,05 | 0,88 | 0,86 | 0,48 |",
    });
  }, 120_000);
});
