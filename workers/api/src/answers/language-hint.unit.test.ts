import { describe, expect, it } from "vitest";
import { languageHint } from "./language-hint";

describe("languageHint", () => {
  it("names the sources' language in the question's", () => {
    expect(languageHint("es", ["en"])).toBe(
      "Tus fuentes parecen estar en inglés. Sin un modelo de IA, studyAI solo puede comparar tus palabras: prueba a preguntar en inglés.",
    );
    expect(languageHint("en", ["pt", "es"])).toBe(
      "Your sources seem to be in Portuguese or Spanish. Without an AI model, studyAI can only match your words, so try asking in Portuguese or Spanish.",
    );
    expect(languageHint("fr", ["en", "es"])).toBe(
      "Vos sources semblent être en anglais ou en espagnol. Sans modèle d’IA, studyAI ne peut que comparer vos mots : essayez de poser la question en anglais ou en espagnol.",
    );
    expect(languageHint("pt", ["fr"])).toContain("Suas fontes parecem estar em francês.");
  });

  it("says nothing when a source shares the question's language, or a language is unknown", () => {
    expect(languageHint("pt", ["en", "pt"])).toBeNull();
    expect(languageHint("other", ["en"])).toBeNull();
    expect(languageHint("en", ["other"])).toBeNull();
    expect(languageHint("en", [])).toBeNull();
  });
});
