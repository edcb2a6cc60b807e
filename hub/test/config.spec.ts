import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import {
  ConfigError,
  databaseUrl,
  environmentsDir,
  loadConfig
} from '../src/config/load';

describe('loadConfig', () => {
  it('has a default for every key', () => {
    const config = loadConfig({}, '/srv/candyce');
    expect(config.port).toBe(8000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.dataDir).toBe('/srv/candyce/.candyce/data');
    expect(databaseUrl(config)).toBe(
      'sqlite:/srv/candyce/.candyce/data/candyce.db'
    );
    expect(config.demo).toBe(false);
    expect(environmentsDir(config)).toBe(
      '/srv/candyce/.candyce/data/environments'
    );
    expect(config).toMatchObject({
      packageFindLinks: [],
      condaChannels: [],
      packageNoIndex: false,
      packageUsePipConfig: true,
      environmentInstaller: 'uv',
      environmentKeepDays: 30,
      environmentGcIntervalHours: 24,
      environmentResolvesPerHour: 30
    });
    expect(config.packageIndexUrl).toBeUndefined();
  });

  it('reads the environment keys: folders resolved where the hub starts, URLs kept', () => {
    const config = loadConfig(
      {
        CANDYCE_ENVIRONMENTS_DIR: 'store',
        CANDYCE_PACKAGE_INDEX_URL: 'https://miroir.example/simple/',
        CANDYCE_PACKAGE_FIND_LINKS: 'roues, https://roues.example/liens/',
        CANDYCE_CONDA_CHANNELS:
          'https://miroir.example/conda-forge, file:///srv/candyce/canal',
        CANDYCE_PACKAGE_NO_INDEX: 'yes',
        CANDYCE_PACKAGE_USE_PIP_CONFIG: '0',
        CANDYCE_ENVIRONMENT_INSTALLER: 'pip',
        CANDYCE_ENVIRONMENT_KEEP_DAYS: '7',
        CANDYCE_ENVIRONMENT_GC_INTERVAL_HOURS: '0',
        CANDYCE_ENVIRONMENT_RESOLVES_PER_HOUR: '5'
      },
      '/srv/candyce'
    );
    expect(environmentsDir(config)).toBe('/srv/candyce/store');
    expect(config).toMatchObject({
      packageIndexUrl: 'https://miroir.example/simple/',
      packageFindLinks: ['/srv/candyce/roues', 'https://roues.example/liens/'],
      // Addresses, kept as they are (never resolved against the start folder).
      condaChannels: [
        'https://miroir.example/conda-forge',
        'file:///srv/candyce/canal'
      ],
      packageNoIndex: true,
      packageUsePipConfig: false,
      environmentInstaller: 'pip',
      environmentKeepDays: 7,
      environmentGcIntervalHours: 0,
      environmentResolvesPerHour: 5
    });
    expect(
      loadConfig({ CANDYCE_PACKAGE_FIND_LINKS: '["/a,b", "/c"]' })
        .packageFindLinks
    ).toEqual(['/a,b', '/c']);
  });

  it('reads CANDYCE_* variables over the config file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-config-'));
    const file = path.join(dir, 'hub.json');
    fs.writeFileSync(
      file,
      JSON.stringify({ port: 9000, sessionIdleMinutes: 30, demo: true })
    );
    const config = loadConfig(
      { CANDYCE_CONFIG: file, CANDYCE_PORT: '9100', CANDYCE_DEMO: 'false' },
      dir
    );
    expect(config.port).toBe(9100);
    expect(config.sessionIdleMinutes).toBe(30);
    expect(config.demo).toBe(false);
  });

  it.each([
    [{ CANDYCE_PORT: '70000' }, 'port'],
    [{ CANDYCE_PORT: 'eight' }, 'port'],
    [{ CANDYCE_DEMO: 'maybe' }, 'demo'],
    [
      { CANDYCE_DATABASE_URL: 'mysql://x' },
      'databaseUrl: must start with sqlite: or postgres://'
    ],
    [{ CANDYCE_PUBLIC_URL: 'ftp://example' }, 'publicUrl'],
    [{ CANDYCE_LOG_LEVEL: 'loud' }, 'logLevel'],
    [{ CANDYCE_PACKAGE_INDEX_URL: 'ftp://miroir' }, 'packageIndexUrl'],
    [{ CANDYCE_PACKAGE_FIND_LINKS: '[1, 2]' }, 'packageFindLinks'],
    [{ CANDYCE_PACKAGE_FIND_LINKS: '[pas du JSON' }, 'packageFindLinks'],
    [{ CANDYCE_CONDA_CHANNELS: 'conda-forge' }, 'condaChannels'],
    [{ CANDYCE_CONDA_CHANNELS: 'ftp://miroir/canal' }, 'condaChannels'],
    [{ CANDYCE_CONDA_CHANNELS: '["https://a.example", 2]' }, 'condaChannels'],
    [{ CANDYCE_ENVIRONMENT_KEEP_DAYS: '-1' }, 'environmentKeepDays'],
    [
      { CANDYCE_ENVIRONMENT_RESOLVES_PER_HOUR: '0' },
      'environmentResolvesPerHour'
    ],
    [
      { CANDYCE_ENVIRONMENT_GC_INTERVAL_HOURS: 'souvent' },
      'environmentGcIntervalHours'
    ],
    [{ CANDYCE_PACKAGE_NO_INDEX: 'peut-être' }, 'packageNoIndex'],
    [{ CANDYCE_SANDBOX_UIDS: 'oui' }, 'sandboxUids'],
    [{ CANDYCE_SANDBOX_UID_BASE: '0' }, 'sandboxUidBase'],
    [{ CANDYCE_SANDBOX_UID_BASE: '5000000000' }, 'sandboxUidBase'],
    [{ CANDYCE_SANDBOX_UID_BASE: '1000.5' }, 'sandboxUidBase']
  ])('refuses %p with a message naming the key', (env, expected) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(expected);
  });

  it('refuses unknown keys and unreadable files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-config-'));
    fs.writeFileSync(
      path.join(dir, 'typo.json'),
      JSON.stringify({ prot: 8000 })
    );
    fs.writeFileSync(path.join(dir, 'broken.json'), '{ port: ');
    expect(() => loadConfig({ CANDYCE_CONFIG: 'typo.json' }, dir)).toThrow(
      'unknown configuration key(s): prot'
    );
    expect(() => loadConfig({ CANDYCE_CONFIG: 'broken.json' }, dir)).toThrow(
      'is not valid JSON'
    );
    expect(() => loadConfig({ CANDYCE_CONFIG: 'absent.json' }, dir)).toThrow(
      'cannot read the configuration file'
    );
  });
});
