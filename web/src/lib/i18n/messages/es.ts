import type { Messages } from "./en";

export const es = {
  "app.name": "studyAI",
  "app.skipToContent": "Saltar al contenido",
  "nav.label": "Cuenta",
  "nav.signIn": "Iniciar sesión",
  "nav.signUp": "Crear cuenta",
  "home.title": "studyAI: estudia con tu propio material",
  "home.description":
    "Convierte tus PDF, apuntes y páginas web en respuestas con citas a la página exacta, tarjetas de estudio y cuestionarios.",
  "home.tagline": "Estudia con tu propio material",
  "home.lead":
    "Pon tus PDF, apuntes y páginas web en un cuaderno. studyAI los lee, responde a tus preguntas con citas que abren la página exacta y los convierte en tarjetas con repetición espaciada, cuestionarios y guías de estudio, en tu idioma.",
  "home.cta": "Crear una cuenta gratis",
  "home.haveAccount": "¿Ya estudias con nosotros?",
  "status.label": "Estado del servicio",
  "status.ok": "Todo funciona · versión {version}",
  "status.checkedAt": "comprobado a las {time} UTC",
  "status.down": "No podemos conectar con el servicio de estudio en este momento.",
  "status.downHint": "Tus cuadernos están a salvo. Inténtalo de nuevo en un minuto.",
  "status.retry": "Comprobar de nuevo",
  "error.title": "Algo salió mal",
  "error.notFound.title": "Página no encontrada",
  "error.notFound.body": "La página que buscas no existe o se ha movido.",
  "error.generic.body":
    "Un error inesperado detuvo esta página. No es culpa tuya y no se ha perdido nada de lo que guardaste.",
  "error.code": "Error {status}",
  "error.reference": "Referencia para soporte: {id}",
  "error.home": "Volver a la página de inicio",
  "footer.tagline": "studyAI: aprende de lo que lees.",
} satisfies Messages;
