import { describe, expect, it } from "vitest";
import { namedTerms } from "./extractive";
import { documentsNamed, namedPassages, putFirst } from "./focus";
import type { Passage } from "./types";
import { singlePagePassage } from "./types";

const passage = (chunkId: string, documentId: string, text: string) =>
  singlePagePassage({ chunkId, documentId, documentTitle: documentId, pageStart: 1, text, score: 1 });

const PIPER = passage("p1", "piper", "Location: Tallahassee, FL. Aircraft: Piper PA-22-150. Damage: Substantial.");
const PIPER_CAUSE = passage("p2", "piper", "The probable cause of this accident: misjudged clearance over obstacles.");
const RV8_CAUSE = passage("r1", "rv8", "The probable cause of this accident: failure to maintain directional control.");
const QUESTION = "What was the probable cause of the Piper PA-22-150 accident near Tallahassee?";

describe("documentsNamed", () => {
  it("is the documents holding every name, across their passages, when the best passage is theirs", () => {
    expect(documentsNamed(namedTerms(QUESTION), [PIPER, RV8_CAUSE, PIPER_CAUSE])).toEqual(["piper"]);
  });

  it("focuses on nothing when the best passage's document does not hold the names", () => {
    // "United States" in another document than the table the question's words found (the NCES/CDC case).
    expect(documentsNamed(namedTerms(QUESTION), [RV8_CAUSE, PIPER])).toBeUndefined();
  });

  it("focuses on nothing when every document found holds the names, or the question names nothing", () => {
    expect(documentsNamed(namedTerms(QUESTION), [PIPER, PIPER_CAUSE])).toBeUndefined();
    expect(documentsNamed(namedTerms("What was the probable cause?"), [PIPER, RV8_CAUSE])).toBeUndefined();
  });
});

describe("putFirst", () => {
  it("puts the focused passages first, once each, within the limit", () => {
    expect(putFirst([PIPER_CAUSE], [PIPER, RV8_CAUSE, PIPER_CAUSE], 2).map((p) => p.chunkId)).toEqual(["p2", "p1"]);
  });
});

describe("namedPassages", () => {
  const NY = "What is the projected number of public high school graduates in New York in 2017–18?";
  const CAPTION = passage("t1", "nces", "Table 14. Projected numbers for public high school graduates, by state");
  const NY_ROW = passage("t3", "nces", "| New York | 186,773 | 187,161 |");
  const CITY = passage("h1", "cdc", "A study in New York City, New York, found heart disease overreported.");
  /** A search that answers each call from `answers` (by the documents it is scoped to) and records it. */
  const searches = (answers: Record<string, Passage[]>) => {
    const calls: string[] = [];
    const retrieve = async (_q: string, require?: readonly string[], within?: readonly string[]) => {
      const key = `${require ? "require" : "any"} ${within?.join(",") ?? "all"}`;
      calls.push(key);
      return answers[key] ?? [];
    };
    return { calls, retrieve };
  };

  it("looks in the best document for the chunk that names it, before another document that does", async () => {
    const { calls, retrieve } = searches({ "require nces": [NY_ROW], "any nces": [NY_ROW, CAPTION] });
    const passages = await namedPassages(retrieve, NY, namedTerms(NY), [CAPTION, CITY], 6);
    expect(calls[0]).toBe("require nces");
    expect(passages[0]?.chunkId).toBe("t3");
  });

  it("looks again when the best document's passages hold the names only in different passages", async () => {
    // One budget, its passages saying "Ministério" and "Pública" in other rows and "Segurança" in a third.
    const q = "Quanto o orçamento destina ao Ministério da Segurança Pública?";
    const annex = passage("b1", "budget", "| 36000 | - | MINISTÉRIO DA SAÚDE | 485.982.560 |");
    const council = passage("b2", "budget", "| CONSELHO NACIONAL DO MINISTÉRIO PÚBLICO | 97.974.013 |");
    const fund = passage("b3", "budget", "| FUNDO NACIONAL DE SEGURANÇA E EDUCAÇÃO DO TRÂNSITO | 1.000 |");
    const row = passage("b9", "budget", "| MINISTÉRIO DA SEGURANÇA PÚBLICA | 15.761.139.432 |");
    const { calls, retrieve } = searches({ "require budget": [row] });
    const passages = await namedPassages(retrieve, q, namedTerms(q), [annex, council, fund], 6);
    expect(calls[0]).toBe("require budget");
    expect(passages[0]?.chunkId).toBe("b9");
  });

  it("keeps the first search when the best document does not name it either", async () => {
    const { calls, retrieve } = searches({ "require nces": [CAPTION] });
    const passages = await namedPassages(retrieve, NY, namedTerms(NY), [CAPTION, CITY], 6);
    expect(calls).toEqual(["require nces"]);
    expect(passages.map((p) => p.chunkId)).toEqual(["t1", "h1"]);
  });

  it("searches the named report alone when it is the best passage's and others were found too", async () => {
    const { calls, retrieve } = searches({ "any piper": [PIPER_CAUSE, PIPER] });
    const passages = await namedPassages(retrieve, QUESTION, namedTerms(QUESTION), [PIPER, RV8_CAUSE], 6);
    expect(calls).toEqual(["any piper"]);
    expect(passages.map((p) => p.chunkId)).toEqual(["p2", "p1", "r1"]);
  });

  it("asks nothing more of a question that names nothing", async () => {
    const { calls, retrieve } = searches({});
    await namedPassages(retrieve, "What was the probable cause?", [], [PIPER, RV8_CAUSE], 6);
    expect(calls).toEqual([]);
  });
});
