import type { Messages } from "./en";

export const ptBR = {
  "app.name": "studyAI",
  "app.skipToContent": "Pular para o conteúdo",
  "nav.label": "Conta",
  "nav.signIn": "Entrar",
  "nav.signUp": "Criar conta",
  "home.title": "studyAI: estude com o seu próprio material",
  "home.description":
    "Transforme seus PDFs, anotações e páginas da web em respostas com citações da página exata, flashcards e quizzes.",
  "home.tagline": "Estude com o seu próprio material",
  "home.lead":
    "Coloque seus PDFs, anotações e páginas da web em um caderno. O studyAI lê tudo, responde às suas perguntas com citações que abrem a página exata e transforma o conteúdo em flashcards com repetição espaçada, quizzes e guias de estudo — no seu idioma.",
  "home.cta": "Criar uma conta grátis",
  "home.haveAccount": "Já estuda com a gente?",
  "status.label": "Status do serviço",
  "status.ok": "Tudo funcionando · versão {version}",
  "status.checkedAt": "verificado às {time} UTC",
  "status.down": "Não conseguimos falar com o serviço de estudos agora.",
  "status.downHint": "Seus cadernos estão seguros. Tente de novo em um minuto.",
  "status.retry": "Verificar de novo",
  "error.title": "Algo deu errado",
  "error.notFound.title": "Página não encontrada",
  "error.notFound.body": "A página que você procura não existe ou foi movida.",
  "error.generic.body":
    "Um erro inesperado interrompeu esta página. Não foi culpa sua, e nada do que você salvou foi perdido.",
  "error.code": "Erro {status}",
  "error.reference": "Código para o suporte: {id}",
  "error.home": "Voltar para a página inicial",
  "footer.tagline": "studyAI — aprenda com o que você lê.",
} satisfies Messages;
