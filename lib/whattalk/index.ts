// The typed WhatTalk client: the only way the portal talks to WhatTalk.
import "server-only";

export {
  createWhatTalkClient,
  deleteCall,
  getCall,
  listAssistants,
  listCalls,
  setUnauthorizedHandler,
  ListAssistantsQuerySchema,
  ListCallsQuerySchema,
  MAX_RETRY_AFTER_MS,
  type ListAssistantsQuery,
  type ListCallsQuery,
  type RequestOptions,
  type UnauthorizedEvent,
  type UnauthorizedHandler,
  type WhatTalkClient,
  type WhatTalkContext,
  type WhatTalkMeta,
  type WhatTalkResult,
} from "./client";
export { WhatTalkError, isWhatTalkError, whatTalkErrorHttpStatus, type WhatTalkErrorJson, type WhatTalkErrorKind } from "./errors";
export { invalidateTeam, cacheConfig, STALE_RETENTION_MS, type CacheStatus } from "./cache";
export { isCostKey, withoutCostKeys } from "./cost-keys";
export { consumeTeamBudget, syncSharePerMinute, teamBudgetStatus } from "./budget";
export {
  AssistantPageSchema,
  AssistantSchema,
  CALL_STATUSES,
  CALL_TYPES,
  CallPageSchema,
  CallSchema,
  ErrorBodySchema,
  LIVE_CALL_STATUSES,
  isLiveCall,
  paginatorSchema,
  type KnownCallStatus,
  type KnownCallType,
  type UpstreamAssistant,
  type UpstreamCall,
  type UpstreamEvaluation,
  type UpstreamPage,
  type UpstreamPaginatorLink,
} from "./schemas";
