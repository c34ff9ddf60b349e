// @ts-check

/** Security headers for every response. Pages get their Content-Security-Policy (with a per-request
 * nonce) and HSTS from proxy.ts, which skips route handlers (their CSP is below). */
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
    return [
      { source: "/:path*", headers: securityHeaders },
      // Route handlers answer JSON, CSV or audio, never a document that should run or embed anything.
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

export default nextConfig;
