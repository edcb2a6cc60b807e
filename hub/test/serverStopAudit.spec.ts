import { FakeSpawner } from './helpers/fakeSpawner';
import {
  addUsers,
  ISignedIn,
  readJson,
  signIn,
  startTestHub
} from './hubHarness';

/**
 * Stopping a server through the API (`DELETE /users/:name/server`) is written to the
 * audit log when it is someone else's, as the admin page's button is; stopping one's
 * own is not administration, and a refused or pointless stop writes nothing.
 */
describe('stopping a server through the API, in the audit log', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let admin: ISignedIn;
  let ada: ISignedIn;

  /** The log as an administrator reads it: action, actor, target. */
  async function auditLog(): Promise<string[]> {
    const page = await readJson(await admin.call('GET', '/admin/audit'));
    return page.events.map(
      (event: { action: string; actor: string; target: string }) =>
        `${event.action} ${event.actor} → ${event.target}`
    );
  }

  beforeAll(async () => {
    hub = await startTestHub({}, undefined, { spawner: new FakeSpawner() });
    await addUsers(hub, { admin: 'admin', ada: 'learner', bob: 'learner' });
    admin = await signIn(hub, 'admin');
    ada = await signIn(hub, 'ada');
  });
  afterAll(async () => {
    await hub.registry.stopAll();
    await hub.close();
  });

  it('records an administrator stopping a pupil’s server, once, with who and whom', async () => {
    const bob = (await hub.users.getByName('bob'))!;
    await hub.registry.ensure(bob);
    const stop = await admin.call('DELETE', '/users/bob/server');
    expect(stop.status).toBe(204);
    expect(hub.registry.state(bob).kind).not.toBe('running');
    expect(await auditLog()).toEqual(['server.stop admin → bob']);

    // Already stopped: 409, and no second line.
    const again = await admin.call('DELETE', '/users/bob/server');
    expect(again.status).toBe(409);
    expect(await auditLog()).toEqual(['server.stop admin → bob']);
  });

  it('tried: a pupil stopping someone else’s server (403) or their own (204): neither is an administrative action in the log', async () => {
    const bob = (await hub.users.getByName('bob'))!;
    await hub.registry.ensure(bob);
    expect((await ada.call('DELETE', '/users/bob/server')).status).toBe(403);
    expect(hub.registry.state(bob).kind).toBe('running');

    const own = (await hub.users.getByName('ada'))!;
    await hub.registry.ensure(own);
    expect((await ada.call('DELETE', '/users/ada/server')).status).toBe(204);
    expect(await auditLog()).toEqual(['server.stop admin → bob']);
    await hub.registry.stop(bob);
  });
});
