import type { IGroupAccount } from '../groups/accounts';
import { IDashboardDeps } from './deps';
import { IWeeklyGroupWork, weeklyGroupWork } from './groupWork';
import { IPeriod } from './period';
import { shownCount } from './smallCounts';

/**
 * « Use of real-time collaboration » (the programme's and an establishment's): the
 * collaboration sessions joined, the people who joined them (fewer than 5: null), and
 * the group workspaces with activity each week, whose shared servers are collaboration
 * too. A group's account joins sessions under its own actor: its sessions count, the
 * account never counts as one of the users.
 */
export interface ICollaborationFigures {
  sessions: number;
  users: number | null;
  groupWorkspaces: IWeeklyGroupWork[];
}

/**
 * The figures of these people's actor keys and these group workspaces, or of
 * everyone's (`people` null: the programme's) but the group accounts.
 */
export async function collaborationFigures(
  deps: IDashboardDeps,
  period: IPeriod,
  people: readonly string[] | null,
  groups: readonly IGroupAccount[]
): Promise<ICollaborationFigures> {
  const groupKeys = groups.map(group => deps.actorKeyOf(group.accountId));
  let sessions: number;
  let users: number;
  if (people === null) {
    const everyone = await deps.queries.collaboration(period);
    const ofGroups = await deps.queries.collaboration(period, groupKeys);
    sessions = everyone.sessions;
    users = everyone.users - ofGroups.users;
  } else {
    sessions = (
      await deps.queries.collaboration(period, [...people, ...groupKeys])
    ).sessions;
    users = (await deps.queries.collaboration(period, people)).users;
  }
  return {
    sessions,
    users: shownCount(users),
    groupWorkspaces: await weeklyGroupWork(deps, groups, period)
  };
}
