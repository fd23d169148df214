// Verifies the labelled NTSB question set against the PDFs themselves: every answer must appear (case and
// whitespace insensitive) on its labelled page, and on no other page of the same document unless that page
// is listed in `alsoRelevant`. Prints counts per document and language; exits 1 on any problem.
// It also checks that ntsb-pages.json (the page texts the keyword baseline test indexes) matches the PDFs.
//   node bench/retrieval/verify-questions.mjs [--pages]   (--pages rewrites ntsb-pages.json)
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { extractText, getDocumentProxy } from "unpdf";

const here = import.meta.dirname;
const fixtures = path.resolve(here, "../../workers/api/test/fixtures/ntsb");
const questions = JSON.parse(await readFile(path.join(here, "ntsb-questions.json"), "utf8"));
const LANGS = ["en", "pt", "es"];

const normalize = (text) => text.normalize("NFKC").replace(/[’‘]/g, "'").replace(/\s+/g, " ").trim().toLowerCase();

async function pagesOf(document) {
  const pdf = await getDocumentProxy(new Uint8Array(await readFile(path.join(fixtures, document))));
  const { text } = await extractText(pdf, { mergePages: false });
  return text;
}

const pages = {};
for (const document of new Set(
  questions.flatMap((q) => [q.document, ...(q.alsoRelevant ?? []).map((r) => r.document)]),
)) {
  pages[document] = await pagesOf(document);
}

const problems = [];
const ids = new Set();
for (const q of questions) {
  const where = `${q.id} (${q.document} p${q.page})`;
  if (!/^q\d{2,3}$/.test(q.id) || ids.has(q.id)) problems.push(`${where}: id missing, malformed or repeated`);
  ids.add(q.id);
  for (const field of ["question", "answer", "document", "lang"]) {
    if (typeof q[field] !== "string" || q[field].trim() === "") problems.push(`${where}: ${field} missing`);
  }
  if (!LANGS.includes(q.lang)) problems.push(`${where}: lang ${q.lang} is not one of ${LANGS.join(", ")}`);
  const docPages = pages[q.document];
  if (!Number.isInteger(q.page) || q.page < 1 || q.page > docPages.length) {
    problems.push(`${where}: page out of range 1..${docPages.length}`);
    continue;
  }
  const answer = normalize(q.answer);
  if (!normalize(docPages[q.page - 1]).includes(answer))
    problems.push(`${where}: answer "${q.answer}" not on the page`);
  const allowed = new Set([`${q.document}#${q.page}`, ...(q.alsoRelevant ?? []).map((r) => `${r.document}#${r.page}`)]);
  for (const r of q.alsoRelevant ?? []) {
    if (!normalize(pages[r.document]?.[r.page - 1] ?? "").includes(answer)) {
      problems.push(`${where}: answer not on alsoRelevant ${r.document} p${r.page}`);
    }
  }
  docPages.forEach((text, i) => {
    if (!allowed.has(`${q.document}#${i + 1}`) && normalize(text).includes(answer)) {
      problems.push(`${where}: answer "${q.answer}" also on page ${i + 1}: ambiguous label`);
    }
  });
}

const byDocument = {};
for (const q of questions) {
  byDocument[q.document] ??= { pages: pages[q.document].length, total: 0, en: 0, pt: 0, es: 0, labelled: new Set() };
  const row = byDocument[q.document];
  row.total += 1;
  row[q.lang] += 1;
  row.labelled.add(q.page);
}
console.table(
  Object.fromEntries(
    Object.entries(byDocument).map(([doc, row]) => [
      doc,
      { ...row, labelled: [...row.labelled].sort((a, b) => a - b).join(",") },
    ]),
  ),
);
const perLang = Object.fromEntries(LANGS.map((lang) => [lang, questions.filter((q) => q.lang === lang).length]));
console.log(`questions: ${questions.length}, documents: ${Object.keys(byDocument).length}, by language:`, perLang);

const pagesFile = path.join(here, "ntsb-pages.json");
const pagesJson = `${JSON.stringify(pages, null, 2)}\n`;
if (process.argv.includes("--pages")) {
  await writeFile(pagesFile, pagesJson);
  console.log(`page texts written to ${path.relative(process.cwd(), pagesFile)}`);
} else if (existsSync(pagesFile) && (await readFile(pagesFile, "utf8")) !== pagesJson) {
  problems.push(`${path.basename(pagesFile)} differs from the PDFs' text: rerun with --pages`);
}

if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s):\n${problems.join("\n")}`);
  process.exit(1);
}
console.log(
  `${questions.length} passed, 0 failed: every answer is on its labelled page and no other page of its document`,
);
