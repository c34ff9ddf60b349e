"use client";

// Pause / Resume and Rebuild of the search index (members with team:settings).
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmButton } from "@/components/accounts/confirm-button";
import * as teamApi from "@/components/api/team-api";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/sonner";

export function IndexControls({ teamId, paused }: { teamId: string; paused: boolean }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);

  async function onPause() {
    setPending(true);
    const res = await teamApi.setIndexPaused(teamId, !paused);
    setPending(false);
    if (!res.ok) return void toast.error(res.error.message);
    toast.success(paused ? "The sync is running again." : "The sync is paused.");
    router.refresh();
  }

  async function onRebuild() {
    const res = await teamApi.requestIndexRebuild(teamId);
    if (!res.ok) return void toast.error(res.error.message);
    toast.success("Rebuild requested: the next sync run starts the index again.");
    router.refresh();
  }

  return (
    <div className="flex flex-wrap gap-2">
      <Button variant="outline" onClick={onPause} disabled={pending}>
        {paused ? "Resume" : "Pause"}
      </Button>
      <ConfirmButton
        variant="outline"
        destructive={false}
        title="Rebuild the search index?"
        description="The sync's next run deletes every call in the index and copies them again from WhatTalk, newest first, within its share of the request budget. Until then search answers from the current index; while it refills, search sees only what is copied."
        confirmLabel="Rebuild"
        onConfirm={onRebuild}
      >
        Rebuild
      </ConfirmButton>
    </div>
  );
}
