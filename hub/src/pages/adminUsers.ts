/**
 * The admin page's list of users: a search by name and pages of 50, so that the page
 * never reads every account of a platform that has hundreds of thousands.
 */
import { IHubTranslator } from '../i18n';
import { UserService } from '../users/service';
import { textField } from './forms';
import { html, joinHtml, SafeHtml } from './html';
import { userPath } from './adminUserViews';
import { rolesText } from './render';

/** Users shown per page. */
export const USERS_PER_PAGE = 50;

/** The longest search kept. */
const QUERY_MAX = 100;

/**
 * The « Utilisateurs » section for the page's query: `utilisateur` (letters of a name
 * or identifier) and `page` (from 1; anything else is page 1, past the end the last).
 */
export async function usersSection(
  trans: IHubTranslator,
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
  const form = html`<form method="get" action="/hub/admin#utilisateurs" role="search" aria-label="${trans.__('Search users')}">
${textField(trans, 'recherche-utilisateur', trans.__('Name or username'), {
  name: 'utilisateur',
  value: search,
  maxLength: QUERY_MAX,
  autocomplete: 'off'
})}<button type="submit">${trans.__('Search')}</button>
</form>`;
  const quoted = search ? trans.__(' for « %1 »', search) : '';
  if (!result.total) {
    return html`<h2 id="utilisateurs">${trans.__('Users')}</h2>
${form}
<p role="status">${search ? trans.__('No user matches « %1 ».', search) : trans.__('No users.')}</p>`;
  }
  const rows = result.users.map(
    user => html`<tr>
<th scope="row"><a href="${userPath(user.name)}">${user.name}</a></th>
<td>${user.displayName}</td>
<td>${rolesText(trans, user.roles)}</td>
</tr>`
  );
  const pageNote = pages > 1 ? trans.__(', page %1 of %2', current, pages) : '';
  return html`<h2 id="utilisateurs">${trans.__('Users')}</h2>
${form}
<table class="cdc-table cdc-rows">
<caption>${trans._n('%1 user', '%1 users', result.total)}${quoted}${pageNote}</caption>
<thead><tr><th scope="col">${trans.__('Username')}</th><th scope="col">${trans.__('Display name')}</th><th scope="col">${trans.__('Roles')}</th></tr></thead>
<tbody>
${joinHtml(rows, '\n')}
</tbody>
</table>
${Private.pager(trans, search, current, pages)}`;
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
    trans: IHubTranslator,
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
      current > 1 && link(current - 1, 'prev', trans.__('Previous page')),
      html`<span>${trans.__('Page %1 of %2', current, pages)}</span>`,
      current < pages && link(current + 1, 'next', trans.__('Next page'))
    ].filter(item => item !== false);
    return html`<nav aria-label="${trans.__('Pages of users')}" class="cdc-pager">${joinHtml(items, ' ')}</nav>`;
  }
}
