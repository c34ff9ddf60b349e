// Prisma CLI configuration. Offline-safe: the Rust-free client and the JS schema engine through the
// pg driver adapter (see ../shared/TOOLCHAIN.md). The two env defaults below stop the CLI from trying
// to download native engines, which this project never uses.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(__dirname, "package.json");
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= path.join(__dirname, "package.json");
process.env.DATABASE_URL ??= "postgresql://portal:portal@127.0.0.1:5432/portal";

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL });
  },
});
