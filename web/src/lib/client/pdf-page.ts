/**
 * Renders one page of a PDF source to a canvas with its text layer, and highlights a quoted passage.
 * Imported only with `import()` when the source viewer opens a PDF, so pdf.js (and its worker, served as a
 * static asset) never counts in a page's first-load JavaScript.
 */
import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy, TextLayer } from "pdfjs-dist";
import workerUrl from "pdfjs-dist/build/pdf.worker.min.mjs?url";
import { findQuote, quoteOnPdfPage } from "$lib/answers";
import "./pdf-page.css";

GlobalWorkerOptions.workerSrc = workerUrl;

const documents = new Map<string, Promise<PDFDocumentProxy>>();

function openPdf(documentId: string): Promise<PDFDocumentProxy> {
  let loading = documents.get(documentId);
  if (!loading) {
    // Fetched by us (same origin, the session cookie goes along), then handed over as bytes.
    loading = fetch(`/api/v1/documents/${encodeURIComponent(documentId)}/file`, { credentials: "same-origin" })
      .then((response) => {
        if (!response.ok) throw new Error(`file answered ${response.status}`);
        return response.arrayBuffer();
      })
      .then((data) => getDocument({ data }).promise);
    loading.catch(() => documents.delete(documentId));
    documents.set(documentId, loading);
  }
  return loading;
}

export type RenderedPage = { pageCount: number; found: boolean; cancel: () => void };

/** Draws `page` into `container` at its width; marks the text-layer spans that hold `quote`. */
export async function renderPdfPage(
  container: HTMLElement,
  documentId: string,
  pageNumber: number,
  quote: string,
): Promise<RenderedPage> {
  const pdf = await openPdf(documentId);
  const page = await pdf.getPage(Math.min(Math.max(1, pageNumber), pdf.numPages));
  const unscaled = page.getViewport({ scale: 1 });
  const width = container.clientWidth || unscaled.width;
  const viewport = page.getViewport({ scale: width / unscaled.width });
  const ratio = window.devicePixelRatio || 1;

  const canvas = document.createElement("canvas");
  canvas.width = Math.floor(viewport.width * ratio);
  canvas.height = Math.floor(viewport.height * ratio);
  canvas.style.width = `${viewport.width}px`;
  canvas.style.height = `${viewport.height}px`;
  canvas.setAttribute("aria-hidden", "true");
  const textLayerDiv = document.createElement("div");
  textLayerDiv.className = "textLayer";
  container.replaceChildren(canvas, textLayerDiv);
  container.style.setProperty("--scale-factor", String(viewport.scale));
  container.style.setProperty("--total-scale-factor", String(viewport.scale));

  const task = page.render({
    canvas,
    viewport,
    transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0],
  });
  const textLayer = new TextLayer({ textContentSource: page.streamTextContent(), container: textLayerDiv, viewport });
  await Promise.all([task.promise, textLayer.render()]);

  const found = highlight(textLayer.textContentItemsStr, textLayer.textDivs, quote);
  return { pageCount: pdf.numPages, found, cancel: () => task.cancel() };
}

function highlight(strings: readonly string[], divs: readonly HTMLElement[], quote: string): boolean {
  const starts: number[] = [];
  let text = "";
  for (const item of strings) {
    starts.push(text.length);
    text += `${item} `;
  }
  const at = findQuote(text, quoteOnPdfPage(quote));
  if (!at) return false;
  let first: HTMLElement | undefined;
  strings.forEach((item, index) => {
    const start = starts[index] ?? 0;
    const div = divs[index];
    if (div && item.trim() && start < at.end && start + item.length > at.start) {
      div.classList.add("quote");
      first ??= div;
    }
  });
  first?.scrollIntoView({ block: "center" });
  return first !== undefined;
}
