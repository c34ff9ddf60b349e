import "server-only";
import { headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import type { ScopeRule } from "@/lib/rbac";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/session";
import { requireTeam, type TeamAccess } from "@/lib/auth/team-access";

async function signInRedirect(): Promise<never> {
  const h = await headers();
  const path = h.get("x-portal-path") ?? "/";
  redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
}

/** For pages: the signed-in user, or a redirect to sign-in. */
export async function requireUserPage(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) return signInRedirect();
  return user;
}

/** For pages: team access with the same rules as the API; redirects, 404s or 403s otherwise. */
export async function requireTeamPage(slug: string, scope?: ScopeRule): Promise<TeamAccess> {
  try {
    return await requireTeam({ slug }, scope);
  } catch (error) {
    if (error instanceof AppError) {
      if (error.code === "UNAUTHENTICATED") return signInRedirect();
      if (error.code === "NOT_FOUND") notFound();
      if (error.code === "FORBIDDEN") forbidden();
    }
    throw error;
  }
}
