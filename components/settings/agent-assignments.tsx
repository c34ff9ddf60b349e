"use client";

import { XIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { toast } from "@/components/ui/sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { FieldError, fieldA11y } from "@/components/accounts/field-error";
import * as teamApi from "@/components/api/team-api";

type Assignment = { assistantId: number; label: string };

/** One agent's assigned assistants: remove one, or add one by WhatTalk id and label. */
export function AgentAssignments({
  teamId,
  agent,
  suggestions,
}: {
  teamId: string;
  agent: { membershipId: string; name: string; email: string; assignments: Assignment[] };
  suggestions: { assistantId: number; name: string }[];
}) {
  const router = useRouter();
  const uid = useId();
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [assistantId, setAssistantId] = useState("");
  const [label, setLabel] = useState("");

  async function save(next: Assignment[], message: string): Promise<boolean> {
    setPending(true);
    const res = await teamApi.setAssignments(teamId, agent.membershipId, next);
    setPending(false);
    if (!res.ok) {
      const fe = res.error.fieldErrors ?? {};
      const index = next.length - 1;
      setErrors({ assistantId: fe[`${index}.assistantId`] ?? [], label: fe[`${index}.label`] ?? [] });
      if (!fe[`${index}.assistantId`] && !fe[`${index}.label`]) toast.error(res.error.message);
      return false;
    }
    setErrors({});
    toast.success(message);
    router.refresh();
    return true;
  }

  function onIdChange(value: string) {
    setAssistantId(value);
    const known = suggestions.find((s) => String(s.assistantId) === value.trim());
    if (known && !label) setLabel(known.name);
  }

  async function onAdd(event: React.FormEvent) {
    event.preventDefault();
    const id = Number(assistantId.trim());
    if (agent.assignments.some((a) => a.assistantId === id)) {
      setErrors({ assistantId: [`Assistant ${id} is already assigned.`] });
      return;
    }
    const ok = await save([...agent.assignments, { assistantId: assistantId.trim() === "" ? NaN : id, label }], `Assistant ${id} assigned to ${agent.name}.`);
    if (ok) {
      setAssistantId("");
      setLabel("");
    }
  }

  return (
    <section aria-labelledby={`${uid}-title`} className="space-y-3 rounded-lg border p-4">
      <div>
        <h3 id={`${uid}-title`} className="font-medium">
          {agent.name}
        </h3>
        <p className="text-xs text-muted-foreground">{agent.email}</p>
      </div>
      <AssignedList agent={agent} pending={pending} onRemove={(a) => void save(agent.assignments.filter((x) => x.assistantId !== a.assistantId), `Assistant ${a.assistantId} unassigned from ${agent.name}.`)} />
      <form onSubmit={onAdd} className="flex flex-col gap-2 sm:flex-row sm:items-start" noValidate>
        <AssistantIdField id={`${uid}-id`} listId={`${uid}-suggestions`} value={assistantId} onChange={onIdChange} suggestions={suggestions} errors={errors.assistantId} />
        <div className="flex-1 space-y-1">
          <Label htmlFor={`${uid}-label`}>Label</Label>
          <Input id={`${uid}-label`} value={label} onChange={(e) => setLabel(e.target.value)} placeholder="e.g. Sales assistant" required {...fieldA11y(`${uid}-label`, errors.label)} />
          <FieldError id={`${uid}-label-error`} messages={errors.label} />
        </div>
        <Button type="submit" variant="outline" disabled={pending} className="sm:mt-5">
          Assign
        </Button>
      </form>
    </section>
  );
}

function AssignedList({ agent, pending, onRemove }: { agent: { name: string; assignments: Assignment[] }; pending: boolean; onRemove: (a: Assignment) => void }) {
  return agent.assignments.length ? (
    <ul className="flex flex-wrap gap-2" aria-label={`Assistants assigned to ${agent.name}`}>
      {agent.assignments.map((a) => (
        <li key={a.assistantId} className="flex items-center gap-1 rounded-md border bg-muted/40 py-0.5 pr-0.5 pl-2 text-sm">
          <span>
            {a.label} <span className="text-xs text-muted-foreground">#{a.assistantId}</span>
          </span>
          <Button
            type="button"
            variant="ghost"
            size="icon-sm"
            disabled={pending}
            aria-label={`Unassign ${a.label} (${a.assistantId}) from ${agent.name}`}
            onClick={() => onRemove(a)}
          >
            <XIcon aria-hidden />
          </Button>
        </li>
      ))}
    </ul>
  ) : (
    <p className="text-sm text-muted-foreground">No assistants assigned: this agent sees no calls yet.</p>
  );
}

/** The assistant id input, offering the team's known assistants. */
function AssistantIdField({ id, listId, value, onChange, suggestions, errors }: { id: string; listId: string; value: string; onChange: (value: string) => void; suggestions: { assistantId: number; name: string }[]; errors: string[] | undefined }) {
  return (
    <div className="space-y-1 sm:w-36">
      <Label htmlFor={id}>Assistant id</Label>
      <Input
        id={id}
        inputMode="numeric"
        list={suggestions.length ? listId : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required
        {...fieldA11y(id, errors)}
      />
      {suggestions.length ? (
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s.assistantId} value={s.assistantId}>
              {s.name}
            </option>
          ))}
        </datalist>
      ) : null}
      <FieldError id={`${id}-error`} messages={errors} />
    </div>
  );
}
