import './jsdomShims';

import { HubClient, textToBase64 } from '@candyce/core';
import type { Contents } from '@jupyterlab/services';
import { Widget } from '@lumino/widgets';

import { AssignmentsApi, type IFileIn } from '../src/api';
import {
  openSubmission,
  type IOpenSubmissionOptions
} from '../src/openSubmission';
import { ReviewView } from '../src/reviewView';
import { AssignmentsStore } from '../src/store';
import { french } from '@candyce/core/testing';

const ASSIGNMENT = {
  id: 'a1',
  title: 'Les listes',
  folder: 'devoirs/les-listes-a1b2'
} as Parameters<typeof openSubmission>[1];
const LEARNER = { name: 'eleve4', displayName: 'Nathan Durand' };

/** A pupil's notebook that says it is trusted and carries outputs that would run. */
function pupilNotebook(): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { trusted: true },
    cells: [
      {
        id: 'cellule-1',
        cell_type: 'code',
        execution_count: 1,
        metadata: { trusted: true },
        source: 'import numpy\nreponse = [1, 2, 3]',
        outputs: [
          { output_type: 'stream', name: 'stdout', text: 'bonjour\n' },
          {
            output_type: 'display_data',
            metadata: {},
            data: {
              'text/html': '<img src=x onerror="window.pwned = 1">',
              'application/javascript': 'window.pwned = 2'
            }
          }
        ]
      },
      {
        id: 'cellule-2',
        cell_type: 'markdown',
        metadata: {},
        source: '# Mes réponses <script>window.pwned = 3</script>'
      }
    ]
  });
}

const MODULE = 'import os\nos.system("rm -rf ~")\n';

/** The hub as the teacher's JupyterLab reaches it. */
function fakeHub(): AssignmentsApi {
  const file = (path: string, text: string): IFileIn => ({
    path,
    content: textToBase64(text)
  });
  const answers: Record<string, unknown> = {
    '/hub/api/v1/assignments/a1/submissions/eleve4/latest': {
      submission: { version: 2, submittedAt: 'x', late: false, files: [] },
      files: [file('listes.ipynb', pupilNotebook()), file('numpy.py', MODULE)]
    },
    '/hub/api/v1/assignments/a1/submissions/eleve5/latest': {
      submission: { version: 1, submittedAt: 'x', late: false, files: [] },
      files: [file('listes.ipynb', '{"cells": []}')]
    },
    '/hub/api/v1/assignments/a1/feedback/eleve5': {
      comment: '',
      grade: null,
      maxGrade: 20,
      rubric: [],
      cells: []
    },
    '/hub/api/v1/assignments/a1/original': {
      files: [file('listes.ipynb', '{"cells": []}')]
    },
    '/hub/api/v1/assignments/a1/feedback/eleve4': {
      comment: '',
      grade: null,
      maxGrade: 20,
      rubric: [],
      cells: [
        {
          path: 'listes.ipynb',
          cellId: 'cellule-1',
          comment: 'Une liste commence à l’indice 0.'
        }
      ]
    }
  };
  const hub = new HubClient({
    // jsdom has no Response: what the client reads of one.
    fetch: async url => {
      const body = answers[String(url)];
      return {
        status: body ? 200 : 404,
        ok: !!body,
        headers: new Headers({ 'Content-Type': 'application/json' }),
        json: async () => body ?? { error: { code: 'not_found', message: '' } }
      } as unknown as Response;
    }
  });
  return new AssignmentsApi(hub);
}

/** The teacher's home: every call recorded, nothing in it. */
function teacherHome() {
  const calls: string[] = [];
  const record =
    (name: string) =>
    async (path: string): Promise<never> => {
      calls.push(`${name} ${path}`);
      throw { response: { status: 404 } };
    };
  const contents = {
    get: record('get'),
    save: record('save'),
    newUntitled: record('newUntitled'),
    copy: record('copy'),
    rename: record('rename'),
    delete: record('delete'),
    createCheckpoint: record('createCheckpoint')
  } as unknown as Contents.IManager;
  return { contents, calls };
}

/** Markdown as the sanitiser renders it when nothing may stay HTML: as text. */
async function textMarkdown(host: HTMLElement, source: string): Promise<void> {
  const p = host.ownerDocument.createElement('p');
  p.textContent = source;
  host.appendChild(p);
}

/** The views opened by a test, closed after it. */
const shown: Widget[] = [];

async function open(learner = LEARNER, beside?: string) {
  const home = teacherHome();
  const added: { widget: Widget; options: unknown }[] = [];
  const store = new AssignmentsStore(fakeHub());
  const options = {
    store: () => store,
    shell: {
      add: (widget: Widget, _area?: string, options?: unknown) => {
        added.push({ widget, options });
        Widget.attach(widget, document.body);
      },
      activateById: () => undefined
    },
    renderMarkdown: textMarkdown,
    trans: french(),
    // What the former version wrote the pupil's files with: it must stay unused.
    contents: home.contents
  } as unknown as IOpenSubmissionOptions;
  const announced = await openSubmission(options, ASSIGNMENT, learner, beside);
  const views = added.map(a => a.widget as ReviewView);
  shown.push(...views);
  await Promise.all(views.map(view => view.ready));
  return { announced, views, added, home, store };
}

describe('opening a pupil’s work for review', () => {
  afterEach(() => {
    for (const view of shown.splice(0)) {
      view.dispose();
    }
    delete (window as { pwned?: number }).pwned;
  });

  it('tried: opening work that carries a numpy.py writes no file into the teacher’s contents, and lists numpy.py by name only', async () => {
    const { announced, views, added, home } = await open();
    expect(home.calls).toEqual([]);
    expect(added[1].options).toEqual({
      mode: 'split-right',
      ref: views[0].id
    });
    expect(announced).toBe(
      'Copie de Nathan Durand (version 2) ouverte en lecture seule, à côté de l’énoncé : rien n’y est exécuté, rien n’est écrit dans vos fichiers.'
    );
    const [work, original] = views;
    expect(work.title.label).toBe('Copie de Nathan Durand');
    expect(original.title.label).toBe('Énoncé : Les listes');
    const others = work.node.querySelector('.cdc-Review-files')!;
    expect(others.querySelector('h3')!.textContent).toBe('Autres fichiers');
    expect(others.querySelector('code')!.textContent).toBe('numpy.py');
    expect(others.querySelector('button')!.getAttribute('aria-label')).toBe(
      'Télécharger numpy.py'
    );
    // Its code is nowhere in the page: named, not shown, not run.
    expect(document.body.textContent).not.toContain('rm -rf');
  });

  it('opens the work under the follow-up, the original on its right; the next pupil’s work takes the place of the last', async () => {
    const first = await open(LEARNER, 'cdc-followup-a1');
    expect(first.added.map(a => a.options)).toEqual([
      { mode: 'split-bottom', ref: 'cdc-followup-a1' },
      { mode: 'split-right', ref: first.views[0].id }
    ]);
    const other = { name: 'eleve5', displayName: 'Léa Martin' };
    const second = await open(other, 'cdc-followup-a1');
    expect(second.added.map(a => a.options)).toEqual([
      { mode: 'tab-after', ref: first.views[0].id },
      { mode: 'split-right', ref: second.views[0].id }
    ]);
    // One original at a time: the former one went when the new one came.
    expect(first.views[1].isDisposed).toBe(true);
    expect(first.views[0].isDisposed).toBe(false);
  });

  it('tried: a notebook claiming to be trusted, with HTML, JavaScript and a script in markdown: shown read-only as text, no kernel, nothing runs', async () => {
    const { views } = await open();
    const [work, original] = views;
    // No notebook panel, so no session to start a kernel in, and no editor.
    for (const view of views) {
      expect(view).toBeInstanceOf(ReviewView);
      expect('sessionContext' in view).toBe(false);
      expect('context' in view).toBe(false);
    }
    expect(
      document.querySelectorAll(
        'textarea, input, [contenteditable], .jp-InputArea, .cm-editor'
      )
    ).toHaveLength(0);
    expect(document.querySelectorAll('script, iframe, object')).toHaveLength(0);
    expect(document.querySelector('[onerror]')).toBeNull();
    expect((window as { pwned?: number }).pwned).toBeUndefined();
    expect(work.node.querySelector('.cdc-Review-note')!.textContent).toBe(
      'Lecture seule : rien n’est exécuté ici, et rien n’est écrit dans vos fichiers.'
    );
    const cells = work.node.querySelectorAll<HTMLElement>('.cdc-Review-cell');
    expect(Array.from(cells).map(c => c.getAttribute('aria-label'))).toEqual([
      'Cellule 1, code',
      'Cellule 2, texte'
    ]);
    expect(cells[0].querySelector('.cdc-Review-source')!.textContent).toBe(
      'import numpy\nreponse = [1, 2, 3]'
    );
    expect(
      Array.from(cells[0].querySelectorAll('.cdc-Review-output')).map(
        o => o.textContent
      )
    ).toEqual([
      'bonjour\n',
      'Sortie non affichée : le HTML, le JavaScript et les widgets d’une copie d’élève ne sont jamais affichés.'
    ]);
    expect(cells[1].textContent).toContain('<script>');
    expect(original.node.querySelectorAll('.cdc-Review-cell')).toHaveLength(0);
  });

  it('tried: selecting a cell and saving a draft comment: the comment shows under that cell, for « Commenter la cellule »', async () => {
    const { views, store } = await open();
    const [work, original] = views;
    expect(work.review).toEqual({ assignmentId: 'a1', learner: 'eleve4' });
    expect(original.review).toBeNull();
    expect(work.selectedCell).toBeNull();
    const cells = work.node.querySelectorAll<HTMLElement>('.cdc-Review-cell');
    cells[1].dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    expect(work.selectedCell).toEqual({
      path: 'listes.ipynb',
      cellId: 'cellule-2'
    });
    // The draft loaded with the work: its comment is under the first cell.
    const box = cells[0].querySelector('.cdc-CellComment')!;
    expect(box.getAttribute('aria-label')).toBe(
      'Votre commentaire pour l’élève'
    );
    expect(box.textContent).toContain('Une liste commence à l’indice 0.');
    store.setCellComment('a1', 'eleve4', {
      path: 'listes.ipynb',
      cellId: 'cellule-2',
      comment: 'Titre <b>clair</b>.'
    });
    const second = cells[1].querySelector('.cdc-CellComment-text')!;
    expect(second.textContent).toBe('Titre <b>clair</b>.');
    expect(second.querySelector('b')).toBeNull();
    expect(work.node.querySelectorAll('.cdc-CellComment')).toHaveLength(2);
  });
});
