import {
  checkLockFits,
  EnvironmentError,
  findPython,
  type ILock
} from '@candyce/environments';

import { DomainError, trans } from '../errors';

/**
 * Refuse a lock that cannot be built on this machine: another platform, or a Python
 * it lacks. The engine's refusal becomes the hub's, its message (French) told as it is.
 *
 * @throws {DomainError} 400 `platform_mismatch` or `python_missing`, `tool_failed`.
 */
export async function checkLockFitsHere(lock: ILock): Promise<void> {
  try {
    checkLockFits(lock, await findPython(lock.python.version));
  } catch (error) {
    if (error instanceof EnvironmentError) {
      throw new DomainError(
        Private.refusalCode(error),
        trans.__('%1', error.message)
      );
    }
    throw error;
  }
}

namespace Private {
  /**
   * The hub's code for an engine failure refusing a lock: the engine's, with `_`.
   */
  export function refusalCode(
    error: EnvironmentError
  ): 'platform_mismatch' | 'python_missing' | 'tool_failed' {
    return error.code === 'python-missing' || error.code === 'platform-mismatch'
      ? (error.code.replace('-', '_') as 'platform_mismatch' | 'python_missing')
      : 'tool_failed';
  }
}
