import { describe, expect, it } from "vitest";
import { hasAnswerShape, type QuestionType, questionType } from "./question-type";
import { predicateTerms } from "./question-verbs";

// Questions a student asks of a French municipal record (2023-06-20-PV, extractive-french.unit.test.ts), and the
// lines of that record that answer them.
const TYPES: [string, QuestionType][] = [
  ["Combien de logements le projet permet-il d'ajouter ?", "amount"],
  ["Quel est le montant des travaux ?", "amount"],
  ["Quand l'avis public de démolition a-t-il été publié ?", "date"],
  ["À quelle heure la séance a-t-elle été levée ?", "date"],
  ["Pourquoi la démolition a-t-elle été approuvée ?", "cause"],
  ["Qui était le secrétaire de la séance ?", "person"],
  ["Qu’est-ce que la mitose ?", "definition"],
  // Inside a question "qui" is a relative pronoun; "où" has no kind, as "where", "onde", "dónde" have none.
  ["Qu'est-ce qui a été décidé au sujet de la demande ?", "other"],
  ["Où se trouve le bâtiment ?", "other"],
  ["Who operated the Cessna 152 N6135M?", "person"],
  ["Quem era o operador do Sorrell SNJ-7 N74SR?", "person"],
  ["How many people were injured?", "amount"],
];

const SHAPES: [string, QuestionType, boolean][] = [
  ["ATTENDU QUE l’estimation … est de l’ordre de plus de 1 200 000$;", "amount", true],
  ["un budget de 12 €", "amount", true],
  ["Séance publique tenue le 20 juin, à 16h00 à la salle du conseil", "date", true],
  ["La séance est levée à 16h05.", "date", true],
  ["ATTENDU QUE la portion arrière, visée par la demande, est en mauvais état;", "cause", true],
  ["Les travaux ont été reportés à cause de la pluie.", "cause", true],
  ["Secrétaire : Mme Ariane Bélanger, greffière adjointe", "person", true],
  ["M. Gaëtan Gagné, conseiller municipal", "person", true],
  ["La séance est levée à 16h05.", "person", false],
];

describe("French question types", () => {
  it("reads combien, quand, pourquoi, qui and qu'est-ce que as en/pt/es read their question words", () => {
    expect(TYPES.map(([q]) => questionType(q))).toEqual(TYPES.map(([, type]) => type));
  });

  it("sees the record's figures, dates, times, reasons and people in its own writing", () => {
    expect(SHAPES.map(([text, type]) => hasAnswerShape(text, type))).toEqual(SHAPES.map(([, , shape]) => shape));
  });
});

describe("French participles after an auxiliary", () => {
  it("finds the participle after a été, est, a and ont (inverted questions too), none after an article or 'à'", () => {
    const questions: [string, number][] = [
      ["Quand la séance a-t-elle été levée ?", 1],
      ["Quelle demande de démolition a été étudiée ?", 1],
      ["Qui a présidé la séance ?", 1],
      ["Quel bâtiment est protégé ?", 1],
      ["Combien de demandes ont été reçues ?", 1],
      ["Quelle résolution a été adoptée à l’unanimité ?", 1],
      ["Qui était le secrétaire de la séance ?", 0],
      ["Quel comité siège à côté du conseil ?", 0],
      // French auxiliaries and participles count in French questions only: "a" and "est" are English words too.
      ["What is a taxi?", 0],
    ];
    expect(questions.map(([q]) => predicateTerms(q).size)).toEqual(questions.map(([, n]) => n));
  });
});
