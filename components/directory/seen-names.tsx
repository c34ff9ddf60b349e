"use client";

import { PlusIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { toast } from "@/components/ui/sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { FieldError, fieldA11y } from "@/components/accounts/field-error";
import * as teamApi from "@/components/api/team-api";
import { useApiForm } from "@/components/api/use-api-form";
import type { DirectoryKind } from "@/lib/directory/types";

/** A seen name as the page shows it (counts and times already formatted in the team's zone). */
export type SeenNameRow = { name: string; calls: string; lastSeen: string };

const NOUN: Record<DirectoryKind, { one: string; many: string; use: string }> = {
  assistant: {
    one: "assistant",
    many: "Assistants",
    use: "Add one with its WhatTalk id to use it in the call filters and agent assignments (an agent's calls without an assistant id are matched by this name).",
  },
  campaign: { one: "campaign", many: "Campaigns", use: "Add one with its WhatTalk id to use it in the call filters." },
};

/**
 * Names WhatTalk's calls carry without an id, not in the directory yet, each with a one-step "add
 * with id" (the name is taken as seen; the admin types the id). An added name leaves the list.
 */
export function SeenNames({ teamId, kind, rows }: { teamId: string; kind: DirectoryKind; rows: SeenNameRow[] }) {
  const headingId = useId();
  if (rows.length === 0) return null;
  const noun = NOUN[kind];
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <div className="space-y-1">
        <h3 id={headingId} className="text-sm font-medium">
          {`${noun.many} seen in calls, not in the directory yet`}
        </h3>
        <p className="text-sm text-muted-foreground">
          {`WhatTalk's calls name these ${noun.one}s without their id. ${noun.use}`}
        </p>
      </div>
      <Table aria-label={`Seen in calls: ${noun.one} names`}>
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead className="w-24 text-right">Calls</TableHead>
            <TableHead className="w-44">Last seen</TableHead>
            <TableHead className="w-72">WhatTalk id</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <SeenNameItem key={row.name} teamId={teamId} kind={kind} row={row} />
          ))}
        </TableBody>
      </Table>
    </section>
  );
}

function SeenNameItem({ teamId, kind, row }: { teamId: string; kind: DirectoryKind; row: SeenNameRow }) {
  const router = useRouter();
  const uid = useId();
  const noun = NOUN[kind];
  const { pending, errors, submit } = useApiForm();
  const [id, setId] = useState("");

  async function onAdd(event: React.FormEvent) {
    event.preventDefault();
    const res = await submit(() => teamApi.addDirectoryEntry(teamId, kind, { id: id.trim(), name: row.name }));
    if (!res) return;
    toast.success(`Added ${noun.one} ${res.data[kind].id} (${res.data[kind].name}).`);
    router.refresh();
  }

  // The name is not editable here (it must match the calls); a name error is shown with the id's.
  const messages = [...(errors.id ?? []), ...(errors.name ?? [])];
  return (
    <TableRow>
      <TableCell className="font-medium">{row.name}</TableCell>
      <TableCell className="text-right tabular-nums">{row.calls}</TableCell>
      <TableCell className="text-muted-foreground">{row.lastSeen}</TableCell>
      <TableCell>
        <form onSubmit={onAdd} noValidate aria-label={`Add ${noun.one} “${row.name}” with its id`} className="space-y-1">
          <div className="flex items-center gap-2">
            <Input
              id={`${uid}-id`}
              aria-label="WhatTalk id"
              inputMode="numeric"
              autoComplete="off"
              placeholder="id"
              className="w-28"
              value={id}
              onChange={(e) => setId(e.target.value)}
              {...fieldA11y(`${uid}-id`, messages.length ? messages : undefined)}
            />
            <Button type="submit" variant="outline" size="sm" disabled={pending}>
              <PlusIcon aria-hidden="true" />
              {pending ? "Adding…" : "Add with id"}
            </Button>
          </div>
          <FieldError id={`${uid}-id-error`} messages={messages} />
        </form>
      </TableCell>
    </TableRow>
  );
}
