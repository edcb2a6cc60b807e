import { Dialog, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import type { TraceLevel } from './consent';

/** The status bar's words for a level. */
export function levelLabel(
  level: TraceLevel,
  trans: TranslationBundle
): string {
  switch (level) {
    case 'none':
      return trans.__('Traces: none');
    case 'essential':
      return trans.__('Traces: essential only');
    case 'full':
      return trans.__('Traces: full activity');
  }
}

/**
 * The status bar item saying what is recorded; a click opens {@link showTraces}.
 */
export class TraceIndicator extends Widget {
  constructor(
    private readonly _trans: TranslationBundle,
    private readonly _open: () => void
  ) {
    super({ node: document.createElement('button') });
    this.addClass('cdc-TraceIndicator');
    const button = this.node as HTMLButtonElement;
    button.type = 'button';
    button.addEventListener('click', () => this._open());
  }

  /** Show a level. */
  setLevel(level: TraceLevel): void {
    const trans = this._trans;
    this.node.textContent = levelLabel(level, trans);
    this.node.title = trans.__('What is recorded of my activity');
    this.node.dataset.level = level;
  }
}

/**
 * The dialog listing what is recorded at a level, with a link to the platform's
 * privacy page (`privacyUrl`, `null` without the platform).
 */
export function showTraces(options: {
  level: TraceLevel;
  recordCode: boolean;
  privacyUrl: string | null;
  trans: TranslationBundle;
}): Promise<unknown> {
  const { level, trans } = options;
  const body = document.createElement('div');
  body.className = 'cdc-TraceDialog';
  const paragraph = (text: string) => {
    const p = document.createElement('p');
    p.textContent = text;
    body.appendChild(p);
  };
  if (level === 'none') {
    paragraph(
      trans.__('Nothing is recorded: no learning record store is configured.')
    );
  } else {
    paragraph(trans.__('What is recorded:'));
    const list = document.createElement('ul');
    const item = (text: string) => {
      const li = document.createElement('li');
      li.textContent = text;
      list.appendChild(li);
    };
    item(
      trans.__(
        'assignments fetched and handed in, and marked work returned (for the follow-up of assignments);'
      )
    );
    if (level === 'full') {
      item(trans.__('notebooks opened, saved and closed;'));
      item(
        options.recordCode
          ? trans.__(
              'cells run, whether they succeeded, the name of the error, and their code;'
            )
          : trans.__(
              'cells run, whether they succeeded and the name of the error (not the code);'
            )
      );
      item(trans.__('library resources viewed, copied or recommended;'));
      item(trans.__('joining a real-time collaboration.'));
    }
    body.appendChild(list);
    paragraph(
      trans.__(
        'No name is recorded: the traces carry a pseudonymous identifier only.'
      )
    );
    if (level === 'essential') {
      paragraph(
        trans.__(
          'The rest of the activity is not recorded: it would need consent.'
        )
      );
    }
  }
  if (options.privacyUrl) {
    const link = document.createElement('a');
    link.href = options.privacyUrl;
    link.target = '_blank';
    link.rel = 'noopener';
    link.textContent = trans.__(
      'Privacy: what is collected, why, for how long, who sees it'
    );
    const p = document.createElement('p');
    p.appendChild(link);
    body.appendChild(p);
  }
  return showDialog({
    title: trans.__('Learning traces'),
    body: new Widget({ node: body }),
    buttons: [Dialog.okButton({ label: trans.__('Close') })]
  });
}
