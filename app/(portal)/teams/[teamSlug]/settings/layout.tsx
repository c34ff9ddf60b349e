import { forbidden } from "next/navigation";
import { SettingsNav } from "@/components/settings/settings-nav";
import { teamPage } from "@/lib/http/team-page";
import { ANY_MEMBER } from "@/lib/rbac";
import { settingsNav } from "@/lib/nav";

export default async function SettingsLayout({ children, params }: { children: React.ReactNode; params: Promise<{ teamSlug: string }> }) {
  const { teamSlug } = await params;
  const access = await teamPage(ANY_MEMBER)(teamSlug);
  const items = settingsNav(access.team.slug, access.role);
  if (items.length === 0) forbidden();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
      <div className="flex flex-col gap-6 md:flex-row">
        <aside className="md:w-52 md:shrink-0">
          <SettingsNav items={items} />
        </aside>
        <div className="min-w-0 flex-1">{children}</div>
      </div>
    </div>
  );
}
