/** Word documents with mammoth: semantic HTML (headings, lists, tables), then structured text. Images are skipped. */
import mammoth from "mammoth";
import { FileRejected, reasons } from "../documents/rejection";
import { htmlToStructuredText } from "./html-text";

export async function extractDocx(bytes: ArrayBuffer): Promise<string> {
  let html: string;
  try {
    // `arrayBuffer` is what mammoth's browser/worker build reads, `buffer` what its Node build reads.
    const input = { arrayBuffer: bytes, buffer: bytes } as unknown as { arrayBuffer: ArrayBuffer };
    const result = await mammoth.convertToHtml(input, {
      convertImage: mammoth.images.imgElement(async () => ({ src: "" })),
      ignoreEmptyParagraphs: true,
    });
    html = result.value;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/password|encrypt/i.test(message)) {
      throw new FileRejected(
        "encrypted",
        "This Word document is password-protected. Remove the password and upload it again.",
      );
    }
    throw new FileRejected("damaged", reasons.damaged("Word document"));
  }
  return htmlToStructuredText(html);
}
