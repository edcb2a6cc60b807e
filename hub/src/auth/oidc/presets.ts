import { OidcProviderConfig } from '../../config/oidc';
import { Role, ROLES } from '../../users/names';

/**
 * How a provider's claims become hub roles: a claim to read, a table of its values, and
 * the roles a user gets when none of the values is known.
 */
export interface IRolePolicy {
  /** The claim holding affiliations or profiles (a string or a list of strings). */
  rolesClaim: string | null;
  /** Claim value (compared lower-cased) → roles. */
  roleMapping: Record<string, readonly Role[]>;
  /**
   * Roles of a user none of whose values the mapping knows (no claim, or only unknown
   * values). EduConnect serves pupils and their parents; parents are recognised (and get
   * no role), so an EduConnect account with no known profile is taken for a pupil and
   * gets `learner`. Other presets give no role: a user with no role may log in but
   * reaches nothing until an admin grants one.
   */
  fallbackRoles: readonly Role[];
}

/**
 * The presets, as data. Admin is never given by a preset: only an explicit
 * `roleMapping` in the configuration can grant it.
 */
export const PRESETS: Record<OidcProviderConfig['preset'], IRolePolicy> = {
  // EduConnect (pupils and parents): we read `eduPersonAffiliation`-style profile values;
  // a deployment whose federation publishes another claim sets `rolesClaim`.
  educonnect: {
    rolesClaim: 'eduPersonAffiliation',
    roleMapping: {
      student: ['learner'],
      pupil: ['learner'],
      eleve: ['learner'],
      élève: ['learner'],
      teacher: ['teacher'],
      enseignant: ['teacher'],
      parent: [],
      responsable: []
    },
    fallbackRoles: ['learner']
  },
  // Éducation-Recherche (RENATER) style: eduPersonAffiliation (SupAnn) values.
  'education-recherche': {
    rolesClaim: 'eduPersonAffiliation',
    roleMapping: {
      student: ['learner'],
      pupil: ['learner'],
      teacher: ['teacher'],
      faculty: ['teacher'],
      researcher: ['teacher'],
      staff: [],
      employee: [],
      member: [],
      affiliate: []
    },
    fallbackRoles: []
  },
  generic: { rolesClaim: null, roleMapping: {}, fallbackRoles: [] }
};

/**
 * The role policy of a provider: its preset, with the configured claim and mapping in
 * place of the preset's.
 */
export function rolePolicy(provider: OidcProviderConfig): IRolePolicy {
  const preset = PRESETS[provider.preset];
  return {
    rolesClaim: provider.rolesClaim ?? preset.rolesClaim,
    roleMapping: provider.roleMapping
      ? Object.fromEntries(
          Object.entries(provider.roleMapping).map(([k, v]) => [
            k.toLowerCase(),
            v
          ])
        )
      : preset.roleMapping,
    fallbackRoles: preset.fallbackRoles
  };
}

/**
 * The hub roles the claims give. Values that the mapping does not know are ignored
 * (never an error, never a role); so are non-string values. When no value is known, the
 * policy's fallback roles apply.
 */
export function rolesFromClaims(
  claims: Record<string, unknown>,
  policy: IRolePolicy
): Role[] {
  return mapRoleClaims(claims, policy).roles;
}

/**
 * {@link rolesFromClaims}, with the number of values it ignored (unknown to the mapping,
 * or not strings), so that the caller can say the mapping misses some.
 */
export function mapRoleClaims(
  claims: Record<string, unknown>,
  policy: IRolePolicy
): { roles: Role[]; ignored: number } {
  const raw = policy.rolesClaim ? claims[policy.rolesClaim] : undefined;
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const roles = new Set<Role>();
  let recognised = false;
  let ignored = 0;
  for (const value of values) {
    const key = typeof value === 'string' ? value.trim().toLowerCase() : null;
    if (
      key === null ||
      !Object.prototype.hasOwnProperty.call(policy.roleMapping, key)
    ) {
      ignored += 1;
      continue;
    }
    recognised = true;
    for (const role of policy.roleMapping[key]) {
      if (ROLES.includes(role)) {
        roles.add(role);
      }
    }
  }
  return {
    roles: recognised ? [...roles] : [...policy.fallbackRoles],
    ignored
  };
}
