import { InvitationMessage } from "@/components/accounts/invitation-message";

export default function InvitationNotFound() {
  return <InvitationMessage title="This invitation link is not valid" text="Check that you copied the whole link, or ask the team admin for a new one." />;
}
