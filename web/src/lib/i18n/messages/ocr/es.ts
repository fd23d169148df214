import type { ocrEn } from "./en";

/** Páginas escaneadas y reconocimiento de texto en el navegador (issue 19), en español. */
export const ocrEs = {
  "ocr.pagesWaiting": "{count} páginas escaneadas aún no tienen texto",
  "ocr.pageWaiting": "1 página escaneada aún no tiene texto",
  "ocr.openPage": "Abrir la página {page}",
  "ocr.pageImage": "Escaneo de la página {page}",
  "ocr.recognise": "Reconocer el texto en este navegador",
  "ocr.language": "Idioma de la página",
  "ocr.language.eng": "Inglés",
  "ocr.language.por": "Portugués",
  "ocr.language.spa": "Español",
  "ocr.working": "Reconociendo el texto… {percent}%",
  "ocr.saving": "Guardando el texto reconocido…",
  "ocr.done": "Texto reconocido y añadido a tus fuentes: esta página ya aparece en las búsquedas.",
  "ocr.failed": "No se pudo reconocer o guardar el texto. Inténtalo de nuevo.",
  "ocr.privacy": "La página se lee en tu dispositivo; solo se envía el texto reconocido.",
  "ocr.readBy.browser": "Texto reconocido en un navegador",
  "ocr.readBy.provider": "Texto reconocido por el servidor",
  "ocr.reason.not-read-yet": "Esta página es un escaneo; su texto aún no se ha leído.",
  "ocr.reason.no-provider":
    "Esta página es una imagen escaneada y este servidor no tiene un modelo de reconocimiento de texto. Reconoce el texto en este navegador para que aparezca en las búsquedas.",
  "ocr.reason.ai-budget":
    "Esta página es una imagen escaneada y la asignación de IA para leer escaneos se agotó este mes. Reconoce el texto en este navegador (gratis).",
  "ocr.reason.ocr-quota":
    "Esta página es una imagen escaneada y las páginas escaneadas de tu plan se agotaron este mes. Reconoce el texto en este navegador (gratis).",
  "ocr.reason.provider-failed":
    "Esta página es una imagen escaneada y el servicio de reconocimiento de texto no pudo leerla. Reconoce el texto en este navegador.",
  "ocr.reason.nothing-recognised": "Esta página es una imagen escaneada, pero no se reconoció texto en ella.",
  "ocr.reason.no-image":
    "El texto de esta página está guardado de una forma que no se puede leer, y la página no tiene imagen para leer en su lugar. Exporta el PDF de nuevo y súbelo.",
  "ocr.reason.image-encoding":
    "Esta página es una imagen escaneada en un formato que no podemos abrir (JPEG 2000 o una imagen dañada). Exporta el PDF de nuevo con imágenes JPEG.",
  "ocr.reason.image-too-large":
    "El escaneo de esta página tiene más de 16 megapíxeles. Escanéala a 300 ppp o menos y súbela de nuevo.",
} satisfies Record<keyof typeof ocrEn, string>;
