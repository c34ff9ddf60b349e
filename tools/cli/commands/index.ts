// Every admin CLI command, in help order. To add one: write tools/cli/commands/<name>.ts exporting a
// `Command` and list it here.
import type { Command } from "../command";
import { auditPurge } from "./audit-purge";
import { indexPurge } from "./index-purge";
import { indexRebuild } from "./index-rebuild";
import { indexStatus } from "./index-status";
import { keySet } from "./key-set";
import { keysRotate } from "./keys-rotate";
import { memberAdd } from "./member-add";
import { memberRole } from "./member-role";
import { teamCreate } from "./team-create";
import { userCreate } from "./user-create";

export const COMMANDS: readonly Command[] = [userCreate, teamCreate, memberAdd, memberRole, keySet, keysRotate, auditPurge, indexStatus, indexRebuild, indexPurge];
