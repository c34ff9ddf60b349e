// The analytics' summary cards. Works in server and client trees.
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { AnalyticsData } from "@/lib/analytics/aggregate";
import { AVERAGE_DEFINITIONS, STATUS_GROUPS } from "@/lib/analytics/definitions";
import { formatCost, formatCount, formatDuration, formatScore } from "@/lib/calls/format";

const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);

function Stat({ label, value, detail, testId }: { label: string; value: string; detail?: React.ReactNode; testId: string }) {
  return (
    <Card className="gap-2 py-4" data-testid={testId}>
      <CardHeader className="px-4">
        <CardDescription>
          <h3>{label}</h3>
        </CardDescription>
        <CardTitle className="text-2xl tabular-nums">{value}</CardTitle>
      </CardHeader>
      {detail ? <CardContent className="px-4 text-xs text-muted-foreground">{detail}</CardContent> : null}
    </Card>
  );
}

function totalDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.round((seconds % 3600) / 60);
  return h ? `${formatCount(h)} h ${m} min` : `${m} min`;
}

export function SummaryCards({ data }: { data: AnalyticsData }) {
  const completed = STATUS_GROUPS.find((g) => g.id === "completed")!;
  const answered = data.answeredBy.human + data.answeredBy.machine;
  return (
    <section aria-labelledby="summary-title" className="space-y-2">
      <h2 id="summary-title" className="sr-only">
        Summary
      </h2>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Stat testId="total-calls" label="Total calls" value={formatCount(data.totalCalls)} detail={data.groups.in_progress ? `${formatCount(data.groups.in_progress)} still in progress` : undefined} />
        <Stat testId="completed-share" label="Completed" value={pct(data.shares.completed)} detail={`${formatCount(data.groups.completed)} calls: ${completed.statuses.join(", ")}`} />
        <Stat testId="no-answer-share" label="No answer" value={pct(data.shares.noAnswer)} detail={`${formatCount(data.groups.no_answer)} calls: no-answer, busy`} />
        <Stat testId="failed-share" label="Failed" value={pct(data.shares.failed)} detail={`${formatCount(data.groups.failed)} calls`} />
        <Stat
          testId="answered-by"
          label="Answered by human / machine"
          value={`${formatCount(data.answeredBy.human)} / ${formatCount(data.answeredBy.machine)}`}
          detail={answered ? `${pct(data.answeredBy.human / answered)} human; ${formatCount(data.answeredBy.unknown)} calls not reported` : `${formatCount(data.answeredBy.unknown)} calls not reported`}
        />
        <Stat testId="average-duration" label="Average duration" value={formatDuration(data.duration.averageSeconds)} detail={`${totalDuration(data.duration.totalSeconds)} in total`} />
        {data.cost ? (
          <Stat testId="total-cost" label="Total cost" value={formatCost(data.cost.total)} detail={`${formatCost(data.cost.average)} per call with a cost (${formatCount(data.cost.calls)} calls)`} />
        ) : null}
        <Stat testId="average-score" label="Average evaluation score" value={formatScore(data.score.average)} detail={`${formatCount(data.score.calls)} scored calls`} />
      </div>
      <details className="text-sm text-muted-foreground">
        <summary className="cursor-pointer hover:text-foreground">How these numbers are counted</summary>
        <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
          {STATUS_GROUPS.map((g) => (
            <div key={g.id} className="contents">
              <dt className="font-medium text-foreground">{g.label}</dt>
              <dd>{g.description}</dd>
            </div>
          ))}
          <dt className="font-medium text-foreground">Duration</dt>
          <dd>{AVERAGE_DEFINITIONS.duration}</dd>
          <dt className="font-medium text-foreground">Cost</dt>
          <dd>{AVERAGE_DEFINITIONS.cost}</dd>
          <dt className="font-medium text-foreground">Score</dt>
          <dd>{AVERAGE_DEFINITIONS.score}</dd>
          <dt className="font-medium text-foreground">Completion rate</dt>
          <dd>{AVERAGE_DEFINITIONS.completionRate}</dd>
          <dt className="font-medium text-foreground">Days</dt>
          <dd>Calls are counted on the day of their start time in the team&apos;s time zone (WhatTalk&apos;s account time).</dd>
        </dl>
      </details>
    </section>
  );
}
