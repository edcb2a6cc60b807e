import { DomainError, trans } from '../errors';
import { ENVIRONMENT_ID } from './schemas';
import { EnvironmentRecordStore, IEnvironmentRecord } from './store';
import { IStandardEnvironment } from './standard';

/**
 * The record of a known environment.
 *
 * @throws {DomainError} 400 `invalid_environment_id`, 404 `environment_unknown`.
 */
export async function recordOr404(
  records: Pick<EnvironmentRecordStore, 'get'>,
  id: string
): Promise<IEnvironmentRecord> {
  if (!ENVIRONMENT_ID.test(id)) {
    throw new DomainError(
      'invalid_environment_id',
      trans.__('Invalid environment id (64 hexadecimal characters expected).')
    );
  }
  const record = await records.get(id);
  if (!record) {
    throw new DomainError(
      'environment_unknown',
      trans.__(
        "The platform does not know this environment: pin the notebook's software list again."
      )
    );
  }
  return record;
}

/**
 * Record the standard environments (binder-configs) at the hub's start, each under the
 * title the names file gives it now (it may have changed since it was recorded).
 */
export async function recordStandard(
  records: EnvironmentRecordStore,
  standard: readonly IStandardEnvironment[],
  now: string
): Promise<void> {
  for (const env of standard) {
    await records.add({
      id: env.id,
      lock: env.lock,
      files: env.files,
      python: env.lock.python.version,
      addedRequirements: [],
      createdBy: null,
      createdAt: now,
      lastUsedAt: null,
      name: env.title
    });
    if ((await records.get(env.id))?.name !== env.title) {
      await records.setName(env.id, env.title);
    }
  }
}
