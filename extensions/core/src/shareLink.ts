import { hubPageUrl } from './detect';

/**
 * The server a JupyterLab page belongs to, from its server's base URL (`/user/<name>/`,
 * on the hub's origin or the server's own): null outside the hub.
 */
export function serverNameOf(baseUrl: string): string | null {
  let pathname: string;
  try {
    pathname = new URL(baseUrl, 'http://localhost').pathname;
  } catch {
    return null;
  }
  const match = /^\/user\/([^/]+)\/$/.exec(pathname);
  if (!match) {
    return null;
  }
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

/**
 * The link to share a workspace (and a document of it): through the hub, which lets in
 * only those who may enter, signed in, and hands them over to the server's own origin.
 * No token is ever in it.
 *
 * @param path - a document of the workspace (`notes/tp1.ipynb`), or null for the
 *   workspace itself.
 * @param pageUrl - the page the link is read from (relative hub addresses resolve
 *   against it: one origin for the hub and the servers).
 */
export function shareLink(
  serverName: string,
  path: string | null,
  pageUrl: string = window.location.href
): string {
  const tree = path
    ? `/tree/${path.split('/').map(encodeURIComponent).join('/')}`
    : '';
  return new URL(
    hubPageUrl(`/user/${encodeURIComponent(serverName)}/lab${tree}`),
    pageUrl
  ).href;
}

/**
 * A person's initials as collaborators' cursors show them (`Nathan Durand` → `ND`): the
 * first letters of the first two words, as `candyce.identity` gives the server.
 */
export function initialsOf(displayName: string, name = ''): string {
  const words = displayName.split(/\s+/).filter(Boolean);
  return (words.length ? words : [name])
    .slice(0, 2)
    .map(word => word[0] ?? '')
    .join('')
    .toUpperCase();
}
