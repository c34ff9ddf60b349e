// What the analytics count as what. Shown in the UI as they are written here, so the page and the
// numbers never disagree. Safe for client bundles.

export const STATUS_GROUPS = [
  {
    id: "completed",
    label: "Completed",
    statuses: ["completed", "ended", "ended_by_customer", "ended_by_assistant"],
    description: "The call was answered and ended normally: completed, ended, ended_by_customer or ended_by_assistant.",
    color: "var(--chart-1)",
  },
  {
    id: "no_answer",
    label: "No answer",
    statuses: ["no-answer", "busy"],
    description: "The other side was not reached: no-answer or busy.",
    color: "var(--chart-3)",
  },
  {
    id: "failed",
    label: "Failed",
    statuses: ["failed"],
    description: "WhatTalk could not place or carry the call: failed.",
    color: "var(--chart-4)",
  },
  {
    id: "in_progress",
    label: "In progress",
    statuses: ["initiated", "ringing", "in-progress"],
    description: "Still running when the numbers were computed: initiated, ringing or in-progress.",
    color: "var(--chart-5)",
  },
  {
    id: "other",
    label: "Other",
    statuses: [],
    description: "Any other status WhatTalk may send, or none.",
    color: "var(--chart-2)",
  },
] as const;

export type StatusGroupId = (typeof STATUS_GROUPS)[number]["id"];
export const STATUS_GROUP_IDS = STATUS_GROUPS.map((g) => g.id) as StatusGroupId[];

const GROUP_OF = new Map<string, StatusGroupId>(STATUS_GROUPS.flatMap((g) => g.statuses.map((s) => [s, g.id] as [string, StatusGroupId])));

/** The group of a WhatTalk status; unknown or missing statuses are "other". */
export function statusGroupOf(status: string | null | undefined): StatusGroupId {
  return (status && GROUP_OF.get(status)) || "other";
}

/** How the averages are taken (shown under the summary cards). */
export const AVERAGE_DEFINITIONS = {
  duration: "Average over calls with a duration (calls WhatTalk reports without one are left out).",
  cost: "Total cost (WhatTalk's total_cost) summed over calls; the average is per call that has a cost (failed and running calls have none).",
  score: "Average of the evaluation score over evaluated calls; calls without a score are left out.",
  completionRate: "Completed calls ÷ all calls.",
} as const;

export const NOT_EVALUATED = "Not evaluated";
export const NO_CAMPAIGN = "No campaign";
export const UNKNOWN_ASSISTANT = "Unknown assistant";
