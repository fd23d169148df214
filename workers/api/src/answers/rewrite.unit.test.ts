import { describe, expect, it } from "vitest";
import { isFollowUp, ownTopicCoverage, ownTopicTerms, rewriteFollowUp } from "./rewrite";

const turn = (question: string, extra: { standalone?: string; answer?: string } = {}) => ({ question, ...extra });

describe("isFollowUp", () => {
  it.each([
    "and what about its engine?",
    "What about the weather?",
    "What was its engine?",
    "Who owned it?",
    "e o motor?",
    "E quanto ao operador?",
    "Qual era a idade dele?",
    "¿y su operador?",
    "¿Y él qué dijo?",
    "why?",
    "the engine?",
    "And in 2023?",
    "In the previous quarter?",
    "E em 2023?",
    "No trimestre anterior?",
    "¿Y en 2023?",
    "¿En el trimestre anterior?",
  ])("%s is a follow-up", (question) => {
    expect(isFollowUp(question)).toBe(true);
  });

  it.each([
    "What was the probable cause of the Wausau accident?",
    "What is photosynthesis?",
    "O que é um ground loop?",
    "¿Qué es un ground loop?",
    "Qual foi a causa provável do acidente do Beech A23 em Death Valley?",
    "¿Cuál era la temperatura en Wausau en el momento del accidente?",
    "What caused the accident?",
    "How does photosynthesis work?",
    "Qual foi a causa do acidente?",
    "Como funciona a fotossíntese?",
    "¿Qué causó el accidente?",
    "¿Cómo funciona la fotosíntesis?",
    "",
  ])("%s stands alone", (question) => {
    expect(isFollowUp(question)).toBe(false);
  });
});

describe("rewriteFollowUp", () => {
  it("appends the previous question's key words to a pronoun-led follow-up", () => {
    const history = [turn("How old was the pilot of the Piper PA-22-150 in Tallahassee?", { answer: "85 [1]" })];
    expect(rewriteFollowUp(history, "and what about its engine?")).toBe(
      "and what about its engine? old pilot Piper PA-22-150 Tallahassee",
    );
  });

  it("works for Portuguese and Spanish follow-ups", () => {
    expect(rewriteFollowUp([turn("Qual era o motor do Cessna 152 em Madill?")], "e o operador?")).toBe(
      "e o operador? motor Cessna 152 Madill",
    );
    expect(rewriteFollowUp([turn("¿Qué motor tenía el Cessna 152?")], "¿y su operador?")).toBe(
      "¿y su operador? motor Cessna 152",
    );
  });

  it("does not repeat words the follow-up already has", () => {
    expect(rewriteFollowUp([turn("What engine did the Cessna 152 have?")], "and the Cessna's propeller?")).toBe(
      "and the Cessna's propeller? engine 152",
    );
  });

  it("builds on the previous standalone query in a chain of follow-ups", () => {
    const history = [
      turn("What engine did the Beech A23 have?"),
      turn("and its power?", { standalone: "and its power? engine Beech A23" }),
    ];
    expect(rewriteFollowUp(history, "e o piloto?")).toBe("e o piloto? power engine Beech A23");
  });

  it("does not carry the previous topic into a question with its own subject (en, pt, es)", () => {
    const intel = [turn("What were Intel's net revenues in the quarter?")];
    expect(rewriteFollowUp(intel, "What caused the accident?")).toBe("What caused the accident?");
    expect(rewriteFollowUp(intel, "Qual foi a causa do acidente?")).toBe("Qual foi a causa do acidente?");
    expect(rewriteFollowUp(intel, "¿Qué causó el accidente?")).toBe("¿Qué causó el accidente?");
    expect(rewriteFollowUp(intel, "And in the previous year?")).toBe(
      "And in the previous year? Intel's net revenues quarter",
    );
  });

  it("leaves standalone questions and first questions alone", () => {
    const history = [turn("What engine did the Beech A23 have?")];
    const standalone = "What was the runway length at Stovepipe Wells Airport?";
    expect(rewriteFollowUp(history, standalone)).toBe(standalone);
    expect(rewriteFollowUp([], "and its engine?")).toBe("and its engine?");
    expect(rewriteFollowUp(history, "  ")).toBe("");
  });
});

describe("ownTopicTerms", () => {
  it("keeps the follow-up's own subject words, not its connectors, pronouns or question words", () => {
    expect(ownTopicTerms("E quanto foi destinado ao Ministério da Saúde?")).toHaveLength(3);
    expect(ownTopicTerms("and its position?")).toHaveLength(1);
    expect(ownTopicTerms("why?")).toEqual([]);
  });

  it("measures how much of the subject a text covers", () => {
    const terms = ownTopicTerms("E quanto foi destinado ao Ministério da Saúde?");
    expect(ownTopicCoverage(terms, "Ao Ministério da Saúde foram destinados 121,3 bilhões.")).toBe(1);
    expect(ownTopicCoverage(terms, "A causa provável do acidente foi a perda de potência.")).toBe(0);
    expect(ownTopicCoverage([], "anything")).toBe(1);
  });
});
