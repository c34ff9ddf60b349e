"use client";

import { useState } from "react";
import { toast } from "@/components/ui/sonner";
import type { ApiResult } from "./api-fetch";

/**
 * A form's call to the portal's JSON API (a function of ./team-api, or `apiFetch`): pending state,
 * field errors shown inline, any other error as a toast. `submit` resolves to `{ data }` (data may
 * be null for an empty answer), or null when the request failed.
 */
export function useApiForm() {
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<Record<string, string[]>>({});

  async function submit<T>(request: () => Promise<ApiResult<T>>): Promise<{ data: T } | null> {
    setPending(true);
    const res = await request();
    setPending(false);
    if (!res.ok) {
      setErrors(res.error.fieldErrors ?? {});
      if (!res.error.fieldErrors) toast.error(res.error.message);
      return null;
    }
    setErrors({});
    return { data: res.data };
  }

  return { pending, errors, setErrors, submit };
}
