import type { IEnvironmentSummary } from './api';
import { fill, h } from './dom';
import { failureText } from './format';
import type { IAdministrationOptions } from './options';

/**
 * « Environnements »: every environment by its human name, its size, its last use,
 * and the library resources and assignments that depend on it (what keeps it from
 * being collected).
 */
export class EnvironmentsView {
  constructor(private readonly _options: IAdministrationOptions) {
    const { trans } = _options;
    this._error = h('p', { class: 'cdc-AdminError', role: 'alert' });
    this._status = h('p', { class: 'cdc-AdminStatus', role: 'status' });
    this._table = h('table', { class: 'cdc-AdminTable' });
    this.node = h(
      'section',
      { class: 'cdc-AdminEnvironments' },
      h('h3', {}, trans.__('Environments')),
      this._error,
      this._status,
      this._table
    );
  }

  readonly node: HTMLElement;

  showOnce(): void {
    if (!this._shown) {
      this._shown = true;
      void this.load();
    }
  }

  async load(): Promise<void> {
    const { trans } = this._options;
    try {
      const environments = await this._options.api.environments();
      this._error.textContent = '';
      this._render(environments);
    } catch (reason) {
      this._error.textContent = failureText(trans, reason);
    }
  }

  private _render(environments: IEnvironmentSummary[]): void {
    const { trans, formats } = this._options;
    const sorted = [...environments].sort(
      (a, b) =>
        Number(b.standard) - Number(a.standard) ||
        a.name.localeCompare(b.name, 'fr')
    );
    this._status.textContent = trans._n(
      '%1 environment',
      '%1 environments',
      environments.length
    );
    const headers = [
      trans.__('Name'),
      trans.__('Python'),
      trans.__('Packages'),
      trans.__('Size'),
      trans.__('Last use'),
      trans.__('Depend on it')
    ];
    fill(
      this._table,
      h('caption', { class: 'cdc-AdminCaption' }, trans.__('Environments')),
      h(
        'thead',
        {},
        h('tr', {}, ...headers.map(text => h('th', { scope: 'col' }, text)))
      ),
      h(
        'tbody',
        {},
        ...sorted.map(environment =>
          h(
            'tr',
            {},
            h(
              'th',
              { scope: 'row' },
              environment.name,
              environment.standard
                ? h('span', { class: 'cdc-AdminTag' }, trans.__('standard'))
                : null,
              h(
                'span',
                { class: 'cdc-AdminHash', title: environment.id },
                environment.shortId
              )
            ),
            h('td', { class: 'cdc-AdminNumber' }, environment.python),
            h(
              'td',
              { class: 'cdc-AdminNumber' },
              formats.count(environment.packages)
            ),
            h(
              'td',
              { class: 'cdc-AdminNumber' },
              environment.built
                ? formats.bytes(environment.bytes)
                : trans.__('not built')
            ),
            h(
              'td',
              {},
              environment.lastUsedAt
                ? formats.dateTime(environment.lastUsedAt)
                : trans.__('never')
            ),
            h('td', {}, this._dependents(environment))
          )
        )
      )
    );
  }

  private _dependents(environment: IEnvironmentSummary): string {
    const { trans } = this._options;
    const { resources, assignments } = environment.references;
    const parts = [
      resources
        ? trans._n('%1 library notebook', '%1 library notebooks', resources)
        : null,
      assignments
        ? trans._n('%1 assignment', '%1 assignments', assignments)
        : null
    ].filter((part): part is string => part !== null);
    return parts.length ? parts.join(', ') : trans.__('nothing');
  }

  private _error: HTMLElement;
  private _status: HTMLElement;
  private _table: HTMLTableElement;
  private _shown = false;
}
