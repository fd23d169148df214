/** Community colours, shared by the map and the list (which must not import the renderer). */
import type { ConceptMapDto } from "$schemas/concepts";

/** Eight hues readable on a light background; concepts outside any community are grey. */
export const COMMUNITY_COLOURS = [
  "#2563eb",
  "#d97706",
  "#059669",
  "#db2777",
  "#7c3aed",
  "#0891b2",
  "#65a30d",
  "#dc2626",
];
const UNGROUPED = "#6b7280";

export function communityColour(map: ConceptMapDto, communityId: string | null): string {
  const index = communityId ? map.communities.findIndex((c) => c.id === communityId) : -1;
  return index >= 0 ? (COMMUNITY_COLOURS[index % COMMUNITY_COLOURS.length] as string) : UNGROUPED;
}
