/**
 * What a pupil's code can reach from its kernel: a real hub, real sandboxed servers for
 * ada and bob (each as its own uid when the hub runs as root), ada's kernel started and
 * driven through the hub's proxy (HTTP and WebSocket, as a browser does), and the
 * attacker's code run in it. A TCP listener on the host's loopback stands for any
 * service of the machine. No traffic leaves the machine: that outside addresses are out
 * of reach is read from the sandbox's interfaces and routes, not tried.
 */
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';

import { socketPathOf } from '../src/spawner/address';
import { IUser } from '../src/users/service';
import { addUsers, Browser, signIn, startTestHub } from './hubHarness';
import { executeInKernel, startKernel } from './helpers/spawnerKernel';

describe('from a pupil’s kernel', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let users: Record<string, IUser>;
  let ada: Browser;
  let listener: net.Server;
  let listenerPort: number;
  let results: Record<string, Isolation.IAttempt>;

  beforeAll(async () => {
    hub = await startTestHub();
    users = await addUsers(hub, { ada: 'learner', bob: 'learner' });
    // A service of the machine on the host's loopback, answering anyone.
    listener = net.createServer(socket =>
      socket.end('HTTP/1.1 200 OK\r\n\r\n')
    );
    await new Promise<void>(resolve =>
      listener.listen(0, '127.0.0.1', resolve)
    );
    listenerPort = (listener.address() as net.AddressInfo).port;
    await Promise.all([
      hub.registry.ensure(users.ada),
      hub.registry.ensure(users.bob)
    ]);
    ada = (await signIn(hub, 'ada')).browser;
    // JupyterLab's anti-CSRF cookie, which the lab page sets.
    const lab = await ada.request('GET', '/user/ada/lab', {
      headers: { accept: 'text/html' }
    });
    expect(lab.status).toBe(200);
    await lab.arrayBuffer();
    const access = {
      url: hub.url,
      baseUrl: '/user/ada/',
      headers: () => ({
        cookie: [...ada.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'X-XSRFToken': ada.cookies.get('_xsrf') ?? '',
        origin: hub.url
      })
    };
    const kernelId = await startKernel(access);
    const bobUrl = hub.registry.running(users.bob)!.server.url;
    const run = await executeInKernel(
      access,
      kernelId,
      Isolation.attackerCode({
        hubPort: Number(new URL(hub.url).port),
        listenerPort,
        bobSocket: socketPathOf(bobUrl),
        bobPort: socketPathOf(bobUrl) ? null : Number(new URL(bobUrl).port)
      }),
      60_000
    );
    expect(run.error).toBeNull();
    results = JSON.parse(run.stdout);
  }, 180_000);

  afterAll(async () => {
    listener?.close();
    await hub?.registry.stopAll();
    await hub?.close();
    // A home may stay mounted a moment after its server (home quota): retry.
    for (let attempt = 0; ; attempt++) {
      try {
        fs.rmSync(hub.dataDir, { recursive: true, force: true });
        break;
      } catch (error) {
        if (
          attempt >= 50 ||
          (error as NodeJS.ErrnoException).code !== 'EBUSY'
        ) {
          throw error;
        }
        await new Promise(resolve => setTimeout(resolve, 100));
      }
    }
  });

  it('tried: read every /proc/<pid>/environ and command line in its sandbox for a secret or token: none there (the public key is no secret)', () => {
    expect(results.secrets).toEqual({ ok: true, value: [] });
    // The scan did read the server's own environment and command line.
    expect(results.serverCommandLine.ok).toBe(true);
    expect(String(results.serverCommandLine.value)).toContain(
      '--CandyceIdentityProvider.public_key='
    );
    // Nor is the hub's private key anywhere the kernel can read.
    const pem = fs
      .readdirSync(path.join(hub.dataDir, 'secrets'))
      .map(name => fs.readFileSync(path.join(hub.dataDir, 'secrets', name)));
    const body = pem
      .join('')
      .split('\n')
      .filter(line => line && !line.startsWith('-----'))
      .join('');
    expect(body.length).toBeGreaterThan(40);
    expect(results.privateKeyFound).toEqual({ ok: true, value: false });
    expect(String(results.everythingRead.value)).not.toContain(body);
  });

  it('tried: forge identity headers (HMAC with every value found, Ed25519 with a key of its own, none at all) and send them to its own server: every one refused', () => {
    const forged = results.forgeries.value as {
      label: string;
      status: number | string;
    }[];
    expect(results.forgeries.ok).toBe(true);
    // The server was reached (its socket is the pupil's own), and refused each.
    expect(forged.length).toBeGreaterThan(3);
    for (const attempt of forged) {
      expect(attempt).toEqual({ label: attempt.label, status: 403 });
    }
  });

  it('tried: connect to the hub’s port, to bob’s server, and to a TCP listener on the host’s loopback: none can be reached', () => {
    expect(results.hubPort.ok).toBe(false);
    expect(results.hostListener.ok).toBe(false);
    expect(results.bobServer.ok).toBe(false);
    // Each from its own namespace: refused on its own loopback, bob's socket not there.
    expect(results.hubPort.error).toMatch(/ConnectionRefused/);
    expect(results.hostListener.error).toMatch(/ConnectionRefused/);
    expect(results.bobServer.error).toMatch(/FileNotFound/);
  });

  it('tried: list /proc/net/tcp, the interfaces and the routes: only its own loopback, none of the host’s listeners, no route out', () => {
    const listening = results.listening.value as number[];
    expect(results.listening.ok).toBe(true);
    expect(listening).not.toContain(listenerPort);
    expect(listening).not.toContain(Number(new URL(hub.url).port));
    expect(results.tcpAddresses.value).toEqual(['127.0.0.1']);
    expect(results.interfaces).toEqual({ ok: true, value: ['lo'] });
    expect(results.routes).toEqual({ ok: true, value: [] });
  });
});

namespace Isolation {
  /** What one attempt of the attacker's code gave. */
  export interface IAttempt {
    ok: boolean;
    value?: unknown;
    error?: string;
  }

  /**
   * Python that tries what a pupil's code would, and prints `{name: {ok, value|error}}`.
   */
  export function attackerCode(targets: {
    hubPort: number;
    listenerPort: number;
    bobSocket: string | null;
    bobPort: number | null;
  }): string {
    return `
import base64, hashlib, hmac, json, os, re, socket, time
T = json.loads(${JSON.stringify(JSON.stringify(targets))})
results = {}
def attempt(name, action):
    try:
        results[name] = {'ok': True, 'value': action()}
    except BaseException as error:
        results[name] = {'ok': False, 'error': f'{type(error).__name__}: {error}'}

# Everything the sandbox shows of its processes: environments and command lines.
environs, cmdlines = {}, {}
for pid in [p for p in os.listdir('/proc') if p.isdigit()]:
    for kind, store in (('environ', environs), ('cmdline', cmdlines)):
        try:
            with open(f'/proc/{pid}/{kind}', 'rb') as f:
                store[pid] = [v.decode('utf8', 'replace') for v in f.read().split(b'\\0') if v]
        except OSError:
            pass
# The server: the process (not bwrap, not a shell on the way) given the base URL.
server = max((pid for pid, argv in cmdlines.items() if any(a.startswith('--ServerApp.base_url=') for a in argv) and not argv[0].endswith(('bwrap', 'sh', 'prlimit', 'setpriv'))), key=int)
attempt('serverCommandLine', lambda: ' '.join(cmdlines[server]))
SECRET = re.compile(r'secret|token|password|private', re.I)
def secrets():
    found = []
    for pid, env in environs.items():
        found += [e for e in env if SECRET.search(e.split('=', 1)[0])]
    for pid, argv in cmdlines.items():
        found += [a for a in argv if SECRET.search(a.split('=', 1)[0])]
    return found
attempt('secrets', secrets)
everything = '\\n'.join('\\n'.join(v) for store in (environs, cmdlines) for v in store.values())
attempt('everythingRead', lambda: everything)
attempt('privateKeyFound', lambda: 'PRIVATE KEY' in everything)

# Forge identities and send them to its own server, wherever it listens.
def own_server_request(header):
    argv = cmdlines[server]
    sock = next((a.split('=', 1)[1] for a in argv if a.startswith('--ServerApp.sock=')), None)
    port = next((a.split('=', 1)[1] for a in argv if a.startswith('--ServerApp.port=')), None)
    base = next(a.split('=', 1)[1] for a in argv if a.startswith('--ServerApp.base_url='))
    if sock:
        s = socket.socket(socket.AF_UNIX)
        s.connect(sock)
    else:
        s = socket.create_connection(('127.0.0.1', int(port)))
    lines = [f'GET {base}api/contents HTTP/1.1', 'Host: localhost', 'Connection: close']
    if header is not None:
        lines.append(f'X-Candyce-Identity: {header}')
    s.sendall(('\\r\\n'.join(lines) + '\\r\\n\\r\\n').encode())
    answer = s.recv(100).decode('latin1')
    s.close()
    return int(answer.split(' ')[1])
def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b'=').decode()
now = int(time.time())
claims = b64(json.dumps({'name': 'marie', 'displayName': 'Marie (prof)', 'role': 'admin', 'color': '#123456', 'iat': now, 'exp': now + 60}).encode())
candidates = sorted({v.split('=', 1)[-1] for store in (environs, cmdlines) for vs in store.values() for v in vs if len(v.split('=', 1)[-1]) >= 16})
forgeries = [('no header', None)]
for i, key in enumerate(candidates):
    for version in ('v1', 'v2'):
        mac = hmac.new(key.encode(), f'{version}.{claims}'.encode(), hashlib.sha256).digest()
        forgeries.append((f'{version} HMAC with value {i}', f'{version}.{claims}.{b64(mac)}'))
try:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    own = Ed25519PrivateKey.generate()
    forgeries.append(('v2 Ed25519 with its own key', f'v2.{claims}.{b64(own.sign(f"v2.{claims}".encode()))}'))
except ImportError:
    pass
def forge():
    out = []
    for label, header in forgeries:
        try:
            out.append({'label': label, 'status': own_server_request(header)})
        except Exception as error:
            out.append({'label': label, 'status': type(error).__name__})
    return out
attempt('forgeries', forge)

# The network: the hub, the host's listener, bob's server.
def tcp(port):
    s = socket.create_connection(('127.0.0.1', port), timeout=3)
    s.close()
    return 'connected'
def unix(path):
    s = socket.socket(socket.AF_UNIX)
    s.settimeout(3)
    s.connect(path)
    s.close()
    return 'connected'
attempt('hubPort', lambda: tcp(T['hubPort']))
attempt('hostListener', lambda: tcp(T['listenerPort']))
attempt('bobServer', lambda: unix(T['bobSocket']) if T['bobSocket'] else tcp(T['bobPort']))

# What the sandbox sees of the network.
def sockets_table():
    rows = []
    for name in ('/proc/net/tcp', '/proc/net/tcp6'):
        with open(name) as f:
            rows += [line.split() for line in f.read().splitlines()[1:]]
    return rows
def listening():
    return sorted({int(r[1].split(':')[1], 16) for r in sockets_table() if r[3] == '0A'})
def addresses():
    out = set()
    for r in sockets_table():
        raw = r[1].split(':')[0]
        if len(raw) == 8:
            out.add(socket.inet_ntoa(bytes.fromhex(raw)[::-1]))
        else:
            out.add('ipv6:' + raw)
    return sorted(out)
attempt('listening', listening)
attempt('tcpAddresses', addresses)
attempt('interfaces', lambda: sorted(name for _, name in socket.if_nameindex()))
def routes():
    with open('/proc/net/route') as f:
        return [line.split()[:2] for line in f.read().splitlines()[1:]]
attempt('routes', routes)
print(json.dumps(results))
`;
  }
}
