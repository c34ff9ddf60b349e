import Link from "next/link";
import { AlertTriangleIcon, KeyRoundIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { NO_CREDENTIAL_TEXT, type NoCredentialReason } from "@/lib/credentials/messages";
import type { AppError } from "@/lib/errors";
import { RetryButton } from "./retry-button";

type Subject = "calls" | "call";

export type CallsErrorPanelProps = {
  error: AppError;
  subject: Subject;
  teamSlug: string;
  /** Whether the member may fix the WhatTalk connection (credentials:manage). */
  canManageConnection: boolean;
  /** Where "Clear filters" / "Show all my assistants" go (the list only). */
  clearHref?: string;
  allAssistantsHref?: string;
};

type Described = { title: string; description: string; retry: boolean; retryAfter?: number; extra?: React.ReactNode };

/** An outline button linking to `href`, or nothing without one. */
const outlineLink = (href: string | undefined, label: string) =>
  href ? (
    <Button asChild variant="outline">
      <Link href={href}>{label}</Link>
    </Button>
  ) : null;

const what = (s: Subject) => (s === "calls" ? "The calls" : "This call");

/**
 * What went wrong and what to do, written here for each error code: the text never comes from
 * WhatTalk (its bodies can be HTML or anything) and never shows internals.
 */
function describe({ error, subject, teamSlug, canManageConnection, clearHref, allAssistantsHref }: CallsErrorPanelProps): Described {
  switch (error.code) {
    case "NO_CREDENTIAL": {
      const reason = (typeof error.details?.reason === "string" && error.details.reason in NO_CREDENTIAL_TEXT ? error.details.reason : "invalid") as NoCredentialReason;
      const text = NO_CREDENTIAL_TEXT[reason];
      return {
        title: reason === "missing" ? "No WhatTalk key configured" : "No working WhatTalk key",
        description: `${text.message} ${canManageConnection ? "Add or test the key to see calls here." : "Ask a team admin to fix the WhatTalk connection; calls appear here as soon as it works."}`,
        retry: reason !== "missing",
        extra: canManageConnection ? (
          <Button asChild>
            <Link href={`/teams/${encodeURIComponent(teamSlug)}/settings/connection`}>
              <KeyRoundIcon aria-hidden="true" />
              Open WhatTalk connection settings
            </Link>
          </Button>
        ) : null,
      };
    }
    case "RATE_LIMITED": {
      const s = Math.max(1, Math.ceil(error.retryAfterSeconds ?? 10));
      const why =
        error.details?.upstream === "member_share_exhausted"
          ? "You have used your share of the team's WhatTalk requests for this minute (the rest is kept for your colleagues)."
          : error.details?.upstream === "budget_exhausted"
            ? "The team has used up its WhatTalk requests for the moment."
            : "WhatTalk is limiting requests from this team's key.";
      return {
        title: "Too many requests to WhatTalk right now",
        description: `${why} Try again in ${s} s.`,
        retry: true,
        retryAfter: s,
      };
    }
    case "UPSTREAM_TIMEOUT":
      return {
        title: "WhatTalk did not answer in time",
        description: `${what(subject)} could not be loaded because WhatTalk is slow or unreachable. This is usually temporary: try again in a moment.`,
        retry: true,
      };
    case "UPSTREAM_ERROR":
      return {
        title: "WhatTalk is having problems",
        description: `${what(subject)} could not be loaded because WhatTalk answered with an error. This is usually temporary: try again in a moment. If it keeps happening, tell your admin.`,
        retry: true,
      };
    case "FORBIDDEN":
      return {
        title: "Not one of your assistants",
        description: "You can only see calls of the assistants assigned to you. Pick one of them, or show all your assistants.",
        retry: false,
        extra: outlineLink(allAssistantsHref, "Show all my assistants"),
      };
    case "BAD_REQUEST":
      if (error.details?.reason === "fanout_limit") return { title: "This list needs too many requests to WhatTalk", description: error.message, retry: false };
      return {
        title: "WhatTalk did not accept these filters",
        description: "Change or clear the filters and try again.",
        retry: false,
        extra: outlineLink(clearHref, "Clear filters"),
      };
    case "CONFLICT":
      // The call index (search and index-only filters): off for the team, or not built yet.
      if (error.details?.reason === "index_off") return { title: "Search index is off", description: error.message, retry: false, extra: outlineLink(clearHref, "Clear filters") };
      if (error.details?.reason === "index_building") return { title: "Search index is being built", description: error.message, retry: true };
      return { title: "This cannot be shown right now", description: error.message, retry: true };
    case "NOT_FOUND":
      return { title: subject === "calls" ? "WhatTalk did not find the calls" : "Call not found", description: "It may have been deleted. Try again, or go back to the list.", retry: true };
    default:
      return {
        title: "Something went wrong on our side",
        description: `${what(subject)} could not be loaded. Try again; if it keeps happening, tell your admin.`,
        retry: true,
      };
  }
}

/** An error in place of the list or the call: what happened, what to do, and Retry. */
export function CallsErrorPanel(props: CallsErrorPanelProps) {
  const d = describe(props);
  const missingKey = props.error.code === "NO_CREDENTIAL" && props.error.details?.reason === "missing";
  return (
    <EmptyState
      role={missingKey ? "status" : "alert"}
      data-error-code={props.error.code}
      icon={missingKey ? <KeyRoundIcon /> : <AlertTriangleIcon />}
      title={d.title}
      description={<p>{d.description}</p>}
      className={missingKey ? undefined : "border-destructive/40"}
      action={
        d.retry || d.extra ? (
          <>
            {d.extra}
            {d.retry ? <RetryButton variant={d.extra ? "outline" : "default"} afterSeconds={d.retryAfter} /> : null}
          </>
        ) : undefined
      }
    />
  );
}
