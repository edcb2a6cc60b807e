import { IAssignments, ILibrary } from '@candyce/core';
import type { ISettingRegistry } from '@jupyterlab/settingregistry';
import type { IStatusBar } from '@jupyterlab/statusbar';
import { Signal } from '@lumino/signaling';
import type { Widget } from '@lumino/widgets';

import plugins from '../src';
import { PLUGIN_ID, SHOW_TRACES } from '../src/plugin';
import { fakeApp, fakeSession } from '../../core/test/fakes';
import { notebookId, pathHash } from '../src/statements';
import { ACTIVITY_TYPES, VERBS } from '../src/vocabulary';
import { ScriptedLrs } from './lrsServer';

/**
 * The plugin in a JupyterLab without the hub: with no LRS in the settings it records
 * nothing and says so; with one, the assignments' and the library's signals become
 * statements sent to it with the settings' credential and this browser's pseudonym.
 */
const [plugin] = plugins;

function statusBar() {
  const items: { id: string; item: Widget }[] = [];
  const bar = {
    registerStatusItem: (id: string, options: { item: Widget }) => {
      items.push({ id, item: options.item });
      return { dispose: () => undefined };
    }
  } as unknown as IStatusBar;
  return { bar, items };
}

function registry(composite: Record<string, unknown>): ISettingRegistry {
  return {
    load: async (id: string) => {
      expect(id).toBe(PLUGIN_ID);
      return { composite };
    }
  } as unknown as ISettingRegistry;
}

function fakeAssignments() {
  const assignments = {
    get activity() {
      return activity;
    }
  } as IAssignments;
  const activity = new Signal<IAssignments, IAssignments.IActivity>(
    assignments
  );
  return { assignments, activity };
}

function fakeLibrary() {
  const library = {
    get activity() {
      return activity;
    }
  } as ILibrary;
  const activity = new Signal<ILibrary, ILibrary.IActivity>(library);
  return { library, activity };
}

async function activate(composite: Record<string, unknown>) {
  const { app, commands, shell } = fakeApp();
  const { bar, items } = statusBar();
  const a = fakeAssignments();
  const l = fakeLibrary();
  plugin.activate(
    app,
    fakeSession(),
    null,
    registry(composite),
    bar,
    null,
    a.assignments,
    l.library
  );
  await waitFor(() => items.length > 0);
  return {
    commands,
    shell,
    items,
    assignments: a.activity,
    library: l.activity
  };
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) {
    await new Promise(resolve => setTimeout(resolve, 10));
  }
  expect(condition()).toBe(true);
}

describe('@candyce/telemetry:plugin without the hub', () => {
  beforeEach(() => localStorage.clear());

  it('with no LRS, records nothing and says « none »', async () => {
    const { commands, shell, items, assignments } = await activate({});
    expect(items[0].id).toBe(PLUGIN_ID);
    expect(items[0].item.node.textContent).toBe('Traces: none');
    // The top bar's copy, for school mode (no status bar there), hidden otherwise.
    const top = shell.byId('cdc-TraceIndicator-school')!;
    expect(top.area).toBe('top');
    expect(top.widget.node.textContent).toBe('Traces: none');
    expect(top.widget.isHidden).toBe(true);
    document.body.classList.add('cdc-mod-school');
    await waitFor(() => !top.widget.isHidden);
    document.body.classList.remove('cdc-mod-school');
    expect(commands.hasCommand(SHOW_TRACES)).toBe(true);
    assignments.emit({ kind: 'fetched', assignmentId: 'a1' });
    expect(Object.keys(localStorage)).toEqual([]);
  });

  it("sends to the settings' LRS with its Basic credential and this browser's pseudonym", async () => {
    const lrs = await ScriptedLrs.start();
    try {
      const { items, assignments, library } = await activate({
        endpoint: lrs.endpoint,
        username: 'cle',
        password: 'secret',
        traces: 'full'
      });
      await waitFor(
        () => items[0].item.node.textContent === 'Traces: full activity'
      );
      assignments.emit({ kind: 'handedIn', assignmentId: 'a1' });
      library.emit({ kind: 'viewed', resourceId: 'r1' });
      // Back online: what waits goes at once.
      window.dispatchEvent(new Event('online'));
      await waitFor(() => lrs.received.length === 2);
      const [request] = lrs.requests;
      expect(request.headers.authorization).toBe(
        `Basic ${Buffer.from('cle:secret').toString('base64')}`
      );
      expect(lrs.received.map(s => (s.object as { id: string }).id)).toEqual([
        'urn:candyce:assignment:a1',
        'urn:candyce:resource:r1'
      ]);
      const actors = new Set(lrs.received.map(s => JSON.stringify(s.actor)));
      expect(actors.size).toBe(1);
      expect(lrs.received[0].actor).toEqual({
        objectType: 'Agent',
        account: {
          homePage: location.origin,
          name: expect.stringMatching(/^[0-9a-f-]{36}$/)
        }
      });
    } finally {
      await lrs.close();
    }
  });

  it("records « help asked » from the assignments' activity, only where optional traces are allowed", async () => {
    for (const traces of ['essential', 'full'] as const) {
      localStorage.clear();
      const lrs = await ScriptedLrs.start();
      try {
        const { assignments } = await activate({
          endpoint: lrs.endpoint,
          traces
        });
        assignments.emit({ kind: 'helpAsked', path: 'Devoirs/TP 1.ipynb' });
        // An essential statement after it: once it is sent, the help one was decided.
        assignments.emit({ kind: 'fetched', assignmentId: 'a1' });
        window.dispatchEvent(new Event('online'));
        await waitFor(() =>
          lrs.received.some(
            s => (s.object as { id: string }).id === 'urn:candyce:assignment:a1'
          )
        );
        const help = lrs.received.filter(
          s => (s.verb as { id: string }).id === VERBS.asked.id
        );
        if (traces === 'essential') {
          expect(help).toEqual([]);
        } else {
          expect(help).toHaveLength(1);
          expect(help[0].object).toMatchObject({
            id: `urn:candyce:help:${pathHash('Devoirs/TP 1.ipynb')}`,
            definition: { type: ACTIVITY_TYPES.help.id }
          });
          expect(help[0].context).toMatchObject({
            contextActivities: {
              parent: [{ id: notebookId('Devoirs/TP 1.ipynb') }]
            }
          });
          expect(JSON.stringify(help[0])).not.toContain('TP 1');
        }
      } finally {
        await lrs.close();
      }
    }
  });
});
