import { describe, expect, it } from "vitest";
import { detectLanguage } from "../retrieval/language";
import { extractiveAnswer } from "./extractive";
import { type Passage, singlePagePassage } from "./types";

// A French municipal record a new user asked "Qui était le secrétaire de la séance?" and was told, in Spanish,
// "El material no parece cubrir esta pregunta.": 2023-06-20-PV.pdf, the procès-verbal of a demolition committee
// (github.com/jsvine/pdfplumber, tests/pdfs/, commit 147f2c4c07dc1191fc1d05bb589b4f6af3aaf74a; not committed
// here). Its pages as ingestion stores them (extractPdfPages + cleanPages), cut to the lines these tests need:
// page 1's head and page 2's last paragraphs. The value of "Secrétaire :" is on the line below its label.
const PAGE_1 = `COMITÉ DE DÉMOLITION

PROCÈS-VERBAL
Séance publique tenue le 20 juin, à 16h00 à la salle du conseil

Présences

Membres :
M. Gaëtan Gagné, conseiller municipal
M. David Huggins-Daines, conseiller municipal

Secrétaire :
Mme Ariane Bélanger, greffière adjointe, Service du greffe

1. Ouverture de la séance

La séance est ouverte à 16h00.

2. Adoption de l’ordre du jour

L’ordre du jour de la séance est adopté.`;

const PAGE_2 = `IL EST RÉSOLU À L’UNANIMITÉ

D’APPROUVER la demande de démolition partielle, soit de la partie arrière
du bâtiment situé au 1069, boulevard de Sainte-Adèle, en vertu du
règlement 1314-2023-DEM régissant la démolition des constructions.

5. LEVÉE DE LA SÉANCE

La séance est levée à 16h05.`;

const passages: Passage[] = [PAGE_1, PAGE_2].map((text, i) =>
  singlePagePassage({
    chunkId: `pv:${i + 1}`,
    documentId: "pv",
    documentTitle: "2023-06-20-PV",
    pageStart: i + 1,
    text,
    score: 1 / (i + 1),
  }),
);

describe("extractive answers on a French record (2023-06-20-PV)", () => {
  it("reads the record and its questions as French", () => {
    expect(detectLanguage(PAGE_1)).toBe("fr");
    expect(detectLanguage(PAGE_2)).toBe("fr");
    expect(detectLanguage("Qui était le secrétaire de la séance?")).toBe("fr");
  });

  it("answers who the secretary was with the Secrétaire field, label and value", () => {
    const answer = extractiveAnswer("Qui était le secrétaire de la séance?", passages);
    expect(answer.citations[0]?.page).toBe(1);
    expect(answer.citations[0]?.quote).toBe("Secrétaire : Mme Ariane Bélanger, greffière adjointe, Service du greffe");
  });

  it("cites the resolution for the demolition request asked about", () => {
    const answer = extractiveAnswer("Quelle demande de démolition a été étudiée?", passages);
    expect(answer.citations[0]?.page).toBe(2);
    expect(answer.citations[0]?.quote).toMatch(/^D’APPROUVER la demande de démolition partielle/);
  });

  it("says in French that an off-topic French question is not covered", () => {
    const answer = extractiveAnswer("Quelle est la capitale de l’Australie ?", passages);
    expect(answer.text).toBe("Les documents ne semblent pas traiter cette question.");
    expect(answer.citations).toEqual([]);
  });
});
