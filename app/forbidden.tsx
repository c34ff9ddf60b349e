import { StatusPage } from "@/components/shell/status-page";

export default function Forbidden() {
  return <StatusPage code="403" title="Not allowed" description="Your role in this team does not allow this page. Ask a team admin if you need access." />;
}
