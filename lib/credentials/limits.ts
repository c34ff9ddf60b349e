// Limits and the default label of a WhatTalk API key, without zod: the form in the browser imports
// these (zod would load there and trip the pages' CSP); ./schema validates with them.
export const API_KEY_MIN = 8;
export const API_KEY_MAX = 512;
export const LABEL_MAX = 80;
export const DEFAULT_LABEL = "WhatTalk API key";
