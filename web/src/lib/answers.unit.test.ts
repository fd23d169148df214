import { DefaultChatTransport, readUIMessageStream, type UIMessage } from "ai";
import katex from "katex";
import { describe, expect, it } from "vitest";
import { renderAnswerHtml } from "./answer-html";
import {
  type AnswerMessage,
  answerView,
  findQuote,
  lastActive,
  quoteForReading,
  quoteOnPdfPage,
  sourcesOf,
  threadIdOf,
  threadMessages,
} from "./answers";
import { ASK_STREAM } from "./fixtures/ask-stream";

/** Streams the recorded answer through the same transport the chat uses, in small uneven pieces. */
async function streamAnswer(): Promise<{ sent: unknown; snapshots: UIMessage[] }> {
  let sent: unknown;
  const transport = new DefaultChatTransport<AnswerMessage>({
    api: "/api/v1/notebooks/nb_1/ask",
    prepareSendMessagesRequest: ({ messages }) => ({
      body: {
        question: messages
          .at(-1)
          ?.parts.map((p) => (p.type === "text" ? p.text : ""))
          .join(""),
      },
    }),
    fetch: async (_input, init) => {
      sent = JSON.parse(String(init?.body));
      const bytes = new TextEncoder().encode(ASK_STREAM);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 37) controller.enqueue(bytes.slice(i, i + 37));
          controller.close();
        },
      });
      return new Response(body, { headers: { "content-type": "text/event-stream" } });
    },
  });
  const stream = await transport.sendMessages({
    trigger: "submit-message",
    chatId: "c",
    messageId: undefined,
    messages: [{ id: "u1", role: "user", parts: [{ type: "text", text: "Why did the plane veer?" }] }],
    abortSignal: undefined,
  });
  const snapshots: UIMessage[] = [];
  for await (const message of readUIMessageStream({ stream })) snapshots.push(structuredClone(message));
  return { sent, snapshots };
}

const label = (c: { n: number; documentTitle: string; pageStart: number }) =>
  `Source ${c.n}: ${c.documentTitle}, page ${c.pageStart}`;

describe("ask stream → view", () => {
  it("sends only the question and assembles text, mode, thread and citations", async () => {
    const { sent, snapshots } = await streamAnswer();
    expect(sent).toEqual({ question: "Why did the plane veer?" });
    // The text grows while it streams; metadata is known from the first chunk.
    expect(snapshots.length).toBeGreaterThan(2);
    expect(threadIdOf(snapshots[0])).toBe("thr_1");
    const view = answerView(snapshots.at(-1) as UIMessage);
    expect(view.mode).toBe("generated");
    expect(view.text).toContain("landing roll [1]");
    expect(view.citations.map((c) => [c.n, c.pageStart, c.pageEnd])).toEqual([
      [1, 3, 3],
      [2, 4, 5],
    ]);
  });

  it("renders sanitised Markdown with chips for known markers only", async () => {
    const { snapshots } = await streamAnswer();
    const view = answerView(snapshots.at(-1) as UIMessage);
    const html = renderAnswerHtml(view.text, view.citations, { chipLabel: label });
    expect(html).toContain("<strong>directional control</strong>");
    expect(html).not.toContain("<script>");
    expect(html).toContain("&#60;script&#62;");
    expect(html).toContain('data-cite="1" aria-label="Source 1: NTSB 20080102X00002, page 3"');
    expect(html).toContain('data-cite="2"');
    expect(html).toContain("[7]"); // no citation 7: left as text
    // A group of markers (an extractive answer's table rows) is a chip per number, in its order.
    const grouped = renderAnswerHtml("From the table [2, 1]:", view.citations, { chipLabel: label });
    expect(grouped).toMatch(/table <button[^>]*data-cite="2"[^>]*>2<\/button> <button[^>]*data-cite="1"/);
    expect(renderAnswerHtml("See [1, 7].", view.citations, { chipLabel: label })).toContain("[1, 7]");
    // Math waits for KaTeX as code, then renders through it.
    expect(html).toContain('<code class="tex">v = 12</code>');
    const math = renderAnswerHtml(view.text, view.citations, {
      chipLabel: label,
      renderMath: (tex, display) => `<math data-display="${display}">${tex}</math>`,
    });
    expect(math).toContain('<math data-display="false">v = 12</math>');
    expect(renderAnswerHtml("Costs $5 and $10.", [], { chipLabel: label })).toContain("Costs $5 and $10.");
    // The real KaTeX, as the browser loads it: MathML for assistive technology, HTML for the eye.
    const typeset = renderAnswerHtml("Speed $v = \\frac{d}{t}$ [1].", view.citations, {
      chipLabel: label,
      renderMath: (tex, displayMode) => katex.renderToString(tex, { displayMode, throwOnError: false, trust: false }),
    });
    expect(typeset).toContain('<span class="katex">');
    expect(typeset).toContain("<mfrac>");
    expect(typeset).toContain('data-cite="1"');
    expect(renderAnswerHtml("$$\\frac{a}{b}$$", [], { chipLabel: label })).toContain('class="math-display"');
  });

  it("turns a stored thread into the same messages", () => {
    const at = "2026-01-01T00:00:00Z";
    const cite = {
      n: 1,
      documentId: "doc_1",
      documentTitle: "Report",
      pageStart: 2,
      pageEnd: 2,
      page: 2,
      quote: "q",
      chunkId: "c",
    };
    const messages = threadMessages({
      id: "thr_1",
      notebookId: "nb_1",
      title: "Why?",
      titleSource: "question",
      createdAt: at,
      updatedAt: at,
      messages: [
        {
          id: "m1",
          role: "user",
          text: "Why?",
          standalone: null,
          mode: null,
          citations: [],
          cached: false,
          createdAt: at,
        },
        {
          id: "m2",
          role: "assistant",
          text: "Because [1].",
          standalone: null,
          mode: "extractive",
          citations: [cite],
          cached: false,
          createdAt: at,
        },
      ],
    });
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    const view = answerView(messages[1] as UIMessage);
    expect(view.mode).toBe("extractive");
    expect(view.citations[0]).toMatchObject({ n: 1, pageStart: 2, documentTitle: "Report" });
  });

  it("names the sources an answer drew on once each, and finds the conversation answered last", () => {
    const cite = (n: number, documentId: string, documentTitle: string) => ({
      n,
      documentId,
      documentTitle,
      pageStart: 1,
      pageEnd: 1,
      page: 1,
      quote: "",
      chunkId: `${documentId}:${n}`,
    });
    expect(sourcesOf([cite(1, "a", "Alpha"), cite(2, "b", "Beta"), cite(3, "a", "Alpha")])).toEqual([
      { documentId: "a", title: "Alpha" },
      { documentId: "b", title: "Beta" },
    ]);
    const threads = [
      { id: "new", updatedAt: "2026-01-02T00:00:00Z" },
      { id: "old-but-active", updatedAt: "2026-01-03T00:00:00Z" },
    ];
    expect(lastActive(threads)?.id).toBe("old-but-active");
    expect(lastActive([])).toBeUndefined();
  });

  it("finds a quote in page text despite whitespace and case", () => {
    const text = "Page 3\nThe  Pilot lost\ndirectional control of the airplane.";
    const at = findQuote(text, "the pilot lost directional control");
    expect(at && text.slice(at.start, at.end)).toBe("The  Pilot lost\ndirectional control");
    expect(findQuote(text, "nothing like this at all in the text")).toBeNull();
  });
});

describe("quoteForReading", () => {
  it("shows a quoted table row as its cells, and leaves prose alone", () => {
    expect(quoteForReading("| Total net sales | $ 81,797 | | (1)% |")).toBe("Total net sales · $ 81,797 · (1)%");
    expect(quoteForReading("| a \\| b | 2 |")).toBe("a | b · 2");
    expect(quoteForReading("The pilot lost control.")).toBe("The pilot lost control.");
  });

  it("a quote of several rows drops the rule under an empty header (a chart's values read as a table)", () => {
    expect(quoteForReading("| | | |\n| --- | :---: | --- |\n| 0 | 100 | 200 |\n| 2015 | 2016 | 2017 |")).toBe(
      "0 · 100 · 200 · 2015 · 2016 · 2017",
    );
  });
});

describe("quoteOnPdfPage", () => {
  it("finds a quoted table row in a PDF page's text layer, which has its cells but not its pipes", () => {
    // The text layer of page 2 of the 2019 Brazilian budget annexes, one item per cell, as pdf-page.ts joins it.
    const layer =
      "SENADO FEDERAL 4.503.015.767 0 4.503.015.767 0,30 MINISTÉRIO DA EDUCAÇÃO 120.494.309.030 1.468.888.298 121.963.197.328 8,13 6,82 ";
    const row = "| MINISTÉRIO DA EDUCAÇÃO | 120.494.309.030 | 1.468.888.298 | 121.963.197.328 | 8,13 | 6,82 |";
    expect(findQuote(layer, row)).toBeNull();
    const at = findQuote(layer, quoteOnPdfPage(row));
    expect(at && layer.slice(at.start, at.end)).toBe(
      "MINISTÉRIO DA EDUCAÇÃO 120.494.309.030 1.468.888.298 121.963.197.328 8,13 6,82",
    );
    expect(quoteOnPdfPage("The pilot lost control.")).toBe("The pilot lost control.");
  });
});
