// The NLP choice behind the concept map (`npm run bench:concepts:nlp`, and the `concepts` rows of `npm run bench`):
// wink-nlp (+ wink-eng-lite-web-model) against compromise on the NTSB pages, in Node: cold start (import +
// model initialisation), CPU per page, and the minified size each adds to the Worker bundle. Ours is the
// real `pagePhrases` (wink's tagger plus our phrase rules); compromise runs `nouns()` + `topics()`.
import { build } from "esbuild";
import { pagePhrases } from "../workers/api/src/concepts/phrases";
import pages from "./retrieval/ntsb-pages.json";

const texts = Object.values(pages as Record<string, string[]>).flat();
const ROUNDS = 3;

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function minifiedBytes(modules: string[]) {
  const result = await build({
    stdin: {
      contents: modules.map((m, i) => `import m${i} from "${m}"; console.log(m${i});`).join("\n"),
      resolveDir: process.cwd(),
    },
    bundle: true,
    minify: true,
    write: false,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    logLevel: "silent",
  });
  return result.outputFiles[0]?.contents.byteLength ?? 0;
}

let started = cpuMs();
await pagePhrases("The pilot reported a loss of engine power.");
const winkColdMs = cpuMs() - started;
started = cpuMs();
let mentions = 0;
for (let r = 0; r < ROUNDS; r++) for (const t of texts) mentions += (await pagePhrases(t)).mentions.length;
const winkMsPerPage = (cpuMs() - started) / (ROUNDS * texts.length);

started = cpuMs();
const { default: nlp } = await import("compromise");
nlp("The pilot reported a loss of engine power.").nouns().out("array");
const compromiseColdMs = cpuMs() - started;
started = cpuMs();
for (let r = 0; r < ROUNDS; r++) {
  for (const t of texts) {
    const doc = nlp(t);
    doc.nouns().out("array");
    doc.topics().out("array");
  }
}
const compromiseMsPerPage = (cpuMs() - started) / (ROUNDS * texts.length);

const figures = {
  pages: texts.length,
  charactersPerPage: Math.round(texts.join("").length / texts.length),
  winkColdMs: Math.round(winkColdMs),
  winkMsPerPage: Number(winkMsPerPage.toFixed(2)),
  mentionsPerPage: Number((mentions / (ROUNDS * texts.length)).toFixed(1)),
  compromiseColdMs: Math.round(compromiseColdMs),
  compromiseMsPerPage: Number(compromiseMsPerPage.toFixed(2)),
  winkBytes: await minifiedBytes(["wink-nlp", "wink-eng-lite-web-model"]),
  compromiseBytes: await minifiedBytes(["compromise"]),
  graphBytes: await minifiedBytes(["graphology", "graphology-communities-louvain"]),
};
console.log(JSON.stringify(figures));
