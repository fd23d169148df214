import type { whatsappEn } from "./en";

/** Account settings' WhatsApp section (issue 18), in Brazilian Portuguese. */
export const whatsappPtBR = {
  "account.whatsapp.title": "WhatsApp",
  "account.whatsapp.body":
    "Estude por mensagem: faça perguntas com respostas citadas, envie PDFs e links, revise seus flashcards. Gere um código e envie pelo WhatsApp.",
  "account.whatsapp.unavailable": "O WhatsApp não está configurado neste servidor.",
  "account.whatsapp.getCode": "Gerar código de vínculo",
  "account.whatsapp.codeTitle": "Seu código de vínculo",
  "account.whatsapp.codeSend": "Envie esta mensagem para {number} no WhatsApp em até 10 minutos:",
  "account.whatsapp.codeSendNoNumber": "Envie esta mensagem para o número de WhatsApp do studyAI em até 10 minutos:",
  "account.whatsapp.openChat": "Abrir o WhatsApp com a mensagem",
  "account.whatsapp.codeOnce": "O código funciona uma vez e expira às {time}.",
  "account.whatsapp.tooMany": "Você pediu vários códigos na última hora. Use o último ou espere uma hora.",
  "account.whatsapp.error": "Algo deu errado. Tente de novo em instantes.",
  "account.whatsapp.linked": "Números vinculados",
  "account.whatsapp.none": "Nenhum número vinculado ainda.",
  "account.whatsapp.reminders": "Lembretes diários",
  "account.whatsapp.remindersOn": "ativos",
  "account.whatsapp.remindersOff": "desativados",
  "account.whatsapp.stop": "Parar lembretes",
  "account.whatsapp.start": "Retomar lembretes",
  "account.whatsapp.unlink": "Desvincular {number}",
  "account.whatsapp.unlinked": "{number} não está mais vinculado.",
} satisfies Record<keyof typeof whatsappEn, string>;
