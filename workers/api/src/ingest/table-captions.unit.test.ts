// A table split over chunks: its later pieces carry its caption and header rows as context (ingest/chunking.ts), so
// a row of a later piece is matched through the caption as the first piece's rows are (the answer over the real
// document: answers/table-captions.integration.test.ts).

import { describe, expect, it } from "vitest";
import { PLOA_2019_ANEXO_II, PLOA_2019_ANEXO_IV } from "../../test/answer-tables";
import { chunkPages } from "./chunking";

const CAPTION = "Anexo II -Despesa dos Orçamentos Fiscal e da Seguridade Social por Órgão Orçamentário";
const HEADER = "| Discriminação | Tesouro (A) | Outras Fontes (B) | Total C = (A+B) | C / D | C / E | C / F | C / G |";

// The annexes' pages 2 and 4 as ingestion stores them: Anexo II is about 90 lines, more than one chunk holds.
const chunks = chunkPages([
  { page: 2, text: PLOA_2019_ANEXO_II },
  { page: 4, text: PLOA_2019_ANEXO_IV },
]);
const holding = (cell: string) => chunks.find((c) => c.text.includes(cell));

describe("the pieces of a table split over chunks know its caption", () => {
  it("gives a later piece the caption and the header rows, and the first piece the caption line it was cut from", () => {
    const later = holding("| MINISTÉRIO DA SEGURANÇA PÚBLICA |");
    expect(later?.text.startsWith("| ")).toBe(true);
    expect(later?.context).toBe(
      `${CAPTION}\nValores Correntes\n\n${HEADER}\n| --- | --- | --- | --- | --- | --- | --- | --- |`,
    );
    // The first piece starts at "Valores Correntes": the caption's first line ended the chunk before.
    expect(holding("| CÂMARA DOS DEPUTADOS |")?.context).toBe(CAPTION);
    // A table whose chunk holds its caption repeats nothing.
    expect(holding("| 52000 | - | MINISTÉRIO DA DEFESA | 800.150.000 |")?.context).toBeNull();
  });
});
