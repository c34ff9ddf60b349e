import { notFound } from "next/navigation";
import { loadCallPage } from "@/lib/calls/call-page";
import { isDocumentRequest } from "@/lib/http/document-request";

// A page load checks the call before anything streams, so a refused id is a real 404 (the
// not-found page is calls/not-found.tsx). The router's fetches skip this and get the skeleton first.
export default async function CallLayout({ children, params }: { children: React.ReactNode; params: Promise<{ teamSlug: string; callId: string }> }) {
  if (await isDocumentRequest()) {
    const { teamSlug, callId } = await params;
    const { outcome } = await loadCallPage(teamSlug, callId);
    if (!outcome.ok && outcome.error.code === "NOT_FOUND") notFound();
  }
  return children;
}
