"use client";

import * as React from "react";
import { ThemeProvider as NextThemesProvider } from "next-themes";
import { cspNonce } from "@/components/csp-nonce";

/**
 * App-wide light/dark/system theme (class strategy: `.dark` on <html>).
 * The root layout must put `suppressHydrationWarning` on <html>, because the
 * theme class is set by a blocking script before React hydrates. `nonce`: the page's CSP nonce, for
 * that script and for the <style> that pauses transitions while the theme changes.
 */
function ThemeProvider({ children, nonce, ...props }: React.ComponentProps<typeof NextThemesProvider>) {
  return (
    <NextThemesProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange nonce={cspNonce(nonce)} {...props}>
      {children}
    </NextThemesProvider>
  );
}

export { ThemeProvider };
