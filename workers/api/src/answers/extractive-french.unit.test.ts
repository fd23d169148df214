import { describe, expect, it } from "vitest";
import { detectLanguage } from "../retrieval/language";
import { answerUnits } from "./answer-units";
import { extractiveAnswer } from "./extractive";
import { type Passage, singlePagePassage } from "./types";

// A French municipal record a new user asked "Qui était le secrétaire de la séance?" and was told, in Spanish,
// "El material no parece cubrir esta pregunta.": 2023-06-20-PV.pdf, the procès-verbal of a demolition committee
// (github.com/jsvine/pdfplumber, tests/pdfs/, commit 147f2c4c07dc1191fc1d05bb589b4f6af3aaf74a; not committed
// here). Its two pages whole, as ingestion stores them (extractPdfPages + cleanPages): numbered agenda headings,
// a "Secrétaire :" label whose value is on the line below, and a resolution whose preamble is clauses ending in
// ";" ("ATTENDU QUE … ;").
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

L’ordre du jour de la séance est adopté.

3. Période de question du public

Aucune question.

4. Demande de démolition pour le 1069, boulevard de de Sainte-Adèle

Résolution DM-2023-001

ATTENDU la demande 2023-0379, visant la démolition partielle d’un
bâtiment, soit la partie arrière du 1069, boulevard de Sainte-Adèle;

ATTENDU QUE le bâtiment est protégé en vertu du règlement 1274
concernant la citation du Théâtre Sainte-Adèle à titre d’immeuble
patrimonial;

ATTENDU QUE la portion arrière, visée par la demande, est en mauvais état
et que son niveau d’authenticité est peu élevé;

ATTENDU QUE l’estimation du coût des travaux de rénovation et de mise
aux normes du bâtiment dans son ensemble est de l’ordre de plus de
1 200 000$;

ATTENDU QUE le projet vise la préservation, la restauration et la
pérennisation de la partie avant du bâtiment patrimonial;

ATTENDU QUE le projet de construction proposé prévoit, pour l’utilisation
projetée du sol dégagé, un agrandissement de l’arrière du bâtiment
préservé, permettant l’ajout de 43 logements;

ATTENDU la pertinence du projet de remplacement proposé;

ATTENDU QU’aucune opposition n’a été reçue à la suite de la publication
de l’avis public de démolition le 7 juin 2023;`;

const PAGE_2 = `ATTENDU l’avis du comité consultatif d’urbanisme, qui agit à titre de comité
local du patrimoine, à l’effet d’accepter la demande de démolition 2023-
0379;

IL EST RÉSOLU À L’UNANIMITÉ

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

const quotes = (question: string) => extractiveAnswer(question, passages).citations.map((c) => c.quote);

describe("extractive answers on a French record (2023-06-20-PV)", () => {
  it("reads the record and its questions as French", () => {
    expect(detectLanguage(PAGE_1)).toBe("fr");
    expect(detectLanguage(PAGE_2)).toBe("fr");
    expect(detectLanguage("Qui était le secrétaire de la séance?")).toBe("fr");
  });

  it("answers who the secretary was with the Secrétaire field alone, label and value", () => {
    const answer = extractiveAnswer("Qui était le secrétaire de la séance?", passages);
    expect(answer.citations[0]?.page).toBe(1);
    expect(quotes("Qui était le secrétaire de la séance?")).toEqual([
      "Secrétaire : Mme Ariane Bélanger, greffière adjointe, Service du greffe",
    ]);
  });

  it("cites the request the demolition question asks about, and the resolution approving it", () => {
    const cited = quotes("Quelle demande de démolition a été étudiée?");
    expect(cited[0]).toMatch(/^ATTENDU la demande 2023-0379, visant la démolition partielle/);
    expect(cited.some((q) => q.startsWith("D’APPROUVER la demande de démolition partielle"))).toBe(true);
  });

  it("says in French that an off-topic French question is not covered", () => {
    const answer = extractiveAnswer("Quelle est la capitale de l’Australie ?", passages);
    expect(answer.text).toBe("Les documents ne semblent pas traiter cette question.");
    expect(answer.citations).toEqual([]);
  });
});

describe("the record's numbered agenda headings and resolution preamble", () => {
  const units = answerUnits(passages).map((u) => u.text);

  it("takes no numbered agenda heading for a candidate answer", () => {
    expect(PAGE_1).toContain("1. Ouverture de la séance");
    for (const heading of [
      "1. Ouverture de la séance",
      "2. Adoption de l’ordre du jour",
      "3. Période de question du public",
    ])
      expect(units).not.toContain(heading);
    expect(units).toContain("La séance est ouverte à 16h00.");
  });

  it("answers whether the public asked questions with the agenda item's entry, not its heading", () => {
    expect(quotes("Y a-t-il eu des questions du public ?")).toEqual(["Aucune question."]);
  });

  it("takes each ATTENDU clause of the preamble for a candidate, not a title", () => {
    expect(units.filter((u) => u.startsWith("ATTENDU"))).toHaveLength(9);
  });

  it("answers when the public notice was published from its clause, not the agenda heading that shares 'public'", () => {
    expect(quotes("Quand l'avis public de démolition a-t-il été publié ?")[0]).toBe(
      "ATTENDU QU’aucune opposition n’a été reçue à la suite de la publication de l’avis public de démolition le 7 juin 2023;",
    );
  });

  it("answers how many dwellings and how much from the preamble's figures", () => {
    expect(quotes("Combien de logements le projet permet-il d'ajouter ?")[0]).toMatch(
      /permettant l’ajout de 43 logements;$/,
    );
    expect(quotes("Combien coûtent les travaux de rénovation ?")[0]).toMatch(/de l’ordre de plus de 1 200 000\$;$/);
    expect(quotes("Quel règlement protège le bâtiment ?")[0]).toMatch(
      /^ATTENDU QUE le bâtiment est protégé en vertu du règlement 1274/,
    );
  });
});
