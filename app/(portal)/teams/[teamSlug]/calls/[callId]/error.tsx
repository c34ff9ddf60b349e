"use client";

import { CallsRouteError } from "@/components/calls/route-error";

export default function CallError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <CallsRouteError error={error} reset={reset} title="This call could not be shown" />;
}
