export type AssignmentDTO = { assistantId: number; label: string };

export type AgentAssignmentsDTO = {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  assignments: AssignmentDTO[];
};
