// Per-assistant and per-campaign tables of the analytics. Works in server and client trees.
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { BreakdownRow } from "@/lib/analytics/aggregate";
import { formatCost, formatCount, formatDuration, formatScore } from "@/lib/calls/format";

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

export function BreakdownTable({ title, nameHeader, rows, costs }: { title: string; nameHeader: string; rows: BreakdownRow[]; costs: boolean }) {
  return (
    <Table>
      <TableCaption className="sr-only">{title}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead scope="col">{nameHeader}</TableHead>
          <TableHead scope="col" className="text-right">
            Calls
          </TableHead>
          <TableHead scope="col" className="text-right">
            Completion rate
          </TableHead>
          <TableHead scope="col" className="text-right">
            Avg. duration
          </TableHead>
          <TableHead scope="col" className="text-right">
            Avg. score
          </TableHead>
          {costs ? (
            <TableHead scope="col" className="text-right">
              Cost
            </TableHead>
          ) : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.length === 0 ? (
          <TableRow>
            <TableCell colSpan={costs ? 6 : 5} className="text-center text-muted-foreground">
              No calls.
            </TableCell>
          </TableRow>
        ) : (
          rows.map((r) => (
            <TableRow key={r.key}>
              <TableHead scope="row" className="font-normal">
                {r.label}
                {r.id !== null && !r.label.endsWith(String(r.id)) ? <span className="ml-1 text-xs text-muted-foreground">#{r.id}</span> : null}
              </TableHead>
              <TableCell className="text-right tabular-nums">{formatCount(r.calls)}</TableCell>
              <TableCell className="text-right tabular-nums">{percent(r.completionRate)}</TableCell>
              <TableCell className="text-right tabular-nums">{formatDuration(r.averageDurationSeconds)}</TableCell>
              <TableCell className="text-right tabular-nums">{formatScore(r.averageScore)}</TableCell>
              {costs ? <TableCell className="text-right tabular-nums">{formatCost(r.totalCost)}</TableCell> : null}
            </TableRow>
          ))
        )}
      </TableBody>
    </Table>
  );
}
