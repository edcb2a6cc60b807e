import type { CandyceRole, ICandyceSession } from '@candyce/core';
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { LibraryApi } from './api';
import { libraryMode } from './mode';

/**
 * Roles that may use the library (pupils may not: the hub answers them 403).
 */
const LIBRARY_ROLES: readonly CandyceRole[] = [
  'teacher',
  'author',
  'inspector',
  'admin'
];

/**
 * Whether the session's user may use the library.
 */
export function canUseLibrary(session: ICandyceSession): boolean {
  return LIBRARY_ROLES.some(role => session.hasRole(role));
}

/**
 * The library this JupyterLab can read, or why none: shared by the « Bibliothèque »
 * view and its sidebar entry, so that both say the same thing.
 */
export type LibraryAccess =
  { kind: 'ready'; api: LibraryApi } | { kind: 'detecting' | 'none' | 'pupil' };

/**
 * Find the library the session reaches: the platform's (its API built once by
 * `hubApi`), or the public one of the settings.
 */
export function libraryAccess(
  session: ICandyceSession,
  publicApi: LibraryApi | null,
  hubApi: () => LibraryApi
): LibraryAccess {
  const mode = libraryMode(session, publicApi?.hub.baseUrl ?? '');
  if (mode === 'detecting') {
    return { kind: 'detecting' };
  }
  if (mode === 'none' || (mode === 'public' && !publicApi)) {
    return { kind: 'none' };
  }
  if (mode === 'hub' && !canUseLibrary(session)) {
    return { kind: 'pupil' };
  }
  return { kind: 'ready', api: mode === 'hub' ? hubApi() : publicApi! };
}

/**
 * What to say when no library can be read (nothing when one can).
 */
export function NoLibrary(props: {
  access: LibraryAccess;
  trans: TranslationBundle;
}): JSX.Element | null {
  const { access, trans } = props;
  switch (access.kind) {
    case 'ready':
      return null;
    case 'detecting':
      return (
        <p role="status">{trans.__('Looking for the Candyce platform…')}</p>
      );
    case 'none':
      return (
        <p className="cdc-Library-unavailable">
          {trans.__(
            'The library needs the Candyce platform, which this JupyterLab runs without. You can still read a public Candyce library: give its address in Settings › Candyce library › Read-only library URL.'
          )}
        </p>
      );
    case 'pupil':
      return (
        <p className="cdc-Library-unavailable">
          {trans.__(
            'The library is for teachers: your teachers share its notebooks with you as assignments.'
          )}
        </p>
      );
  }
}
