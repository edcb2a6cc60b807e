import type { CandyceRole } from '@candyce/core';
import { HubClient } from '@candyce/core';
import type { ILauncher } from '@jupyterlab/launcher';

import plugins from '../src';
import { CommandIDs } from '../src/commandIds';
import { fakeApp, fakeSession } from '../../core/test/fakes';

const [plugin] = plugins;

/** Activate the plugin for a user with these roles; what it put in the launcher. */
async function activated(roles: CandyceRole[], hub = true) {
  const { app, commands, shell } = fakeApp();
  const launched: ILauncher.IItemOptions[] = [];
  const launcher = {
    add: (item: ILauncher.IItemOptions) => launched.push(item)
  } as unknown as ILauncher;
  const session = fakeSession({
    roles,
    hub: hub
      ? new HubClient({ baseUrl: 'http://127.0.0.1:9/hub/api/v1' })
      : null
  });
  await plugin.activate(app, session, null, null, null, launcher, null);
  await session.ready;
  // The establishment's dashboard is offered once the hub answered (or failed to).
  await new Promise(resolve => setTimeout(resolve, 100));
  return { commands, shell, launched };
}

describe('dashboardsPlugin', () => {
  it('offers a pupil her own dashboard only', async () => {
    const { commands, launched } = await activated(['learner']);
    expect(launched.map(item => item.args?.kind)).toEqual(['me']);
    expect(commands.isVisible(CommandIDs.open, { kind: 'class' })).toBe(false);
    expect(commands.isEnabled(CommandIDs.open, { kind: 'programme' })).toBe(
      false
    );
    expect(commands.label(CommandIDs.open, { kind: 'me' })).toBe(
      'My dashboard'
    );
  });

  it('offers a teacher the class dashboard, an administrator everything', async () => {
    // The teacher administers no establishment (here the hub does not even answer).
    expect(
      (await activated(['teacher', 'author'])).launched.map(i => i.args?.kind)
    ).toEqual(['me', 'class']);
    expect(
      (await activated(['inspector'])).launched.map(i => i.args?.kind)
    ).toEqual(['me', 'programme', 'establishment']);
    expect(
      (await activated(['admin'])).launched.map(i => i.args?.kind)
    ).toEqual(['me', 'class', 'programme', 'establishment']);
  });

  it('offers nothing without the platform, and opens one tab per dashboard', async () => {
    expect((await activated(['teacher'], false)).launched).toEqual([]);
    const { commands, shell } = await activated(['teacher']);
    await commands.execute(CommandIDs.open, { kind: 'class', focus: false });
    await commands.execute(CommandIDs.open, { kind: 'class', focus: false });
    await commands.execute(CommandIDs.open, { kind: 'me', focus: false });
    // The second « class » shows the same tab again (the fake shell attaches nothing).
    const widgets = [...new Set(shell.added.map(entry => entry.widget))];
    expect(widgets.map(widget => widget.id)).toEqual([
      'cdc-dashboard-class',
      'cdc-dashboard-me'
    ]);
    expect(shell.added.every(entry => entry.area === 'main')).toBe(true);
    expect(shell.byId('cdc-dashboard-me')!.widget.title.label).toBe(
      'My dashboard'
    );
  });
});
