import { beforeAll, describe, expect, it } from "vitest";
import { fixture } from "../../test/helpers";
import { extractPdfPages, openPdf } from "../ingest/extract-pdf";
import { cleanPages } from "../ingest/page-text";
import { extractiveAnswer } from "./extractive";
import { predicateTerms } from "./question-verbs";
import { type Passage, singlePagePassage } from "./types";

function passage(id: string, page: number, text: string, rank: number): Passage {
  return singlePagePassage({
    chunkId: `${id}:${page}`,
    documentId: id,
    documentTitle: id,
    pageStart: page,
    text,
    score: 1 / rank,
  });
}

// NTSB report DEN08CA034 (fixtures/ntsb/20080102X00005.pdf, public domain). Its last page is the NTSB's standard
// paragraph ("…mandated by Congress … to investigate transportation accidents, determine the probable causes of
// the accidents…"): a new user asking for the probable cause got it as a second cited sentence.
describe("a later sentence that only repeats the question's words is not added", () => {
  const REPORT = "20080102X00005";
  let pages: string[] = [];
  beforeAll(async () => {
    const pdf = await openPdf(fixture(`ntsb/${REPORT}.pdf`));
    pages = cleanPages(await extractPdfPages(pdf, 1, pdf.numPages));
  });
  const retrieved = () => [1, 4, 2, 3].map((p, i) => passage(REPORT, p, pages[p - 1] ?? "", i + 1));

  it("the last page holds the standard paragraph (the text this test stands on)", () => {
    expect(pages[3]).toContain("established in 1967");
    expect(pages[3]).toContain("the probable causes of the accidents");
  });

  it("answers the probable cause with the finding alone", () => {
    const answer = extractiveAnswer("What was the probable cause of the accident?", retrieved());
    expect(answer.citations).toHaveLength(1);
    expect(answer.citations[0]?.quote).toContain("the pilot's loss of directional control during landing");
    expect(answer.text).not.toContain("established in 1967");
  });

  it("still adds a second sentence that says something the first does not", () => {
    const answer = extractiveAnswer("What damage did the airplane sustain?", retrieved());
    expect(answer.citations.length).toBeGreaterThanOrEqual(2);
    expect(answer.text).toContain("Aircraft Damage: Substantial");
  });
});

// Brazil's 2019 federal budget bill (PLOA 2019, Anexos; an official act, outside copyright under Lei nº
// 9.610/1998, art. 8º, IV): five rows of Anexo II (expenditure by ministry, p. 2, rows 22–31 of its table, a few left out) and a footnote of p. 6, as
// ingestion extracted them. "Quanto foi destinado à saúde?" was answered by the footnote, which shares only
// "destinado" with the question.
describe("the participle after an auxiliary weighs less than what the question names", () => {
  const ANEXO_II = [
    "Anexo II -Despesa dos Orçamentos Fiscal e da Seguridade Social por Órgão Orçamentário",
    "",
    "| Discriminação | Tesouro (A) | Outras Fontes (B) | Total C = (A+B) | C / D | C / E | C / F | C / G |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    "| MINISTÉRIO DA FAZENDA | 29.386.799.917 | 565.006.829 | 29.951.806.746 | 2,00 | 1,67 | 1,63 | 0,92 |",
    "| MINISTÉRIO DA EDUCAÇÃO | 120.494.309.030 | 1.468.888.298 | 121.963.197.328 | 8,13 | 6,82 | 6,63 | 3,74 |",
    "| MINISTÉRIO DA JUSTIÇA | 2.008.668.059 | 33.290 | 2.008.701.349 | 0,13 | 0,11 | 0,11 | 0,06 |",
    "| MINISTÉRIO DAS RELAÇÕES EXTERIORES | 3.712.244.868 | 170.738 | 3.712.415.606 | 0,25 | 0,21 | 0,20 | 0,11 |",
    "| MINISTÉRIO DA SAÚDE | 129.783.014.466 | 33.316.643 | 129.816.331.109 | 8,65 | 7,26 | 7,06 | 3,98 |",
  ].join("\n");
  const FOOTNOTE = [
    "Reserva de Contingência Fiscal - Primária / Recursos para o Atendimento do art. 169, § 1º, inciso II, da Constituição",
    "(2) Limite físico e financeiro destinado a provimentos de cargos efetivos que compõem o Banco de Professor-Equivalente e o Quadro de Referência dos Cargos de Técnico-Administrativos em Educação, nos termos dos Decretos nºs 7.232, de 19 de",
    "julho de 2010; 7.311 e 7.312, ambos de 22 de setembro de 2010; 7.485, de 18 de maio de 2011 e 8.260, de 29 de maio de 2014.",
  ].join("\n");
  const budget = () => [passage("ploa2019", 6, FOOTNOTE, 1), passage("ploa2019", 2, ANEXO_II, 2)];

  it("finds the participles a question puts after its auxiliary, and only those", () => {
    expect([...predicateTerms("Quanto foi destinado à saúde?")]).toHaveLength(1);
    expect(predicateTerms("How many people were injured?").size).toBe(1);
    expect(predicateTerms("¿Cuánto fue asignado a educación?").size).toBe(1);
    expect(predicateTerms("What is directional control?").size).toBe(0);
    expect(predicateTerms("What was the probable cause?").size).toBe(0);
  });

  it("answers with the health ministry's row first", () => {
    const answer = extractiveAnswer("Quanto foi destinado à saúde?", budget());
    expect(answer.citations[0]?.page).toBe(2);
    expect(answer.citations[0]?.quote).toContain("MINISTÉRIO DA SAÚDE");
    expect(answer.text.indexOf("129.816.331.109")).toBeLessThan(answer.text.indexOf("Reserva"));
  });

  it("a question that names the footnote's own words is still answered by it", () => {
    const answer = extractiveAnswer("Para que foi destinado o limite físico e financeiro?", budget());
    expect(answer.citations[0]?.page).toBe(6);
  });
});

// The 2015 budget bill (PLOA 2015, Anexos; an official act, as above): Anexo IV (investment by body, p. 5) and a
// footnote of p. 8, as ingestion extracted them. "em 2015" named the bill, yet the footnote, which says "para
// 2015", was quoted first for "Qual a despesa total da Secretaria de Aviação Civil em 2015?".
describe("a year in the question picks the report, not the sentence that repeats it", () => {
  const ANEXO_IV = [
    "ANEXO IV",
    "",
    "DESPESA DO ORÇAMENTO DE INVESTIMENTO",
    "",
    "R$ 1,00",
    "",
    "| | ESPECIFICAÇÃO | ESPECIFICAÇÃO | VALOR |",
    "| --- | --- | --- | --- |",
    "| 62000 | - | SECRETARIA DE AVIAÇÃO CIVIL | 1.568.126.532 |",
    "| 68000 | - | SECRETARIA DE PORTOS | 745.472.375 |",
    "| | | TOTAL | 105.708.618.210 |",
  ].join("\n");
  const FOOTNOTE = [
    "5.2.1. Impactos decorrentes da Lei nº 12.804, de 2013 (Parcela 3/3)",
    "",
    '(4) Para fins de reposição, considera-se exclusivamente o preenchimento de cargos efetivos e cargos/funções comissionadas ocupadas em março de 2014, cujas despesas compunham a base de projeção para a definição dos limites de "Pessoal e Encargos Sociais" para 2015, não gerando, assim,',
    "impacto orçamentário. Neste contexto, excluem-se as vagas originadas de aposentadorias e falecimentos que impliquem em pagamento de pensões, por se tratarem de mera reclassificação orçamentária, ou seja, não geram economia em termos de impactos orçamentários.",
  ].join("\n");

  it("answers from the table, not the footnote", () => {
    const passages = [passage("ploa2015", 8, FOOTNOTE, 1), passage("ploa2015", 5, ANEXO_IV, 2)];
    const answer = extractiveAnswer("Qual a despesa total da Secretaria de Aviação Civil em 2015?", passages);
    expect(answer.citations[0]?.page).toBe(5);
    expect(answer.text).not.toContain("Para fins de reposição");
    // Not yet right: over these two passages the TOTAL row (it says "total") outranks the body's row, which holds
    // only what the question names (docs/retrieval-eval.md, "A year picks the report").
  });

  it("still picks the row a year labels", () => {
    const table = [
      "| Year | Teachers |",
      "| --- | --- |",
      "| 2007 | 3,178 |",
      "| 2008 | 3,219 |",
      "| 2009 | 3,210 |",
    ].join("\n");
    const answer = extractiveAnswer("How many teachers were there in 2008?", [passage("nces", 4, table, 1)]);
    expect(answer.citations[0]?.quote).toContain("3,219");
  });
});
