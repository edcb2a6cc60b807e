import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

import { migrate, openDatabase } from '../src/db/connect';
import { UserService } from '../src/users/service';
import { UserStore } from '../src/users/store';
import { HubProcess } from './helpers/hubProcess';
import { Browser, passwordOf, readJson } from './hubHarness';

const VENV_DIR = path.resolve(__dirname, '..', '..', '.venv');
/** A fixed port (issue 19's range): the clients reconnect to the same address. */
const PORT = 8112;
const NOTEBOOK = 'partage.ipynb';

/**
 * A hub restart while collaborators edit a notebook (issue 19, point 5): real hubs in
 * child processes on one data folder, a real `jupyter lab` with jupyter-collaboration
 * under bubblewrap, and Yjs clients speaking its room protocol through the hub's proxy
 * (`yjs` + `y-websocket`'s client, as JupyterLab's docprovider). The hub stops while
 * the server runs on; one client edits meanwhile; the next hub takes the server back,
 * the clients reconnect by themselves: every edit is there once, no cell is doubled,
 * and the file gets them.
 */
describe('a hub restart during a collaboration session', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-collab-'));
  const env = {
    CANDYCE_PORT: String(PORT),
    CANDYCE_DATA_DIR: dataDir,
    CANDYCE_VENV_DIR: VENV_DIR,
    CANDYCE_CULL_INTERVAL_SECONDS: '0',
    // The clients here reach the server through the hub's own origin, as one process
    // (server-origins.spec.ts and origins.spec.ts test the per-server origins).
    CANDYCE_SERVER_ORIGINS: 'path'
  };
  const hubs: HubProcess[] = [];
  const providers: WebsocketProvider[] = [];
  /** Ada's session (the hubs share it: same data folder). */
  let cookies = new Map<string, string>();

  beforeAll(async () => {
    const db = openDatabase(`sqlite:${path.join(dataDir, 'candyce.db')}`);
    try {
      await migrate(db);
      await new UserService(new UserStore(db), {
        maxFailures: 5,
        lockMinutes: 15
      }).create({
        name: 'ada',
        displayName: 'Ada Lovelace',
        roles: ['learner'],
        password: passwordOf('ada')
      });
    } finally {
      await db.destroy();
    }
  });

  afterAll(async () => {
    for (const provider of providers) {
      const socket = provider.ws as unknown as WebSocket | null;
      provider.destroy();
      // The provider leaves its awareness's timer running.
      provider.awareness.destroy();
      // Not the closing handshake's 30 s wait: the hubs are about to go.
      socket?.terminate();
    }
    const last = hubs[hubs.length - 1];
    if (last) {
      // Stopping the server through the hub ends its sandbox too.
      await Collab.stopServer(new Browser(last.url), cookies).catch(
        () => undefined
      );
    }
    for (const hub of hubs) {
      await hub.stop('SIGKILL');
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every edit once, the ones made while the hub was away included', async () => {
    const a = await HubProcess.start(env);
    hubs.push(a);
    const ada = new Browser(a.url);
    expect((await ada.login('ada', passwordOf('ada'))).status).toBe(303);
    cookies = ada.cookies;
    const { fileId, sessionId } = await Collab.openNotebook(ada);
    const room = {
      url: `${a.url.replace('http', 'ws')}/user/ada/api/collaboration/room`,
      name: `json:notebook:${fileId}`,
      sessionId,
      headers: { cookie: Collab.cookieHeader(ada), origin: a.url }
    };
    const writer = await Collab.connect(room, providers);
    const reader = await Collab.connect(room, providers);
    Collab.type(writer.doc, 1, '  # avant');
    await Collab.until(() => Collab.source(reader.doc, 1).endsWith('# avant'));

    // The hub stops as a service manager stops it; the server runs on.
    expect(await a.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    await Collab.until(() => !writer.provider.wsconnected);
    Collab.type(writer.doc, 0, ' (hub absent)');

    const b = await HubProcess.start(env);
    hubs.push(b);
    expect(b.url).toBe(a.url);
    await Collab.until(
      () => writer.provider.synced && reader.provider.synced,
      60_000
    );
    const expected = ['# Partage (hub absent)', 'x = 1  # avant'];
    await Collab.until(
      () =>
        JSON.stringify(Collab.sources(reader.doc)) === JSON.stringify(expected)
    );
    expect(Collab.sources(writer.doc)).toEqual(expected);
    // A newcomer gets the same document from the server.
    const newcomer = await Collab.connect(room, providers);
    expect(Collab.sources(newcomer.doc)).toEqual(expected);
    // And the file, once the room has saved it.
    const atB = new Browser(b.url);
    atB.cookies = ada.cookies;
    await Collab.until(
      async () =>
        JSON.stringify(await Collab.sourcesOnDisk(atB)) ===
        JSON.stringify(expected),
      30_000
    );
  }, 300_000);

  it('keeps an edit the others have when the hub stops the server right after it', async () => {
    const hub = hubs[hubs.length - 1];
    const ada = new Browser(hub.url);
    ada.cookies = cookies;
    const { fileId, sessionId } = await Collab.openNotebook(ada, 'arret.ipynb');
    const room = {
      url: `${hub.url.replace('http', 'ws')}/user/ada/api/collaboration/room`,
      name: `json:notebook:${fileId}`,
      sessionId,
      headers: { cookie: Collab.cookieHeader(ada), origin: hub.url }
    };
    const writer = await Collab.connect(room, providers);
    const reader = await Collab.connect(room, providers);
    Collab.type(writer.doc, 1, '  # juste avant l’arrêt');
    await Collab.until(() => Collab.source(reader.doc, 1).endsWith('l’arrêt'));
    await Collab.stopServer(ada, cookies);
    const file = path.join(dataDir, 'homes', 'ada', 'arret.ipynb');
    const onDisk = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(
      onDisk.cells.map((cell: { source: string | string[] }) =>
        [cell.source].flat().join('')
      )
    ).toEqual(['# Partage', 'x = 1  # juste avant l’arrêt']);
  }, 120_000);
});

namespace Collab {
  export function cookieHeader(browser: Browser): string {
    return [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** Start ada's server, write the notebook, open its collaboration session. */
  export async function openNotebook(
    ada: Browser,
    name = NOTEBOOK
  ): Promise<{ fileId: string; sessionId: string }> {
    const { xsrfToken } = await readJson(await ada.get('/hub/api/v1/me'));
    const start = await ada.request('POST', '/hub/api/v1/users/ada/server', {
      headers: { 'X-Candyce-XSRF': xsrfToken }
    });
    // 409: already running.
    expect([202, 409]).toContain(start.status);
    await until(
      async () => (await ada.get('/user/ada/api/status')).status === 200,
      90_000
    );
    // The lab page sets JupyterLab's anti-CSRF cookie.
    await (
      await ada.request('GET', '/user/ada/lab', {
        headers: { accept: 'text/html' }
      })
    ).arrayBuffer();
    const xsrf = { 'X-XSRFToken': ada.cookies.get('_xsrf') ?? '' };
    const cell = (id: string, type: string, source: string) => ({
      id,
      cell_type: type,
      metadata: {},
      source,
      ...(type === 'code' ? { outputs: [], execution_count: null } : {})
    });
    const put = await ada.request('PUT', `/user/ada/api/contents/${name}`, {
      json: {
        type: 'notebook',
        content: {
          nbformat: 4,
          nbformat_minor: 5,
          metadata: {},
          cells: [
            cell('c1', 'markdown', '# Partage'),
            cell('c2', 'code', 'x = 1')
          ]
        }
      },
      headers: xsrf
    });
    expect(put.status).toBe(201);
    const session = await ada.request(
      'PUT',
      `/user/ada/api/collaboration/session/${name}`,
      { json: { format: 'json', type: 'notebook' }, headers: xsrf }
    );
    expect(session.status).toBe(201);
    return readJson(session);
  }

  /** A Yjs client of the room, synced and showing the notebook's cells. */
  export async function connect(
    room: {
      url: string;
      name: string;
      sessionId: string;
      headers: Record<string, string>;
    },
    providers: WebsocketProvider[]
  ): Promise<{ doc: Y.Doc; provider: WebsocketProvider }> {
    class HeadedWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers: room.headers });
      }
    }
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(room.url, room.name, doc, {
      params: { sessionId: room.sessionId },
      disableBc: true,
      WebSocketPolyfill:
        HeadedWebSocket as unknown as typeof globalThis.WebSocket
    });
    providers.push(provider);
    await until(() => provider.synced && sources(doc).length === 2, 30_000);
    return { doc, provider };
  }

  export function sources(doc: Y.Doc): string[] {
    return doc
      .getArray<Y.Map<unknown>>('cells')
      .toArray()
      .map(cell => String(cell.get('source')));
  }

  export function source(doc: Y.Doc, index: number): string {
    return sources(doc)[index] ?? '';
  }

  /** Type at the end of a cell's source. */
  export function type(doc: Y.Doc, index: number, text: string): void {
    const cell = doc.getArray<Y.Map<unknown>>('cells').get(index);
    const source = cell.get('source') as Y.Text;
    source.insert(source.length, text);
  }

  export async function sourcesOnDisk(browser: Browser): Promise<string[]> {
    const response = await browser.get(
      `/user/ada/api/contents/${NOTEBOOK}?content=1`
    );
    if (response.status !== 200) {
      return [`HTTP ${response.status}`];
    }
    const model = await readJson(response);
    return model.content.cells.map((cell: { source: string }) => cell.source);
  }

  export async function stopServer(
    browser: Browser,
    cookies: Map<string, string>
  ): Promise<void> {
    browser.cookies = cookies;
    const { xsrfToken } = await readJson(await browser.get('/hub/api/v1/me'));
    await browser.request('DELETE', '/hub/api/v1/users/ada/server', {
      headers: { 'X-Candyce-XSRF': xsrfToken }
    });
  }

  export async function until(
    condition: () => boolean | Promise<boolean>,
    timeoutMs = 20_000
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) {
        throw new Error(`not within ${timeoutMs} ms: ${condition}`);
      }
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }
}
