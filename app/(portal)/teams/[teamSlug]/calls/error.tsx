"use client";

import { CallsRouteError } from "@/components/calls/route-error";

export default function CallsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <CallsRouteError error={error} reset={reset} title="The calls could not be shown" />;
}
