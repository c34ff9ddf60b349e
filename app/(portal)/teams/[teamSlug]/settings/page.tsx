import { forbidden, redirect } from "next/navigation";
import { PAGE_SCOPES } from "@/lib/http/page-scopes";
import { teamPage } from "@/lib/http/team-page";
import { settingsNav } from "@/lib/nav";

/** /settings opens the first settings page the role may see. */
export default async function SettingsIndex({ params }: { params: Promise<{ teamSlug: string }> }) {
  const { teamSlug } = await params;
  const access = await teamPage(PAGE_SCOPES["/teams/[teamSlug]/settings"])(teamSlug);
  const first = settingsNav(access.team.slug, access.role)[0];
  if (!first) forbidden();
  redirect(first.href);
}
