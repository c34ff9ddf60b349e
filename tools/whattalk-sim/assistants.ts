// The assistants endpoints: the paginated list and the phone numbers (both 404 under assistants404).

import type { SimAccount } from "./data";
import { routeNotFound, sendJson, sendPage, type Ctx } from "./http";
import { Validator } from "./laravel";

/** GET /api/user/assistants/get */
export function listAssistants(ctx: Ctx, account: SimAccount) {
  if (ctx.sim.faults.assistants404) return routeNotFound(ctx);
  const v = new Validator(ctx.query.input);
  v.integer("per_page", { min: 1, max: 100 });
  v.integer("page", { min: 1 });
  if (!v.ok) return sendJson(ctx, 422, v.body());
  const perPage = v.int("per_page", 10);
  const page = v.int("page", 1);
  const items = [...account.assistants].sort((a, b) => a.id - b.id);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  return sendPage(ctx, "/api/user/assistants/get", {
    page,
    perPage,
    total: items.length,
    items: slice.map((a) => Buffer.from(JSON.stringify(a))),
  });
}

/** GET /api/user/assistants/phone-numbers */
export function listPhoneNumbers(ctx: Ctx, account: SimAccount) {
  if (ctx.sim.faults.assistants404) return routeNotFound(ctx);
  const v = new Validator(ctx.query.input);
  v.in("type", ["inbound", "outbound"]);
  if (!v.ok) return sendJson(ctx, 422, v.body());
  const type = v.str("type");
  const list = account.phoneNumbers.filter((p) => type === undefined || p.type === type).sort((a, b) => a.id - b.id);
  return sendJson(ctx, 200, list);
}
