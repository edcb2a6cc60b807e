import type { IUserPage, IUserQuery, Role } from './api';

/**
 * The filters of the list of people.
 */
export interface IUserFilters {
  q: string;
  role: Role | '';
  state: 'active' | 'deactivated' | '';
}

/**
 * Pages through the users with the hub's keyset paging (`after` the `next` of a page,
 * `before` its `previous`), counting pages so that « Page 3 sur 2 000 » can be said.
 * Page 2,000 of 100,000 accounts costs what page 1 does.
 */
export class UserPager {
  constructor(
    private readonly _fetch: (query: IUserQuery) => Promise<IUserPage>,
    limit = 50
  ) {
    this._limit = limit;
  }

  /** The page shown, once loaded. */
  get page(): IUserPage | null {
    return this._page;
  }

  /** The number of the page shown, from 1. */
  get number(): number {
    return this._number;
  }

  /** How many pages the filters keep (at least 1). */
  get pages(): number {
    return Math.max(1, Math.ceil((this._page?.total ?? 0) / this._limit));
  }

  get limit(): number {
    return this._limit;
  }

  get filters(): IUserFilters {
    return { ...this._filters };
  }

  get hasNext(): boolean {
    return !!this._page?.next;
  }

  get hasPrevious(): boolean {
    return !!this._page?.previous && this._number > 1;
  }

  /** The first page with new filters, and a new page size when given. */
  search(filters: Partial<IUserFilters>, limit?: number): Promise<IUserPage> {
    this._filters = { ...this._filters, ...filters };
    if (limit !== undefined) {
      this._limit = Math.min(200, Math.max(1, Math.round(limit)));
    }
    return this._load({}, 1);
  }

  next(): Promise<IUserPage> {
    if (!this._page?.next) {
      return Promise.resolve(this._page!);
    }
    return this._load({ after: this._page.next }, this._number + 1);
  }

  previous(): Promise<IUserPage> {
    if (!this._page?.previous) {
      return Promise.resolve(this._page!);
    }
    return this._load({ before: this._page.previous }, this._number - 1);
  }

  /** The page shown again (after an action changed a row). */
  reload(): Promise<IUserPage> {
    return this._load(this._cursor, this._number);
  }

  private async _load(
    cursor: { after?: string; before?: string },
    number: number
  ): Promise<IUserPage> {
    const { q, role, state } = this._filters;
    const query: IUserQuery = {
      limit: this._limit,
      ...(q.trim() ? { q: q.trim() } : {}),
      ...(role ? { role } : {}),
      ...(state ? { state } : {}),
      ...cursor
    };
    // A slow answer to an older request never replaces a newer one.
    const ticket = ++this._ticket;
    const page = await this._fetch(query);
    if (ticket === this._ticket) {
      this._page = page;
      this._cursor = cursor;
      this._number = Math.max(1, number);
    }
    return page;
  }

  private _filters: IUserFilters = { q: '', role: '', state: '' };
  private _limit: number;
  private _page: IUserPage | null = null;
  private _cursor: { after?: string; before?: string } = {};
  private _number = 1;
  private _ticket = 0;
}
