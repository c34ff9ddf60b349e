import { Alert, AlertDescription } from "@/components/ui/alert";

/** A form's error (not tied to one field) as a destructive alert; nothing when there is none. */
export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <Alert variant="destructive" role="alert">
      <AlertDescription>{message}</AlertDescription>
    </Alert>
  );
}
