import type { Metadata } from "next";
import Link from "next/link";
import { AgentAssignments } from "@/components/settings/agent-assignments";
import { SectionCard } from "@/components/settings/section-card";
import { EmptyState } from "@/components/ui/empty-state";
import { PAGE_SCOPES } from "@/lib/http/page-scopes";
import { teamPage } from "@/lib/http/team-page";
import { listAgentAssignments } from "@/lib/assignments/list-agent-assignments";
import { listAssistantSuggestions } from "@/lib/assignments/list-assistant-suggestions";

export const metadata: Metadata = { title: "Agent assignments" };

export default async function AssignmentsPage({ params }: { params: Promise<{ teamSlug: string }> }) {
  const { teamSlug } = await params;
  const access = await teamPage(PAGE_SCOPES["/teams/[teamSlug]/settings/assignments"])(teamSlug);
  const [agents, suggestions] = await Promise.all([listAgentAssignments(access), listAssistantSuggestions(access)]);
  return (
    <SectionCard
      title="Agent assignments"
      description={
        <>
          Agents see only the calls of the WhatTalk assistants assigned to them. Owners, admins and supervisors see every call.
          {suggestions.length ? " Start typing an id to pick one of the team's known assistants." : ""}
        </>
      }
      contentClassName="space-y-4"
    >
      {agents.length === 0 ? (
        <EmptyState
          title="No agents in this team"
          description="Invite someone with the agent role, then assign assistants to them here."
          action={
            access.can("members:manage") ? (
              <Link className="text-sm font-medium text-primary underline-offset-4 hover:underline" href={`/teams/${access.team.slug}/settings/members`}>
                Go to members
              </Link>
            ) : undefined
          }
        />
      ) : (
        agents.map((agent) => <AgentAssignments key={agent.membershipId} teamId={access.team.id} agent={agent} suggestions={suggestions} />)
      )}
    </SectionCard>
  );
}
