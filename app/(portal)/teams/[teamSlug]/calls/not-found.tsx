import Link from "next/link";
import { StatusPage } from "@/components/shell/status-page";
import { Button } from "@/components/ui/button";

export default function CallNotFound() {
  return (
    <StatusPage code="404" title="Call not found" description="This call does not exist, was deleted, or is not one you can see.">
      <Button asChild variant="outline">
        <Link href="../calls">Back to calls</Link>
      </Button>
    </StatusPage>
  );
}
