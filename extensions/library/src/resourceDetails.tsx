import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { IResourceDetail, ITaxonomy } from './api';
import { labelOf } from './labels';

/**
 * A resource's metadata beside its preview: disciplines, levels, language, duration,
 * licence, authors, keywords, who recommends it, its versions and its files.
 */
export function ResourceDetails(props: {
  resource: IResourceDetail;
  taxonomy: ITaxonomy | null;
  trans: TranslationBundle;
}): JSX.Element {
  const { resource, taxonomy, trans } = props;
  const licence = taxonomy?.licences.find(l => l.id === resource.licence);
  const names = (list: (string | null)[]) =>
    list.filter((name): name is string => !!name).join(', ');
  return (
    <section
      className="cdc-Resource-details"
      aria-labelledby="cdc-Resource-details-h"
    >
      <h3 id="cdc-Resource-details-h">{trans.__('About this resource')}</h3>
      <dl className="cdc-Resource-meta">
        <dt>{trans.__('Disciplines')}</dt>
        <dd>
          {resource.disciplines
            .map(d => labelOf(taxonomy?.disciplines, d))
            .join(', ')}
        </dd>
        <dt>{trans.__('Levels')}</dt>
        <dd>
          {resource.levels.map(l => labelOf(taxonomy?.levels, l)).join(', ')}
        </dd>
        <dt>{trans.__('Language')}</dt>
        <dd>{labelOf(taxonomy?.languages, resource.language)}</dd>
        <dt>{trans.__('Duration')}</dt>
        <dd>{trans.__('%1 min', resource.durationMinutes)}</dd>
        <dt>{trans.__('Licence')}</dt>
        <dd>
          {licence?.url ? (
            <a href={licence.url} target="_blank" rel="noopener noreferrer">
              {licence.label}
            </a>
          ) : (
            (licence?.label ?? resource.licence)
          )}
        </dd>
        <dt>{trans.__('Authors')}</dt>
        <dd>{resource.authors.join(', ')}</dd>
        {resource.keywords.length > 0 && (
          <>
            <dt>{trans.__('Keywords')}</dt>
            <dd>{resource.keywords.join(', ')}</dd>
          </>
        )}
        <dt>{trans.__('Current version')}</dt>
        <dd>{resource.version}</dd>
      </dl>
      {(resource.endorsedBy.inspection.length > 0 ||
        resource.endorsedBy.peer.length > 0) && (
        <ul className="cdc-Resource-endorsers">
          {resource.endorsedBy.inspection.length > 0 && (
            <li>
              {trans.__(
                'Recommended for the inspectorate by %1',
                names(resource.endorsedBy.inspection)
              )}
            </li>
          )}
          {resource.endorsedBy.peer.length > 0 && (
            <li>
              {trans.__('Recommended by %1', names(resource.endorsedBy.peer))}
            </li>
          )}
        </ul>
      )}
      <h4>{trans.__('Versions')}</h4>
      <ol className="cdc-Resource-versions" reversed>
        {[...resource.versions]
          .sort((a, b) => b.version - a.version)
          .map(v => (
            <li key={v.version}>
              {trans.__(
                'Version %1, « %2 », published on %3 by %4',
                v.version,
                v.title,
                new Date(v.publishedAt).toLocaleDateString('fr-FR'),
                v.publishedBy ?? '?'
              )}
            </li>
          ))}
      </ol>
      <h4>{trans.__('Files')}</h4>
      <ul className="cdc-Resource-files">
        {resource.files.map(file => (
          <li key={file.path}>
            {trans.__('%1 (%2 kB)', file.path, Math.ceil(file.size / 1024))}
          </li>
        ))}
      </ul>
    </section>
  );
}
