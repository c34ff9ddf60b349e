// @ts-check

/** Security headers for every response. The CSP allows only this origin (plus inline styles, which
 * Next's runtime and Radix need); media is proxied through the portal so it is same-origin too. */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Another build folder (e.g. for parallel builds on one machine); `next start` reads the same setting.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // Browser source maps only for bundle analysis (tools/bench/bundle-sources.ts), never by default.
  productionBrowserSourceMaps: process.env.BUNDLE_SOURCEMAPS === "1",
  experimental: { authInterrupts: true },
  // `npm test` type-checks the whole project (`tsc --noEmit`) before building; skipping the
  // duplicate check inside `next build` keeps the demo's first start and CI faster.
  typescript: { ignoreBuildErrors: true },
  // Server-only packages with native or WASM parts: load them from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "@node-rs/argon2", "pino", "ioredis", "pg"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
