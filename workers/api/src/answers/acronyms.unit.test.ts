import { describe, expect, it } from "vitest";
import { abbreviationsOf, definitionsIn, namesBesides, spelledBy, withoutGlosses, withSpellings } from "./acronyms";
import { namedTerms } from "./extractive";

describe("abbreviationsOf", () => {
  it("finds capitals of 2–8 letters, not Roman numerals, not a question written in capitals", () => {
    expect(abbreviationsOf("What was the CHD death rate in Minnesota?")).toEqual(["CHD"]);
    expect(abbreviationsOf("Quanto o Anexo IV destina ao SUS?")).toEqual(["SUS"]);
    expect(abbreviationsOf("Who is the IIC of the NTSB and the IIC's deputy?")).toEqual(["IIC", "NTSB"]);
    expect(abbreviationsOf("WHAT IS THE CHD RATE?")).toEqual([]);
    expect(abbreviationsOf("Which aircraft was N1458U?")).toEqual([]);
    expect(abbreviationsOf("Where did the Piper PA-22-150 or the 22-PA land?")).toEqual([]);
  });
});

describe("spelledBy and definitionsIn", () => {
  it("reads 'words (ABBR)' with function words between the initials, in English, Spanish and Portuguese", () => {
    const text = `Deaths from coronary heart disease (CHD) (425,425 deaths) comprise 67.4%. The National
      Transportation Safety Board (NTSB) determined. Secretaria de Comunicaciones y Transportes (SCT) de México.
      O Sistema Único de Saúde (SUS) atende.`;
    const found = definitionsIn(text, ["CHD", "NTSB", "SCT", "SUS"]);
    expect(Object.fromEntries(found)).toEqual({
      CHD: ["coronary heart disease"],
      NTSB: ["National Transportation Safety Board"],
      SCT: ["Secretaria de Comunicaciones y Transportes"],
      SUS: ["Sistema Único de Saúde"],
    });
  });

  it("reads 'ABBR (words)', and nothing from brackets whose words do not spell it", () => {
    expect(definitionsIn("the IIC (Investigator In Charge) wrote", ["IIC"]).get("IIC")).toEqual([
      "Investigator In Charge",
    ]);
    // An airport's code after its name is no spelling of it.
    expect(definitionsIn("Wausau Downtown (AUW) and Uruapan (MMPN)", ["AUW", "MMPN"]).size).toBe(0);
    expect(spelledBy("CHD", ["rates", "for", "heart", "disease"], true)).toBeUndefined();
    // A function word may not end the spelling.
    expect(spelledBy("HD", ["heart", "disease", "of"], true)).toBeUndefined();
  });
});

describe("withSpellings", () => {
  const spellings = new Map([["CHD", "coronary heart disease"]]);
  it("writes the spelling before the abbreviation, once, and leaves a question that spells it already", () => {
    expect(withSpellings("What was the CHD death rate in Minnesota?", spellings)).toBe(
      "What was the coronary heart disease (CHD) death rate in Minnesota?",
    );
    const spelled = "What was the coronary heart disease (CHD) death rate?";
    expect(withSpellings(spelled, spellings)).toBe(spelled);
    expect(withSpellings("How many CHDX cases?", spellings)).toBe("How many CHDX cases?");
    // Searched with the words alone; the gloss taken out again for what a table must hold.
    expect(withSpellings("What was the CHD death rate?", spellings, false)).toBe(
      "What was the coronary heart disease death rate?",
    );
    expect(withoutGlosses(spelled)).toBe("What was the coronary heart disease   death rate?");
  });

  it("the gloss in brackets is not a name the answer must hold", () => {
    expect(namedTerms("What was the CHD death rate in Minnesota?")).toContain("chd");
    const named = namedTerms(withSpellings("What was the CHD death rate in Minnesota?", spellings));
    expect(named).toEqual(namedTerms("What was the CHD death rate in Minnesota?").filter((t) => t !== "chd"));
    expect(named.length).toBe(1);
  });
});

describe("namesBesides", () => {
  it("drops the spelled abbreviations from the question's names, not its other names", () => {
    const question = "Who was the IIC for the RV-8 accident in Latrobe?";
    const named = namedTerms(question);
    expect(named).toContain("iic");
    const besides = namesBesides(named, new Map([["IIC", "Investigator In Charge"]]));
    expect(besides).toEqual(named.filter((t) => t !== "iic"));
    expect(besides.length).toBeGreaterThan(1);
    expect(namesBesides(named, new Map())).toEqual(named);
  });
});
