import "server-only";
import { headers } from "next/headers";

/**
 * Whether the request loads a whole document (a browser's page load, or a client that sends no
 * fetch metadata: curl, crawlers, monitors), whose HTTP status is sent before the page streams.
 * The app router's own fetches (navigations, prefetches) say `Sec-Fetch-Dest: empty`.
 */
export async function isDocumentRequest(): Promise<boolean> {
  return (await headers()).get("sec-fetch-dest") !== "empty";
}
