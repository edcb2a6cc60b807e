import { lockId, parseSoftwareList, resolve } from '@candyce/environments';
import * as http from 'http';
import { AddressInfo } from 'net';

import { kernelName } from '../src/environments/kernelspecs';
import { IRunningServer, ISpawnRequest } from '../src/spawner/types';
import { FakeSpawner } from './helpers/fakeSpawner';
import { requirements, tinyIndex } from './helpers/environments';
import { addUsers, ISignedIn, signIn, startTestHub } from './hubHarness';

/**
 * « Dernière utilisation » of an environment: « jamais » on the admin page for an
 * environment two people used that day, because only a notebook opened pinned to it
 * (which asks the hub to build it) noted a use, and a kernel started from the launcher
 * or the kernel picker did not. The proxy now notes the kernel a user's server is
 * asked to start. The hub and its proxy are real; the user's « server » is a small
 * real HTTP server that answers as Jupyter does (the spawner that « starts » it is
 * FAKE: no JupyterLab needed to see what the proxy forwards).
 */
describe('the last use of an environment', () => {
  const index = tinyIndex();
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let teacher: ISignedIn;
  let jupyter: http.Server;
  const received: string[] = [];

  class StubSpawner extends FakeSpawner {
    override async start(request: ISpawnRequest): Promise<IRunningServer> {
      const server = await super.start(request);
      const { port } = jupyter.address() as AddressInfo;
      return { ...server, url: `http://127.0.0.1:${port}` };
    }
  }

  beforeAll(async () => {
    jupyter = http.createServer((request, response) => {
      let body = '';
      request.on('data', chunk => (body += chunk));
      request.on('end', () => {
        received.push(`${request.method} ${request.url} ${body}`);
        response.writeHead(201, { 'content-type': 'application/json' });
        response.end('{}');
      });
    });
    await new Promise<void>(done => jupyter.listen(0, '127.0.0.1', done));
    hub = await startTestHub(index.env, undefined, {
      spawner: new StubSpawner()
    });
    await addUsers(hub, { prof: 'teacher', admin: 'admin' });
    teacher = await signIn(hub, 'prof');
  });
  afterAll(async () => {
    await hub.registry.stopAll();
    await hub.close();
    await new Promise(done => jupyter.close(done));
  });

  it('is noted when a kernel starts from the environment’s kernelspec, and the body reaches the server unchanged', async () => {
    const lock = await resolve(
      parseSoftwareList([requirements('alpha==1.0', 'ipykernel')]),
      { findLinks: [index.folder], noIndex: true, usePipConfig: false }
    );
    const id = lockId(lock);
    await hub.environments.registerLock(lock, [requirements('alpha')], null);
    expect((await hub.environments.records.get(id))!.lastUsedAt).toBeNull();
    await hub.registry.ensure((await hub.users.getByName('prof'))!);

    // A kernel that is not an environment's, then a malformed body: nothing noted.
    const call = (url: string, body: string, method = 'POST') =>
      teacher.browser.request(method, `/user/prof${url}`, {
        body,
        headers: {
          'content-type': 'application/json',
          'X-XSRFToken': 'x'
        }
      });
    expect((await call('/api/kernels', '{"name":"python3"}')).status).toBe(201);
    expect((await call('/api/sessions', '{"kernel":')).status).toBe(201);
    expect((await hub.environments.records.get(id))!.lastUsedAt).toBeNull();

    const session = JSON.stringify({
      path: 'cours.ipynb',
      type: 'notebook',
      name: '',
      kernel: { name: kernelName(id) }
    });
    expect((await call('/api/sessions', session)).status).toBe(201);
    expect(received[received.length - 1]).toBe(
      `POST /user/prof/api/sessions ${session}`
    );
    // Noted once the body has passed: a moment later at most.
    let lastUsedAt: string | null = null;
    for (let i = 0; i < 50 && !lastUsedAt; i++) {
      await new Promise(done => setTimeout(done, 20));
      lastUsedAt = (await hub.environments.records.get(id))!.lastUsedAt;
    }
    expect(lastUsedAt).not.toBeNull();
    expect(Date.now() - Date.parse(lastUsedAt!)).toBeLessThan(60_000);

    // The admin page links a built environment's row to its page, which says so.
    await hub.environments.build(id);
    await hub.environments.records.touch(id, lastUsedAt!);
    const admin = await signIn(hub, 'admin');
    const overview = await (await admin.browser.get('/hub/admin')).text();
    expect(overview).toContain(`<a href="/hub/admin/environnements/${id}">`);
    const page = await admin.browser.get(`/hub/admin/environnements/${id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(
      `<dt>Dernière utilisation</dt><dd><time datetime="${lastUsedAt}">`
    );
    expect(html).toContain('Aucune ressource de la bibliothèque ne l’utilise.');
    expect(html).toContain('Aucun devoir ne l’utilise.');
    expect(
      (await teacher.browser.get(`/hub/admin/environnements/${id}`)).status
    ).toBe(403);
    expect(
      (await admin.browser.get('/hub/admin/environnements/inconnu')).status
    ).toBe(404);
  });
});
