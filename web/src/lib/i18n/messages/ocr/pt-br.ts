import type { ocrEn } from "./en";

/** Páginas digitalizadas e reconhecimento de texto no navegador (issue 19), em português do Brasil. */
export const ocrPtBR = {
  "ocr.pagesWaiting": "{count} páginas digitalizadas ainda não têm texto",
  "ocr.pageWaiting": "1 página digitalizada ainda não tem texto",
  "ocr.openPage": "Abrir a página {page}",
  "ocr.pageImage": "Digitalização da página {page}",
  "ocr.recognise": "Reconhecer o texto neste navegador",
  "ocr.language": "Idioma da página",
  "ocr.language.eng": "Inglês",
  "ocr.language.por": "Português",
  "ocr.language.spa": "Espanhol",
  "ocr.working": "Reconhecendo o texto… {percent}%",
  "ocr.saving": "Salvando o texto reconhecido…",
  "ocr.done": "Texto reconhecido e adicionado às suas fontes: esta página agora aparece nas buscas.",
  "ocr.failed": "Não foi possível reconhecer ou salvar o texto. Tente novamente.",
  "ocr.privacy": "A página é lida no seu dispositivo; só o texto reconhecido é enviado.",
  "ocr.readBy.browser": "Texto reconhecido em um navegador",
  "ocr.readBy.provider": "Texto reconhecido pelo servidor",
  "ocr.reason.not-read-yet": "Esta página é uma digitalização; o texto dela ainda não foi lido.",
  "ocr.reason.no-provider":
    "Esta página é uma imagem digitalizada e este servidor não tem um modelo de reconhecimento de texto. Reconheça o texto neste navegador para que ela apareça nas buscas.",
  "ocr.reason.ai-budget":
    "Esta página é uma imagem digitalizada e a cota de IA para ler digitalizações acabou neste mês. Reconheça o texto neste navegador (grátis).",
  "ocr.reason.ocr-quota":
    "Esta página é uma imagem digitalizada e as páginas digitalizadas do seu plano acabaram neste mês. Reconheça o texto neste navegador (grátis).",
  "ocr.reason.provider-failed":
    "Esta página é uma imagem digitalizada e o serviço de reconhecimento de texto não conseguiu lê-la. Reconheça o texto neste navegador.",
  "ocr.reason.nothing-recognised": "Esta página é uma imagem digitalizada, mas nenhum texto foi reconhecido nela.",
  "ocr.reason.no-image":
    "O texto desta página está guardado de um jeito que não pode ser lido, e a página não tem imagem para ler no lugar. Exporte o PDF de novo e envie esse.",
  "ocr.reason.image-encoding":
    "Esta página é uma imagem digitalizada num formato que não conseguimos abrir (JPEG 2000 ou imagem danificada). Exporte o PDF de novo com imagens JPEG.",
  "ocr.reason.image-too-large":
    "A digitalização desta página tem mais de 16 megapixels. Digitalize a 300 dpi ou menos e envie de novo.",
} satisfies Record<keyof typeof ocrEn, string>;
