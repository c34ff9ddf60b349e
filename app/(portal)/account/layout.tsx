import { PortalShell } from "@/components/accounts/portal-shell";

export default function Layout({ children }: { children: React.ReactNode }) {
  return <PortalShell>{children}</PortalShell>;
}
