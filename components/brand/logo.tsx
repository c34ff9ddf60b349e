import * as React from "react";

import { cn } from "@/lib/utils";

const PRODUCT_NAME = "WhatTalk Team Portal";

/** The mark alone: a speech bubble (currentColor, primary by default) carrying a sound wave. Decorative. */
function LogoMark({ className, ...props }: React.ComponentProps<"svg">) {
  return (
    <svg
      viewBox="0 0 32 32"
      xmlns="http://www.w3.org/2000/svg"
      aria-hidden="true"
      focusable="false"
      data-slot="logo-mark"
      className={cn("size-7 shrink-0 text-primary", className)}
      {...props}
    >
      <path
        fill="currentColor"
        d="M10 4h12a7 7 0 0 1 7 7v6a7 7 0 0 1-7 7h-7l-6 5v-5.07A7 7 0 0 1 3 17v-6a7 7 0 0 1 7-7z"
      />
      <g className="fill-primary-foreground">
        <rect x="8" y="12" width="2" height="4" rx="1" />
        <rect x="11.5" y="9.5" width="2" height="9" rx="1" />
        <rect x="15" y="7.5" width="2" height="13" rx="1" />
        <rect x="18.5" y="10.5" width="2" height="7" rx="1" />
        <rect x="22" y="12" width="2" height="4" rx="1" />
      </g>
    </svg>
  );
}

type LogoProps = React.ComponentProps<"span"> & {
  /** Only the mark; the name stays available to screen readers. */
  compact?: boolean;
  markClassName?: string;
};

function Logo({ compact = false, className, markClassName, ...props }: LogoProps) {
  return (
    <span
      data-slot="logo"
      className={cn("inline-flex items-center gap-2 text-base font-semibold tracking-tight", className)}
      {...props}
    >
      <LogoMark className={markClassName} />
      {compact ? (
        <span className="sr-only">{PRODUCT_NAME}</span>
      ) : (
        <span className="whitespace-nowrap">
          WhatTalk <span className="font-medium text-muted-foreground">Team Portal</span>
        </span>
      )}
    </span>
  );
}

export { Logo, LogoMark, PRODUCT_NAME };
