/**
 * What the optional-traces rule of a group workspace's account reads.
 */
export interface IGroupTraceConsentDeps {
  /** The live workspace run by this account, or null when it is no group's. */
  workspaceOf(
    accountId: string
  ): Promise<{ classId: string; memberIds: readonly string[] } | null>;
  /** The trace policy of a class (its teacher's choice, or its level's default). */
  classPolicy(classId: string): Promise<'none' | 'consent'>;
  /** Whether a member's own effective consent allows optional traces now. */
  memberOptional(userId: string): Promise<boolean>;
}

/**
 * Whether the LRS records optional traces for a group workspace's account (its
 * JupyterLab sends statements under the account's pseudonym), or null when `accountId`
 * is not a group's account (the person's own rule applies).
 *
 * The statements of the account are the work of all its members together, whom a
 * pseudonym of the group does not separate: they are recorded only as far as every
 * one of them allows. So: never when the class's policy is `none`; otherwise only when
 * every member's effective consent allows optional traces (one who said no, or a minor
 * who never said yes, refuses for the group: the most restrictive choice); never for a
 * workspace without members (nobody to have agreed).
 */
export async function groupOptionalTraces(
  deps: IGroupTraceConsentDeps,
  accountId: string
): Promise<boolean | null> {
  const workspace = await deps.workspaceOf(accountId);
  if (!workspace) {
    return null;
  }
  if (
    !workspace.memberIds.length ||
    (await deps.classPolicy(workspace.classId)) === 'none'
  ) {
    return false;
  }
  for (const memberId of workspace.memberIds) {
    if (!(await deps.memberOptional(memberId))) {
      return false;
    }
  }
  return true;
}

/**
 * The optional-traces rule of the LRS (and of the counts that follow it): a group
 * workspace's account by {@link groupOptionalTraces}, anyone else by their own
 * effective consent (`personOptional`).
 */
export function optionalTracesOf(
  deps: Omit<IGroupTraceConsentDeps, 'memberOptional'> & {
    personOptional(user: {
      id: string;
      roles: readonly string[];
    }): Promise<boolean>;
    user(id: string): Promise<{
      id: string;
      roles: readonly string[];
      deactivatedAt?: string;
    } | null>;
  }
): (user: { id: string; roles: readonly string[] }) => Promise<boolean> {
  const memberOptional = async (id: string) => {
    const member = await deps.user(id);
    return !!member && (await deps.personOptional(member));
  };
  return async user =>
    (await groupOptionalTraces({ ...deps, memberOptional }, user.id)) ??
    (await deps.personOptional(user));
}
