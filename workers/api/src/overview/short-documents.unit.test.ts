import { describe, expect, it } from "vitest";
import { outlineOf } from "../../test/outline-helpers";
import { topicOf } from "./prose";
import { candidateQuestions, reserveQuestions } from "./suggest";

// Short and table-only documents of new-user trials, as ingestion chunks them (excerpts; the PDFs are not
// committed: bench/overview/README.md says where they come from). The first page of a U.S. Supreme Court
// transcript: a caption table, a title in capitals, two sentences.
const SCOTUS_CHUNKS = [
  {
    context: null,
    text: `| | | | |
| --- | --- | --- | --- |
| 3 | MICHAEL A. KNOWLES, | : | |
| 4 | WARDEN, | : | |
| 5 | Petitioner | : | |
| 6 | v. | : | No. 07-1315 |
| 7 | ALEXANDRE MIRZAYANCE. | : | |

Official - Subject to Final Review
IN THE SUPREME COURT OF THE UNITED STATES
- - - - - - - - - - - - - - - - - x

- - - - - - - - - - - - - - - - - x
Washington, D.C.`,
  },
  {
    context: null,
    text: `Tuesday, January 13, 2009

The above-entitled matter came on for oral
argument before the Supreme Court of the United States
at 1:01 p.m.
APPEARANCES:
STEVEN E. MERCER, ESQ., Deputy Attorney General, Los
Angeles, Cal.; on behalf of the Petitioner.
CHARLES M. SEVILLA, ESQ., San Diego, Cal.; on behalf
of the Respondent.

Alderson Reporting Company`,
  },
];

// A French municipal record (2023-06-20-PV.pdf): its numbered agenda items are its headings.
const PV_CHUNKS = [
  {
    context: null,
    text: `COMITÉ DE DÉMOLITION

PROCÈS-VERBAL
Séance publique tenue le 20 juin, à 16h00 à la salle du conseil

1. Ouverture de la séance

La séance est ouverte à 16h00.

2. Adoption de l’ordre du jour

L’ordre du jour de la séance est adopté.`,
  },
  {
    context: null,
    text: `3. Période de question du public

Aucune question.

4. Demande de démolition pour le 1069, boulevard de de Sainte-Adèle

Résolution DM-2023-001

ATTENDU la demande 2023-0379, visant la démolition partielle d’un
bâtiment, soit la partie arrière du 1069, boulevard de Sainte-Adèle;

ATTENDU QUE le bâtiment est protégé en vertu du règlement 1274
concernant la citation du Théâtre Sainte-Adèle à titre d’immeuble
patrimonial;`,
  },
  {
    context: "Résolution DM-2023-001",
    text: `IL EST RÉSOLU À L’UNANIMITÉ

D’APPROUVER la demande de démolition partielle, soit de la partie arrière
du bâtiment situé au 1069, boulevard de Sainte-Adèle, en vertu du
règlement 1314-2023-DEM régissant la démolition des constructions.

5. LEVÉE DE LA SÉANCE

La séance est levée à 16h05.`,
  },
];

// Brazil's 2019 budget annexes (bench/answers/docs/br-orcamento-federal-2019-anexos.pdf): tables, footnotes,
// and a footer the page cleaner keeps because its page number changes, once glued to a footnote.
const BR_CHUNKS = [
  {
    context: null,
    text: `ANEXO I

RECEITA DOS ORÇAMENTOS FISCAL E DA SEGURIDADE SOCIAL
POR CATEGORIA ECONÔMICA E ORIGEM

| ESPECIFICAÇÃO | R$ 1,00 VALOR |
| --- | --- |
| 1. RECEITAS CORRENTES | 1.658.610.787.122 |
| Contribuições | 888.236.560.188 |

(*) Exclusive Refinanciamento da Dívida Pública Federal

Página 14 de 3400 Parte integrante do Avulso do PLN nº 27 de 2018.`,
  },
  {
    context: null,
    text: `| TOTAL (G) | 3.242.281.318.381 | 19.927.985.442 | 3.262.209.303.823 | 0,00 | 0,00 | 0,00 | 100,00 |

Página 15 de 3400 Parte integrante do Avulso do PLN nº 27 de 2018.`,
  },
  {
    context: null,
    text: `(4) Refere-se a Projeto de Lei de ratificação da criação de cargos e funções comissionadas efetivada por ato administrativo, cujas despesas já vêm compondo a folha de pagamento do Órgão ao longo dos últimos anos, não implicando em acréscimos de
despesas.Página 19 de 3400 Parte integrante do Avulso do PLN nº 27 de 2018.`,
  },
];

// A Federal Register rule (federal-register-2020-17221.pdf): "AOA sensor" written after adjectives, as a
// modifier and in the plural, seldom after an article.
const FEDREG_PROSE = `On the current 737 MAX, AOA is measured by two independent AOA sensors, which are small vanes mounted on either side of the forward exterior of the fuselage.
The second design change alerts the pilots that the airplane’s two AOA sensors are disagreeing by a certain amount indicating a potential AOA sensor failure.
The third design change is intended to ensure that the flightcrew has the means to recognize and respond to erroneous stabilizer movement and the effects of a potential AOA sensor failure.
These revised flight control laws would use inputs from both AOA sensors to activate MCAS.
This is in contrast to the original MCAS design, which relied on data from only one sensor at a time, and allowed repeated MCAS activation as a result of input from a single AOA sensor.
The updated FCC software would also compare the inputs from the two sensors to detect a failed AOA sensor.
This test uses a fixture to position the AOA vane and verify that the reading provided by each AOA sensor is accurate.`;

// ICDAR 2013's eu-001 (E-PRTR pollutants and their thresholds, /tmp/icdar in the trials; not committed): one
// paragraph of prose, then seven tables whose header repeats "THRESHOLD FOR RELEASES to …".
const EPRTR_HEADER = `| | THRESHOLD FOR RELEASES to air kg/year | THRESHOLD FOR RELEASES to water kg/year | THRESHOLD FOR RELEASES to land kg/year |
| --- | --- | --- | --- |`;
const EPRTR_CHUNKS = [
  {
    context: null,
    text: `E-PRTR pollutants and their thresholds

A facility has to report data under E-PRTR if it fulfils the following criteria:
• the facility falls under at least one of the 65 E-PRTR economic activities. The
activities are also reported using a statistical classification of economic activities
(NACE rev 2)
• the facility releases pollutants or transfers waste off-site which exceed specific
thresholds set out in Article 5 of the E-PRTR Regulation. These thresholds for
releases of pollutants are specified for each media - air, water and land - in Annex
II of the E-PRTR Regulation.

Greenhouse gases

${EPRTR_HEADER}
| Carbon dioxide (CO2) | 100 million | - | - |
| Methane (CH4) | 100 000 | - | - |

Other gases

${EPRTR_HEADER}
| Ammonia (NH3) | 10 000 | - | - |
| Carbon monoxide (CO) | 500 000 | - | - |`,
  },
  {
    context: null,
    text: `Heavy metals

${EPRTR_HEADER}
| Arsenic and compounds (as As) | 20 | 5 | 5 |
| Cadmium and compounds (as Cd) | 10 | 5 | 5 |`,
  },
  ...["Pesticides", "Chlorinated organic substances", "Other organic substances", "Inorganic substances"].map(
    (group) => ({ context: null, text: `${group}\n\n${EPRTR_HEADER}\n| Asbestos | 1 | 1 | 1 |` }),
  ),
];

describe("suggested questions of short and table-only documents", () => {
  it("asks nothing about a title's capitals or a name (a Supreme Court transcript's first page)", () => {
    const outline = outlineOf(SCOTUS_CHUNKS);
    // Shown as its sentence writes it ("before the Supreme Court of the United States"), not as the title's capitals.
    expect(outline.keyPhrases).toContain("Supreme Court");
    const questions = candidateQuestions([outline]);
    expect(questions.join(" ")).not.toMatch(/SUPREME COURT|UNITED STATES/iu);
    // It has headings: no single frequent word ("What is behalf?", "What is Petitioner?") is asked instead.
    expect(reserveQuestions([outline])).toEqual([]);
  });

  it("asks no French question without the article French writes ('Qu’est-ce que levée de la séance ?')", () => {
    const outline = outlineOf(PV_CHUNKS);
    expect(outline.language).toBe("fr");
    expect(outline.headings).toContain("5. LEVÉE DE LA SÉANCE");
    const questions = candidateQuestions([outline]);
    expect(questions).not.toContain("Qu’est-ce que levée de la séance ?");
    for (const q of questions) expect(q).toMatch(/^Qu’est-ce (?:que (?:le|la|les|un|une|des) |qu’un |qu’une |que l’)/u);
    expect(reserveQuestions([outline])).toEqual([]);
  });

  it("asks nothing about a table header's words in capitals ('What is RELEASES?', ICDAR eu-001)", () => {
    const outline = outlineOf(EPRTR_CHUNKS);
    expect(outline.headings).toEqual([]);
    // The repeated header is not read for key phrases; a phrase is shown as the prose writes it.
    expect(outline.keyPhrases.join(" ")).not.toMatch(/RELEASES|THRESHOLD|kg year/u);
    const questions = [...candidateQuestions([outline]), ...reserveQuestions([outline])];
    expect(questions.join(" ")).not.toMatch(/releases|threshold|kg year/iu);
    // A document with tables is no short note: its frequent single words ("compounds") are not asked.
    expect(reserveQuestions([outline])).toEqual([]);
  });

  it("a short note's reserve words are asked as its text writes them, its first and last sentences too", () => {
    // The e2e tour's note: its frequent words are in the sentences the prose reading leaves out.
    const text =
      "Photosynthesis converts light energy into chemical energy. It takes place in the chloroplasts of plant cells. The Calvin cycle fixes carbon dioxide into glucose in the stroma. Chlorophyll absorbs mostly blue and red light.";
    expect(reserveQuestions([outlineOf([{ context: null, text }])])).toEqual(["What is energy?", "What is light?"]);
  });

  it("asks nothing about a running footer with a page number ('O que é Parte integrante?')", () => {
    const questions = candidateQuestions([outlineOf(BR_CHUNKS)]);
    expect(questions.join(" ")).not.toMatch(/integrante/iu);
  });

  it("asks an English count noun seldom written with an article in the plural ('What are AOA sensors?')", () => {
    expect(topicOf("AOA sensor", FEDREG_PROSE, "en")).toEqual({ phrase: "AOA sensors", article: null, plural: true });
    expect(topicOf("AOA sensors", FEDREG_PROSE, "en")).toEqual({ phrase: "AOA sensors", article: null, plural: true });
    const questions = candidateQuestions([outlineOf([{ context: null, text: FEDREG_PROSE }])]);
    expect(questions).toContain("What are AOA sensors?");
    expect(questions).not.toContain("What is AOA sensor?");
    // A mass noun has no plural to find; an article the prose writes is kept.
    const ntsb = "Shortly after touchdown on the runway, he lost directional control and the airplane ground looped.";
    expect(topicOf("directional control", ntsb, "en")).toEqual({
      phrase: "directional control",
      article: null,
      plural: false,
    });
    expect(topicOf("runway", ntsb, "en")).toMatchObject({ phrase: "runway", article: "the" });
  });
});
