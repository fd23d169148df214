/**
 * What a file is, from its bytes (magic numbers and content), never from its name: PDF, DOCX, HTML or
 * plain text / Markdown. The name and the declared media type are used only to notice a file that
 * claims to be something it is not (a renamed or truncated PDF), which is rejected with a reason.
 */
import type { SourceType } from "../../../../schemas/db";
import { reasons } from "./rejection";

export type Detected =
  | { ok: true; sourceType: SourceType; mediaType: string }
  | { ok: false; unsupported: string }
  | {
      ok: false;
      rejected: { code: "damaged" | "encrypted"; reason: string };
      sourceType: SourceType;
      mediaType: string;
    };

const latin1 = (bytes: Uint8Array) => {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
};

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function looksLikeText(head: Uint8Array): boolean {
  if (head.length === 0) return true;
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return true;
  let suspicious = 0;
  for (const b of head) {
    if (b === 0) return false;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) suspicious++;
  }
  return suspicious / head.length < 0.01;
}

function claimed(fileName: string | null, declaredType: string | null): "pdf" | "docx" | null {
  const name = (fileName ?? "").toLowerCase();
  const type = (declaredType ?? "").toLowerCase();
  if (name.endsWith(".pdf") || type === "application/pdf") return "pdf";
  if (name.endsWith(".docx") || type.includes("wordprocessingml")) return "docx";
  return null;
}

/**
 * @param head the first bytes of the file (8 KiB is plenty)
 * @param tail the last bytes (64 KiB), where a ZIP keeps its directory of entry names
 */
export function detectType(
  head: Uint8Array,
  tail: Uint8Array,
  fileName: string | null = null,
  declaredType: string | null = null,
): Detected {
  const claim = claimed(fileName, declaredType);
  // PDF readers accept the header anywhere in the first KiB.
  if (latin1(head.subarray(0, 1024)).includes("%PDF-"))
    return { ok: true, sourceType: "pdf", mediaType: "application/pdf" };

  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    const names = latin1(head) + latin1(tail);
    if (names.includes("word/")) {
      return {
        ok: true,
        sourceType: "docx",
        mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      };
    }
    return { ok: false, unsupported: "This ZIP archive is not a Word document (.docx)." };
  }

  // OLE compound file: an old .doc, or an Office file encrypted with a password.
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    if (claim === "docx") {
      return {
        ok: false,
        rejected: {
          code: "encrypted",
          reason: "This Word document is password-protected. Remove the password and upload it again.",
        },
        sourceType: "docx",
        mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      };
    }
    return {
      ok: false,
      unsupported: "Old Office formats (.doc, .xls, .ppt) are not supported: save it as .docx or PDF.",
    };
  }

  if (looksLikeText(head)) {
    if (claim) {
      const mediaType = claim === "pdf" ? "application/pdf" : "application/octet-stream";
      return {
        ok: false,
        rejected: { code: "damaged", reason: reasons.notWhatItClaims(claim) },
        sourceType: claim,
        mediaType,
      };
    }
    const start = new TextDecoder()
      .decode(head.subarray(0, 2048))
      .replace(/^\uFEFF/, "")
      .trimStart()
      .toLowerCase();
    if (
      start.startsWith("<!doctype html") ||
      start.startsWith("<html") ||
      /<(head|body)[\s>]/.test(start.slice(0, 1024))
    ) {
      return { ok: true, sourceType: "html", mediaType: "text/html" };
    }
    const markdown = /^(#{1,6} |[-*] |\d+\. |```)/m.test(start) || /\.(md|markdown)$/i.test(fileName ?? "");
    return { ok: true, sourceType: "text", mediaType: markdown ? "text/markdown" : "text/plain" };
  }

  if (claim) {
    return {
      ok: false,
      rejected: { code: "damaged", reason: reasons.notWhatItClaims(claim) },
      sourceType: claim,
      mediaType: "application/octet-stream",
    };
  }
  return {
    ok: false,
    unsupported:
      "This file type is not supported. Upload a PDF, a Word document (.docx), a web page (HTML) or text / Markdown.",
  };
}
