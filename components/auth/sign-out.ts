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
    window.location.assign("/signin");
  }
}
