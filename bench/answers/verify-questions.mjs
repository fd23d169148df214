// Verifies the labelled answers set against the PDFs themselves: every keyFact must be found (after
// whitespace, case and thousands-separator normalisation, see answer-metrics.ts) in unpdf's text of its labelled
// page and of each `alsoPages` page, and on no other page of its document. Also checks the off-topic list, the
// balance the set promises (languages, documents of each language, numeric facts), and that every NTSB `answer`
// can serve as a key fact on its own page. Prints counts; exits 1 on any problem.
//   node bench/answers/verify-questions.mjs
import { readFile } from "node:fs/promises";
import path from "node:path";
import { extractText, getDocumentProxy } from "unpdf";
import { containsFact } from "./answer-metrics.ts";

const here = import.meta.dirname;
const read = async (file) => JSON.parse(await readFile(path.join(here, file), "utf8"));
const questions = await read("questions.json");
const offTopic = await read("off-topic.json");
const documents = await read("documents.json");
const ntsb = JSON.parse(await readFile(path.join(here, "../retrieval/ntsb-questions.json"), "utf8"));
const LANGS = ["en", "pt", "es"];

async function pagesOf(file) {
  const pdf = await getDocumentProxy(new Uint8Array(await readFile(file)));
  const { text } = await extractText(pdf, { mergePages: false });
  return text;
}

const pages = {};
for (const doc of Object.keys(documents)) pages[doc] = await pagesOf(path.join(here, "docs", doc));

const problems = [];
const ids = new Set();
for (const q of questions) {
  const where = `${q.id} (${q.document} p${q.page})`;
  if (!/^a\d{3}$/.test(q.id) || ids.has(q.id)) problems.push(`${where}: id missing, malformed or repeated`);
  ids.add(q.id);
  for (const field of ["question", "keyFact", "document", "lang"]) {
    if (typeof q[field] !== "string" || q[field].trim() === "") problems.push(`${where}: ${field} missing`);
  }
  if (!LANGS.includes(q.lang)) problems.push(`${where}: lang ${q.lang} is not one of ${LANGS.join(", ")}`);
  const docPages = pages[q.document];
  if (!docPages) {
    problems.push(`${where}: no such document in documents.json`);
    continue;
  }
  const labelled = [q.page, ...(q.alsoPages ?? [])];
  for (const p of labelled) {
    if (!Number.isInteger(p) || p < 1 || p > docPages.length) {
      problems.push(`${where}: page ${p} out of range 1..${docPages.length}`);
    } else if (!containsFact(docPages[p - 1], q.keyFact)) {
      problems.push(`${where}: keyFact "${q.keyFact}" not on page ${p}`);
    }
  }
  docPages.forEach((text, i) => {
    if (!labelled.includes(i + 1) && containsFact(text, q.keyFact)) {
      problems.push(`${where}: keyFact "${q.keyFact}" also on page ${i + 1}: add it to alsoPages or pick another`);
    }
  });
}

const offIds = new Set();
for (const q of offTopic) {
  if (!/^o\d{2}$/.test(q.id) || offIds.has(q.id)) problems.push(`${q.id}: off-topic id missing, malformed or repeated`);
  offIds.add(q.id);
  if (!LANGS.includes(q.lang) || typeof q.question !== "string" || q.question.trim() === "") {
    problems.push(`${q.id}: off-topic question or lang missing`);
  }
}

const count = (rows, pick) => Object.fromEntries(LANGS.map((lang) => [lang, rows.filter((r) => pick(r, lang)).length]));
const perLang = count(questions, (q, lang) => q.lang === lang);
const ownLang = count(questions, (q, lang) => q.lang === lang && documents[q.document] === lang);
const offPerLang = count(offTopic, (q, lang) => q.lang === lang);
const numeric = questions.filter((q) => /\d/.test(q.keyFact)).length;
if (questions.length < 100) problems.push(`only ${questions.length} questions (at least 100)`);
for (const lang of LANGS) {
  if (perLang[lang] < questions.length / 4) problems.push(`${lang}: ${perLang[lang]} questions, far from a third`);
  if (ownLang[lang] < 5) problems.push(`${lang}: only ${ownLang[lang]} questions over documents in ${lang}`);
  if (offPerLang[lang] < 8) problems.push(`${lang}: only ${offPerLang[lang]} off-topic questions (at least 8)`);
}
if (numeric * 2 < questions.length) problems.push(`only ${numeric} of ${questions.length} key facts are figures`);

// The NTSB set's `answer` is a verbatim span of its page: it serves as the key fact if containsFact finds it there.
const ntsbFixtures = path.resolve(here, "../../workers/api/test/fixtures/ntsb");
const ntsbPages = {};
for (const q of ntsb) {
  ntsbPages[q.document] ??= await pagesOf(path.join(ntsbFixtures, q.document));
  if (!containsFact(ntsbPages[q.document][q.page - 1] ?? "", q.answer)) {
    problems.push(`NTSB ${q.id}: answer "${q.answer}" is not usable as a key fact on page ${q.page}`);
  }
}

console.table(
  Object.fromEntries(
    Object.keys(documents).map((doc) => [
      doc,
      {
        lang: documents[doc],
        pages: pages[doc].length,
        questions: questions.filter((q) => q.document === doc).length,
        labelled: [...new Set(questions.filter((q) => q.document === doc).map((q) => q.page))]
          .sort((a, b) => a - b)
          .join(","),
      },
    ]),
  ),
);
console.log("questions by language:", perLang, "over documents of the same language:", ownLang);
console.log(`off-topic by language:`, offPerLang, `numeric key facts: ${numeric}/${questions.length}`);
console.log(`NTSB: ${ntsb.length} answers checked as key facts`);

if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s):\n${problems.join("\n")}`);
  process.exit(1);
}
const total = questions.length + offTopic.length + ntsb.length;
console.log(`${total} passed, 0 failed: every key fact is on its labelled page(s) and no other page of its document`);
