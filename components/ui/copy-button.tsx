"use client";

import * as React from "react";
import { CheckIcon, CopyIcon, XIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

type CopyStatus = "idle" | "copied" | "failed";

type CopyButtonProps = Omit<React.ComponentProps<typeof Button>, "value" | "asChild"> & {
  /** The text to put on the clipboard. */
  value: string;
  /** Accessible name of the icon-only button (default "Copy"); give context, e.g. "Copy call ID". */
  label?: string;
  copiedLabel?: string;
  failedLabel?: string;
  /** How long the confirmation stays, in ms (default 2000). */
  resetAfter?: number;
  onCopied?: (value: string) => void;
};

async function writeClipboard(text: string): Promise<boolean> {
  try {
    if (typeof navigator !== "undefined" && navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the legacy path (e.g. permissions policy)
  }
  // Legacy fallback for non-secure contexts (plain http on a LAN).
  const previouslyFocused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const textarea = document.createElement("textarea");
  textarea.value = text;
  textarea.setAttribute("readonly", "");
  textarea.style.position = "fixed";
  textarea.style.top = "0";
  textarea.style.left = "0";
  textarea.style.opacity = "0";
  textarea.style.pointerEvents = "none";
  document.body.appendChild(textarea);
  try {
    textarea.select();
    return document.execCommand("copy");
  } catch {
    return false;
  } finally {
    textarea.remove();
    previouslyFocused?.focus();
  }
}

/**
 * Copies `value` and confirms with a check icon for 2 s. Icon-only by default
 * (named by `label`); pass children for a text button ("Copy link").
 */
function CopyButton({
  value,
  label = "Copy",
  copiedLabel = "Copied",
  failedLabel = "Copy failed",
  resetAfter = 2000,
  onCopied,
  onClick,
  variant = "ghost",
  size,
  className,
  children,
  ...props
}: CopyButtonProps) {
  const [status, setStatus] = React.useState<CopyStatus>("idle");
  const timer = React.useRef<ReturnType<typeof setTimeout> | null>(null);

  React.useEffect(() => {
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);

  async function handleClick(event: React.MouseEvent<HTMLButtonElement>) {
    onClick?.(event);
    if (event.defaultPrevented) return;
    const ok = await writeClipboard(value);
    setStatus(ok ? "copied" : "failed");
    if (ok) onCopied?.(value);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setStatus("idle"), resetAfter);
  }

  const hasText = children != null && children !== false;
  const currentLabel = status === "copied" ? copiedLabel : status === "failed" ? failedLabel : label;
  const Icon = status === "copied" ? CheckIcon : status === "failed" ? XIcon : CopyIcon;

  return (
    <>
      <Button
        type="button"
        variant={variant}
        size={size ?? (hasText ? "sm" : "icon-sm")}
        aria-label={hasText ? undefined : currentLabel}
        title={hasText ? undefined : label}
        data-slot="copy-button"
        data-status={status}
        className={cn(
          "data-[status=copied]:text-success data-[status=failed]:text-destructive",
          className,
        )}
        onClick={handleClick}
        {...props}
      >
        <Icon aria-hidden="true" />
        {hasText ? status === "idle" ? children : currentLabel : null}
      </Button>
      <span role="status" aria-live="polite" className="sr-only">
        {status === "idle" ? "" : currentLabel}
      </span>
    </>
  );
}

export { CopyButton, type CopyButtonProps };
