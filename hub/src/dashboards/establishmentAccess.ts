import { IEstablishment } from '../classes/service';
import { DomainError, trans } from '../errors';
import type { IAdministeredScope } from '../establishments/scope';
import { Reach } from '../policy';
import { IUser } from '../users/service';
import { IDashboardDeps } from './deps';

/**
 * The establishments whose dashboards a user may see, once the policy has said how far
 * `dashboards:establishment` reaches for them: every establishment (`all`:
 * administrators and inspectors, who see the programme's), or those they administer
 * (`establishment`: a grant of one establishment or of an academy,
 * `establishments/scope.ts`).
 */
export class EstablishmentAccess {
  constructor(
    private readonly _reads: Pick<IDashboardDeps, 'classes'>,
    private readonly _administered: (
      user: IUser
    ) => Promise<IAdministeredScope | null>
  ) {}

  /** The establishments within reach, by name. */
  async list(user: IUser, reach: Reach): Promise<IEstablishment[]> {
    const all = await this._reads.classes.establishments();
    let shown = all;
    if (reach !== 'all') {
      const scope = await this._administered(user);
      const mine = new Set(scope?.establishmentIds ?? []);
      shown = scope?.everything ? all : all.filter(one => mine.has(one.id));
    }
    return shown.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  }

  /**
   * An establishment the policy let the user see.
   *
   * @throws {DomainError} 404 `unknown_establishment` (only those who see every
   * establishment get this far with an unknown id: for the others the policy answered
   * 403, whether it exists or not).
   */
  async one(id: string): Promise<IEstablishment> {
    const found = await this._reads.classes.getEstablishment(id);
    if (!found) {
      throw new DomainError(
        'unknown_establishment',
        trans.__('Unknown school.')
      );
    }
    return found;
  }
}
