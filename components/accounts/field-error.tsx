/** Inline error under a field; pair with `aria-describedby={errorId(name)}` and `aria-invalid` on the input. */
export function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="text-sm text-destructive">
      {messages.join(" ")}
    </p>
  );
}

/** Props that tie an input to its FieldError. */
export function fieldA11y(id: string, messages?: string[]) {
  return messages?.length ? { "aria-invalid": true as const, "aria-describedby": `${id}-error` } : {};
}
