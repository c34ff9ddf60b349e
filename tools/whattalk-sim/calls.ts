// The calls endpoints: list (filters, pagination), detail and delete.

import { CALL_STATUSES, CALL_TYPES } from "./data";
import { send, sendJson, sendPage, type Ctx } from "./http";
import { Validator } from "./laravel";

const callId = (raw: string): number | null => (/^\d{1,15}$/.test(raw) ? Number(raw) : null);

/** GET /api/user/calls: validated like Laravel, then filtered and paginated by the store. */
export function listCalls(ctx: Ctx, key: string) {
  const { store, faults } = ctx.sim;
  const ignoreAll = ctx.sim.activity.world.ignoreFilters;
  const v = new Validator(ctx.query.input);
  v.in("status", CALL_STATUSES, { string: true });
  v.in("type", CALL_TYPES, { string: true });
  v.string("phone_number");
  v.integer("assistant_id");
  v.integer("campaign_id");
  v.dateYmd("date_from");
  v.dateYmd("date_to");
  v.afterOrEqual("date_to", "date_from");
  v.integer("per_page", { min: 1, max: 100 });
  v.integer("page", { min: 1 });
  if (!v.ok) return sendJson(ctx, 422, v.body());

  const perPage = v.int("per_page", 15);
  const page = v.int("page", 1);
  const phone = v.str("phone_number")?.replace(/\s+/g, "");
  const { total, calls } = store.list(
    key,
    ignoreAll ? {} : {
      status: v.str("status"),
      type: v.str("type"),
      phone: phone || undefined,
      assistantId: v.has("assistant_id") && !faults.ignoreAssistantFilter ? v.int("assistant_id", 0) : undefined,
      campaignId: v.has("campaign_id") ? v.int("campaign_id", 0) : undefined,
      dateFrom: v.str("date_from"),
      dateTo: v.str("date_to"),
    },
    (page - 1) * perPage,
    perPage,
  );
  return sendPage(ctx, "/api/user/calls", {
    page,
    perPage,
    total,
    items: calls.map((c) => store.toJson(c, faults.documentedFieldsOnly, !ctx.sim.bulkKeys.has(key))),
  });
}

/** GET /api/user/calls/:id */
export function showCall(ctx: Ctx, key: string, rawId: string) {
  const { store, faults } = ctx.sim;
  const id = callId(rawId);
  const call = id === null ? undefined : store.get(key, id);
  if (!call) return sendJson(ctx, 404, { message: "Call not found" });
  return send(ctx, 200, store.toJson(call, faults.documentedFieldsOnly, !ctx.sim.bulkKeys.has(key)));
}

/** DELETE /api/user/calls/:id */
export function destroyCall(ctx: Ctx, key: string, rawId: string) {
  const id = callId(rawId);
  if (id === null || !ctx.sim.store.delete(key, id)) return sendJson(ctx, 404, { message: "Call not found" });
  return sendJson(ctx, 200, { message: "Call deleted successfully" });
}
