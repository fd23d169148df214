import { describe, expect, it } from "vitest";
import { globalQuestion } from "./graph-answers";

describe("globalQuestion", () => {
  it("recognises questions about the whole notebook in en, pt and es", () => {
    expect(globalQuestion("What are the main themes of these reports?")).toEqual({ kind: "themes" });
    expect(globalQuestion("Quais são os principais temas destes relatórios?")).toEqual({ kind: "themes" });
    expect(globalQuestion("¿De qué tratan estos documentos?")).toEqual({ kind: "themes" });
  });

  it("takes the two sides of a relation question", () => {
    expect(globalQuestion("How does the engine relate to the fuel?")).toEqual({
      kind: "relation",
      a: "the engine",
      b: "the fuel",
    });
    expect(globalQuestion("¿Qué relación hay entre el motor y el combustible?")).toEqual({
      kind: "relation",
      a: "el motor",
      b: "el combustible",
    });
  });

  it("leaves local questions alone", () => {
    expect(globalQuestion("What was the probable cause of the accident?")).toBeNull();
    expect(globalQuestion("How many hours did the pilot have?")).toBeNull();
  });
});
