"use client";

// The analytics charts (recharts), each a <figure> with its title as caption, an accessible
// summary, and the same numbers as a table under "Show as table". Colours are the theme's
// --chart-1..5 variables, so dark mode follows.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { DayRow, Distribution } from "@/lib/analytics/aggregate";
import { STATUS_GROUPS } from "@/lib/analytics/definitions";
import { formatCount, humanize } from "@/lib/calls/format";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const shortDay = (date: string) => `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]}`;

const tooltipStyle = {
  contentStyle: { background: "var(--popover)", color: "var(--popover-foreground)", border: "1px solid var(--border)", borderRadius: 8, fontSize: 12 },
  labelStyle: { color: "var(--popover-foreground)", fontWeight: 600 },
  cursor: { fill: "var(--muted)", opacity: 0.5 },
};
const axisTick = { fill: "var(--muted-foreground)", fontSize: 12 };

function ChartFigure({ id, title, summary, children, table, height = 256 }: { id: string; title: string; summary: string; children: React.ReactNode; table: React.ReactNode; height?: number }) {
  return (
    <figure aria-labelledby={`${id}-title`} className="flex flex-col gap-3" data-chart={id}>
      <figcaption id={`${id}-title`} className="text-base font-semibold">
        {title}
      </figcaption>
      <div role="img" aria-label={summary} className="w-full" style={{ height }}>
        {children}
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer text-muted-foreground hover:text-foreground">Show as table</summary>
        <div className="mt-2 max-h-80 overflow-auto">{table}</div>
      </details>
    </figure>
  );
}

export function CallsPerDayChart({ days }: { days: DayRow[] }) {
  const busiest = days.reduce<DayRow | null>((best, d) => (!best || d.total > best.total ? d : best), null);
  const total = days.reduce((s, d) => s + d.total, 0);
  const summary = `Stacked bar chart of calls per day by status, ${days.length} days, ${formatCount(total)} calls${busiest && busiest.total ? `; busiest day ${busiest.date} with ${formatCount(busiest.total)} calls` : ""}.`;
  const data = days.map((d) => ({ ...d, label: shortDay(d.date) }));
  return (
    <ChartFigure
      id="calls-per-day"
      title="Calls per day by status"
      summary={summary}
      table={
        <Table>
          <caption className="sr-only">Calls per day by status</caption>
          <TableHeader>
            <TableRow>
              <TableHead scope="col">Day</TableHead>
              {STATUS_GROUPS.map((g) => (
                <TableHead key={g.id} scope="col" className="text-right">
                  {g.label}
                </TableHead>
              ))}
              <TableHead scope="col" className="text-right">
                Total
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {days.map((d) => (
              <TableRow key={d.date}>
                <TableCell>{d.date}</TableCell>
                {STATUS_GROUPS.map((g) => (
                  <TableCell key={g.id} className="text-right tabular-nums">
                    {formatCount(d[g.id])}
                  </TableCell>
                ))}
                <TableCell className="text-right font-medium tabular-nums">{formatCount(d.total)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -12 }}>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis dataKey="label" tick={axisTick} tickLine={false} axisLine={false} interval="preserveStartEnd" minTickGap={16} />
          <YAxis tick={axisTick} tickLine={false} axisLine={false} allowDecimals={false} />
          <Tooltip {...tooltipStyle} />
          <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
          {STATUS_GROUPS.map((g, i) => (
            <Bar key={g.id} dataKey={g.id} name={g.label} stackId="status" fill={g.color} radius={i === STATUS_GROUPS.length - 1 ? [3, 3, 0, 0] : 0} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

export function DistributionChart({ id, title, items, color }: { id: string; title: string; items: Distribution; color: string }) {
  const total = items.reduce((s, i) => s + i.count, 0);
  const data = items.map((i) => ({ ...i, name: i.key ? humanize(i.label) : i.label }));
  const summary = `Bar chart of ${title.toLowerCase()}: ${data.map((d) => `${d.name} ${formatCount(d.count)}`).join(", ") || "no calls"}.`;
  return (
    <ChartFigure
      id={id}
      title={title}
      summary={summary}
      height={Math.max(160, data.length * 30 + 40)}
      table={
        <Table>
          <caption className="sr-only">{title}</caption>
          <TableHeader>
            <TableRow>
              <TableHead scope="col">Value</TableHead>
              <TableHead scope="col" className="text-right">
                Calls
              </TableHead>
              <TableHead scope="col" className="text-right">
                Share
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.map((d) => (
              <TableRow key={d.key || "none"}>
                <TableCell>{d.name}</TableCell>
                <TableCell className="text-right tabular-nums">{formatCount(d.count)}</TableCell>
                <TableCell className="text-right tabular-nums">{total ? `${((d.count / total) * 100).toFixed(1)}%` : "—"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid horizontal={false} stroke="var(--border)" />
          <XAxis type="number" tick={axisTick} tickLine={false} axisLine={false} allowDecimals={false} />
          <YAxis type="category" dataKey="name" tick={axisTick} tickLine={false} axisLine={false} width={140} interval={0} />
          <Tooltip {...tooltipStyle} />
          <Bar dataKey="count" name="Calls" fill={color} radius={[0, 3, 3, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
