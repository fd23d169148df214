/** Account settings' WhatsApp section (issue 18), in English; spread into ../en.ts. */
export const whatsappEn = {
  "account.whatsapp.title": "WhatsApp",
  "account.whatsapp.body":
    "Study by message: ask questions with cited answers, send PDFs and links, review your flashcards. Get a code, then send it from WhatsApp.",
  "account.whatsapp.unavailable": "WhatsApp is not set up on this server.",
  "account.whatsapp.getCode": "Get a link code",
  "account.whatsapp.codeTitle": "Your link code",
  "account.whatsapp.codeSend": "Send this message to {number} on WhatsApp within 10 minutes:",
  "account.whatsapp.codeSendNoNumber": "Send this message to studyAI's WhatsApp number within 10 minutes:",
  "account.whatsapp.openChat": "Open WhatsApp with the message",
  "account.whatsapp.codeOnce": "The code works once and expires at {time}.",
  "account.whatsapp.tooMany": "You asked for several codes in the last hour. Use the last one, or wait an hour.",
  "account.whatsapp.error": "Something went wrong. Try again in a moment.",
  "account.whatsapp.linked": "Linked numbers",
  "account.whatsapp.none": "No number is linked yet.",
  "account.whatsapp.reminders": "Daily reminders",
  "account.whatsapp.remindersOn": "on",
  "account.whatsapp.remindersOff": "off (stopped)",
  "account.whatsapp.stop": "Stop reminders",
  "account.whatsapp.start": "Resume reminders",
  "account.whatsapp.unlink": "Unlink {number}",
  "account.whatsapp.unlinked": "{number} is no longer linked.",
};
