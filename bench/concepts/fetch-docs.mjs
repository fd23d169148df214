#!/usr/bin/env node
// The concept-quality eval's Portuguese and Spanish documents: openly licensed public texts, fetched from
// their GitHub repositories at a fixed commit and checked against their sha256 (never committed here; see
// bench/concepts/README.md for what each one is and its licence). Already present and intact: nothing to do.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const DOCS = [
  {
    file: "pt-wikipedia-gravidez.txt",
    url: "https://raw.githubusercontent.com/Cesconetto/textos-io-biblioteca/bd1a79ddfe3204f83d939bee74873d319b8cdb57/input/Gravidez.txt",
    sha256: "44bd593c981072633416e502ed729a21689caff432daf51b1be0d949668d37f2",
  },
  {
    file: "es-constitucion-mexico.txt",
    url: "https://raw.githubusercontent.com/javiervz/constitucional/7a2893e546db5ebd8ef2594fbf6be13a4d7ac129/constituciones/mexico.txt",
    sha256: "931ef5d413a43aa55f26bbcdee3c42800bd91560933075e2c2d68aa24a5ab33e",
  },
];

const root = path.join(import.meta.dirname, "docs");
mkdirSync(root, { recursive: true });
const digest = (bytes) => createHash("sha256").update(bytes).digest("hex");
for (const doc of DOCS) {
  const target = path.join(root, doc.file);
  if (existsSync(target) && digest(readFileSync(target)) === doc.sha256) continue;
  const res = await fetch(doc.url);
  if (!res.ok) throw new Error(`${doc.file}: ${res.status} from ${doc.url}`);
  const bytes = Buffer.from(await res.arrayBuffer());
  if (digest(bytes) !== doc.sha256) throw new Error(`${doc.file}: sha256 differs from the pinned one`);
  writeFileSync(target, bytes);
  console.error(`fetched ${doc.file}`);
}
