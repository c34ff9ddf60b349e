"use client";

import { StatusPage } from "@/components/shell/status-page";
import { Button } from "@/components/ui/button";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <StatusPage title="Something went wrong" description={`The page could not be shown. Try again; if it keeps happening, tell your admin${error.digest ? ` (reference ${error.digest})` : ""}.`}>
      <Button onClick={() => reset()}>Try again</Button>
    </StatusPage>
  );
}
