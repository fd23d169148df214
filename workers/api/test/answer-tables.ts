/**
 * Tables of the answers evaluation's documents (bench/answers/docs/README.source.md: public-domain U.S. reports, an
 * official Brazilian act, a Guatemalan ministry's report) as ingestion stores their pages' text, for the answer
 * tests. Copied from the page text `extractPdfPages` + `cleanPages` give, unchanged.
 */

/** The lines of `text` from the one starting with `first` to the one starting with `last` (else the end). */
export function linesBetween(text: string, first: string, last?: string): string {
  const lines = text.split("\n");
  const from = lines.findIndex((l) => l.startsWith(first));
  const to = last === undefined ? lines.length - 1 : lines.findIndex((l, i) => i >= from && l.startsWith(last));
  return lines.slice(from, to + 1).join("\n");
}

// CDC, MMWR Suppl. 60 (2011), page 4: Table 6, every state's deaths and rates, 2006.
export const CDC_TABLE_6 = `tABLE 6. number of deaths and age-adjusted death rates* for
coronary heart disease and stroke, by state/area — national Vital
Statistics System, United States, 2006

| State/Area | Coronary heart disease no. | Coronary heart disease Rate | Coronary heart disease (95% CI) | Stroke no. | Stroke Rate | Stroke (95% CI) |
| --- | --- | --- | --- | --- | --- | --- |
| District of Columbia | 1,144 | 193.5 | (182.2–204.8) | 221 | 37.6 | (32.6–42.6) |
| New York | 39,385 | 181.2 | (179.4–183.0) | 6,398 | 29.7 | (29.0–30.5) |
| Oklahoma | 6,930 | 177.4 | (173.2–181.6) | 2,085 | 53.3 | (51.0–55.6) |
| Tennessee | 10,602 | 167.8 | (164.6–171.0) | 3,407 | 54.6 | (52.8–56.5) |
| Rhode Island | 2,187 | 162.4 | (155.5–169.3) | 421 | 31.4 | (28.4–34.5) |
| Arkansas | 5,100 | 160.1 | (155.7–164.5) | 1,884 | 58.8 | (56.1–61.4) |
| West Virginia | 3,548 | 158.7 | (153.4–163.9) | 1,072 | 47.6 | (44.7–50.5) |
| Michigan | 16,782 | 156.6 | (154.2–158.9) | 4,752 | 44.5 | (43.3–45.8) |
| Missouri | 10,206 | 155.2 | (152.2–158.2) | 3,247 | 49.4 | (47.7–51.1) |
| Ohio | 19,820 | 154.0 | (151.8–156.1) | 5,828 | 45.2 | (44.1–46.4) |
| Kentucky | 6,530 | 148.6 | (145.0–152.2) | 2,197 | 50.5 | (48.3–52.6) |
| Mississippi | 4,354 | 146.7 | (142.4–151.1) | 1,585 | 53.7 | (51.1–56.4) |
| Maryland | 7,744 | 141.7 | (138.5–144.9) | 2,365 | 43.6 | (41.8–45.4) |
| Iowa | 5,469 | 141.6 | (137.7–145.4) | 1,718 | 42.9 | (40.8–45.0) |
| New Jersey | 13,684 | 141.2 | (138.8–143.6) | 3,468 | 35.9 | (34.7–37.1) |
| Delaware | 1,305 | 140.8 | (133.2–148.5) | 384 | 41.8 | (37.6–46.0) |
| South Dakota | 1,397 | 140.0 | (132.6–147.5) | 442 | 42.4 | (38.4–46.4) |
| Indiana | 9,210 | 139.7 | (136.8–142.5) | 3,238 | 49.1 | (47.4–50.8) |
| California | 46,584 | 139.0 | (137.7–140.2) | 15,039 | 44.9 | (44.2–45.6) |
| Louisiana | 5,919 | 138.3 | (134.7–141.8) | 2,195 | 52.1 | (49.9–54.3) |
| Pennsylvania | 22,030 | 136.0 | (134.2–137.8) | 7,151 | 43.6 | (42.6–44.6) |
| Illinois | 17,747 | 134.8 | (132.8–136.8) | 5,989 | 45.4 | (44.3–46.6) |
| North Dakota | 1,115 | 133.7 | (125.7–141.8) | 428 | 49.2 | (44.5–54.0) |
| Texas | 25,933 | 132.2 | (130.6–133.8) | 9,366 | 48.3 | (47.3–49.3) |
| Florida | 32,868 | 129.2 | (127.8–130.6) | 8,925 | 35.3 | (34.5–36.0) |
| North Carolina | 11,173 | 126.1 | (123.8–128.5) | 4,572 | 52.4 | (50.9–53.9) |
| Vermont | 880 | 124.5 | (116.2–132.8) | 264 | 37.8 | (33.2–42.4) |
| Alabama | 6,038 | 121.7 | (118.6–124.8) | 2,740 | 55.5 | (53.4–57.6) |
| Arizona | 7,806 | 120.8 | (118.1–123.5) | 2,226 | 34.5 | (33.1–36.0) |
| Nevada | 2,649 | 119.5 | (114.9–124.1) | 847 | 39.7 | (37.0–42.4) |
| South Carolina | 5,398 | 119.2 | (116.0–122.4) | 2,291 | 51.6 | (49.5–53.8) |
| New Hampshire | 1,629 | 116.3 | (110.6–121.9) | 494 | 35.4 | (32.3–38.6) |
| Virginia | 8,486 | 115.6 | (113.1–118.0) | 3,523 | 49.0 | (47.3–50.6) |
| Washington | 7,303 | 114.7 | (112.1–117.4) | 2,725 | 42.9 | (41.3–44.6) |
| New Mexico | 2,277 | 114.6 | (109.9–119.3) | 739 | 37.5 | (34.8–40.2) |
| Kansas | 3,565 | 114.1 | (110.3–117.8) | 1,489 | 46.7 | (44.3–49.1) |
| Wisconsin | 7,183 | 113.9 | (111.3–116.6) | 2,829 | 44.3 | (42.7–46.0) |
| Maine | 1,816 | 112.2 | (107.0–117.4) | 670 | 41.3 | (38.2–44.5) |
| Idaho | 1,565 | 110.2 | (104.7–115.7) | 725 | 51.6 | (47.9–55.4) |
| Connecticut | 4,630 | 110.0 | (106.8–113.2) | 1,547 | 36.5 | (34.6–38.3) |
| Georgia | 8,371 | 108.7 | (106.4–111.1) | 3,889 | 51.4 | (49.8–53.1) |
| Wyoming | 561 | 107.1 | (98.2–116.1) | 236 | 45.4 | (39.6–51.3) |
| Massachusetts | 8,015 | 105.6 | (103.3–108.0) | 2,880 | 37.7 | (36.3–39.0) |
| Oregon | 4,070 | 99.2 | (96.1–102.3) | 1,978 | 48.0 | (45.9–50.1) |
| Montana | 1,093 | 99.0 | (93.0–104.9) | 461 | 41.2 | (37.4–44.9) |
| Colorado | 3,922 | 96.3 | (93.2–99.3) | 1,532 | 38.7 | (36.7–40.6) |
| Nebraska | 1,861 | 89.9 | (85.8–94.0) | 922 | 43.9 | (41.0–46.7) |
| Alaska | 351 | 87.4 | (77.7–97.2) | 177 | 46.8 | (39.5–54.1) |
| Hawaii | 1,298 | 85.2 | (80.5–89.9) | 665 | 43.2 | (39.9–46.5) |
| Minnesota | 4,430 | 79.7 | (77.3–82.0) | 2,219 | 39.3 | (37.7–41.0) |
| Utah | 1,462 | 77.5 | (73.5–81.5) | 674 | 36.2 | (33.5–38.9) |`;

// The same report, page 2: Table 1, by sex and race/ethnicity (the same column headers).
export const CDC_TABLE_1 = `tABLE 1. number of deaths and age-adjusted death rates* for coronary heart disease and stroke, by sex and race/ethnicity — national Vital
Statistics System, United States, 2006

| Characteristic | Coronary heart disease no. | Coronary heart disease Rate | Coronary heart disease (95% CI) | Stroke no. | Stroke Rate | Stroke (95% CI) |
| --- | --- | --- | --- | --- | --- | --- |
| Sex Female | 200,915 | 103.1 | (102.7–103.6) | 82,595 | 42.6 | (42.3–42.9) |
| Male | 224,510 | 176.5 | (175.7–177.2) | 54,524 | 43.9 | (43.5–44.3) |
| Race American Indian/Alaska Native | 1,880 | 97.4 | (92.8–102.0) | 548 | 29.4 | (26.9–32.0) |
| Asian/ Paciic Islander | 7,570 | 77.1 | (75.4–78.9) | 3,662 | 37.0 | (35.8–38.2) |
| Black | 44,530 | 161.6 | (160.1–163.1) | 17,045 | 61.6 | (60.7–62.6) |
| White | 371,445 | 134.2 | (133.8–134.6) | 115,864 | 41.7 | (41.5–42.0) |
| Ethnicity Hispanic | 20,939 | 106.4 | (104.9–107.8) | 7,005 | 34.2 | (33.4–35.0) |
| Non-Hispanic | 403,588 | 136.8 | (136.4–137.3) | 129,892 | 44.0 | (43.8–44.3) |
| total | 425,425 | 135.0 | (134.6–135.4) | 137,119 | 43.6 | (43.3–43.8) |`;

// Brazil's PLOA 2019 annexes, page 2: Anexo II, expenditure by budget body, with its SUBTOTAL and TOTAL rows.
export const PLOA_2019_ANEXO_II = `Anexo II -Despesa dos Orçamentos Fiscal e da Seguridade Social por Órgão Orçamentário

Valores Correntes

| Discriminação | Tesouro (A) | Outras Fontes (B) | Total C = (A+B) | C / D | C / E | C / F | C / G |
| --- | --- | --- | --- | --- | --- | --- | --- |
| CÂMARA DOS DEPUTADOS | 6.316.056.256 | 0 | 6.316.056.256 | 0,42 | 0,35 | 0,34 | 0,19 |
| SENADO FEDERAL | 4.503.015.767 | 0 | 4.503.015.767 | 0,30 | 0,25 | 0,24 | 0,14 |
| TRIBUNAL DE CONTAS DA UNIÃO | 2.233.179.976 | 0 | 2.233.179.976 | 0,15 | 0,12 | 0,12 | 0,07 |
| SUPREMO TRIBUNAL FEDERAL | 778.625.817 | 0 | 778.625.817 | 0,05 | 0,04 | 0,04 | 0,02 |
| SUPERIOR TRIBUNAL DE JUSTIÇA | 1.644.751.462 | 0 | 1.644.751.462 | 0,11 | 0,09 | 0,09 | 0,05 |
| JUSTIÇA FEDERAL | 12.855.991.338 | 0 | 12.855.991.338 | 0,86 | 0,72 | 0,70 | 0,39 |
| JUSTIÇA MILITAR DA UNIÃO | 593.613.268 | 0 | 593.613.268 | 0,04 | 0,03 | 0,03 | 0,02 |
| JUSTIÇA ELEITORAL | 8.603.604.228 | 0 | 8.603.604.228 | 0,57 | 0,48 | 0,47 | 0,26 |
| JUSTIÇA DO TRABALHO | 22.208.781.164 | 0 | 22.208.781.164 | 1,48 | 1,24 | 1,21 | 0,68 |
| JUSTIÇA DO DISTRITO FEDERAL E DOS | 3.013.451.132 | 0 | 3.013.451.132 | 0,20 | 0,17 | 0,16 | 0,09 |
| TERRITÓRIOS | | | | | | | |
| CONSELHO NACIONAL DE JUSTIÇA | 231.178.608 | 0 | 231.178.608 | 0,02 | 0,01 | 0,01 | 0,01 |
| PRESIDÊNCIA DA REPÚBLICA | 7.082.628.542 | 143.895.960 | 7.226.524.502 | 0,48 | 0,40 | 0,39 | 0,22 |
| MINISTÉRIO DA AGRICULTURA, PECUÁRIA E | 10.940.061.265 | 196.253.622 | 11.136.314.887 | 0,74 | 0,62 | 0,61 | 0,34 |
| ABASTECIMENTO | | | | | | | |
| MINISTÉRIO DA CIÊNCIA, TECNOLOGIA, INOVAÇÕES E COMUNICAÇÕES | 14.296.222.490 | 1.003.971.029 | 15.300.193.519 | 1,02 | 0,86 | 0,83 | 0,47 |
| MINISTÉRIO DA FAZENDA | 29.386.799.917 | 565.006.829 | 29.951.806.746 | 2,00 | 1,67 | 1,63 | 0,92 |
| MINISTÉRIO DA EDUCAÇÃO | 120.494.309.030 | 1.468.888.298 | 121.963.197.328 | 8,13 | 6,82 | 6,63 | 3,74 |
| MINISTÉRIO DA INDÚSTRIA, COMÉRCIO | 2.843.267.604 | 576.109.144 | 3.419.376.748 | 0,23 | 0,19 | 0,19 | 0,10 |
| EXTERIOR E SERVIÇOS | | | | | | | |
| DEFENSORIA PÚBLICA DA UNIÃO | 623.143.689 | 0 | 623.143.689 | 0,04 | 0,03 | 0,03 | 0,02 |
| MINISTÉRIO DA JUSTIÇA | 2.008.668.059 | 33.290 | 2.008.701.349 | 0,13 | 0,11 | 0,11 | 0,06 |
| MINISTÉRIO DE MINAS E ENERGIA | 9.782.663.750 | 196.978.178 | 9.979.641.928 | 0,67 | 0,56 | 0,54 | 0,31 |
| MINISTÉRIO PÚBLICO DA UNIÃO | 7.054.210.355 | 0 | 7.054.210.355 | 0,47 | 0,39 | 0,38 | 0,22 |
| MINISTÉRIO DAS RELAÇÕES EXTERIORES | 3.712.244.868 | 170.738 | 3.712.415.606 | 0,25 | 0,21 | 0,20 | 0,11 |
| MINISTÉRIO DA SAÚDE | 129.783.014.466 | 33.316.643 | 129.816.331.109 | 8,65 | 7,26 | 7,06 | 3,98 |
| MINISTÉRIO DA TRANSPARÊNCIA E | 1.082.258.205 | 0 | 1.082.258.205 | 0,07 | 0,06 | 0,06 | 0,03 |
| CONTROLADORIA-GERAL DA UNIÃO | | | | | | | |
| MINISTÉRIO DOS TRANSPORTES, PORTOS E | 18.058.190.542 | 1.617.263.858 | 19.675.454.400 | 1,31 | 1,10 | 1,07 | 0,60 |
| AVIAÇÃO CIVIL | | | | | | | |
| MINISTÉRIO DO TRABALHO | 89.727.713.104 | 4.629.886 | 89.732.342.990 | 5,98 | 5,02 | 4,88 | 2,75 |
| MINISTÉRIO DA CULTURA | 2.692.922.451 | 6.812.962 | 2.699.735.413 | 0,18 | 0,15 | 0,15 | 0,08 |
| MINISTÉRIO DO MEIO AMBIENTE | 3.503.762.781 | 268.067.959 | 3.771.830.740 | 0,25 | 0,21 | 0,20 | 0,12 |
| MINISTÉRIO DO PLANEJAMENTO, DESENVOLVIMENTO E GESTÃO | 7.008.471.487 | 190.755.259 | 7.199.226.746 | 0,48 | 0,40 | 0,39 | 0,22 |
| MINISTÉRIO DO ESPORTE | 821.437.234 | 0 | 821.437.234 | 0,05 | 0,05 | 0,04 | 0,03 |
| MINISTÉRIO DA DEFESA | 100.380.622.564 | 6.645.419.335 | 107.026.041.899 | 7,13 | 5,98 | 5,82 | 3,28 |
| MINISTÉRIO DA INTEGRAÇÃO NACIONAL | 4.423.699.229 | 52.901.123 | 4.476.600.352 | 0,30 | 0,25 | 0,24 | 0,14 |
| MINISTÉRIO DO TURISMO | 557.125.760 | 2.086.114 | 559.211.874 | 0,04 | 0,03 | 0,03 | 0,02 |
| MINISTÉRIO DO DESENVOLVIMENTO | 497.760.525.220 | 1.740.337.362 | 499.500.862.582 | 33,29 | 27,92 | 27,15 | 15,31 |
| SOCIAL | | | | | | | |
| MINISTÉRIO DAS CIDADES | 7.899.159.693 | 365.279.664 | 8.264.439.357 | 0,55 | 0,46 | 0,45 | 0,25 |
| CONSELHO NACIONAL DO MINISTÉRIO | 97.974.013 | 0 | 97.974.013 | 0,01 | 0,01 | 0,01 | 0,00 |
| PÚBLICO | | | | | | | |
| GABINETE DA VICE-PRESIDÊNCIA DA | 19.307.384 | 0 | 19.307.384 | 0,00 | 0,00 | 0,00 | 0,00 |
| REPÚBLICA | | | | | | | |
| ADVOCACIA-GERAL DA UNIÃO | 3.807.195.551 | 0 | 3.807.195.551 | 0,25 | 0,21 | 0,21 | 0,12 |
| ENCARGOS FINANCEIROS DA UNIÃO | 54.003.472.917 | 1.261.142.026 | 55.264.614.943 | 3,68 | 3,09 | 3,00 | 1,69 |
| MINISTÉRIO DOS DIREITOS HUMANOS | 398.267.203 | 0 | 398.267.203 | 0,03 | 0,02 | 0,02 | 0,01 |
| MINISTÉRIO DA SEGURANÇA PÚBLICA | 15.761.139.432 | 0 | 15.761.139.432 | 1,05 | 0,88 | 0,86 | 0,48 |
| RESERVA DE CONTINGÊNCIA | 17.070.360.087 | 0 | 17.070.360.087 | 1,14 | 0,95 | 0,93 | 0,52 |
| PROGRAMAÇÕES CONDICIONADAS À | | | | | | | |
| APROVAÇÃO LEGISLATIVA PREVISTA NO | 258.179.489.253 | 0 | 258.179.489.253 | 17,21 | 14,43 | 14,03 | 7,91 |
| INCISO III DO ART. 167 DA CONSTITUIÇÃO SUBTOTAL (D) | 1.484.242.577.161 | 16.339.319.279 | 1.500.581.896.440 | 100,00 | 84,00 | 82,00 | 46,00 |
| TRANSFERÊNCIAS A ESTADOS, DISTRITO | 288.277.822.689 | 0 | 288.277.822.689 | 0,00 | 16,12 | 15,67 | 8,84 |
| FEDERAL E MUNICÍPIOS SUBTOTAL (E) | 1.772.520.399.850 | 16.339.319.279 | 1.788.859.719.129 | 0,00 | 100,00 | 97,00 | 55,00 |
| OPERAÇÕES OFICIAIS DE CRÉDITO | 47.607.763.057 | 3.588.666.163 | 51.196.429.220 | 0,00 | 0,00 | 2,78 | 1,57 |
| SUBTOTAL (F) | 1.820.128.162.907 | 19.927.985.442 | 1.840.056.148.349 | 0,00 | 0,00 | 100,00 | 56,00 |
| DÍVIDA PÚBLICA FEDERAL | 1.422.153.155.474 | 0 | 1.422.153.155.474 | 0,00 | 0,00 | 0,00 | 43,59 |
| TOTAL (G) | 3.242.281.318.381 | 19.927.985.442 | 3.262.209.303.823 | 0,00 | 0,00 | 0,00 | 100,00 |`;

// The same annexes, page 4: Anexo IV, the investment budget by ministry, whose caption says "orçamento".
export const PLOA_2019_ANEXO_IV = `ANEXO IV

DESPESA DO ORÇAMENTO DE INVESTIMENTO

| | ESPECIFICAÇÃO | ESPECIFICAÇÃO | VALOR |
| --- | --- | --- | --- |
| 22000 | - | MINISTÉRIO DA AGRICULTURA, PECUÁRIA E | 61.935.700 |
| | | ABASTECIMENTO | |
| 24000 | - | MINISTÉRIO DA CIÊNCIA, TECNOLOGIA, INOVAÇÕES E | 2.032.651.894 |
| | | COMUNICAÇÕES | |
| 25000 | - | MINISTÉRIO DA FAZENDA | 6.160.855.158 |
| 32000 | - | MINISTÉRIO DE MINAS E ENERGIA | 109.024.627.902 |
| 36000 | - | MINISTÉRIO DA SAÚDE | 485.982.560 |
| 39000 | - | MINISTÉRIO DOS TRANSPORTES, PORTOS E AVIAÇÃO | 928.724.671 |
| | | CIVIL | |
| 47000 | - | MINISTÉRIO DO PLANEJAMENTO, DESENVOLVIMENTO E | 67.950.950 |
| | | GESTÃO | |
| 52000 | - | MINISTÉRIO DA DEFESA | 800.150.000 |
| | | TOTAL | 119.562.878.835 |`;

// Guatemala's 2018 report on water- and food-borne diseases, page 3: Cuadro 1, with its "Total País" row.
export const GT_CUADRO_1 = `Cuadro 1. ETAs
Casos y Tasas Acumulados por Área de Salud
Guatemala 2017 - 2018

| AREA DE SALUD | 2017 Casos | 2017 Tasas | 2018 Casos | 2018 Tasas |
| --- | --- | --- | --- | --- |
| Ixcán | 12777 | 10747.00 | 15484 | 12559.72 |
| San Marcos | 64916 | 5531.76 | 83219 | 6937.18 |
| Ixil | 16229 | 8131.17 | 14009 | 6775.49 |
| Chiquimula | 25517 | 5995.79 | 28873 | 6629.64 |
| Santa Rosa | 22257 | 5698.26 | 25857 | 6485.10 |
| Zacapa | 13467 | 5499.70 | 16111 | 6464.70 |
| Huehuetenango | 85754 | 6443.15 | 87211 | 6409.30 |
| Petén Sur Occidental | 14539 | 4960.76 | 18107 | 5980.51 |
| Petén Sur Oriental | 10657 | 4312.31 | 14694 | 5787.55 |
| Retalhuleu | 15657 | 4504.74 | 19647 | 5533.66 |
| Totonicapán | 22885 | 4019.22 | 32402 | 5533.33 |
| Escuintla | 34013 | 4298.09 | 42681 | 5295.25 |
| Sololá | 22461 | 4322.31 | 28049 | 5252.97 |
| Baja Verapaz | 18303 | 5807.95 | 16751 | 5181.30 |
| Jutiapa | 20941 | 4250.63 | 26002 | 5165.63 |
| El Progreso | 7803 | 4451.20 | 8345 | 4677.95 |
| El Quiche | 41489 | 4919.30 | 39887 | 4587.30 |
| Quetzaltenango | 36489 | 4046.49 | 40949 | 4446.17 |
| Alta Verapaz | 43881 | 3293.58 | 58994 | 4302.25 |
| Jalapa | 15001 | 3993.98 | 15036 | 3895.74 |
| Petén Norte | 8075 | 3301.02 | 8973 | 3553.11 |
| Sacatepéquez | 12004 | 3367.29 | 11740 | 3233.51 |
| Chimaltenango | 17547 | 2424.97 | 20094 | 2704.24 |
| Izabal | 12510 | 2616.37 | 12887 | 2632.93 |
| Suchitepéquez | 11266 | 1890.35 | 12459 | 2042.50 |
| Guatemala Central | 20453 | 2056.39 | 19490 | 1959.05 |
| Guatemala Nor Occidente | 12895 | 1532.40 | 14370 | 1690.64 |
| Guatemala Nor Oriente | 7520 | 1411.86 | 8442 | 1550.66 |
| Guatemala Sur | 15595 | 1448.55 | 15575 | 1416.07 |
| Total País | 662901 | 3914.98 | 756338 | 4369.10 |`;

// NCES Projections of Education Statistics to 2021, page 1: Table 14's caption and header, and the Northeast
// region's row with its nine states' rows (the region is their sum).
export const NCES_NORTHEAST = `Table 14. Actual and projected numbers for public high school graduates, by region and state: School years 2003–04
through 2021–22

| Region and state | Actual 2003–04 | Actual 2004–05 | Actual 2005–06 | Actual 2006–07 | Actual 2007–08 | Actual 2008–09 | Projected 2009–10 | Projected 2010–11 | Projected 2011–12 | Projected 2012–13 |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
| Northeast | 485,670 | 503,528 | 521,015 | 536,697 | 552,289 | 552,973 | 558,750 | 560,500 | 554,690 | 549,890 |
| Connecticut | 34,573 | 35,515 | 36,222 | 37,541 | 38,419 | 34,968 | 38,120 | 38,450 | 37,100 | 36,460 |
| Maine | 13,278 | 13,077 | 12,950 | 13,151 | 14,350 | 14,093 | 13,970 | 14,030 | 13,570 | 13,060 |
| Massachusetts | 58,326 | 59,665 | 61,272 | 63,903 | 65,197 | 65,258 | 64,040 | 63,820 | 64,210 | 63,530 |
| New Hampshire | 13,309 | 13,775 | 13,988 | 14,452 | 14,982 | 14,757 | 14,830 | 14,300 | 14,310 | 14,060 |
| New Jersey | 83,826 | 86,502 | 90,049 | 93,013 | 94,994 | 95,085 | 96,510 | 95,200 | 94,280 | 93,880 |
| New York | 142,526 | 153,203 | 161,817 | 168,333 | 176,310 | 180,917 | 182,880 | 185,930 | 185,910 | 187,890 |
| Pennsylvania | 123,474 | 124,758 | 127,830 | 128,603 | 130,298 | 130,658 | 131,250 | 132,100 | 128,430 | 124,830 |
| Rhode Island | 9,258 | 9,881 | 10,108 | 10,384 | 10,347 | 10,028 | 10,090 | 9,880 | 10,020 | 9,650 |
| Vermont | 7,100 | 7,152 | 6,779 | 7,317 | 7,392 | 7,209 | 7,070 | 6,790 | 6,860 | 6,530 |`;
