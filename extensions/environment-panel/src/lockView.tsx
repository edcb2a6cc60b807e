import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { IEnvironment } from './api';
import { ListNotes } from './listNotes';

/**
 * The lock a resolution gave: every package with its exact version, what the hub
 * added, what only an image build would apply, and the notes on the software list
 * (what the builder leaves aside or does differently from repo2docker).
 */
export function LockView(props: {
  environment: IEnvironment;
  trans: TranslationBundle;
}): JSX.Element {
  const { environment, trans } = props;
  const headingRef = React.useRef<HTMLHeadingElement>(null);

  // The lock replaces the progress bar that had the attention: it takes the focus.
  React.useEffect(() => {
    headingRef.current?.focus();
  }, [environment.id]);

  return (
    <section
      className="cdc-EnvLock"
      aria-labelledby={`cdc-EnvLock-${environment.shortId}`}
    >
      <h3
        id={`cdc-EnvLock-${environment.shortId}`}
        ref={headingRef}
        tabIndex={-1}
      >
        {trans.__('Lock of « %1 »', environment.name)}
      </h3>
      <p>
        {trans._n(
          'Python %2, %1 package with its exact version.',
          'Python %2, %1 packages with their exact versions.',
          environment.packages.length,
          environment.python
        )}
      </p>
      {environment.addedRequirements.length > 0 && (
        <p className="cdc-EnvLock-note">
          {trans.__(
            'Added by the platform so that the notebook has a kernel: %1.',
            environment.addedRequirements.join(', ')
          )}
        </p>
      )}
      {environment.imageOnly.length > 0 && (
        <p className="cdc-EnvLock-note">
          {trans.__(
            'Kept for image builds only (repo2docker); this platform’s builder does not apply them: %1.',
            environment.imageOnly.join(', ')
          )}
        </p>
      )}
      <ListNotes notes={environment.notes} trans={trans} />
      <div
        className="cdc-EnvLock-scroll"
        tabIndex={0}
        role="region"
        aria-label={trans.__('Packages of the lock')}
      >
        <table className="cdc-EnvLock-table">
          <caption className="cdc-EnvVisuallyHidden">
            {trans.__('Packages of the lock')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{trans.__('Name')}</th>
              <th scope="col">{trans.__('Version')}</th>
            </tr>
          </thead>
          <tbody>
            {environment.packages.map(p => (
              <tr key={p.name}>
                <th scope="row">
                  <span className="cdc-EnvPackageName" title={p.name}>
                    {p.name}
                  </span>
                </th>
                <td>{p.version}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
