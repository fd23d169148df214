import type { whatsappEn } from "./en";

/** Account settings' WhatsApp section (issue 18), in Spanish. */
export const whatsappEs = {
  "account.whatsapp.title": "WhatsApp",
  "account.whatsapp.body":
    "Estudia por mensaje: haz preguntas con respuestas citadas, envía PDF y enlaces, repasa tus tarjetas. Genera un código y envíalo desde WhatsApp.",
  "account.whatsapp.unavailable": "WhatsApp no está configurado en este servidor.",
  "account.whatsapp.getCode": "Generar código de vínculo",
  "account.whatsapp.codeTitle": "Tu código de vínculo",
  "account.whatsapp.codeSend": "Envía este mensaje a {number} por WhatsApp en los próximos 10 minutos:",
  "account.whatsapp.codeSendNoNumber":
    "Envía este mensaje al número de WhatsApp de studyAI en los próximos 10 minutos:",
  "account.whatsapp.openChat": "Abrir WhatsApp con el mensaje",
  "account.whatsapp.codeOnce": "El código funciona una vez y caduca a las {time}.",
  "account.whatsapp.tooMany": "Pediste varios códigos en la última hora. Usa el último o espera una hora.",
  "account.whatsapp.error": "Algo salió mal. Inténtalo de nuevo en un momento.",
  "account.whatsapp.linked": "Números vinculados",
  "account.whatsapp.none": "Aún no hay ningún número vinculado.",
  "account.whatsapp.reminders": "Recordatorios diarios",
  "account.whatsapp.remindersOn": "activos",
  "account.whatsapp.remindersOff": "desactivados",
  "account.whatsapp.stop": "Parar recordatorios",
  "account.whatsapp.start": "Reanudar recordatorios",
  "account.whatsapp.unlink": "Desvincular {number}",
  "account.whatsapp.unlinked": "{number} ya no está vinculado.",
} satisfies Record<keyof typeof whatsappEn, string>;
