import { describe, expect, it } from "vitest";
import { CDC_TABLE_6 as CDC_TABLE_6_WHOLE, linesBetween, PLOA_2019_ANEXO_II } from "../../test/answer-tables";
import { extractiveAnswer } from "./extractive";
import { type Passage, singlePagePassage } from "./types";

/** A page of the document `title` as a passage of its own (`score`: the retrieval's order). */
const pageOf = (title: string) => (page: number, text: string, score: number) =>
  singlePagePassage({
    chunkId: `${title}#${page}`,
    documentId: title,
    documentTitle: title,
    pageStart: page,
    text,
    score,
  });

// Brazil's PLOA 2019 annexes (bench/answers/docs/README.source.md: an official act, not protected by
// copyright), pages 1 and 2 as ingestion stores them, and the two passages a new user's notebook retrieved
// for the question below, in that order: page 1 whole (Anexo I, revenue) and the chunk of page 2 (Anexo II,
// expenditure) whose context carries the heading "Valores Correntes" and the table's header row.
const PAGE_1 = `ANEXO I

RECEITA DOS ORÇAMENTOS FISCAL E DA SEGURIDADE SOCIAL
POR CATEGORIA ECONÔMICA E ORIGEM

| ESPECIFICAÇÃO | R$ 1,00 VALOR |
| --- | --- |
| 1. RECEITAS CORRENTES | 1.658.610.787.122 |
| Impostos, Taxas e Contribuições de Melhoria | 523.163.417.680 |
| Contribuições | 888.236.560.188 |
| Receita Patrimonial | 120.475.694.822 |
| Receita Agropecuária | 19.784.580 |
| Receita Industrial | 1.614.444.911 |
| Receita de Serviços | 54.354.350.772 |
| Transferências Correntes | 847.022.011 |
| Outras Receitas Correntes(*) | 69.899.512.158 |
| 2. RECEITAS DE CAPITAL | 844.925.523.375 |
| Operações de Crédito(*) | 665.356.758.119 |
| Alienação de Bens | 1.548.814.470 |
| Amortização de Empréstimos | 45.076.727.481 |
| Transferências de Capital | 58.741.380 |
| Outras Receitas de Capital | 132.884.481.925 |
| SUBTOTAL (1+2) | 2.503.536.310.497 |
| 3. REFINANCIAMENTO DA DÍVIDA PÚBLICA FEDERAL | 758.672.993.326 |
| TOTAL | 3.262.209.303.823 |`;

const PAGE_2_CHUNK = `${linesBetween(PLOA_2019_ANEXO_II, "| CONSELHO NACIONAL DO MINISTÉRIO |")}

( % )

Página 15 de 3400 Parte integrante do Avulso do PLN nº 27 de 2018.`;

const PAGE_2_CONTEXT = `Valores Correntes

| Discriminação | Tesouro (A) | Outras Fontes (B) | Total C = (A+B) | C / D | C / E | C / F | C / G |
| --- | --- | --- | --- | --- | --- | --- | --- |`;

function passage(n: number, page: number, text: string, context: string | null = null): Passage {
  return singlePagePassage({
    chunkId: `chk_${n}`,
    documentId: "doc_ploa_2019",
    documentTitle: "br-orcamento-federal-2019-anexos",
    pageStart: page,
    text,
    context,
    score: 1 / n,
  });
}

describe("extractive answers over table rows", () => {
  const passages = [passage(1, 1, PAGE_1), passage(2, 2, PAGE_2_CHUNK, PAGE_2_CONTEXT)];

  it("puts the row whose label the question names first, and cites it first", () => {
    // "receita corrente" names the row "1. RECEITAS CORRENTES" (plural, accents, case aside). The expenditure
    // row "APROVAÇÃO LEGISLATIVA PREVISTA NO" shares only "prevista" (and, through its table's header and
    // heading, "total" and "correntes"): it used to come first, with citation 1 on page 2.
    const answer = extractiveAnswer("Qual é o total da receita corrente prevista no orçamento?", passages, {
      lang: "pt",
    });
    expect(answer.citations[0]).toMatchObject({ page: 1, quote: "| 1. RECEITAS CORRENTES | 1.658.610.787.122 |" });
    expect(answer.text.indexOf("1.658.610.787.122")).toBeLessThan(answer.text.indexOf("258.179.489.253") >>> 0);
  });

  it("within one table, shows and numbers the chosen rows best first, not in the table's order", () => {
    const answer = extractiveAnswer("Qual o valor das outras receitas correntes?", passages, { lang: "pt" });
    expect(answer.citations[0]?.quote).toBe("| Outras Receitas Correntes(*) | 69.899.512.158 |");
    const shown = answer.text.indexOf("| Outras Receitas Correntes(*) |");
    expect(shown).toBeGreaterThan(-1);
    expect(shown).toBeLessThan(answer.text.indexOf("| 1. RECEITAS CORRENTES |") >>> 0);
  });
});

// CDC, MMWR Supplement Vol. 60 (2011), "Coronary Heart Disease and Stroke Deaths — United States, 2006" (public
// domain; bench/answers/docs/README.source.md): Table 6 as ingestion stores it (its caption wrapped over three lines,
// the first holding "age-adjusted death rates"), a few of its 51 rows, and page 1's prose on the national rates.
const SHOWN = /^\| (?:State\/Area|---|District of Columbia|New York|Hawaii|Minnesota|Utah) \|/u;
const CDC_TABLE_6 = CDC_TABLE_6_WHOLE.split("\n")
  .filter((line) => !line.startsWith("|") || SHOWN.test(line))
  .join("\n");

const CDC_PAGE_1 = `In 2006, CHD was the underlying cause of death for 425,425
persons (all ages) in the United States; the age-adjusted mortality
rate was 135.0 deaths per 100,000 standard population (Table 1).
In 2006, stroke was the underlying cause of death for 137,119
persons; the age-adjusted mortality rate was 43.6 per 100,000
standard population (Table 1).`;

const CDC_TABLE_6_HEADER = linesBetween(CDC_TABLE_6_WHOLE, "| State/Area |", "| --- |");

const CDC_TABLE_6_PIECE = linesBetween(CDC_TABLE_6_WHOLE, "| Oregon |", "| Minnesota |");

// Table 1 of the same report (page 2), the first rows: the same headings, no state.
const CDC_TABLE_1 = `tABLE 1. number of deaths and age-adjusted death rates* for coronary heart disease and stroke, by sex and race/ethnicity — national Vital
Statistics System, United States, 2006

| Characteristic | Coronary heart disease no. | Coronary heart disease Rate | Coronary heart disease (95% CI) | Stroke no. | Stroke Rate | Stroke (95% CI) |
| --- | --- | --- | --- | --- | --- | --- |
| Sex Female | 200,915 | 103.1 | (102.7–103.6) | 82,595 | 42.6 | (42.3–42.9) |
| Male | 224,510 | 176.5 | (175.7–177.2) | 54,524 | 43.9 | (43.5–44.3) |
| Black | 44,530 | 161.6 | (160.1–163.1) | 17,045 | 61.6 | (60.7–62.6) |
| White | 371,445 | 134.2 | (133.8–134.6) | 115,864 | 41.7 | (41.5–42.0) |`;

describe("a table whose caption wraps over several lines", () => {
  it('answers with the row the question names, its caption counting from the "Table 6." line', () => {
    const cdc = pageOf("MMWR");
    const answer = extractiveAnswer(
      "What was the age-adjusted coronary heart disease death rate in Minnesota in 2006?",
      [cdc(4, CDC_TABLE_6, 1), cdc(1, CDC_PAGE_1, 0.5)],
    );
    expect(answer.citations[0]?.quote).toContain("| Minnesota | 4,430 | 79.7 |");
  });

  it("quotes that row alone: other tables' rows and sentences that name no state are no more of the answer", () => {
    // The three chunks a notebook retrieved (session 13's trial): Table 6's last piece, whose context is its header
    // row only; page 1's paragraph on the national rates; Table 1 on page 2.
    const chunk = (page: number, text: string, score: number, context: string | null = null) => ({
      ...pageOf("MMWR")(page, text, score),
      context,
    });
    const answer = extractiveAnswer(
      "What was the age-adjusted coronary heart disease death rate in Minnesota in 2006?",
      [chunk(4, CDC_TABLE_6_PIECE, 1, CDC_TABLE_6_HEADER), chunk(1, CDC_PAGE_1, 0.7), chunk(2, CDC_TABLE_1, 0.5)],
    );
    expect(answer.citations.map((c) => c.quote)).toEqual([
      "| Minnesota | 4,430 | 79.7 | (77.3–82.0) | 2,219 | 39.3 | (37.7–41.0) |",
    ]);
  });
});

// The same PLOA 2019: Anexo IV (investment budget) whole, with its TOTAL row, and the top of Anexo II (expenditure by
// ministry), as the two passages a notebook retrieves for "the total expenditure of the Ministry of Education".
const ANEXO_IV = `ANEXO IV

DESPESA DO ORÇAMENTO DE INVESTIMENTO

| | ESPECIFICAÇÃO | ESPECIFICAÇÃO | VALOR |
| --- | --- | --- | --- |
| 22000 | - | MINISTÉRIO DA AGRICULTURA, PECUÁRIA E | 61.935.700 |
| | | ABASTECIMENTO | |
| 25000 | - | MINISTÉRIO DA FAZENDA | 6.160.855.158 |
| 32000 | - | MINISTÉRIO DE MINAS E ENERGIA | 109.024.627.902 |
| 36000 | - | MINISTÉRIO DA SAÚDE | 485.982.560 |
| 52000 | - | MINISTÉRIO DA DEFESA | 800.150.000 |
| | | TOTAL | 119.562.878.835 |`;

const ANEXO_II = `Anexo II -Despesa dos Orçamentos Fiscal e da Seguridade Social por Órgão Orçamentário

Valores Correntes

| Discriminação | Tesouro (A) | Outras Fontes (B) | Total C = (A+B) | C / D | C / E | C / F | C / G |
| --- | --- | --- | --- | --- | --- | --- | --- |
| CÂMARA DOS DEPUTADOS | 6.316.056.256 | 0 | 6.316.056.256 | 0,42 | 0,35 | 0,34 | 0,19 |
| SENADO FEDERAL | 4.503.015.767 | 0 | 4.503.015.767 | 0,30 | 0,25 | 0,24 | 0,14 |
| MINISTÉRIO DA FAZENDA | 29.386.799.917 | 565.006.829 | 29.951.806.746 | 2,00 | 1,67 | 1,63 | 0,92 |
| MINISTÉRIO DA EDUCAÇÃO | 120.494.309.030 | 1.468.888.298 | 121.963.197.328 | 8,13 | 6,82 | 6,63 | 3,74 |
| MINISTÉRIO DA JUSTIÇA | 2.008.668.059 | 33.290 | 2.008.701.349 | 0,13 | 0,11 | 0,11 | 0,06 |`;

describe("a row the question names, beside a TOTAL row", () => {
  it("answers with the named ministry's row, not another table's TOTAL", () => {
    const ploa = pageOf("PLOA 2019");
    const answer = extractiveAnswer("Qual a despesa total do Ministério da Educação no orçamento de 2019?", [
      ploa(4, ANEXO_IV, 1),
      ploa(2, ANEXO_II, 0.5),
    ]);
    expect(answer.citations[0]?.quote).toContain("| MINISTÉRIO DA EDUCAÇÃO | 120.494.309.030 |");
  });
});

// PLOA 2015 (the same kind of official act): Anexo IV as stored, and the footnotes of Anexo V (page 8), which
// say "despesas" and "2015" and answered "the Ministry of Health's expenditure in 2015" before the row did.
const ANEXO_IV_2015 = `ANEXO IV

DESPESA DO ORÇAMENTO DE INVESTIMENTO

R$ 1,00

| | ESPECIFICAÇÃO | ESPECIFICAÇÃO | VALOR |
| --- | --- | --- | --- |
| 25000 | - | MINISTÉRIO DA FAZENDA | 6.577.592.569 |
| 32000 | - | MINISTÉRIO DE MINAS E ENERGIA | 94.112.698.257 |
| 33000 | - | MINISTÉRIO DA PREVIDÊNCIA SOCIAL | 200.000.000 |
| 36000 | - | MINISTÉRIO DA SAÚDE | 277.028.371 |
| 39000 | - | MINISTÉRIO DOS TRANSPORTES | 80.000 |
| | | TOTAL | 105.708.618.210 |`;

const ANEXO_V_NOTES = `5.2.1. Impactos decorrentes da Lei nº 12.804, de 2013 (Parcela 3/3)

(4) Para fins de reposição, considera-se exclusivamente o preenchimento de cargos efetivos e cargos/funções comissionadas ocupadas em março de 2014, cujas despesas compunham a base de projeção para a definição dos limites de "Pessoal e Encargos Sociais" para 2015, não gerando, assim,
impacto orçamentário. Neste contexto, excluem-se as vagas originadas de aposentadorias e falecimentos que impliquem em pagamento de pensões, por se tratarem de mera reclassificação orçamentária, ou seja, não geram economia em termos de impactos orçamentários.
(2) Os recursos orçamentários para o provimento de cargos efetivos mediante a substituição de pessoal terceirizado serão oriundos de remanejamento de "Outras Despesas Correntes" para "Pessoal e Encargos Sociais", não implicando em acréscimo de despesas.`;

describe("a row the question names, beside a footnote that shares one word", () => {
  it("answers with the ministry's row: its label names the ministry, its headers say what the figure is", () => {
    const ploa = pageOf("PLOA 2015");
    const answer = extractiveAnswer("Qual a despesa do Ministério da Saúde em 2015?", [
      ploa(8, ANEXO_V_NOTES, 1),
      ploa(5, ANEXO_IV_2015, 0.5),
    ]);
    expect(answer.citations[0]?.quote).toContain("| 36000 | - | MINISTÉRIO DA SAÚDE | 277.028.371 |");
  });
});
