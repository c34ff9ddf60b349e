"use client";

import { RefreshCwIcon, XIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { toast } from "@/components/ui/sonner";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { FieldError, fieldA11y } from "@/components/accounts/field-error";
import * as teamApi from "@/components/api/team-api";
import type { DirectoryEntry, DirectoryKind } from "@/lib/directory/types";

const SOURCE: Record<DirectoryEntry["source"], { label: string; variant: "info" | "secondary" | "outline" }> = {
  SYNC: { label: "Synced", variant: "info" },
  MANUAL: { label: "Added by hand", variant: "secondary" },
  LEARNED: { label: "Learned from calls", variant: "outline" },
};

const NOUN: Record<DirectoryKind, { one: string; many: string }> = {
  assistant: { one: "assistant", many: "assistants" },
  campaign: { one: "campaign", many: "campaigns" },
};

/** "Sync from WhatTalk" with the time and error of the last sync. */
export function SyncPanel({ teamId, syncedAt, error, connected }: { teamId: string; syncedAt: string | null; error: string | null; connected: boolean }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);

  async function onSync() {
    setPending(true);
    const res = await teamApi.syncDirectory(teamId);
    setPending(false);
    if (!res.ok) toast.error(res.error.message);
    else if (res.data.sync.status === "synced") {
      const s = res.data.sync;
      toast.success(`Synced ${s.total} assistant${s.total === 1 ? "" : "s"} from WhatTalk (${s.added} new, ${s.removed} removed).`);
    } else toast.warning(res.data.sync.message);
    router.refresh();
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" onClick={() => void onSync()} disabled={pending || !connected}>
          <RefreshCwIcon aria-hidden="true" className={pending ? "animate-spin" : undefined} />
          {pending ? "Syncing…" : "Sync from WhatTalk"}
        </Button>
        <p className="text-sm text-muted-foreground">{syncedAt ? `Last synced ${syncedAt}.` : "Never synced."}</p>
      </div>
      {!connected ? (
        <Alert>
          <AlertDescription>Connect the team to WhatTalk (Settings → WhatTalk connection) to sync its assistants. You can still add them by hand.</AlertDescription>
        </Alert>
      ) : null}
      {error ? (
        <Alert variant="warning">
          <AlertTitle>The last sync did not work</AlertTitle>
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      ) : null}
    </div>
  );
}

/** One directory table (assistants or campaigns) with remove buttons and an "add by hand" form. */
export function DirectoryList({ teamId, kind, entries }: { teamId: string; kind: DirectoryKind; entries: DirectoryEntry[] }) {
  const router = useRouter();
  const uid = useId();
  const noun = NOUN[kind];
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [id, setId] = useState("");
  const [name, setName] = useState("");

  async function onAdd(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    const res = await teamApi.addDirectoryEntry(teamId, kind, { id: id.trim(), name });
    setPending(false);
    if (!res.ok) {
      setErrors(res.error.fieldErrors ?? {});
      if (!res.error.fieldErrors) toast.error(res.error.message);
      return;
    }
    setErrors({});
    setId("");
    setName("");
    toast.success(`Added ${noun.one} ${res.data[kind].id}.`);
    router.refresh();
  }

  async function onRemove(entry: DirectoryEntry) {
    const res = await teamApi.removeDirectoryEntry(teamId, kind, entry.id);
    if (!res.ok) {
      toast.error(res.error.message);
      return;
    }
    toast.success(`Removed ${noun.one} ${entry.id}.`);
    router.refresh();
  }

  return (
    <div className="space-y-4">
      <EntriesTable kind={kind} entries={entries} onRemove={(e) => void onRemove(e)} />
      <form onSubmit={onAdd} className="flex flex-wrap items-end gap-3" noValidate aria-label={`Add a ${noun.one}`}>
        <div className="w-32 space-y-2">
          <Label htmlFor={`${uid}-id`}>WhatTalk id</Label>
          <Input id={`${uid}-id`} inputMode="numeric" value={id} onChange={(e) => setId(e.target.value)} autoComplete="off" {...fieldA11y(`${uid}-id`, errors.id)} />
        </div>
        <div className="min-w-48 flex-1 space-y-2">
          <Label htmlFor={`${uid}-name`}>Name</Label>
          <Input id={`${uid}-name`} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" {...fieldA11y(`${uid}-name`, errors.name)} />
        </div>
        <Button type="submit" variant="outline" disabled={pending}>
          {pending ? "Adding…" : `Add ${noun.one}`}
        </Button>
        <div className="basis-full space-y-1">
          <FieldError id={`${uid}-id-error`} messages={errors.id} />
          <FieldError id={`${uid}-name-error`} messages={errors.name} />
        </div>
      </form>
    </div>
  );
}

function EntriesTable({ kind, entries, onRemove }: { kind: DirectoryKind; entries: DirectoryEntry[]; onRemove: (entry: DirectoryEntry) => void }) {
  const noun = NOUN[kind];
  return entries.length ? (
    <Table aria-label={`${noun.many[0].toUpperCase()}${noun.many.slice(1)}`}>
      <TableHeader>
        <TableRow>
          <TableHead className="w-28">WhatTalk id</TableHead>
          <TableHead>Name</TableHead>
          <TableHead className="w-40">Source</TableHead>
          <TableHead className="w-12">
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {entries.map((e) => (
          <TableRow key={e.id}>
            <TableCell className="font-mono tabular-nums">{e.id}</TableCell>
            <TableCell>{e.name}</TableCell>
            <TableCell>
              <Badge variant={SOURCE[e.source].variant}>{SOURCE[e.source].label}</Badge>
            </TableCell>
            <TableCell>
              <Button type="button" variant="ghost" size="icon-sm" aria-label={`Remove ${noun.one} ${e.id} (${e.name})`} onClick={() => onRemove(e)}>
                <XIcon aria-hidden="true" />
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  ) : (
    <p className="text-sm text-muted-foreground">No {noun.many} yet.</p>
  );
}
