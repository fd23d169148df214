import { describe, expect, it } from "vitest";
import globalQuestions from "../../../../bench/answers/global-questions.json";
import answerQuestions from "../../../../bench/answers/questions.json";
import ntsbQuestions from "../../../../bench/retrieval/ntsb-questions.json";
import { globalQuestion } from "../answers/graph-answers";
import { conceptKey } from "./concept-key";
import { pagePhrases } from "./phrases";
import { questionConceptKeys, questionPhrases } from "./question-concepts";

/** The concept keys the part-of-speech tagger (what the question side used before) finds in `text`. */
async function taggedKeys(text: string): Promise<string[]> {
  const found = await pagePhrases(text);
  return found.mentions.map((m) => conceptKey(m.surface, found.language)).filter((k): k is string => !!k);
}

const questions = [
  ...answerQuestions.map((q) => q.question),
  ...ntsbQuestions.map((q) => q.question),
  ...globalQuestions.themes.map((q) => q.question),
  ...globalQuestions.relation.map((q) => q.question),
];

describe("questionPhrases", () => {
  it("finds every concept key the tagger finds, in all of the evaluation's questions (en, pt, es)", async () => {
    expect(questions.length).toBeGreaterThan(180);
    const missed: string[] = [];
    let tagged = 0;
    for (const question of questions) {
      const keys = new Set(questionConceptKeys(question));
      for (const key of await taggedKeys(question)) {
        tagged++;
        if (!keys.has(key)) missed.push(`${question} → ${key}`);
      }
    }
    expect(tagged).toBeGreaterThan(500);
    expect(missed).toEqual([]);
  });

  it("finds what the tagger finds in each side of the relation questions (the graph answers' pattern)", async () => {
    const sides = globalQuestions.relation.flatMap((q) => {
      const found = globalQuestion(q.question);
      return found?.kind === "relation" ? [found.a, found.b] : [];
    });
    expect(sides).toHaveLength(globalQuestions.relation.length * 2);
    for (const side of sides) {
      const keys = questionConceptKeys(side);
      for (const key of await taggedKeys(side)) expect(keys).toContain(key);
    }
  });

  it("keys runs of up to five words, not across a comma, with runs inside hyphenated words", () => {
    const key = (phrase: string) => conceptKey(phrase, "en");
    expect(questionConceptKeys("What did the left magneto show?")).toEqual(
      expect.arrayContaining(["left", "left magneto", "magneto", "magneto show"].map(key)),
    );
    expect(questionConceptKeys("engine fuel")).toContain(key("engine fuel"));
    expect(questionConceptKeys("engine, fuel")).not.toContain(key("engine fuel"));
    expect(questionConceptKeys("a fuel-related stop")).toEqual(
      expect.arrayContaining(["fuel", "fuel-related stop", "related stop"].map(key)),
    );
    const long = questionPhrases("one two three four five six seven");
    expect(Math.max(...long.map((p) => p.to - p.from))).toBe(5);
  });

  it("keys Portuguese and Spanish runs in their language (stop words trimmed at the ends)", () => {
    expect(questionConceptKeys("Qual foi a causa provável do acidente?")).toContain(conceptKey("causa provável", "pt"));
    expect(questionConceptKeys("¿Cuál fue la causa probable del accidente?")).toContain(
      conceptKey("causa probable", "es"),
    );
  });
});
