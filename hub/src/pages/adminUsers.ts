/**
 * The admin page's list of users: a search by name and pages of 50, so that the page
 * never reads every account of a platform that has hundreds of thousands.
 */
import { UserService } from '../users/service';
import { textField } from './forms';
import { escapeHtml, plural, ROLE_LABELS } from './render';

/** Users shown per page. */
export const USERS_PER_PAGE = 50;

/** The longest search kept. */
const QUERY_MAX = 100;

/**
 * The « Utilisateurs » section for the page's query: `utilisateur` (letters of a name
 * or identifier) and `page` (from 1; anything else is page 1, past the end the last).
 */
export async function usersSection(
  users: UserService,
  query: Record<string, unknown>
): Promise<string> {
  const search = (
    typeof query.utilisateur === 'string' ? query.utilisateur : ''
  )
    .trim()
    .slice(0, QUERY_MAX);
  const asked = Private.pageNumber(query.page);
  let result = await users.page({
    query: search,
    offset: (asked - 1) * USERS_PER_PAGE,
    limit: USERS_PER_PAGE
  });
  const pages = Math.max(1, Math.ceil(result.total / USERS_PER_PAGE));
  const current = Math.min(asked, pages);
  if (current !== asked) {
    result = await users.page({
      query: search,
      offset: (current - 1) * USERS_PER_PAGE,
      limit: USERS_PER_PAGE
    });
  }
  const form = `<form method="get" action="/hub/admin#utilisateurs" role="search" aria-label="Rechercher des utilisateurs">
${textField('recherche-utilisateur', 'Nom ou identifiant', {
  name: 'utilisateur',
  value: search,
  maxLength: QUERY_MAX,
  extra: 'autocomplete="off"'
})}<button type="submit">Rechercher</button>
</form>`;
  const quoted = search ? ` pour « ${escapeHtml(search)} »` : '';
  if (!result.total) {
    return `<h2 id="utilisateurs">Utilisateurs</h2>
${form}
<p role="status">${search ? `Aucun utilisateur ne correspond à « ${escapeHtml(search)} ».` : 'Aucun utilisateur.'}</p>`;
  }
  const rows = result.users
    .map(
      user => `<tr>
<th scope="row">${escapeHtml(user.name)}</th>
<td>${escapeHtml(user.displayName)}</td>
<td>${escapeHtml(user.roles.map(role => ROLE_LABELS[role]).join(', ') || 'aucun rôle')}</td>
</tr>`
    )
    .join('\n');
  const pageNote = pages > 1 ? `, page ${current} sur ${pages}` : '';
  return `<h2 id="utilisateurs">Utilisateurs</h2>
${form}
<table class="cdc-table">
<caption>${plural(result.total, 'utilisateur', 'utilisateurs')}${quoted}${pageNote}</caption>
<thead><tr><th scope="col">Identifiant</th><th scope="col">Nom affiché</th><th scope="col">Rôles</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
${Private.pager(search, current, pages)}`;
}

namespace Private {
  /** A page number written in digits, else 1. */
  export function pageNumber(value: unknown): number {
    const page =
      typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : 0;
    return page >= 1 ? page : 1;
  }

  /** Links to the previous and next pages, keeping the search. */
  export function pager(
    search: string,
    current: number,
    pages: number
  ): string {
    if (pages <= 1) {
      return '';
    }
    const link = (page: number, rel: string, text: string) => {
      const params = new URLSearchParams();
      if (search) {
        params.set('utilisateur', search);
      }
      params.set('page', String(page));
      return `<a href="/hub/admin?${escapeHtml(params.toString())}#utilisateurs" rel="${rel}">${text}</a>`;
    };
    const items = [
      current > 1 ? link(current - 1, 'prev', 'Page précédente') : '',
      `<span>Page ${current} sur ${pages}</span>`,
      current < pages ? link(current + 1, 'next', 'Page suivante') : ''
    ].filter(Boolean);
    return `<nav aria-label="Pages des utilisateurs" class="cdc-pager">${items.join(' ')}</nav>`;
  }
}
