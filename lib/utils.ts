import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

/** Merge class names: conditional (clsx) and Tailwind-conflict aware (tailwind-merge). */
export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}

/** Up to two initials for an avatar fallback: "Ada Lovelace" -> "AL", "ops@acme.io" -> "O". */
export function getInitials(nameOrEmail: string | null | undefined): string {
  const source = (nameOrEmail ?? "").trim().split("@")[0] ?? "";
  const words = source.split(/[\s._-]+/).filter(Boolean);
  if (words.length === 0) return "?";
  const first = words[0] ?? "";
  const last = words.length > 1 ? (words[words.length - 1] ?? "") : "";
  return (Array.from(first)[0] ?? "").concat(Array.from(last)[0] ?? "").toUpperCase();
}
