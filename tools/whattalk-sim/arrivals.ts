// New calls arriving over time: Poisson arrivals per account, each a live call drawn like the
// history's (assistant, campaign, customer, then its final content from evolve.ts).

import { NOT_YET_KNOWN } from "./new-call";
import { makeCustomer } from "./customers";
import type { CallStatus, CallType } from "./data";
import type { Draft } from "./draft";
import { finalDraft } from "./evolve";
import type { Random } from "./prng";
import type { AccountSeed } from "./seeds";
import { formatInZone } from "./tz";

/** Milliseconds to the next event of a Poisson process with `perHour` events an hour. */
export function poissonGap(r: Random, perHour: number): number {
  return Math.max(1000, Math.round((-Math.log(1 - r.float()) * 3_600_000) / perHour));
}

export interface Arrival {
  /** The fields of the new (live) call, for CallStore.add. */
  fields: Record<string, unknown>;
  /** What the call will be once finished. */
  draft: Draft;
  type: CallType;
  from: CallStatus;
}

/** A call arriving at instant `at` (ms): outbound calls start `initiated`, inbound `ringing`, web `initiated`. */
export function arrivalOf(r: Random, seedDef: AccountSeed, at: number): Arrival {
  const type = r.weighted(seedDef.types);
  const assistantId = r.weighted(seedDef.byType[type]);
  const assistant = seedDef.assistants.find((a) => a.id === assistantId)!;
  const running = seedDef.campaigns.filter((c) => c.assistant_id === assistant.id && c.activeDays[1] === 0);
  const campaignRoll = r.float();
  const campaign = type === "outbound" && running.length > 0 && campaignRoll < 0.8 ? running[Math.floor(r.float() * running.length)] : null;
  const customer = makeCustomer(r, seedDef.customerMix, seedDef.region);
  const draft = finalDraft(r, seedDef, { type, assistant, campaign, customer, at, answeredOnly: false });
  const from: CallStatus = type === "inbound" ? "ringing" : "initiated";
  const created = formatInZone(at, seedDef.timeZone);
  const c = draft.call;
  return {
    type,
    from,
    draft,
    fields: {
      assistant_name: c.assistant_name,
      campaign_name: c.campaign_name,
      type,
      duration: 0,
      assistant_phone_number: c.assistant_phone_number,
      client_phone_number: c.client_phone_number,
      status: from,
      variables: c.variables,
      ...NOT_YET_KNOWN,
      created_at: created,
      updated_at: created,
      assistant_id: c.assistant_id,
      campaign_id: c.campaign_id,
    },
  };
}
