import './jsdomShims';

import { HubClient, IAssignments, ICandyceSession } from '@candyce/core';
import { Signal } from '@lumino/signaling';

import plugins from '../src';
import { fakeApp, fakeSession } from '../../core/test/fakes';

const [panelsPlugin, assignPlugin] = plugins;

function activatePanels(session: ICandyceSession) {
  const fake = fakeApp();
  const assignments = panelsPlugin.activate(
    fake.app,
    session,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null
  ) as IAssignments;
  return { ...fake, assignments };
}

describe('@candyce/assignments plugins', () => {
  it('provides the core IAssignments token, which the assign plugin requires', () => {
    expect(panelsPlugin.provides).toBe(IAssignments);
    expect(assignPlugin.requires).toEqual([IAssignments]);
  });

  it('adds « Mes devoirs » and its commands; no follow-up without the platform', async () => {
    const session = fakeSession();
    const { shell, commands, assignments } = activatePanels(session);
    await session.ready;
    const learner = shell.byId('cdc-assignments');
    expect(learner?.area).toBe('left');
    expect(learner?.widget.node.getAttribute('aria-label')).toBe(
      'My assignments'
    );
    expect(shell.byId('cdc-assignments-teacher')).toBeNull();
    for (const id of [
      'candyce-assignments:open',
      'candyce-assignments:follow',
      'candyce-assignments:follow-assignment',
      'candyce-assignments:comment-cell'
    ]) {
      expect(commands.hasCommand(id)).toBe(true);
    }
    expect(commands.isEnabled('candyce-assignments:follow')).toBe(false);
    expect(assignments.canAssign()).toBe(false);
    await commands.execute('candyce-assignments:open');
    expect(shell.activated).toEqual(['cdc-assignments']);
  });

  it('adds « Suivi des devoirs » for a teacher on the platform', async () => {
    const hub = new HubClient({
      baseUrl: 'http://hub.test/hub/api/v1',
      fetch: async () => new Response('{}', { status: 200 })
    });
    const session = fakeSession({ roles: ['teacher'], hub });
    const { shell, commands, assignments } = activatePanels(session);
    await session.ready;
    await Promise.resolve();
    expect(shell.byId('cdc-assignments-teacher')?.area).toBe('left');
    expect(commands.isEnabled('candyce-assignments:follow')).toBe(true);
    expect(assignments.canAssign()).toBe(true);
  });

  it('« Donner en devoir » delegates to IAssignments', async () => {
    const asked: unknown[] = [];
    const assignments: IAssignments = {
      openLearnerPanel: () => undefined,
      openTeacherPanel: () => undefined,
      canAssign: () => true,
      assignNotebook: async path => {
        asked.push(path);
        return true;
      },
      assignResource: async resource => {
        asked.push(resource);
        return true;
      },
      handIn: async () => ({ handedIn: false, message: '' }),
      get activity() {
        return activity;
      }
    };
    const activity = new Signal<IAssignments, IAssignments.IActivity>(
      assignments
    );
    const { app, commands } = fakeApp();
    assignPlugin.activate(app, assignments, null, null, null, null);
    expect(commands.isEnabled('candyce:assign-notebook')).toBe(true);
    expect(
      await commands.execute('candyce:assign-notebook', { path: 'a.ipynb' })
    ).toBe(true);
    expect(
      await commands.execute('candyce:assign-resource', {
        resourceId: 'r1',
        version: 2,
        title: 'Les listes'
      })
    ).toBe(true);
    expect(asked).toEqual([
      'a.ipynb',
      { resourceId: 'r1', version: 2, title: 'Les listes' }
    ]);
  });
});
