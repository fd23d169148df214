/** Account settings' WhatsApp form actions: a link code, reminders off/on, unlink (they work without JavaScript). */
import { type Action, fail } from "@sveltejs/kit";
import { ApiError } from "$lib/server/api";
import { logFailure } from "$lib/server/log";
import { redirectIfSignedOut } from "$lib/server/require-session";
import { createLinkCode, setReminders, unlinkNumber } from "$lib/server/whatsapp";

const linkCode: Action = async (event) => {
  try {
    return { linkCode: await createLinkCode(event) };
  } catch (error) {
    redirectIfSignedOut(error, event.url);
    const status = error instanceof ApiError ? error.status : 502;
    if (status !== 429 && status !== 503) logFailure(event, "whatsapp link code failed", error);
    const reason = status === 429 ? "tooMany" : status === 503 ? "unavailable" : "error";
    return fail(status < 500 || status === 503 ? status : 502, { linkCodeError: reason });
  }
};

const reminders: Action = async (event) => {
  const form = await event.request.formData();
  const id = String(form.get("id") ?? "");
  if (!id) return fail(400, { phoneError: true });
  try {
    await setReminders(event, id, form.get("reminders") === "on");
    return { phoneSaved: true };
  } catch (error) {
    redirectIfSignedOut(error, event.url);
    logFailure(event, "whatsapp reminders failed", error);
    return fail(502, { phoneError: true });
  }
};

const unlinkPhone: Action = async (event) => {
  const form = await event.request.formData();
  const id = String(form.get("id") ?? "");
  const address = String(form.get("address") ?? "");
  if (!id) return fail(400, { phoneError: true });
  try {
    await unlinkNumber(event, id);
  } catch (error) {
    redirectIfSignedOut(error, event.url);
    // Already unlinked is what the student wanted.
    if (!(error instanceof ApiError && error.status === 404)) {
      logFailure(event, "whatsapp unlink failed", error);
      return fail(502, { phoneError: true });
    }
  }
  return { unlinked: address };
};

export const whatsappActions = { linkCode, reminders, unlinkPhone };
