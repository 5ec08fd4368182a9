import { useCallback, useSyncExternalStore } from "react";

export type Page = "holder" | "creator";

export interface Route {
  page: Page;
  params: URLSearchParams;
}

/** Parses "#/creator?pool=…" (anything unknown is the holder page). */
export function parseRoute(hash: string): Route {
  const [path = "", query = ""] = hash.replace(/^#\/?/, "").split("?");
  return { page: path === "creator" ? "creator" : "holder", params: new URLSearchParams(query) };
}

export function routeHash(page: Page, params: Record<string, string | undefined> = {}): string {
  const query = new URLSearchParams(
    Object.entries(params).filter((entry): entry is [string, string] => Boolean(entry[1])),
  ).toString();
  return `#/${page}${query ? `?${query}` : ""}`;
}

function subscribe(listener: () => void) {
  window.addEventListener("hashchange", listener);
  return () => window.removeEventListener("hashchange", listener);
}

/** Hash routing (works from any static host and sub-path, no server rewrites). */
export function useRoute() {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const navigate = useCallback((page: Page, params: Record<string, string | undefined> = {}) => {
    window.location.hash = routeHash(page, params);
  }, []);
  return { ...parseRoute(hash), navigate };
}
