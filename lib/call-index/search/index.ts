// Search over the call index: SQL for a selection (lib/call-index/search/*), and the index's status.
export { pageSql, searchIndexedCalls, type IndexPage, type IndexQuery } from "./query";
export { indexStatus, type IndexStatus } from "./state";
export { escapeLike } from "./terms";
export type { IndexScope } from "./where";
