import { exportRepository, shortId } from '@candyce/environments';

import { writeZip } from '../util/zip';
import { IEnvironmentRecord } from './store';

/**
 * A known environment as a zip that repo2docker builds as is (its `postBuild`
 * executable), and the zip's file name.
 */
export function repositoryZip(
  id: string,
  record: Pick<IEnvironmentRecord, 'lock' | 'files'>
): { name: string; zip: Buffer } {
  const files = exportRepository(record.lock, record.files);
  return {
    name: `environnement-${shortId(id)}.zip`,
    zip: writeZip(
      files.map(file => ({
        path: file.path,
        content: Buffer.from(file.content),
        executable: file.path === 'postBuild'
      }))
    )
  };
}
