import type { MessageKey } from "$lib/i18n";

/** The notebook workspace's three panels, in order (tabs on a phone, columns on a desktop). */
export type Panel = "sources" | "chat" | "study";

export const PANELS: { id: Panel; label: MessageKey }[] = [
  { id: "sources", label: "workspace.tab.sources" },
  { id: "chat", label: "workspace.tab.chat" },
  { id: "study", label: "workspace.tab.study" },
];

export const isPanel = (value: string | null): value is Panel => PANELS.some((p) => p.id === value);
