import { CookieJar } from '../src/auth/cookies';
import { loadConfig } from '../src/config/load';
import { EnterCodes } from '../src/origins/enterCodes';
import { ServerOrigins } from '../src/origins/hosts';
import { isServerLabel, serverLabel } from '../src/origins/labels';
import { ServerCookies } from '../src/origins/serverCookies';
import { Signer } from '../src/origins/signed';
import { USER_NAME_PATTERN } from '../src/users/names';

describe('server names as DNS labels', () => {
  it('keeps names that are already labels', () => {
    for (const name of ['eleve1', 'lea-martin', 'a', '0', 'x'.repeat(63)]) {
      expect(serverLabel(name)).toBe(name);
    }
  });

  it('escapes the others into valid, distinct labels', () => {
    const names = [
      'lea.martin',
      'lea_martin',
      'lea-martin-',
      'lea--martin',
      'ab.',
      'a_',
      '1.2',
      'x'.repeat(64),
      'x'.repeat(63) + '.'
    ];
    const labels = names.map(serverLabel);
    for (const label of labels) {
      expect(isServerLabel(label)).toBe(true);
      expect(label.length).toBeLessThanOrEqual(63);
      // DNS keeps `??--` for encodings (`xn--`).
      expect(label.slice(2, 4)).not.toBe('--');
      expect(label).toContain('--');
    }
    expect(new Set(labels).size).toBe(names.length);
    // Nor do they meet a name kept as it is: those never hold `--`.
    expect(labels).not.toContain('lea-martin');
    expect(serverLabel('lea.martin')).toMatch(/^lea-martin--[a-z2-7]{8}$/);
  });

  it('gives every valid user name a label (random names)', () => {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789._-';
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const seen = new Map<string, string>();
    for (let i = 0; i < 5000; i++) {
      const length = 1 + Math.floor(random() * 64);
      let name = 'abcdefghijklmnopqrstuvwxyz0123456789'[
        Math.floor(random() * 36)
      ];
      while (name.length < length) {
        name += alphabet[Math.floor(random() * alphabet.length)];
      }
      if (!USER_NAME_PATTERN.test(name)) {
        continue;
      }
      const label = serverLabel(name);
      expect(isServerLabel(label)).toBe(true);
      const before = seen.get(label);
      expect(before === undefined || before === name).toBe(true);
      seen.set(label, name);
    }
  });
});

describe('the hosts of the hub and of servers', () => {
  const origins = new ServerOrigins('subdomain', 'https://candyce.example.fr');

  it('tells a server’s host from the hub’s', () => {
    expect(origins.classify('candyce.example.fr')).toEqual({ kind: 'hub' });
    expect(origins.classify('ELEVE1.Candyce.Example.FR')).toEqual({
      kind: 'server',
      label: 'eleve1'
    });
    // Two labels, or none, or another domain: not a server.
    expect(origins.classify('a.b.candyce.example.fr')).toEqual({ kind: 'hub' });
    expect(origins.classify('.candyce.example.fr')).toEqual({ kind: 'hub' });
    expect(origins.classify('eleve1.candyce.example.fr.evil.org')).toEqual({
      kind: 'hub'
    });
    expect(origins.serverOrigin('lea.martin')).toMatch(
      /^https:\/\/lea-martin--[a-z2-7]{8}\.candyce\.example\.fr$/
    );
    expect(origins.isServerOrigin('https://eleve1.candyce.example.fr')).toBe(
      true
    );
    expect(origins.isServerOrigin('http://eleve1.candyce.example.fr')).toBe(
      false
    );
    expect(origins.isServerOrigin('https://candyce.example.fr')).toBe(false);
  });

  it('is one origin in path mode', () => {
    const path = new ServerOrigins('path', 'https://candyce.example.fr');
    expect(path.classify('eleve1.candyce.example.fr')).toEqual({ kind: 'hub' });
  });

  it('refuses a configuration that cannot have subdomains', () => {
    expect(
      () => new ServerOrigins('subdomain', 'http://127.0.0.1:8000')
    ).toThrow(/host name/);
    const config = loadConfig({
      CANDYCE_SERVER_ORIGINS: 'subdomain',
      CANDYCE_PORT: '0'
    });
    expect(() => ServerOrigins.fromConfig(config)).toThrow(/fixed port/);
    expect(() => loadConfig({ CANDYCE_SERVER_ORIGINS: 'subdomains' })).toThrow(
      /serverOrigins/
    );
    const local = ServerOrigins.fromConfig(
      loadConfig({ CANDYCE_SERVER_ORIGINS: 'subdomain', CANDYCE_PORT: '8020' })
    );
    expect(local.hubOrigin).toBe('http://localhost:8020');
    expect(local.serverOrigin('eleve1')).toBe('http://eleve1.localhost:8020');
    expect(() =>
      ServerOrigins.fromConfig(
        loadConfig({
          CANDYCE_SERVER_ORIGINS: 'subdomain',
          CANDYCE_PUBLIC_URL: 'http://192.0.2.1:8000'
        })
      )
    ).toThrow(/not the address 192\.0\.2\.1/);
  });

  it('serves servers on origins of their own by default, else says why not', () => {
    const local = ServerOrigins.fromConfig(
      loadConfig({ CANDYCE_PORT: '8020' })
    );
    expect(local.mode).toBe('subdomain');
    expect(local.fallback).toBeNull();
    expect(local.hubOrigin).toBe('http://localhost:8020');
    expect(local.isHubHost('localhost:8020')).toBe(true);
    expect(local.isHubHost('127.0.0.1:8020')).toBe(false);
    expect(local.classify('127.0.0.1:8020')).toEqual({ kind: 'hub' });

    const byAddress = ServerOrigins.fromConfig(
      loadConfig({ CANDYCE_PUBLIC_URL: 'http://192.0.2.1:8000' })
    );
    expect(byAddress.mode).toBe('path');
    expect(byAddress.hubOrigin).toBe('http://192.0.2.1:8000');
    expect(byAddress.fallback).toMatch(/not the address 192\.0\.2\.1/);
    const anyPort = ServerOrigins.fromConfig(loadConfig({ CANDYCE_PORT: '0' }));
    expect(anyPort.mode).toBe('path');
    expect(anyPort.fallback).toMatch(/fixed port/);

    const chosen = ServerOrigins.fromConfig(
      loadConfig({ CANDYCE_SERVER_ORIGINS: 'path', CANDYCE_PORT: '8020' })
    );
    expect(chosen.mode).toBe('path');
    expect(chosen.fallback).toBeNull();
  });
});

describe('enter codes and servers’ cookies', () => {
  const grant = {
    userId: 'u1',
    serverName: 'eleve1',
    sessionHash: 'h'.repeat(64)
  };

  it('takes a code once, until it expires, for its server only', () => {
    let now = 1_000_000_000_000;
    const codes = new EnterCodes(() => now);
    const code = codes.issue(grant);
    expect(codes.redeem(code, 'eleve2')).toBe('other_server');
    expect(codes.redeem(code, 'eleve1')).toBe('used');
    const second = codes.issue(grant);
    expect(codes.redeem(second, 'eleve1')).toEqual(grant);
    expect(codes.redeem(second, 'eleve1')).toBe('used');
    const late = codes.issue(grant);
    now += 60_000;
    expect(codes.redeem(late, 'eleve1')).toBe('expired');
    // Another hub process's code (another key): not one of ours.
    expect(new EnterCodes(() => now).redeem(codes.issue(grant), 'eleve1')).toBe(
      'invalid'
    );
  });

  it('signs cookies that expire, slide, and cannot be altered', () => {
    let now = 1_000_000_000_000;
    const signer = Signer.ephemeral();
    const cookies = new ServerCookies(
      signer,
      'candyce-server',
      false,
      () => now
    );
    const value = cookies.make(grant);
    const read = cookies.read(value)!;
    expect(read).toMatchObject(grant);
    expect(cookies.due(read)).toBe(false);
    now += 8 * 60_000;
    expect(cookies.due(cookies.read(value)!)).toBe(true);
    const renewed = cookies.read(cookies.make(read))!;
    expect(renewed.expires).toBeGreaterThan(read.expires);
    now += 8 * 60_000;
    expect(cookies.read(value)).toBeNull();
    const [body, mac] = cookies.make(grant).split('.');
    const altered = Buffer.from(
      Buffer.from(body, 'base64url').toString().replace('eleve1', 'eleve2')
    ).toString('base64url');
    expect(cookies.read(`${altered}.${mac}`)).toBeNull();
    // An enter code is not a cookie, though signed with the same kind of key.
    expect(
      new ServerCookies(signer, 'x', false, () => now).read(
        new EnterCodes(() => now, signer).issue(grant)
      )
    ).toBeNull();
    expect(cookies.header(value)).toBe(
      `candyce-server=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=900`
    );
    expect(
      new ServerCookies(signer, '__Host-candyce-server', true).header(value)
    ).toMatch(/^__Host-candyce-server=.*; Secure$/);
  });
});

describe('what a server receives of the browser’s cookies', () => {
  it('never a server origin’s cookie, nor the hub’s', () => {
    for (const secure of [false, true]) {
      const jar = new CookieJar(secure);
      expect(
        jar.withoutHubCookies(
          `${jar.serverName}=grant; _xsrf=jupyter; ${jar.sessionName}=hub; username-x=y`
        )
      ).toBe('_xsrf=jupyter; username-x=y');
    }
  });
});
