/** Signs out through next-auth (POST with the CSRF token) and goes to the sign-in page. */
export async function signOutNow(): Promise<void> {
  try {
    const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    await fetch("/api/auth/signout", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, json: "true", callbackUrl: "/signin" }),
    });
  } finally {
    // A full page load on purpose: it drops the client router's cache of signed-in pages.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign("/signin");
  }
}
