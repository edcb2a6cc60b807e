/**
 * The admin page's list of users: a search by name and pages of 50, so that the page
 * never reads every account of a platform that has hundreds of thousands.
 */
import { UserService } from '../users/service';
import { textField } from './forms';
import { html, joinHtml, SafeHtml } from './html';
import { plural, ROLE_LABELS } from './render';

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
): Promise<SafeHtml> {
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
  const form = html`<form method="get" action="/hub/admin#utilisateurs" role="search" aria-label="Rechercher des utilisateurs">
${textField('recherche-utilisateur', 'Nom ou identifiant', {
  name: 'utilisateur',
  value: search,
  maxLength: QUERY_MAX,
  autocomplete: 'off'
})}<button type="submit">Rechercher</button>
</form>`;
  const quoted = search ? ` pour « ${search} »` : '';
  if (!result.total) {
    return html`<h2 id="utilisateurs">Utilisateurs</h2>
${form}
<p role="status">${search ? `Aucun utilisateur ne correspond à « ${search} ».` : 'Aucun utilisateur.'}</p>`;
  }
  const rows = result.users.map(
    user => html`<tr>
<th scope="row">${user.name}</th>
<td>${user.displayName}</td>
<td>${user.roles.map(role => ROLE_LABELS[role]).join(', ') || 'aucun rôle'}</td>
</tr>`
  );
  const pageNote = pages > 1 ? `, page ${current} sur ${pages}` : '';
  return html`<h2 id="utilisateurs">Utilisateurs</h2>
${form}
<table class="cdc-table">
<caption>${plural(result.total, 'utilisateur', 'utilisateurs')}${quoted}${pageNote}</caption>
<thead><tr><th scope="col">Identifiant</th><th scope="col">Nom affiché</th><th scope="col">Rôles</th></tr></thead>
<tbody>
${joinHtml(rows, '\n')}
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
  ): SafeHtml | null {
    if (pages <= 1) {
      return null;
    }
    const link = (page: number, rel: string, text: string) => {
      const params = new URLSearchParams();
      if (search) {
        params.set('utilisateur', search);
      }
      params.set('page', String(page));
      return html`<a href="/hub/admin?${params.toString()}#utilisateurs" rel="${rel}">${text}</a>`;
    };
    const items = [
      current > 1 && link(current - 1, 'prev', 'Page précédente'),
      html`<span>Page ${current} sur ${pages}</span>`,
      current < pages && link(current + 1, 'next', 'Page suivante')
    ].filter(item => item !== false);
    return html`<nav aria-label="Pages des utilisateurs" class="cdc-pager">${joinHtml(items, ' ')}</nav>`;
  }
}
