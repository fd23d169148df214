import { describe, expect, it } from "vitest";
import { namedTerms } from "./extractive";
import { documentsNamed, putFirst } from "./focus";
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
