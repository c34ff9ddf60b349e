// Integration test files share the running stack's database and secrets, so that tests can seed
// through the same services the app uses.
import { inject } from "vitest";
import { resetEnvCache } from "@/lib/env";

const stack = inject("stack");
Object.assign(process.env, stack.env);
resetEnvCache();
