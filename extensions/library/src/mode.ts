import type { CandyceMode } from '@candyce/core';

/**
 * How the « Bibliothèque » panel reaches a library.
 *
 * - `detecting`: the platform has not answered yet;
 * - `hub`: inside the Candyce platform, with the user's session (every action);
 * - `public`: no platform here, but a public library set in the settings
 *   (`libraryUrl`): search, preview and « Ouvrir une copie » only, without an account;
 * - `none`: neither.
 */
export type LibraryMode = 'detecting' | 'hub' | 'public' | 'none';

/**
 * The panel's mode, from the session's and the `libraryUrl` setting.
 */
export function libraryMode(
  session: { mode: CandyceMode; hub: unknown },
  libraryUrl: string
): LibraryMode {
  if (session.mode === 'detecting') {
    return 'detecting';
  }
  if (session.hub) {
    return 'hub';
  }
  return publicApiBase(libraryUrl) ? 'public' : 'none';
}

/**
 * The API root of a public library from the `libraryUrl` setting
 * (`https://candyce.example.fr` → `https://candyce.example.fr/hub/api/v1`), or null
 * when the setting is empty or not an http(s) URL.
 */
export function publicApiBase(libraryUrl: string): string | null {
  const text = libraryUrl.trim();
  if (!text) {
    return null;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return null;
  }
  const root = `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  return root.endsWith('/hub/api/v1') ? root : `${root}/hub/api/v1`;
}

/**
 * A `fetch` that never sends cookies or other credentials: a public library is read
 * anonymously, whatever session the browser holds with it.
 */
export function withoutCredentials(
  fetchFn: (input: string, init: RequestInit) => Promise<Response>
): (input: string, init: RequestInit) => Promise<Response> {
  return (input, init) => fetchFn(input, { ...init, credentials: 'omit' });
}
