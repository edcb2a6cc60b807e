import { Dialog, SessionContextDialogs } from '@jupyterlab/apputils';
import type { ISessionContext } from '@jupyterlab/apputils';
import type { ServiceManager } from '@jupyterlab/services';
import { Signal } from '@lumino/signaling';
import { renderToStaticMarkup } from 'react-dom/server';

import { relabelKernelPickers } from '../src/notebookHooks';
import { Operation } from '../src/operation';
import { toolbarLabel, ToolbarProgress } from '../src/toolbarProgress';
import { trans } from '@candyce/core/testing';

const MATHS = 'candyce-2d69e655251ae45e';
const OTHER = 'candyce-36b3b548c220113b';
const SPECS = {
  default: 'python3',
  kernelspecs: {
    python3: {
      name: 'python3',
      display_name: 'Python 3 (ipykernel)',
      language: 'python',
      argv: [],
      resources: {}
    },
    [MATHS]: {
      name: MATHS,
      display_name: 'Python — Mathématiques',
      language: 'python',
      argv: [],
      resources: {}
    }
  }
};
const KERNELS = [
  { id: '3f2a9c1d-0000-4000-8000-000000000001', name: MATHS },
  // A kernel of an environment this user's server does not list, without a session.
  { id: '7b7b7b7b-0000-4000-8000-000000000002', name: OTHER }
];

/**
 * The kernel picker of JupyterLab itself (`SessionContextDialogs.selectKernel`, its own
 * options), opened on a notebook while two other kernels run: one of a notebook on the
 * maths environment, one without a session.
 */
describe('the kernel picker names environments, not kernel ids', () => {
  afterEach(() => Dialog.flush());

  async function openPicker(): Promise<HTMLSelectElement> {
    const sessionContext = {
      kernelManager: { running: () => KERNELS.values() },
      sessionManager: {
        running: () =>
          [
            {
              id: 's1',
              name: 'carnet.ipynb',
              path: 'cours/carnet.ipynb',
              type: 'notebook',
              kernel: KERNELS[0]
            }
          ].values()
      },
      specsManager: { specs: SPECS },
      kernelPreference: { language: 'python' },
      hasNoKernel: true,
      kernelDisplayName: 'Aucun noyau',
      session: null,
      isDisposed: false,
      disposed: new Signal({}),
      kernelChanged: new Signal({}),
      prevKernelName: ''
    } as unknown as ISessionContext;
    // Closed by Dialog.flush() after each test, which rejects its promise.
    new SessionContextDialogs()
      .selectKernel(sessionContext)
      .catch(() => undefined);
    for (let i = 0; i < 50; i++) {
      await new Promise(resolve => setTimeout(resolve, 10));
      const select = document.querySelector<HTMLSelectElement>(
        '.jp-Dialog-body select'
      );
      if (select) {
        // The tracker announces the dialog once it is added: a tick more.
        await new Promise(resolve => setTimeout(resolve, 10));
        return select;
      }
    }
    throw new Error('no kernel picker');
  }

  const texts = (select: HTMLSelectElement) =>
    Array.from(select.options).map(option => option.text);

  it('JupyterLab alone says « session (id) »', async () => {
    const select = await openPicker();
    expect(texts(select)).toEqual(
      expect.arrayContaining([
        'carnet.ipynb (3f2a9c1d)',
        `${OTHER} (7b7b7b7b)`,
        'Python — Mathématiques'
      ])
    );
  });

  it('with Candyce: « carnet.ipynb — Python — Mathématiques », the id only in the tooltip', async () => {
    relabelKernelPickers(
      {
        kernels: { running: () => KERNELS.values() },
        kernelspecs: { specs: SPECS }
      } as unknown as ServiceManager.IManager,
      trans
    );
    const select = await openPicker();
    const running = Array.from(select.options).filter(option =>
      /"id"/.test(option.value)
    );
    expect(running.map(option => option.text).sort()).toEqual([
      'Candyce environment',
      'carnet.ipynb — Python — Mathématiques'
    ]);
    expect(texts(select).join('\n')).not.toMatch(/\([0-9a-f]{8}\)|candyce-/);
    expect(running.map(option => option.title).join('\n')).toContain(
      KERNELS[0].id
    );
    // Choosing one still connects to that kernel.
    expect(JSON.parse(running[0].value).id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('the progress in the notebook’s toolbar', () => {
  it('says what happens in a teacher’s words, with a bar and « Annuler », and nothing when idle', () => {
    const operation = new Operation('build');
    operation.onProgress({
      phase: 'store',
      message: 'Enregistrement de l’environnement (40 %)…',
      fraction: 0.87
    });
    expect(toolbarLabel(operation, trans)).toBe(
      'Preparing the environment: 87 %'
    );
    const changed = new Signal<unknown, unknown>({});
    const view = (current: Operation | null) =>
      renderToStaticMarkup(
        (
          new ToolbarProgress({
            operation: () => current,
            changed: [changed],
            trans
          }) as unknown as { render: () => JSX.Element }
        ).render()
      );
    const html = view(operation);
    expect(html).toContain('role="progressbar"');
    expect(html).toContain('aria-valuenow="87"');
    expect(html).toContain('width:87%');
    expect(html).toContain('>Cancel</button>');
    expect(html).toContain('title="Enregistrement de l’environnement (40 %)…"');
    expect(view(null)).toBe('');

    operation.cancel();
    expect(toolbarLabel(operation, trans)).toBe('Cancelling…');
    expect(operation.signal.aborted).toBe(true);
    expect(toolbarLabel(new Operation('resolve'), trans)).toBe(
      'Looking for versions…'
    );
  });
});
