import { Server } from 'http';
import { AddressInfo } from 'net';
import pino, { Logger } from 'pino';

import { SessionService } from './auth/sessions';
import { ClassService } from './classes/service';
import { Config } from './config/schema';
import { databaseUrl } from './config/load';
import { migrate, openDatabase } from './db/connect';
import { IDemoLogin, seedDemo } from './demo';
import { createApp } from './http/app';
import { UserStore } from './users/store';
import { UserService } from './users/service';

/**
 * A running hub.
 */
export interface IHub {
  /** The URL the hub answers at. */
  url: string;
  /** Demo logins created at this start (demo mode, first start only). */
  demoLogins: IDemoLogin[] | null;
  users: UserService;
  classes: ClassService;
  close(): Promise<void>;
}

/**
 * The composition root: config → database → services → app → listen.
 */
export async function startHub(
  config: Config,
  log: Logger = createLogger(config)
): Promise<IHub> {
  const db = openDatabase(databaseUrl(config));
  await migrate(db);
  const users = new UserService(new UserStore(db), {
    maxFailures: config.loginMaxFailures,
    lockMinutes: config.loginLockMinutes
  });
  const classes = new ClassService(db);
  const sessions = new SessionService(db, {
    idleMinutes: config.sessionIdleMinutes,
    maxHours: config.sessionMaxHours
  });
  const demoLogins = config.demo ? await seedDemo(users, classes) : null;
  const secure = config.publicUrl?.startsWith('https:') ?? false;
  const app = createApp({
    users,
    sessions,
    secure,
    loginRatePerMinute: config.loginRatePerMinute,
    log
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(config.port, config.host, () =>
      resolve(listening)
    );
    listening.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = config.publicUrl ?? `http://${config.host}:${port}`;
  log.info({ url }, 'hub started');
  return {
    url,
    demoLogins,
    users,
    classes,
    close: async () => {
      await new Promise<void>(resolve => server.close(() => resolve()));
      server.closeAllConnections();
      await db.destroy();
    }
  };
}

/**
 * Structured logs (pino, JSON lines).
 */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { service: 'candyce-hub' } });
}
