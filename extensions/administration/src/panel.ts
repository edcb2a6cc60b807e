import { Widget } from '@lumino/widgets';

import { AuditView } from './auditView';
import { h } from './dom';
import { EnvironmentsView } from './environmentsView';
import type { IAdministrationOptions } from './options';
import { PeopleView } from './peopleView';
import { Tabs } from './tabs';

/**
 * « Administration » in the main area: « Personnes », « Environnements » (for the
 * platform's administrators) and « Journal », as tabs.
 */
export class AdministrationPanel extends Widget {
  constructor(options: IAdministrationOptions) {
    super();
    this.addClass('cdc-Administration');
    const { trans } = options;
    this.heading = h(
      'h2',
      { class: 'cdc-AdminHeading', tabindex: '-1' },
      trans.__('Administration')
    );
    const people = new PeopleView(options);
    const tabs = [
      {
        id: 'people',
        label: trans.__('People'),
        panel: people.node,
        onShow: () => people.showOnce()
      }
    ];
    if (options.environments) {
      const environments = new EnvironmentsView(options);
      tabs.push({
        id: 'environments',
        label: trans.__('Environments'),
        panel: environments.node,
        onShow: () => environments.showOnce()
      });
    }
    const audit = new AuditView(options);
    tabs.push({
      id: 'audit',
      label: trans.__('Audit log'),
      panel: audit.node,
      onShow: () => audit.showOnce()
    });
    this.tabs = new Tabs(trans.__('Administration'), tabs);
    this.node.append(
      this.heading,
      this.tabs.list,
      ...tabs.map(tab => tab.panel)
    );
    this.tabs.show('people');
  }

  /** The view's heading, focused when it opens. */
  readonly heading: HTMLHeadingElement;

  readonly tabs: Tabs;
}
