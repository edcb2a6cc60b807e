import { HubClient, IAssignments, ICandyceSession } from '@candyce/core';
import type { ILabShell } from '@jupyterlab/application';
import { Signal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';

import plugins, { ISchoolMode } from '../src';
import { ADDRESS_KEY } from '../src/plugin';
import { SAVED_MODE_KEY, SCHOOL_MODE_CLASS } from '../src/layout';
import { fakeApp, fakeSession } from '../../core/test/fakes';

const [modePlugin, errorsPlugin] = plugins;

/**
 * A LabShell that keeps its dock mode, side bars and the widgets of its areas, as
 * JupyterLab's does (the school mode only uses these members).
 */
class FakeLabShell {
  mode: 'multiple-document' | 'single-document' = 'multiple-document';
  rightBar = true;
  collapsedRight = 0;
  readonly areas: Record<string, Widget[]> = {
    menu: [new Widget()],
    bottom: [new Widget()],
    top: []
  };
  isSideTabBarVisible(side: string): boolean {
    return side === 'right' ? this.rightBar : true;
  }
  toggleSideTabBarVisibility(side: string): void {
    if (side === 'right') {
      this.rightBar = !this.rightBar;
    }
  }
  collapseRight(): void {
    this.collapsedRight++;
  }
  *widgets(area: string): IterableIterator<Widget> {
    yield* this.areas[area] ?? [];
  }
}

function fakeAssignments() {
  const opened: string[] = [];
  const handedIn: string[] = [];
  const assignments: IAssignments = {
    openLearnerPanel: () => opened.push('learner'),
    openTeacherPanel: () => opened.push('teacher'),
    canAssign: () => false,
    assignNotebook: async () => false,
    assignResource: async () => false,
    handIn: async path => {
      handedIn.push(path);
      return { handedIn: true, message: 'Rendu' };
    },
    get activity() {
      return activity;
    }
  };
  const activity = new Signal<IAssignments, IAssignments.IActivity>(
    assignments
  );
  return { assignments, opened, handedIn };
}

/** A hub client whose `/me` answers the given school mode. */
function hubSaying(schoolMode: boolean): HubClient {
  return new HubClient({
    fetch: async () =>
      new Response(
        JSON.stringify({
          name: 'jade',
          displayName: 'Jade',
          roles: ['learner'],
          locale: 'fr_FR',
          xsrfToken: 'x',
          schoolMode
        }),
        { status: 200, headers: { 'Content-Type': 'application/json' } }
      )
  });
}

async function activate(
  options: { search?: string; session?: ICandyceSession } = {}
) {
  window.history.replaceState(null, '', `/lab${options.search ?? ''}`);
  const { app, shell, commands } = fakeApp();
  Object.assign(app, { restored: Promise.resolve() });
  const labShell = new FakeLabShell();
  const { assignments, opened } = fakeAssignments();
  const mode = modePlugin.activate(
    app,
    null,
    labShell as unknown as ILabShell,
    options.session ?? fakeSession(),
    assignments,
    null,
    null,
    null
  ) as ISchoolMode & { leave(): boolean };
  // Let the session, the hub's answer and app.restored settle.
  for (let i = 0; i < 10; i++) {
    await Promise.resolve();
  }
  await new Promise(resolve => setTimeout(resolve, 0));
  return { app, shell, commands, labShell, mode, opened };
}

describe('@candyce/school-ui plugins', () => {
  afterEach(() => {
    window.sessionStorage.clear();
    window.localStorage.clear();
    document.body.classList.remove(SCHOOL_MODE_CLASS);
  });

  it('provides the mode to the error notes', () => {
    expect(modePlugin.provides).toBe(ISchoolMode);
    expect(errorsPlugin.requires).toContain(ISchoolMode);
  });

  it('changes nothing of JupyterLab when the mode is off', async () => {
    const { labShell, shell, mode, opened, commands } = await activate();
    expect(mode.isOn).toBe(false);
    expect(labShell.mode).toBe('multiple-document');
    expect(labShell.rightBar).toBe(true);
    expect(labShell.collapsedRight).toBe(0);
    expect(labShell.areas.menu[0].isHidden).toBe(false);
    expect(labShell.areas.bottom[0].isHidden).toBe(false);
    expect(document.body.classList.contains(SCHOOL_MODE_CLASS)).toBe(false);
    expect(shell.byId('cdc-school-bar')).toBeNull();
    expect(opened).toEqual([]);
    expect(commands.isVisible('candyce-school:preview')).toBe(true);
    expect(commands.isVisible('candyce-school:hand-in')).toBe(false);
  });

  it('turns on with ?mode=ecole, lands in « Mes devoirs », and gives everything back', async () => {
    const { labShell, shell, mode, opened, commands } = await activate({
      search: '?mode=ecole'
    });
    expect(mode.isOn).toBe(true);
    expect(mode.reasons).toEqual(['address']);
    expect(labShell.mode).toBe('single-document');
    expect(labShell.rightBar).toBe(false);
    expect(labShell.areas.menu[0].isHidden).toBe(true);
    expect(labShell.areas.bottom[0].isHidden).toBe(true);
    expect(document.body.classList.contains(SCHOOL_MODE_CLASS)).toBe(true);
    const bar = shell.byId('cdc-school-bar');
    expect(bar?.area).toBe('top');
    const labels = [...bar!.widget.node.querySelectorAll('button')]
      .filter(button => !button.hidden)
      .map(button => button.textContent);
    // Outside the platform, whoever asked for it may leave it.
    expect(labels).toEqual([
      '▶ Run',
      'Run all',
      'Hand in my work',
      'Back to the full JupyterLab'
    ]);
    expect(opened).toEqual(['learner']);
    expect(window.sessionStorage.getItem(ADDRESS_KEY)).toBe('1');
    expect(window.localStorage.getItem(SAVED_MODE_KEY)).toBe(
      'multiple-document'
    );

    await commands.execute('candyce-school:leave');
    expect(mode.isOn).toBe(false);
    expect(labShell.mode).toBe('multiple-document');
    expect(labShell.rightBar).toBe(true);
    expect(labShell.areas.menu[0].isHidden).toBe(false);
    expect(labShell.areas.bottom[0].isHidden).toBe(false);
    expect(document.body.classList.contains(SCHOOL_MODE_CLASS)).toBe(false);
    expect(bar!.widget.isHidden).toBe(true);
    expect(window.sessionStorage.getItem(ADDRESS_KEY)).toBeNull();
    expect(window.localStorage.getItem(SAVED_MODE_KEY)).toBeNull();
  });

  it('lets a teacher preview the mode and come back', async () => {
    const session = fakeSession({ roles: ['teacher'], hub: hubSaying(false) });
    const { labShell, mode, commands } = await activate({ session });
    expect(mode.isOn).toBe(false);
    await commands.execute('candyce-school:preview');
    expect(mode.reasons).toEqual(['preview']);
    expect(labShell.mode).toBe('single-document');
    expect(commands.isVisible('candyce-school:leave')).toBe(true);
    await commands.execute('candyce-school:leave');
    expect(mode.isOn).toBe(false);
    expect(labShell.mode).toBe('multiple-document');
  });

  it('follows the hub for a pupil whose class is in school mode, who cannot leave it', async () => {
    const session = fakeSession({ roles: ['learner'], hub: hubSaying(true) });
    const { mode, commands, labShell } = await activate({ session });
    expect(mode.reasons).toEqual(['class']);
    expect(labShell.mode).toBe('single-document');
    expect(mode.canLeave).toBe(false);
    expect(commands.isVisible('candyce-school:leave')).toBe(false);
    await commands.execute('candyce-school:leave');
    expect(mode.isOn).toBe(true);
  });

  it('gives back the mode a page closed in school mode left in the workspace', async () => {
    window.localStorage.setItem(SAVED_MODE_KEY, 'multiple-document');
    const { labShell } = await activate();
    expect(labShell.mode).toBe('multiple-document');
    expect(window.localStorage.getItem(SAVED_MODE_KEY)).toBeNull();
  });
});
