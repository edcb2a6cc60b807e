/**
 * A Candyce hub whose LRS has clients ready: the credentials are made in a fresh data
 * folder before the hub starts (as an administrator's `POST /hub/lrs/clients` would),
 * so that a benchmark needs no session.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { migrate, openDatabase } from '@candyce/hub/lib/db/connect';
import { LrsClients, LrsScope } from '@candyce/hub/lib/lrs/clients';

import { ICandyceHub, startCandyce } from './candyce';

export interface ILrsHub {
  hub: ICandyceHub;
  /** The LRS's address: `<hub>/xapi`. */
  endpoint: string;
  /** One per client asked for. */
  credentials: { key: string; secret: string; authorization: string }[];
}

export async function startLrsHub(options: {
  clients: number;
  scope?: LrsScope;
  port?: number;
}): Promise<ILrsHub> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-bench-'));
  const db = openDatabase(`sqlite:${path.join(dataDir, 'candyce.db')}`);
  await migrate(db);
  const clients = new LrsClients(
    db,
    LrsClients.loadPseudonymKey(path.join(dataDir, 'secrets')),
    'https://candyce.example',
    () => new Date()
  );
  const made = [];
  for (let i = 0; i < options.clients; i++) {
    made.push(
      await clients.create({
        name: `bench ${i}`,
        scope: options.scope ?? 'all'
      })
    );
  }
  await db.destroy();
  const hub = await startCandyce({
    sandbox: 'none',
    dataDir,
    port: options.port
  });
  return {
    hub,
    endpoint: `${hub.url}/xapi`,
    credentials: made.map(({ key, secret }) => ({
      key,
      secret,
      authorization: basic(key, secret)
    }))
  };
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
