import { describe, expect, it } from "vitest";
import { outlineOf } from "../../test/outline-helpers";
import { headingOccurrences } from "./outline";
import { candidateQuestions } from "./suggest";
import { isLabelHeading } from "./topics";

// Chunks as ingestion stores them (text, context) for the two documents of a new user's notebook that got
// "What is Factual Information?" and "¿Qué es No. Casos?": the NTSB report 20080102X00005 (U.S. government
// work, public domain; chunks 0–3) and the Guatemalan ministry's 2018 report on water- and food-borne
// diseases (bench/answers/docs/README.source.md; chunks 0–3, the first paragraph of chunk 22 and chunk 23, the next chart).
const NTSB_CHUNKS = [
  {
    context: null,
    text: `National Transportation Safety Board
Aviation Accident Final Report

Location: Belen, NM Accident Number: DEN08CA034

Date & Time: 11/27/2007, 1100 MST Registration: N74SR

Aircraft: Godwin, David P Sorrell SNJ-7 Aircraft Damage: Substantial

Defining Event: Injuries: 1 None

Flight Conducted Under: Part 91: General Aviation - Personal

Analysis

According to the pilot's statement, he was landing on runway 21 and the winds were light and
variable. Shortly after touchdown on the runway, he lost directional control and the airplane
ground looped. The airplane departed the left side of the runway and came to rest upright.
Examination of the airplane revealed that one main landing gear was separated and one was
folded under the fuselage. Several right wing ribs were broken. No anomalies with the aircraft
systems were reported.`,
  },
  {
    context: null,
    text: `Probable Cause and Findings

The National Transportation Safety Board determines the probable cause(s) of this accident to be:
the pilot's loss of directional control during landing resulting in a ground loop.

Findings

Occurrence #1: LOSS OF CONTROL - ON GROUND/WATER
Phase of Operation: LANDING - ROLL

Findings
1. (C) DIRECTIONAL CONTROL - NOT MAINTAINED - PILOT IN COMMAND
2. (C) GROUND LOOP/SWERVE - INADVERTENT - PILOT IN COMMAND`,
  },
  {
    context: null,
    text: `Factual Information

Pilot Information

Certificate: Private; Recreational Age: 48, Male

Airplane Rating(s): Single-engine Land Seat Occupied:

Other Aircraft Rating(s): Balloon Restraint Used: Seatbelt, Shoulder
harness

Instrument Rating(s): None Second Pilot Present: No

Instructor Rating(s): Toxicology Performed:

Medical Certification: Class 3 Last FAA Medical Exam: 05/01/2006

Occupational Pilot: Last Flight Review or Equivalent:

Flight Time: 1364 hours (Total, all aircraft), 14 hours (Total, this make and model), 26 hours (Last 90 days,
all aircraft), 5 hours (Last 30 days, all aircraft)`,
  },
  {
    context: null,
    text: `Aircraft and Owner/Operator Information

Aircraft Make: Godwin, David P Registration: N74SR

Model/Series: Sorrell SNJ-7 Aircraft Category: Airplane

Year of Manufacture: Amateur Built: Yes

Airworthiness Certificate: Experimental Serial Number: 280

Landing Gear Type: Tailwheel Seats:

Date/Type of Last Inspection: 05/01/2007, Condition Certified Max Gross Wt.:`,
  },
];

const GT_CHUNKS = [
  {
    context: null,
    text: `6 avenida 3-45, zona 11, Guatemala, Guatemala.

ANÁLISIS ANUAL DE LA SITUACIÓN EPIDEMIOLÓGICA DE
ENFERMEDADES TRANSMITIDAS POR AGUA Y ALIMENTOS EN
GUATEMALA, 2018

Dra. Andrea Aldana
Vigilancia de ETA´s
Departamento de Epidemiologia/MSPAS
Introducción:

Las enfermedades trasmitidas por Agua y Alimentos (ETA´s) a lo largo de los años
han representado un problema de Salud a nivel mundial. Estas enfermedades son
provocadas en su mayoría por el consumo de agua o alimentos contaminados por
diversos microorganismos.

Las enfermedades trasmitidas por Agua y Alimentos, se vigilan de forma pasiva a
través de la notificación de casos por parte de los servicios de salud, la vigilancia
se activa por la aparición de brotes o identificación de aumento inusitado de casos.

En Guatemala las enfermedades trasmitidas por Agua y Alimentos que son
vigiladas por ser de notificación obligatoria son: Enfermedad Diarreica, Disentería,
Hepatitis A, Fiebre Tifoidea, Intoxicación por alimentos, Cólera y Marea Roja
(intoxicación paralitica por moluscos), estas últimas dos enfermedades con
notificación negativa.`,
  },
  {
    context: null,
    text: `Situación Epidemiológica de ETA´s

4073.02

3202.09

4160.67
4552.08
4382.83
3818.50
3515.83
3852.28
4369.10

0.00

1000.00

2000.00

3000.00

4000.00

5000.00

0
100000
200000
300000
400000
500000
600000
700000
800000

2010 2011 2012 2013 2014 2015 2016 2017 2018

Tasa x 100,000 habitantes

No. Casos

Grafico 1. ETA´s: casos y tasas por año,
Guatemala 2010-2017

casos tasas

6 avenida 3-45, zona 11, Guatemala, Guatemala.`,
  },
  {
    context: "No. Casos",
    text: `El comportamiento de las enfermedades trasmitidas por Agua y Alimentos ha ido
en aumento en los últimos años, observando que desde el año 2015 al 2018 el
incremento de tasa es de 14% (3,818/4,369), observando que solo para el año
2018 el incremento de tasa fue del 13% (3,852/4,369) en comparación al año
2017. Cerrando el año 2018 con una tasa de incidencia de 4,369 casos de ETA´s
por 100,000 habitantes.

Durante el año 2018, el comportamiento de las ETA´s se ubico en zona de alerta y
brote según corredor endémico, es importante identificar que la estacionalidad de
las ETAs se incrementan en los meses de mayo a junio (época lluviosa),
observando para el año 2018 para ese periodo se incrementaron los casos hacia
la zona de brote, en comparación con años históricos.

A la semana epidemiológica 52 del año 2018, se reportó un total de 756,338
casos, que corresponde a un 14% de aumento en relación al año 2017. La tasa de
incidencia para el mismo periodo fue de 4,369 casos de ETA´s por 100,000
habitantes (3,914 para el 2017) lo que representa una incremento del 11%. (Ver
Cuadro 1)

0

5000

10000

15000

20000

25000

30000

1 3 5 7 9 11 13 15 17 19 21 23 25 27 29 31 33 35 37 39 41 43 45 47 49 51`,
  },
  {
    context: null,
    text: `No. de Casos

Semanas Epidemiológicas

Grafico 2.Corredor Endémico 2018
ETAs. República de Guatemala
Históricos de 5 años: 2013 a 2017

Exito Seguridad Alerta Brote Casos Nuevos

6 avenida 3-45, zona 11, Guatemala, Guatemala.`,
  },
  {
    context: null,
    text: `3. Disentería

Es una infeccion aguda que afecta principalmente a la porcion distal del intestino
delgado, caracterizandose por la presencia de diarrea que contiene sangre y moco
(disenteria), fiebres, nauseas, colicos y tenesmo.`,
  },
  {
    context: null,
    text: `No. de Casos

Semanas Epidemiológicas

Grafico 10. Corredor Endémico Semanal de 2018
Disenteria Total. República de Guatemala
Históricos de 5 años: 2013 a 2017

Exito Seguridad Alerta Brote Casos Nuevos

6 avenida 3-45, zona 11, Guatemala, Guatemala.`,
  },
];

describe("suggested questions without a model", () => {
  it("asks about what the report explains, not its form's section labels", () => {
    const questions = candidateQuestions([outlineOf(NTSB_CHUNKS)]);
    expect(questions).not.toContain("What is Factual Information?");
    expect(questions).not.toContain("What is Pilot Information?");
    expect(questions.join(" ")).not.toMatch(/Information|Location|Registration/);
    expect(questions.slice(0, 2)).toEqual(["What is the probable cause?", "What is directional control?"]);
  });

  it("asks what the Spanish report defines, not its charts' axis labels", () => {
    const outline = outlineOf(GT_CHUNKS);
    // The chart's axis is a heading of the text, but neither a section shown nor a question asked.
    expect(headingOccurrences(GT_CHUNKS.map((c) => ({ ...c, head: "" })))).toContain("No. Casos");
    expect(outline.headings).not.toContain("No. Casos");
    const questions = candidateQuestions([outline]);
    expect(questions).not.toContain("¿Qué es No. Casos?");
    expect(questions.join(" ")).not.toMatch(/No\. de Casos|Semanas Epidemiológicas|Exito Seguridad|ANÁLISIS/);
    expect(questions[0]).toMatch(/^¿Qué es (?:la )?disentería\?$/iu);
  });

  it("asks nothing about a pointer within the text ('The following is a list …')", () => {
    const text =
      "The following is a summary of the proposed changes. The horizontal stabilizer is the fixed part of the tail. The stabilizer trim moves it.";
    const questions = candidateQuestions([outlineOf([{ context: null, text }])]);
    expect(questions).not.toContain("What is the following?");
    expect(questions).toContain("What is the horizontal stabilizer?");
  });

  it("asks what a French text defines, with the article its prose writes", () => {
    const text = `La mitose est un processus de division cellulaire qui produit deux cellules filles identiques.
Les mitochondries sont des organites qui produisent l’énergie de la cellule.
L’ADN est une molécule qui porte l’information génétique de la cellule.
Le noyau est le plus grand organite de la cellule, et il contient l’ADN.`;
    const outline = outlineOf([{ context: null, text }]);
    expect(outline.language).toBe("fr");
    const questions = candidateQuestions([outline]);
    expect(questions.slice(0, 3)).toEqual([
      "Qu’est-ce que la mitose ?",
      "Qu’est-ce que les mitochondries ?",
      "Qu’est-ce que l’ADN ?",
    ]);
    // "est le plus grand" is a superlative, not a definition.
    expect(questions.join(" ")).not.toMatch(/noyau/);
  });

  it("tells labels from topics among headings", () => {
    const none = new Set<string>();
    for (const label of [
      "No. Casos",
      "Pilot Information",
      "Exito Seguridad Alerta Brote Casos Nuevos",
      "ANÁLISIS ANUAL DE LA SITUACIÓN EPIDEMIOLÓGICA DE",
      "POR CATEGORIA ECONÔMICA E ORIGEM",
      "(*) Exclusive Refinanciamento da Dívida Pública Federal",
      "ANEXO III",
      "Date & Time: 11/27/2007, 1100 MST Registration: N74SR",
      "Meteorological Information and Flight Plan",
      "Thursday, August 6, 2020",
      "RIN 2120–AA64",
      "SUPPLEMENTARY INFORMATION:",
    ]) {
      expect(isLabelHeading(label, none, none), label).toBe(true);
    }
    for (const topic of [
      "Cellular respiration",
      "3. Disentería",
      "The nucleus",
      "La célula",
      "O núcleo",
      "Big Data",
      "Information Theory",
      "Information and Entropy",
      "RECEITA DOS ORÇAMENTOS FISCAL E DA SEGURIDADE SOCIAL",
    ]) {
      expect(isLabelHeading(topic, none, none), topic).toBe(false);
    }
    // A heading repeated through the document (a chart's axis on every page) or a table's column header.
    expect(isLabelHeading("Semanas Epidemiológicas", new Set(["semanas epidemiológicas"]), none)).toBe(true);
    expect(isLabelHeading("Casos Tasas", none, new Set(["casos tasas"]))).toBe(true);
  });
});
