/**
 * What the channel says, in the contact's language (en / pt / es). Short on purpose: a chat message is
 * read on a phone. `*bold*` and `_italic_` are WhatsApp's own markup (other providers show them as typed).
 */
import type { ChannelLanguage } from "./commands";

const en = {
  welcome:
    "Hi! This is studyAI. To study your notebooks here, open Account settings at {url}, get a link code and send it here as: link CODE",
  help: "Ask any question about your notebook and I answer with its sources. Also:\n*notebooks* — your notebooks\n*use* <name> — switch notebook\n*sources* — what is in it\n*cards* — flashcards due today\nSend a PDF, a DOCX or a web link to add it.\n*stop* — no more reminders · *unlink* — disconnect this number",
  linked: "Linked. You are studying *{title}*. Ask a question, or send *cards* to review.",
  linkedNoNotebook: "Linked. Create a notebook at {url} and then ask away.",
  linkInvalid: "That code is not valid or has expired. Get a new one in Account settings at {url}.",
  linkTooMany: "Too many wrong codes. Wait an hour, then get a new code in Account settings.",
  unlinked: "This number is no longer linked to your studyAI account. To link it again: link CODE",
  stopped: "Done: no more reminders. Send *start* to get them again, or *unlink* to disconnect.",
  started: "Reminders are on again.",
  noNotebook: "You have no notebook yet. Create one at {url}.",
  notebooks: "Your notebooks (send *use* and a number or name):",
  current: "current",
  using: "Now studying *{title}*.",
  notebookUnknown: "I found no notebook called “{name}”. Send *notebooks* to see them.",
  sources: "Sources in *{title}*:",
  noSources: "*{title}* has no sources yet. Send a PDF, a DOCX or a web link.",
  noCards: "No cards due today in *{title}*. Well done!",
  cardFront: "Flashcard ({total} due today):\n\n{front}",
  showAnswer: "Show answer",
  rate: "Rate",
  again: "Again",
  hard: "Hard",
  good: "Good",
  easy: "Easy",
  rateHow: "How well did you know it?",
  reviewed: "Next review in {days} day(s).",
  reviewedSoon: "You will see it again in {minutes} min.",
  alreadyRated: "That card was already rated.",
  docReceived: "Got *{title}*. I will tell you when it is ready to ask about.",
  docExisting: "*{title}* is already in this notebook.",
  docRefused: "I could not add this: {reason}",
  docReady: "*{title}* is ready. Ask me about it.",
  docRejected: "*{title}* could not be added: {reason}",
  unsupported: "I can read messages, PDF and DOCX documents and web links. Send one of those.",
  messagesQuota:
    "Thank you for studying with us! This number has used its {limit} messages for this month. It starts again on {date}.",
  contactsQuota: "Thank you for writing! This studyAI number cannot take new contacts right now.",
  questionsQuota: "You have asked all the questions your plan allows for today. Come back tomorrow!",
  busy: "I could not answer just now. Please try again in a minute.",
  reminder: "You have {count} flashcard(s) due in *{title}*.",
  reviewNow: "Review now",
  sourcesLabel: "Sources",
  page: "p. {page}",
};

type Replies = Record<keyof typeof en, string>;

const pt: Replies = {
  welcome:
    "Olá! Aqui é o studyAI. Para estudar seus cadernos por aqui, abra Conta em {url}, gere um código e envie aqui: vincular CÓDIGO",
  help: "Faça qualquer pergunta sobre o seu caderno e eu respondo com as fontes. Também:\n*cadernos* — seus cadernos\n*usar* <nome> — trocar de caderno\n*fontes* — o que há nele\n*cartoes* — flashcards de hoje\nEnvie um PDF, um DOCX ou um link para adicioná-lo.\n*parar* — sem lembretes · *desvincular* — desconectar este número",
  linked: "Vinculado. Você está estudando *{title}*. Faça uma pergunta ou envie *cartoes* para revisar.",
  linkedNoNotebook: "Vinculado. Crie um caderno em {url} e pergunte à vontade.",
  linkInvalid: "Esse código não é válido ou expirou. Gere outro em Conta, em {url}.",
  linkTooMany: "Muitos códigos errados. Espere uma hora e gere um novo código em Conta.",
  unlinked: "Este número não está mais vinculado à sua conta studyAI. Para vincular de novo: vincular CÓDIGO",
  stopped: "Pronto: sem mais lembretes. Envie *iniciar* para voltar a recebê-los, ou *desvincular* para desconectar.",
  started: "Os lembretes estão ativos de novo.",
  noNotebook: "Você ainda não tem cadernos. Crie um em {url}.",
  notebooks: "Seus cadernos (envie *usar* e um número ou nome):",
  current: "atual",
  using: "Agora estudando *{title}*.",
  notebookUnknown: "Não encontrei um caderno chamado “{name}”. Envie *cadernos* para vê-los.",
  sources: "Fontes em *{title}*:",
  noSources: "*{title}* ainda não tem fontes. Envie um PDF, um DOCX ou um link.",
  noCards: "Nenhum cartão para hoje em *{title}*. Muito bem!",
  cardFront: "Flashcard ({total} para hoje):\n\n{front}",
  showAnswer: "Ver resposta",
  rate: "Avaliar",
  again: "De novo",
  hard: "Difícil",
  good: "Bom",
  easy: "Fácil",
  rateHow: "Quão bem você sabia?",
  reviewed: "Próxima revisão em {days} dia(s).",
  reviewedSoon: "Você verá este cartão de novo em {minutes} min.",
  alreadyRated: "Esse cartão já foi avaliado.",
  docReceived: "Recebi *{title}*. Aviso quando estiver pronto para perguntas.",
  docExisting: "*{title}* já está neste caderno.",
  docRefused: "Não consegui adicionar: {reason}",
  docReady: "*{title}* está pronto. Pode perguntar.",
  docRejected: "*{title}* não pôde ser adicionado: {reason}",
  unsupported: "Eu leio mensagens, documentos PDF e DOCX e links. Envie um desses.",
  messagesQuota:
    "Obrigado por estudar conosco! Este número já usou as {limit} mensagens deste mês. Elas voltam em {date}.",
  contactsQuota: "Obrigado pela mensagem! Este número do studyAI não pode receber novos contatos agora.",
  questionsQuota: "Você já fez todas as perguntas que seu plano permite hoje. Volte amanhã!",
  busy: "Não consegui responder agora. Tente de novo em um minuto.",
  reminder: "Você tem {count} flashcard(s) para revisar em *{title}*.",
  reviewNow: "Revisar agora",
  sourcesLabel: "Fontes",
  page: "p. {page}",
};

const es: Replies = {
  welcome:
    "¡Hola! Soy studyAI. Para estudar tus cuadernos aquí, abre Cuenta en {url}, genera un código y envíalo aquí: vincular CÓDIGO",
  help: "Pregunta lo que quieras sobre tu cuaderno y respondo con sus fuentes. Además:\n*cuadernos* — tus cuadernos\n*usar* <nombre> — cambiar de cuaderno\n*fuentes* — qué contiene\n*tarjetas* — tarjetas de hoy\nEnvía un PDF, un DOCX o un enlace para añadirlo.\n*parar* — sin recordatorios · *desvincular* — desconectar este número",
  linked: "Vinculado. Estás estudiando *{title}*. Haz una pregunta o envía *tarjetas* para repasar.",
  linkedNoNotebook: "Vinculado. Crea un cuaderno en {url} y pregunta lo que quieras.",
  linkInvalid: "Ese código no es válido o ha caducado. Genera otro en Cuenta, en {url}.",
  linkTooMany: "Demasiados códigos erróneos. Espera una hora y genera un código nuevo en Cuenta.",
  unlinked: "Este número ya no está vinculado a tu cuenta de studyAI. Para vincularlo de nuevo: vincular CÓDIGO",
  stopped: "Listo: sin más recordatorios. Envía *empezar* para recibirlos de nuevo, o *desvincular* para desconectar.",
  started: "Los recordatorios están activos otra vez.",
  noNotebook: "Aún no tienes cuadernos. Crea uno en {url}.",
  notebooks: "Tus cuadernos (envía *usar* y un número o nombre):",
  current: "actual",
  using: "Ahora estudias *{title}*.",
  notebookUnknown: "No encontré un cuaderno llamado “{name}”. Envía *cuadernos* para verlos.",
  sources: "Fuentes en *{title}*:",
  noSources: "*{title}* aún no tiene fuentes. Envía un PDF, un DOCX o un enlace.",
  noCards: "No hay tarjetas para hoy en *{title}*. ¡Bien hecho!",
  cardFront: "Tarjeta ({total} para hoy):\n\n{front}",
  showAnswer: "Ver respuesta",
  rate: "Valorar",
  again: "Otra vez",
  hard: "Difícil",
  good: "Bien",
  easy: "Fácil",
  rateHow: "¿Qué tan bien la sabías?",
  reviewed: "Próximo repaso en {days} día(s).",
  reviewedSoon: "La verás de nuevo en {minutes} min.",
  alreadyRated: "Esa tarjeta ya fue valorada.",
  docReceived: "Recibí *{title}*. Te aviso cuando esté listo para preguntas.",
  docExisting: "*{title}* ya está en este cuaderno.",
  docRefused: "No pude añadirlo: {reason}",
  docReady: "*{title}* está listo. Pregúntame.",
  docRejected: "*{title}* no se pudo añadir: {reason}",
  unsupported: "Leo mensajes, documentos PDF y DOCX y enlaces. Envía uno de esos.",
  messagesQuota:
    "¡Gracias por estudiar con nosotros! Este número ya usó sus {limit} mensajes de este mes. Vuelven el {date}.",
  contactsQuota: "¡Gracias por escribir! Este número de studyAI no puede aceptar contactos nuevos ahora.",
  questionsQuota: "Ya hiciste todas las preguntas que tu plan permite hoy. ¡Vuelve mañana!",
  busy: "No pude responder ahora. Inténtalo de nuevo en un minuto.",
  reminder: "Tienes {count} tarjeta(s) para repasar en *{title}*.",
  reviewNow: "Repasar ahora",
  sourcesLabel: "Fuentes",
  page: "pág. {page}",
};

export type ReplyKey = keyof typeof en;
const dictionaries: Record<ChannelLanguage, Replies> = { en, pt, es };

export function reply(lang: ChannelLanguage, key: ReplyKey, params: Record<string, string | number> = {}): string {
  return dictionaries[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
}

/** Calling codes of countries whose first language is Portuguese or Spanish: a first guess for a new number. */
const PT_CODES = ["55", "351", "244", "258", "238", "245", "239", "670"];
const ES_CODES = [
  "34",
  "52",
  "54",
  "56",
  "57",
  "51",
  "58",
  "593",
  "591",
  "595",
  "598",
  "502",
  "503",
  "504",
  "505",
  "506",
  "507",
  "53",
  "1809",
  "1829",
  "1849",
];

export function languageOfNumber(address: string): ChannelLanguage {
  const digits = address.replace(/\D/g, "");
  if (PT_CODES.some((c) => digits.startsWith(c))) return "pt";
  if (ES_CODES.some((c) => digits.startsWith(c))) return "es";
  return "en";
}
