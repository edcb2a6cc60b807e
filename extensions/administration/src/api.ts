import type {
  HubAnswer,
  HubApi,
  HubBody,
  HubCallOptions,
  HubSchema
} from '@candyce/core';

/** A user as the list gives them (with their schools and last activity). */
export type IAdminUser = HubSchema<'AdminUserListItem'>;

/** An account as its creation answers it. */
export type ICreatedUser = HubSchema<'AdminUser'>;

/** A page of users (`GET /admin/users`). */
export type IUserPage = HubAnswer<'get', '/admin/users'>;

/** A user's account with their classes, establishments and server. */
export type IUserDetails = HubAnswer<'get', '/admin/users/{name}'>;

/** What creates an account. */
export type INewUser = HubBody<'post', '/admin/users'>;

/** A one-time password reset code. */
export type IResetCode = HubAnswer<
  'post',
  '/admin/users/{name}/password-reset'
>;

/** An establishment the caller administers. */
export type IEstablishment = HubSchema<'Establishment'>;

/** A role, as the hub names it. */
export type Role = HubSchema<'Role'>;

/** One entry of the audit log. */
export type IAuditEvent = HubSchema<'AuditEvent'>;

/** An environment, its size and what depends on it. */
export type IEnvironmentSummary = HubSchema<'EnvironmentSummary'>;

/** An action the audit log can be filtered by. */
export type AuditAction = NonNullable<
  Exclude<
    HubCallOptions<'get', '/admin/audit'>['query'],
    URLSearchParams | undefined
  >['action']
>;

/** What a page of users is asked with. */
export interface IUserQuery {
  q?: string;
  role?: Role;
  state?: 'active' | 'deactivated';
  after?: string;
  before?: string;
  limit: number;
}

/**
 * The administration's hub calls, typed by the contract.
 */
export class AdministrationApi {
  constructor(private readonly _api: HubApi) {}

  users(query: IUserQuery): Promise<IUserPage> {
    return this._api.get('/admin/users', { query: { ...query } });
  }

  user(name: string): Promise<IUserDetails> {
    return this._api.get('/admin/users/{name}', { params: { name } });
  }

  create(user: INewUser): Promise<ICreatedUser> {
    return this._api.post('/admin/users', { body: user });
  }

  setRoles(name: string, roles: Role[]): Promise<void> {
    return this._api.patch('/admin/users/{name}', {
      params: { name },
      body: { roles }
    });
  }

  setActive(name: string, active: boolean): Promise<void> {
    return this._api.patch('/admin/users/{name}', {
      params: { name },
      body: { active }
    });
  }

  passwordReset(name: string): Promise<IResetCode> {
    return this._api.post('/admin/users/{name}/password-reset', {
      params: { name }
    });
  }

  /** The establishments the caller administers (every one for a global administrator). */
  establishments(): Promise<HubAnswer<'get', '/admin/establishments'>> {
    return this._api.get('/admin/establishments');
  }

  audit(
    action: AuditAction | null,
    cursor: string | null,
    limit: number
  ): Promise<HubAnswer<'get', '/admin/audit'>> {
    return this._api.get('/admin/audit', {
      query: {
        ...(action ? { action } : {}),
        ...(cursor ? { cursor } : {}),
        limit
      }
    });
  }

  async environments(): Promise<IEnvironmentSummary[]> {
    return (await this._api.get('/environments')).environments;
  }
}
