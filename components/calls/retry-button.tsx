"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { RotateCwIcon } from "lucide-react";

import { Button, type ButtonProps } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";

/**
 * Renders the page again on the server (`router.refresh()`), keeping what is shown until the new
 * answer is there. With `afterSeconds` it counts down first (a rate limit said when to come back).
 */
export function RetryButton({ afterSeconds = 0, onRetry, children = "Retry", ...props }: Omit<ButtonProps, "onClick"> & { afterSeconds?: number; onRetry?: () => void }) {
  const router = useRouter();
  const [pending, startTransition] = React.useTransition();
  const [left, setLeft] = React.useState(Math.max(0, Math.ceil(afterSeconds)));
  React.useEffect(() => {
    if (left <= 0) return;
    const t = setTimeout(() => setLeft((l) => l - 1), 1000);
    return () => clearTimeout(t);
  }, [left]);
  return (
    <Button
      {...props}
      disabled={pending || left > 0 || props.disabled}
      onClick={() =>
        startTransition(() => {
          onRetry?.();
          router.refresh();
        })
      }
    >
      {pending ? <Spinner label="Retrying" /> : <RotateCwIcon aria-hidden="true" />}
      {left > 0 ? `Retry in ${left} s` : children}
    </Button>
  );
}
