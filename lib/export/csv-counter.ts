// Counting the records of a CSV as it downloads (quote-aware: line breaks inside quoted fields
// are not record ends) and finding the `# EXPORT INCOMPLETE` line at its end. Pure; used by the
// Export button in the browser. Safe for client bundles.
import { INCOMPLETE_MARKER } from "./marker";

export type CsvCounter = {
  /** Feeds decoded text; returns the number of complete records seen so far (header included). */
  push(text: string): number;
  /** Complete records seen so far (header included). */
  readonly records: number;
  /** The last complete record's text ("" when it was long), for the incomplete marker. */
  lastRecord(): string;
};

/** Records longer than this are never the marker line: only their length is tracked. */
const MAX_KEPT = 2048;

export function createCsvCounter(): CsvCounter {
  let inQuotes = false;
  let records = 0;
  let current = "";
  let currentTooLong = false;
  let last = "";
  return {
    push(text) {
      let start = 0;
      for (let i = 0; i < text.length; i++) {
        const ch = text.charCodeAt(i);
        if (ch === 34 /* " */) inQuotes = !inQuotes;
        else if (ch === 10 /* \n */ && !inQuotes) {
          records++;
          const piece = text.slice(start, i);
          last = currentTooLong || current.length + piece.length > MAX_KEPT ? "" : (current + piece).replace(/\r$/, "");
          current = "";
          currentTooLong = false;
          start = i + 1;
        }
      }
      if (!currentTooLong) {
        current += text.slice(start);
        if (current.length > MAX_KEPT) {
          current = "";
          currentTooLong = true;
        }
      }
      return records;
    },
    get records() {
      return records;
    },
    lastRecord() {
      return last;
    },
  };
}

/** The message of an incomplete export's last line, or null when the file ended normally. */
export function incompleteMessage(lastRecord: string): string | null {
  let line = lastRecord.trim();
  if (line.startsWith('"') && line.endsWith('"')) line = line.slice(1, -1).replace(/""/g, '"');
  return line.startsWith(INCOMPLETE_MARKER) ? line.slice(INCOMPLETE_MARKER.length).replace(/^:\s*/, "") : null;
}
