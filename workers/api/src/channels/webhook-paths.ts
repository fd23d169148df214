/** The providers' webhook paths: signed by the provider, outside the session, CSRF and idempotency middleware. */
const WEBHOOK = /^\/v1\/channels\/[a-z-]+\/webhook\/?$/;

export const isChannelWebhook = (path: string) => WEBHOOK.test(path);
