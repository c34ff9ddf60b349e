// `server-only` throws when imported outside a React Server Components bundle.
// Tests run on plain Node, which is a server, so the guard is replaced by a no-op here.
import { vi } from "vitest";
vi.mock("server-only", () => ({}));
