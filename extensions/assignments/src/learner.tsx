import type { ICandyceSession } from '@candyce/core';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { ILearnerActions } from './learnerTypes';
import { LearnerView } from './learnerView';
import type { PupilWording } from './pupilWording';
import type { AssignmentsStore } from './store';

/**
 * The « Mes devoirs » side panel.
 */
export class LearnerPanel extends ReactWidget {
  constructor(options: LearnerPanel.IOptions) {
    super();
    this._options = options;
    this.addClass('cdc-Assignments');
    this.addClass('cdc-LearnerPanel');
  }

  protected override onAfterShow(): void {
    // Back to the panel: what the teacher did meanwhile shows.
    this._options
      .store()
      ?.refresh()
      .catch(reason =>
        console.warn('Candyce assignments: not refreshed', reason)
      );
  }

  protected render(): JSX.Element {
    const { session, wording } = this._options;
    return (
      <UseSignal signal={session.changed}>
        {() => (
          // « tu » in school mode: the panel speaks again when the mode changes.
          <UseSignal signal={wording.changed}>
            {() => this._content()}
          </UseSignal>
        )}
      </UseSignal>
    );
  }

  private _content(): JSX.Element {
    const { session } = this._options;
    const trans = this._options.wording.trans;
    if (session.mode === 'detecting') {
      return (
        <p role="status">{trans.__('Looking for the Candyce platform…')}</p>
      );
    }
    const store = this._options.store();
    if (!store) {
      return (
        <div>
          <h2>{trans.__('My assignments')}</h2>
          <p>
            {trans.__(
              'Assignments need the Candyce platform: this JupyterLab runs without it.'
            )}
          </p>
        </div>
      );
    }
    return (
      <LearnerView
        store={store}
        trans={trans}
        locale={session.locale}
        actions={this._options.actions}
      />
    );
  }

  private _options: LearnerPanel.IOptions;
}

/**
 * The LearnerPanel options.
 */
export namespace LearnerPanel {
  /**
   * What the panel needs.
   */
  export interface IOptions {
    session: ICandyceSession;
    /** The learner side's words (« tu » in school mode). */
    wording: PupilWording;
    /** The store, once the hub is known (`null` without the platform). */
    store: () => AssignmentsStore | null;
    actions: ILearnerActions;
  }
}
