import { describe, expect, it } from "vitest";
import { abbreviates, acronymDefinitions, conceptKey, initialsOf } from "./concept-key";
import { acronymMerges } from "./merge";

describe("conceptKey", () => {
  it("merges case, plurals, articles and diacritics", () => {
    expect(conceptKey("the Engines")).toBe(conceptKey("engine"));
    expect(conceptKey("a fuel line")).toBe(conceptKey("Fuel lines"));
    expect(conceptKey("as informações", "pt")).toBe(conceptKey("informação", "pt"));
    expect(conceptKey("la Administración Federal", "es")).toBe(conceptKey("administracion federal", "es"));
  });

  it("has no key for stop words, numbers or single letters alone", () => {
    expect(conceptKey("the")).toBeNull();
    expect(conceptKey("1,500")).toBeNull();
    expect(conceptKey("a b")).toBeNull();
  });
});

describe("acronyms", () => {
  it("finds 'Long Name (ACR)' and 'ACR (Long Name)' definitions, the long form cut to the initials", () => {
    expect(
      acronymDefinitions(
        "Investigators of the National Transportation Safety Board (NTSB) and the FAA (Federal Aviation Administration) met.",
      ),
    ).toEqual([
      { acronym: "NTSB", longForm: "National Transportation Safety Board" },
      { acronym: "FAA", longForm: "Federal Aviation Administration" },
    ]);
    expect(acronymDefinitions("a Agência Nacional de Aviação Civil (ANAC) autorizou")).toEqual([
      { acronym: "ANAC", longForm: "Agência Nacional de Aviação Civil" },
    ]);
  });

  it("ignores brackets whose letters are not the words' initials", () => {
    expect(acronymDefinitions("the left engine (PT6A) failed; the pilot (CFI) said")).toEqual([]);
  });

  it("reads initials with and without connectors", () => {
    expect(initialsOf("Department of Transportation")).toBe("DT");
    expect(abbreviates("DOT", "Department of Transportation")).toBe(true);
    expect(abbreviates("FAA", "Federal Aviation Administration")).toBe(true);
    expect(abbreviates("FAA", "Federal Airport")).toBe(false);
  });

  it("merges an acronym into its defined long form, or into the one concept whose initials spell it", () => {
    const concepts = [
      { id: "long", key: "federal aviacion administracion", label: "Federal Aviation Administration", acronym: "FAA" },
      { id: "short", key: "faa", label: "FAA", acronym: null },
      {
        id: "board",
        key: "national transportacion safety board",
        label: "National Transportation Safety Board",
        acronym: null,
      },
      { id: "ntsb", key: "ntsb", label: "NTSB", acronym: null },
      { id: "cfi", key: "cfi", label: "CFI", acronym: null },
    ];
    expect(acronymMerges(concepts, new Map())).toEqual([
      { from: "short", into: "long", acronym: "FAA" },
      { from: "ntsb", into: "board", acronym: "NTSB" },
    ]);
  });
});
