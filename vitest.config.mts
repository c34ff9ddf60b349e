import { defineConfig } from "vitest/config";
import path from "node:path";

const alias = { "@": path.resolve(import.meta.dirname) };

// Four projects:
// - unit: pure functions and the simulator (real HTTP on 127.0.0.1, no database).
// - db: services against an in-memory embedded PostgreSQL per test file
//       (or a real PostgreSQL when TEST_DATABASE_URL is set, see tests/setup/db.ts).
// - integration: HTTP against a running production build of the portal (tests/setup/stack-global.ts).
// - scale: two production instances on a real PostgreSQL and Redis (`npm run test:scale`, in .ci/run).
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts", "tests/sim/**/*.test.ts", "lib/**/*.test.ts", "tools/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/setup/server-only.ts"],
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "db",
          include: ["tests/db/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/setup/server-only.ts", "tests/setup/db.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/setup/server-only.ts", "tests/setup/stack-env.ts"],
          globalSetup: ["tests/setup/stack-global.ts"],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "scale",
          include: ["tests/scale/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/setup/server-only.ts"],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
