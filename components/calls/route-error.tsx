"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { AlertTriangleIcon, RotateCwIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Spinner } from "@/components/ui/spinner";

/**
 * The calls pages' error boundary: a message and a Retry that renders the page again on the
 * server (`router.refresh()`) and resets the boundary. Never the error's own text: in production
 * it is redacted anyway, and it is not written for users.
 */
export function CallsRouteError({ error, reset, title }: { error: Error & { digest?: string }; reset: () => void; title: string }) {
  const router = useRouter();
  const [pending, startTransition] = React.useTransition();
  return (
    <EmptyState
      role="alert"
      className="my-6 border-destructive/40"
      icon={<AlertTriangleIcon />}
      title={title}
      description={
        <p>
          Something went wrong while loading this page. Try again; if it keeps happening, tell your admin
          {error.digest ? ` (reference ${error.digest})` : ""}.
        </p>
      }
      action={
        <Button
          disabled={pending}
          onClick={() =>
            startTransition(() => {
              router.refresh();
              reset();
            })
          }
        >
          {pending ? <Spinner label="Retrying" /> : <RotateCwIcon aria-hidden="true" />}
          Retry
        </Button>
      }
    />
  );
}
