import { cn } from "@/lib/utils";

/** A value of a free-form WhatTalk object: text as is, nested values as pretty JSON. */
function Value({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="text-muted-foreground">null</span>;
  if (typeof value === "string") return value === "" ? <span className="text-muted-foreground">(empty)</span> : <span className="break-words whitespace-pre-wrap">{value}</span>;
  if (typeof value === "number" || typeof value === "boolean") return <span className="tabular-nums">{String(value)}</span>;
  return <pre className="overflow-x-auto rounded bg-muted/50 p-2 font-mono text-xs">{JSON.stringify(value, null, 2)}</pre>;
}

/** Keys and values of a free-form object (variables, evaluation); "None" when empty. */
export function KeyValueTable({ data, caption, empty = "None.", className }: { data: Record<string, unknown>; caption: string; empty?: string; className?: string }) {
  const entries = Object.entries(data);
  if (entries.length === 0) return <p className="text-sm text-muted-foreground">{empty}</p>;
  return (
    <table className={cn("w-full text-sm", className)}>
      <caption className="sr-only">{caption}</caption>
      <thead className="sr-only">
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k} className="border-b align-top last:border-0">
            <th scope="row" className="w-2/5 py-2 pr-3 text-left font-medium break-words text-muted-foreground">
              {k}
            </th>
            <td className="max-w-0 py-2">
              <Value value={v} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
