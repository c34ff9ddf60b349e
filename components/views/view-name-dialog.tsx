"use client";

import * as React from "react";

import { FieldError, fieldA11y } from "@/components/accounts/field-error";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

// Only the open dialog shows it: loaded then, not with the calls page.
const Checkbox = React.lazy(() => import("@/components/ui/checkbox").then((m) => ({ default: m.Checkbox })));

export type ViewNameSubmit = { name: string; share: boolean };
/** What the dialog's submit returns: nothing on success (it closes), or errors to show in place. */
export type ViewNameResult = { fieldErrors?: Record<string, string[]>; message?: string } | void;

/**
 * The dialog that names a view: "Save as new view" (with "Share with the team" for those who may)
 * and "Rename". Field errors (a duplicate name: 409) show under the field; other errors above the buttons.
 */
export function ViewNameDialog({
  open,
  onOpenChange,
  title,
  description,
  submitLabel,
  initialName = "",
  canShare = false,
  onSubmit,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: React.ReactNode;
  submitLabel: string;
  initialName?: string;
  /** Offer the "Share with the team" checkbox. */
  canShare?: boolean;
  onSubmit: (input: ViewNameSubmit) => Promise<ViewNameResult>;
}) {
  const uid = React.useId();
  const nameId = `${uid}-name`;
  const shareId = `${uid}-share`;
  const [name, setName] = React.useState(initialName);
  const [share, setShare] = React.useState(false);
  const [pending, setPending] = React.useState(false);
  const [errors, setErrors] = React.useState<DialogErrors>({ fieldErrors: {} });

  // A fresh form each time it opens.
  const [wasOpen, setWasOpen] = React.useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setName(initialName);
      setShare(false);
      setErrors({ fieldErrors: {} });
    }
  }

  const submit = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setErrors({ fieldErrors: { name: ["Give the view a name."] } });
      return;
    }
    setPending(true);
    try {
      const result = await onSubmit({ name: trimmed, share });
      if (result) setErrors(dialogErrorsOf(result));
    } finally {
      setPending(false);
    }
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <form onSubmit={submit} noValidate className="grid gap-4">
          <DialogHeader>
            <DialogTitle>{title}</DialogTitle>
            <DialogDescription>{description}</DialogDescription>
          </DialogHeader>
          <div className="grid gap-2">
            <Label htmlFor={nameId}>Name</Label>
            <Input id={nameId} value={name} maxLength={80} autoComplete="off" onChange={(e) => setName(e.target.value)} {...fieldA11y(nameId, errors.fieldErrors.name)} />
            <FieldError id={`${nameId}-error`} messages={errors.fieldErrors.name} />
          </div>
          {canShare ? <ShareField id={shareId} checked={share} onChange={setShare} errors={errors.fieldErrors.visibility} /> : null}
          {errors.message ? (
            <Alert variant="destructive">
              <AlertDescription>{errors.message}</AlertDescription>
            </Alert>
          ) : null}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : submitLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

type DialogErrors = { fieldErrors: Record<string, string[]>; message?: string };

/** A refused submit's errors: the name and sharing under their fields; the rest (filters, columns: not fixable here) as one message. */
function dialogErrorsOf(result: Exclude<ViewNameResult, void>): DialogErrors {
  const fieldErrors = result.fieldErrors ?? {};
  const other = Object.entries(fieldErrors).filter(([k]) => k !== "name" && k !== "visibility");
  return {
    fieldErrors: { ...(fieldErrors.name ? { name: fieldErrors.name } : {}), ...(fieldErrors.visibility ? { visibility: fieldErrors.visibility } : {}) },
    message: [result.message, ...other.flatMap(([, m]) => m)].filter(Boolean).join(" ") || undefined,
  };
}

function ShareField({ id, checked, onChange, errors }: { id: string; checked: boolean; onChange: (checked: boolean) => void; errors: string[] | undefined }) {
  return (
    <div className="grid gap-1">
      <div className="flex items-center gap-2">
        <React.Suspense fallback={<span className="size-4 shrink-0 rounded-[4px] border" aria-hidden="true" />}>
          <Checkbox id={id} checked={checked} onCheckedChange={(c) => onChange(c === true)} {...fieldA11y(id, errors)} />
        </React.Suspense>
        <Label htmlFor={id} className="font-normal">
          Share with the team
        </Label>
      </div>
      <p className="text-sm text-muted-foreground">Everyone in the team can apply a shared view; supervisors and admins can change it.</p>
      <FieldError id={`${id}-error`} messages={errors} />
    </div>
  );
}
