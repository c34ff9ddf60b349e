// One autocannon run in its own process (so the load generator never shares an event loop with the
// simulator or the embedded database). Reads a LoadSpec as JSON on stdin, prints a LoadResult as
// JSON on the last line of stdout. Started by load.ts.
import autocannon from "autocannon";
import type { KindStats, LoadRequest, LoadResult, LoadSpec } from "./load";
import { summarise } from "./stats";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Why a non-2xx answer was given: the portal's `error.code` (and `error.upstream`), if any. */
function reasonOf(status: number, body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: string; upstream?: string } };
    if (parsed.error?.code) return `${status} ${parsed.error.code}${parsed.error.upstream ? `/${parsed.error.upstream}` : ""}`;
  } catch {
    /* not JSON */
  }
  return `${status}`;
}

function sessionsOf(spec: LoadSpec): { cookie?: string; requests: LoadRequest[] }[] {
  if (spec.sessions?.length) return spec.sessions;
  const requests = (spec.paths ?? []).map((path) => ({ path }));
  return (spec.cookies?.length ? spec.cookies : [undefined]).map((cookie) => ({ cookie, requests }));
}

function run(spec: LoadSpec, durationSeconds: number, record: boolean): Promise<Omit<LoadResult, "spec">> {
  const url = new URL(spec.url);
  const sessions = sessionsOf(spec);
  const latencies: number[] = [];
  const ok: number[] = [];
  const statuses: Record<string, number> = {};
  const reasons: Record<string, number> = {};
  const kinds: Record<string, { latencies: number[]; statuses: Record<string, number> }> = {};
  const lastKind = new WeakMap<object, { kind: string; status: number }>();
  let clientIndex = 0;
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const instance = autocannon(
      {
        url: url.origin,
        connections: spec.connections,
        duration: durationSeconds,
        pipelining: 1,
        timeout: spec.timeoutSeconds ?? 30,
        ...(spec.connectionRate ? { connectionRate: spec.connectionRate } : {}),
        setupClient: (client: autocannon.Client) => {
          const i = clientIndex++;
          const session = sessions[i % sessions.length];
          const list = session.requests;
          // Each connection walks its list from its own offset.
          let n = (i * 7919) % list.length;
          const state = { kind: "", status: 0 };
          lastKind.set(client, state);
          client.setRequests([
            {
              method: "GET",
              path: list[n].path,
              headers: { ...(spec.headers ?? {}), ...(session.cookie ? { cookie: session.cookie } : {}) },
              setupRequest: (req: autocannon.Request) => {
                const next = list[n];
                n = (n + 1) % list.length;
                state.kind = next.kind ?? "";
                return { ...req, path: next.path };
              },
              onResponse: (status: number, body: string) => {
                state.status = status;
                if (!record) return;
                statuses[status] = (statuses[status] ?? 0) + 1;
                if (status >= 300) {
                  const r = reasonOf(status, body);
                  reasons[r] = (reasons[r] ?? 0) + 1;
                }
              },
            },
          ]);
        },
      },
      (error: Error | null, result: autocannon.Result) => {
        if (error) return reject(error);
        const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
        const byKind: Record<string, KindStats> = {};
        for (const [k, v] of Object.entries(kinds)) byKind[k] = { requests: v.latencies.length, latency: summarise(v.latencies), statuses: v.statuses };
        resolve({
          durationSeconds: elapsed,
          requests: latencies.length,
          rps: latencies.length / elapsed,
          latency: summarise(latencies),
          latency2xx: summarise(ok),
          statuses,
          reasons,
          byKind,
          errors: result.errors,
          timeouts: result.timeouts,
        });
      },
    );
    // Fired right after the request's onResponse (same client, pipelining 1).
    instance.on("response", (client: autocannon.Client, status: number, _bytes: number, responseTime: number) => {
      if (!record) return;
      latencies.push(responseTime);
      if (status >= 200 && status < 300) ok.push(responseTime);
      const state = lastKind.get(client);
      if (state?.kind) {
        const k = (kinds[state.kind] ??= { latencies: [], statuses: {} });
        k.latencies.push(responseTime);
        k.statuses[status] = (k.statuses[status] ?? 0) + 1;
      }
    });
  });
}

async function main() {
  const spec = JSON.parse(await readStdin()) as LoadSpec;
  if (spec.warmupSeconds) await run(spec, spec.warmupSeconds, false);
  const result = await run(spec, spec.durationSeconds, true);
  process.stdout.write(`\n${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
