// Prisma's query compiler runtime (loaded by the generated client; see the plan cache in lib/db.ts).
declare module "@prisma/client/runtime/query_compiler_bg.postgresql.mjs" {
  export const QueryCompiler: { prototype: { compile(request: string): string; __portalPlanCache?: boolean } } | undefined;
}
