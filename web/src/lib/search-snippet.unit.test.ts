import { describe, expect, it } from "vitest";
import { type Piece, piecesOf, searchSnippet } from "./search-snippet";

const plain = (pieces: Piece[]) => pieces.map((p) => (p.hit ? `[${p.text}]` : p.text)).join("");
/** The highlight ranges of every occurrence of `word` in `text`, as the search API gives them. */
const marks = (text: string, word: string) =>
  [...text.matchAll(new RegExp(word, "gu"))].map((m) => [m.index, m.index + word.length]);

// A chunk of ICDAR 2013's eu-001 as ingestion stores it: a caption, then a Markdown table.
const HEADER = "| | THRESHOLD FOR RELEASES to air kg/year | THRESHOLD FOR RELEASES to water kg/year |";
const METALS = [
  "Heavy metals",
  "",
  HEADER,
  "| --- | --- | --- |",
  "| Arsenic and compounds (as As) | 20 | 5 |",
  "| Cadmium and compounds (as Cd) | 10 | 5 |",
  "| Chromium and compounds (as Cr) | 100 | 50 |",
  "| Copper and compounds (as Cu) | 100 | 50 |",
  "| Lead and compounds (as Pb) | 200 | 20 |",
].join("\n");

describe("a search result's passage", () => {
  it("marks the query's words in prose, as before", () => {
    const text = "Cells divide by mitosis. Mitosis has four phases.";
    const parts = searchSnippet(text, [
      [16, 23],
      [25, 32],
    ]);
    expect(parts).toHaveLength(1);
    const [part] = parts;
    expect(part?.kind === "text" && plain(part.pieces)).toBe("Cells divide by [mitosis]. [Mitosis] has four phases.");
  });

  it("shows a table as its header and the rows holding the word, with its caption, never its pipes", () => {
    const parts = searchSnippet(METALS, marks(METALS, "Cadmium"));
    expect(parts.map((p) => p.kind)).toEqual(["text", "table"]);
    const [caption, table] = parts;
    expect(caption?.kind === "text" && plain(caption.pieces)).toBe("Heavy metals");
    if (table?.kind !== "table") throw new Error("no table");
    expect(table.header?.map(plain)).toEqual([
      "",
      "THRESHOLD FOR RELEASES to air kg/year",
      "THRESHOLD FOR RELEASES to water kg/year",
    ]);
    expect(table.rows.map((r) => r.map(plain))).toEqual([["[Cadmium] and compounds (as Cd)", "10", "5"]]);
    expect(table.hidden).toBe(4);
    const shown = JSON.stringify(parts);
    expect(shown).not.toContain("|");
    expect(shown).not.toContain("---");
  });

  it("shows a later piece of a table (rows only, its header in the chunk's context) as rows, never its pipes", () => {
    // The 2019 budget's Anexo II after its first chunk: rows from the first line.
    const piece = [
      "| DEFENSORIA PÚBLICA DA UNIÃO | 623.143.689 | 0 |",
      "| MINISTÉRIO DA JUSTIÇA | 2.008.668.059 | 33.290 |",
      "| MINISTÉRIO DA SEGURANÇA PÚBLICA | 15.761.139.432 | 0 |",
    ].join("\n");
    const parts = searchSnippet(piece, marks(piece, "SEGURANÇA"));
    expect(parts.map((p) => p.kind)).toEqual(["table"]);
    const [table] = parts;
    if (table?.kind !== "table") throw new Error("no table");
    expect(table.header).toBeNull();
    expect(table.rows.map((r) => r.map(plain))).toEqual([["MINISTÉRIO DA [SEGURANÇA] PÚBLICA", "15.761.139.432", "0"]]);
    expect(table.hidden).toBe(2);
    expect(JSON.stringify(parts)).not.toContain("|");
  });

  it("shows a table's first rows when only its header holds the word, and a word in several rows", () => {
    const [, byHeader] = searchSnippet(METALS, marks(METALS, "RELEASES"));
    expect(byHeader?.kind === "table" && byHeader.rows.map((r) => plain(r[0] ?? []))).toEqual([
      "Arsenic and compounds (as As)",
      "Cadmium and compounds (as Cd)",
      "Chromium and compounds (as Cr)",
    ]);
    const [, byRows] = searchSnippet(METALS, marks(METALS, "100"));
    expect(byRows?.kind === "table" && byRows.rows.map((r) => plain(r[1] ?? []))).toEqual(["[100]", "[100]"]);
  });

  it("leaves out the parts without the word, and a highlight beyond a part is cut at its end", () => {
    const text = `Intro prose about something else entirely, long enough to be no caption of a table at all here.\n\n${METALS}`;
    const parts = searchSnippet(text, marks(text, "Lead"));
    expect(parts.map((p) => p.kind)).toEqual(["text", "table"]);
    expect(parts[0]?.kind === "text" && plain(parts[0].pieces)).toBe("Heavy metals");
    expect(
      piecesOf("abcdef", 1, 4, [
        [0, 2],
        [3, 9],
      ]),
    ).toEqual([
      { text: "b", hit: true },
      { text: "c", hit: false },
      { text: "d", hit: true },
    ]);
  });
});
