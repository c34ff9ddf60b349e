import { StatusPage } from "@/components/shell/status-page";

export default function NotFound() {
  return <StatusPage code="404" title="Not found" description="This page does not exist, or it belongs to a team you are not a member of." />;
}
