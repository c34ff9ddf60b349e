"use client";

// Last resort when the root layout itself fails: plain HTML, no stack trace.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", display: "grid", placeItems: "center", minHeight: "100vh", margin: 0 }}>
        <main style={{ textAlign: "center", maxWidth: 420, padding: 16 }}>
          <h1>Something went wrong</h1>
          <p>The portal could not show this page{error.digest ? ` (reference ${error.digest})` : ""}. Please try again.</p>
          <button onClick={() => reset()} style={{ padding: "8px 16px" }}>
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
