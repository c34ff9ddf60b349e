// The first cell of the last line of an export that ended early (shared by the server that
// writes it and the browser that looks for it). Safe for client bundles.
export const INCOMPLETE_MARKER = "# EXPORT INCOMPLETE";
