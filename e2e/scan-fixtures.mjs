// Scanned-page fixtures made by the run itself, shared by the OCR e2e flow and `npm run bench:ocr`: study text
// drawn by Chromium onto a 150 dpi page with scanner noise, saved as JPEG and wrapped into a PDF (the test PDF
// writer), plus the character accuracy of recognised text against the text that was drawn.
import { makePdf } from "../workers/api/test/make-pdf.ts";

/** A page of study text per language, with the accents and punctuation each language needs. */
export const SAMPLES = {
  eng: [
    "Photosynthesis converts light energy into chemical energy.",
    "It takes place in the chloroplasts of plant cells, where",
    "chlorophyll absorbs mostly blue and red light. The light-",
    "dependent reactions produce ATP and NADPH; the Calvin",
    "cycle then fixes carbon dioxide into glucose in the stroma.",
    "Plants release oxygen as a by-product of splitting water.",
  ],
  por: [
    "A fotossíntese converte a energia luminosa em energia química.",
    "Ela ocorre nos cloroplastos das células vegetais, onde a",
    "clorofila absorve sobretudo a luz azul e a vermelha. As",
    "reações dependentes de luz produzem ATP e NADPH; o ciclo",
    "de Calvin fixa o dióxido de carbono em glicose no estroma.",
    "As plantas liberam oxigênio ao quebrar as moléculas de água.",
  ],
  spa: [
    "La fotosíntesis convierte la energía luminosa en energía química.",
    "Ocurre en los cloroplastos de las células vegetales, donde la",
    "clorofila absorbe sobre todo la luz azul y la roja. Las",
    "reacciones dependientes de la luz producen ATP y NADPH; el",
    "ciclo de Calvin fija el dióxido de carbono en glucosa.",
    "¿Por qué las plantas liberan oxígeno? Porque rompen el agua.",
  ],
};

/** Where renderTextScan draws (pixels): lines from the left margin, baselines `lineHeight` apart, 12 pt type. */
export function scanLayout(dpi = 150) {
  const fontSize = Math.round((12 * dpi) / 72);
  return {
    width: Math.round(8.5 * dpi),
    height: Math.round(11 * dpi),
    left: dpi,
    firstBaseline: dpi,
    fontSize,
    lineHeight: fontSize * 1.6,
  };
}
/** The layout of the scans the e2e flow and the benchmark draw (150 dpi). */
export const SCAN_LAYOUT = scanLayout(150);

/**
 * Draws `lines` on a white Letter page at `dpi` (12 pt serif), adds scanner noise (grain and specks, seeded),
 * and returns the JPEG. `page` is any Playwright page (drawing happens in a detached canvas).
 */
export async function renderTextScan(page, lines, { dpi = 150, seed = 7 } = {}) {
  const dataUrl = await page.evaluate(
    ({ lines, layout, seed }) => {
      const canvas = document.createElement("canvas");
      canvas.width = layout.width;
      canvas.height = layout.height;
      const ctx = canvas.getContext("2d");
      ctx.fillStyle = "#fff";
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.fillStyle = "#111";
      ctx.font = `${layout.fontSize}px "DejaVu Serif", "Liberation Serif", serif`;
      lines.forEach((line, i) => {
        ctx.fillText(line, layout.left, layout.firstBaseline + i * layout.lineHeight);
      });
      let s = seed;
      const rand = () => {
        s = (s * 1103515245 + 12345) >>> 0;
        return s / 2 ** 32;
      };
      const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const d = image.data;
      for (let i = 0; i < d.length; i += 4) {
        let v = d[i] + (rand() - 0.5) * 40;
        if (rand() < 0.002) v = rand() < 0.5 ? 0 : 255;
        d[i] = d[i + 1] = d[i + 2] = Math.max(0, Math.min(255, v));
      }
      ctx.putImageData(image, 0, 0);
      return canvas.toDataURL("image/jpeg", 0.85);
    },
    { lines, layout: scanLayout(dpi), seed },
  );
  const { width, height } = scanLayout(dpi);
  return { jpeg: new Uint8Array(Buffer.from(dataUrl.split(",")[1], "base64")), width, height };
}

/** A PDF whose pages are text pages (`{ lines }`) or scans (`{ scan }` from renderTextScan). */
export function scannedPdf(pages) {
  return makePdf(
    pages.map((p) =>
      p.scan
        ? {
            image: {
              width: p.scan.width,
              height: p.scan.height,
              filter: "DCTDecode",
              data: p.scan.jpeg,
              colorSpace: "DeviceRGB",
              bitsPerComponent: 8,
            },
          }
        : p,
    ),
  );
}

const normalise = (text) => text.normalize("NFC").replace(/\s+/g, " ").trim();

/** 1 − (edit distance ÷ length of the expected text), both with whitespace collapsed. */
export function charAccuracy(expected, actual) {
  const a = normalise(expected);
  const b = normalise(actual);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return Math.max(0, 1 - previous[b.length] / Math.max(1, a.length));
}
