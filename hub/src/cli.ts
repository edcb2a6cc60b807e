#!/usr/bin/env node
/**
 * candyce-hub: start the hub, or manage it from the command line.
 *
 *   candyce-hub [serve]             start the hub
 *   candyce-hub create-admin NAME   create an administrator; the password is read
 *                                   from standard input (one line)
 *   candyce-hub grant-role NAME ROLE  grant an existing user a role locally (e.g. make
 *                                   a teacher who logs in through the school SSO an
 *                                   administrator): SSO logins never take it away
 *   candyce-hub purge-traces        delete the learning traces older than
 *                                   lrsRetentionDays now (the hub also does it on
 *                                   schedule, every lrsPurgeIntervalHours)
 */
import * as fs from 'fs';
import * as path from 'path';

import { migrate, openDatabase } from './db/connect';
import { IDemoLogin } from './demo';
import { ConfigError, databaseUrl, loadConfig } from './config/load';
import { DomainError } from './errors';
import { DailyLedger } from './dashboards/ledger';
import { RetentionPurge } from './lrs/retention';
import { startHub } from './main';
import { UserStore } from './users/store';
import { UserService } from './users/service';

async function readLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

async function createAdmin(name: string | undefined): Promise<void> {
  if (!name) {
    throw new ConfigError(
      'usage : candyce-hub create-admin NOM (mot de passe sur l’entrée standard)'
    );
  }
  const config = loadConfig();
  const db = openDatabase(databaseUrl(config));
  try {
    await migrate(db);
    const users = new UserService(new UserStore(db), {
      maxFailures: config.loginMaxFailures,
      lockMinutes: config.loginLockMinutes
    });
    const password = await readLine();
    await users.create({ name, displayName: name, roles: ['admin'], password });
    console.log(`Administrateur « ${name} » créé.`);
  } finally {
    await db.destroy();
  }
}

async function grantRole(
  name: string | undefined,
  role: string | undefined
): Promise<void> {
  if (!name || !role) {
    throw new ConfigError('usage : candyce-hub grant-role NOM RÔLE');
  }
  const config = loadConfig();
  const db = openDatabase(databaseUrl(config));
  try {
    await migrate(db);
    const users = new UserService(new UserStore(db), {
      maxFailures: config.loginMaxFailures,
      lockMinutes: config.loginLockMinutes
    });
    const user = await users.grantRole(name, role);
    console.log(
      `« ${name} » a maintenant les rôles : ${user.roles.join(', ')}.`
    );
  } finally {
    await db.destroy();
  }
}

async function purgeTraces(): Promise<void> {
  const config = loadConfig();
  const db = openDatabase(databaseUrl(config));
  try {
    await migrate(db);
    const purge = await new RetentionPurge(db, {
      retentionDays: config.lrsRetentionDays,
      intervalHours: 0,
      clock: () => new Date(),
      // The dashboards' daily counts follow what is deleted, as in the hub.
      observer: new DailyLedger(),
      log: { info: () => undefined, error: () => undefined }
    }).run();
    console.log(
      `Traces antérieures au ${purge.before} supprimées (déclarations : ${purge.statements}, documents : ${purge.documents}, pièces jointes : ${purge.attachments}).`
    );
  } finally {
    await db.destroy();
  }
}

async function serve(): Promise<void> {
  const config = loadConfig();
  const hub = await startHub(config);
  if (config.demo) {
    printDemoLogins(config.dataDir, hub.demoLogins);
  }
  console.log(`Candyce est prêt : ${hub.url}/hub/login`);
  printServerOrigins(hub.url, hub.serverOrigins);
  // The first signal closes the hub cleanly; a second one (Ctrl+C twice) does not wait
  // for that. Either way nothing is lost: the database commits each change, and users'
  // servers outlive the hub unless stopServersOnExit.
  let stopping = false;
  const stop = () => {
    if (stopping) {
      console.error('Arrêt immédiat demandé : le hub s’arrête sans attendre.');
      process.exit(1);
    }
    stopping = true;
    console.log('Arrêt du hub… (encore une fois pour forcer)');
    void hub.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/**
 * Where workspaces are served, said at start: in subdomain mode the address to open
 * (another name of the machine, 127.0.0.1, is sent there), else why servers share the
 * hub's origin.
 */
function printServerOrigins(
  url: string,
  origins: { fallback: string | null; example: string | null }
): void {
  if (origins.example) {
    console.log(
      `Ouvrez Candyce à cette adresse (${new URL(url).host}) : chaque espace de travail a la sienne, par exemple ${origins.example}/user/eleve1/lab ; un navigateur venu par une autre adresse de la machine (127.0.0.1) y est renvoyé.`
    );
  } else if (origins.fallback) {
    console.log(
      `Espaces de travail servis sur l’adresse du hub (serverOrigins: path) : ${origins.fallback}.`
    );
  }
}

/**
 * Demo passwords are random per data folder: keep them (owner-only file) so that each
 * start can print them again.
 */
function printDemoLogins(dataDir: string, created: IDemoLogin[] | null): void {
  const file = path.join(dataDir, 'demo-logins.json');
  if (created) {
    fs.writeFileSync(file, JSON.stringify(created, null, 1), { mode: 0o600 });
  }
  if (!fs.existsSync(file)) {
    return;
  }
  const logins = JSON.parse(fs.readFileSync(file, 'utf8')) as IDemoLogin[];
  console.log('Comptes de démonstration (rôle, identifiant, mot de passe) :');
  for (const login of logins) {
    console.log(
      `  ${login.role.padEnd(15)} ${login.name.padEnd(10)} ${login.password}`
    );
  }
}

async function main(argv: string[]): Promise<void> {
  const [command = 'serve', ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve();
    case 'create-admin':
      return createAdmin(rest[0]);
    case 'grant-role':
      return grantRole(rest[0], rest[1]);
    case 'purge-traces':
      return purgeTraces();
    default:
      throw new ConfigError(
        `commande inconnue « ${command} » : serve, create-admin, grant-role ou purge-traces`
      );
  }
}

main(process.argv.slice(2)).catch(error => {
  if (error instanceof ConfigError || error instanceof DomainError) {
    console.error(`candyce-hub : ${error.message}`);
  } else {
    console.error('candyce-hub : erreur inattendue', error);
  }
  process.exit(1);
});
