import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { SectionCard } from "@/components/settings/section-card";
import { callRecordingUrl } from "@/components/api/team-api";
import type { CallDetailDTO } from "@/lib/calls/dto";
import { EMPTY, formatCallTimeFull, formatCost, formatDuration, humanize, wallClockOf } from "@/lib/calls/format";
import { JsonBlock } from "./json-block";
import { KeyValueTable } from "./key-value-table";
import { CallStatusBadge } from "./status-badge";
import { TranscriptView } from "./transcript-view";

function Fact({ label, children, copy, copyLabel }: { label: string; children: React.ReactNode; copy?: string | null; copyLabel?: string }) {
  return (
    <div className="grid grid-cols-[8.5rem_minmax(0,1fr)] items-center gap-2 border-b py-2 last:border-0">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="flex min-w-0 items-center gap-1 text-sm">
        <span className="min-w-0 break-words">{children}</span>
        {copy ? <CopyButton value={copy} label={copyLabel ?? `Copy ${label.toLowerCase()}`} className="-my-1" /> : null}
      </dd>
    </div>
  );
}

const dash = <span className="text-muted-foreground">{EMPTY}</span>;

function named(name: string | null, id: number | null) {
  if (!name && id === null) return dash;
  return (
    <>
      {name ?? "Unnamed"}
      {id !== null ? <span className="text-muted-foreground">{` #${id}`}</span> : null}
    </>
  );
}

/** One call: header, facts (with costs only when the DTO carries them), recording, transcript (a search's matches highlighted), evaluation, variables, webhook answer. */
export function CallDetail({ call, teamId, timeZone, search }: { call: CallDetailDTO; teamId: string; timeZone: string; search?: string | null }) {
  const created = formatCallTimeFull(call.createdAtLocal, timeZone);
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-semibold tracking-tight">{`Call ${call.id}`}</h1>
          <CallStatusBadge status={call.status} />
          {call.type ? <Badge variant="outline">{humanize(call.type)}</Badge> : null}
        </div>
        <p className="text-sm text-muted-foreground">
          {call.createdAtLocal ? <time dateTime={call.createdAt ?? undefined}>{created}</time> : "Time unknown"}
          {` · ${formatDuration(call.durationSeconds)}`}
          {call.assistantName ? ` · ${call.assistantName}` : null}
          {call.campaignName ? ` · ${call.campaignName}` : null}
        </p>
      </header>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="min-w-0 space-y-6">
          <SectionCard title="Recording">
            {call.hasRecording ? (
              <audio controls preload="metadata" src={callRecordingUrl(teamId, call.id)} className="w-full" aria-label={`Recording of call ${call.id}`}>
                Your browser cannot play this recording.
              </audio>
            ) : (
              <p className="text-sm text-muted-foreground">{call.live ? "The call is still in progress: the recording comes when it ends." : "This call has no recording."}</p>
            )}
          </SectionCard>
          <SectionCard title="Transcript">
            <TranscriptView transcript={call.transcript} search={search} />
          </SectionCard>
        </div>

        <div className="min-w-0 space-y-6">
          <SectionCard title="Details" description={`Times in ${timeZone}.`}>
            <CallFacts call={call} timeZone={timeZone} />
          </SectionCard>
          <SectionCard title="Evaluation">
            <KeyValueTable data={call.evaluation} caption="Evaluation of the call" empty="Not evaluated (yet)." />
          </SectionCard>
          <SectionCard title="Variables">
            <KeyValueTable data={call.variables} caption="Variables of the call" empty="No variables." />
          </SectionCard>
          <SectionCard title="Webhook response">
            {call.webhookResponse ? <JsonBlock value={call.webhookResponse} label="webhook response" /> : <p className="text-sm text-muted-foreground">No webhook response.</p>}
          </SectionCard>
        </div>
      </div>
    </div>
  );
}

function CallFacts({ call, timeZone }: { call: CallDetailDTO; timeZone: string }) {
  const hasCosts = "totalCost" in call || "carrierCost" in call;
  return (
    <dl>
      <Fact label="Status">
        <CallStatusBadge status={call.status} />
      </Fact>
      <Fact label="Type">{call.type ? humanize(call.type) : dash}</Fact>
      <Fact label="Created">{call.createdAtLocal ? formatCallTimeFull(call.createdAtLocal, timeZone) : dash}</Fact>
      <Fact label="Last updated">{call.updatedAt ? formatCallTimeFull(wallClockOf(call.updatedAt, timeZone), timeZone) : dash}</Fact>
      <Fact label="Duration">{formatDuration(call.durationSeconds)}</Fact>
      <Fact label="Assistant">{named(call.assistantName, call.assistantId)}</Fact>
      <Fact label="Campaign">{named(call.campaignName, call.campaignId)}</Fact>
      <Fact label="Customer phone" copy={call.clientPhone} copyLabel="Copy customer phone number">
        {call.clientPhone ? <span className="tabular-nums">{call.clientPhone}</span> : dash}
      </Fact>
      <Fact label="Assistant phone" copy={call.assistantPhone} copyLabel="Copy assistant phone number">
        {call.assistantPhone ? <span className="tabular-nums">{call.assistantPhone}</span> : dash}
      </Fact>
      <Fact label="Answered by">{call.answeredBy ? humanize(call.answeredBy) : dash}</Fact>
      <Fact label="Call ID" copy={String(call.id)} copyLabel="Copy call ID">
        <span className="tabular-nums">{call.id}</span>
      </Fact>
      {hasCosts ? (
        <>
          <Fact label="Total cost">
            <span className="tabular-nums">{formatCost(call.totalCost)}</span>
          </Fact>
          <Fact label="Carrier cost">
            <span className="tabular-nums">{formatCost(call.carrierCost)}</span>
          </Fact>
        </>
      ) : null}
    </dl>
  );
}
