import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { CspNonce } from "@/components/csp-nonce";
import { ThemeProvider } from "@/components/theme-provider";
import { Toaster } from "@/components/ui/sonner";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "WhatTalk Team Portal", template: "%s · WhatTalk Team Portal" },
  description: "Shared, role-scoped access to your team's WhatTalk calls, transcripts, recordings and costs.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#0b0f19" },
  ],
};

// Reading the request's nonce (proxy.ts) renders every page per request, so each gets a fresh one.
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-dvh bg-background font-sans text-foreground antialiased">
        <CspNonce nonce={nonce} />
        <ThemeProvider nonce={nonce}>
          {children}
          <Toaster />
        </ThemeProvider>
      </body>
    </html>
  );
}
