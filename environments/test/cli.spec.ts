import fs from 'node:fs';
import path from 'node:path';

import { main, parseArguments, UsageError, type IOutput } from '../src/cli';
import { removeTemporaryDirectories, temporaryDirectory } from './helpers';

const ID = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);

/** An output that keeps what the command line wrote. */
function capture(): IOutput & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: line => stdout.push(line),
    err: line => stderr.push(line)
  };
}

afterAll(removeTemporaryDirectories);

describe('parseArguments', () => {
  it('understands every command', () => {
    expect(parseArguments(['lock', 'a', 'b'])).toEqual({
      name: 'lock',
      folders: ['a', 'b']
    });
    expect(parseArguments(['id', 'a'])).toEqual({ name: 'id', folders: ['a'] });
    expect(
      parseArguments([
        'build',
        'a',
        '--store',
        's',
        '--python=/usr/bin/python3'
      ])
    ).toEqual({
      name: 'build',
      folders: ['a'],
      store: 's',
      python: '/usr/bin/python3'
    });
    expect(parseArguments(['freeze', ID, '--store=s'])).toEqual({
      name: 'freeze',
      id: ID,
      store: 's'
    });
    expect(
      parseArguments(['gc', '--store', 's', '--keep', `${ID}, ${OTHER}`])
    ).toEqual({ name: 'gc', store: 's', keep: [ID, OTHER], dryRun: false });
    expect(
      parseArguments(['gc', '--dry-run', '--store', 's', '--keep', ''])
    ).toEqual({ name: 'gc', store: 's', keep: [], dryRun: true });
  });

  it('gives the help whatever else is there', () => {
    expect(parseArguments(['build', '--help'])).toEqual({ name: 'help' });
    expect(parseArguments(['-h'])).toEqual({ name: 'help' });
  });

  it.each([
    [[], /Indiquez une commande/],
    [['frob'], /Commande inconnue : « frob »/],
    [['lock'], /au moins un dossier/],
    [['build', 'a'], /--store <dossier>/],
    [['build', 'a', '--store'], /L’option --store attend une valeur/],
    [['build', 'a', '--store', 's', '--store', 't'], /donnée deux fois/],
    [['lock', 'a', '--store', 's'], /ne s’applique pas à la commande lock/],
    [['lock', 'a', '--verbose'], /Option inconnue : « --verbose »/],
    [['lock', 'a', '-v'], /Option inconnue : « -v »/],
    [
      ['gc', '--store', 's', '--dry-run=yes', '--keep', ''],
      /ne prend pas de valeur/
    ],
    [['gc', '--store', 's'], /--keep <id,...>/],
    [['gc', 'x', '--store', 's', '--keep', ''], /ne prend pas d’argument/],
    [
      ['gc', '--store', 's', '--keep', 'abc'],
      /« abc » n’est pas un identifiant/
    ],
    [['freeze', '--store', 's'], /exactement un identifiant/],
    [['freeze', ID, OTHER, '--store', 's'], /exactement un identifiant/],
    [['freeze', 'XYZ', '--store', 's'], /n’est pas un identifiant/]
  ])('refuses %j in French', (argv, message) => {
    expect(() => parseArguments(argv)).toThrow(UsageError);
    expect(() => parseArguments(argv)).toThrow(message);
  });

  it('takes what follows -- as folders', () => {
    expect(parseArguments(['lock', '--', '--odd-name'])).toEqual({
      name: 'lock',
      folders: ['--odd-name']
    });
  });
});

describe('main', () => {
  it('exits with 2 and a hint on a wrong command line', async () => {
    const output = capture();
    expect(await main(['build', 'a'], output)).toBe(2);
    expect(output.stderr).toEqual([
      'candyce-env : La commande build demande le magasin : --store <dossier>.',
      'Aide : candyce-env --help'
    ]);
  });

  it('prints the help on stdout and exits with 0', async () => {
    const output = capture();
    expect(await main(['--help'], output)).toBe(0);
    expect(output.stdout.join('\n')).toMatch(/^Usage : candyce-env/);
  });

  it('exits with 1 and says what to do when a folder has no lock', async () => {
    const folder = temporaryDirectory('cli');
    const output = capture();
    expect(await main(['id', folder], output)).toBe(1);
    expect(output.stderr[0]).toMatch(
      /^candyce-env : Fichier introuvable : .*candyce-lock\.json \(lancez d’abord « candyce-env lock » sur ce dossier\)\.$/
    );
  });

  it('exits with 1 on a malformed lock, a missing folder or store', async () => {
    const folder = temporaryDirectory('cli');
    fs.writeFileSync(
      path.join(folder, 'candyce-lock.json'),
      '{"lockVersion": 1}'
    );
    let output = capture();
    expect(await main(['id', folder], output)).toBe(1);
    expect(output.stderr[0]).toMatch(
      /n’est pas un verrou d’environnement valide/
    );

    output = capture();
    expect(await main(['lock', path.join(folder, 'absent')], output)).toBe(1);
    expect(output.stderr[0]).toMatch(
      /Le dossier « .*absent » est introuvable\./
    );

    output = capture();
    const store = path.join(folder, 'no-store');
    expect(await main(['gc', '--store', store, '--keep', ''], output)).toBe(1);
    expect(output.stderr[0]).toMatch(
      /Le magasin d’environnements « .* » n’existe pas\./
    );
    expect(fs.existsSync(store)).toBe(false);
  });

  it('refuses to lock a list with problems, naming the file and line', async () => {
    const folder = temporaryDirectory('cli');
    fs.writeFileSync(path.join(folder, 'runtime.txt'), 'python3\n');
    const output = capture();
    expect(await main(['lock', folder], output)).toBe(1);
    expect(output.stderr.join('\n')).toMatch(
      /runtime\.txt, ligne 1 : « python3 » n’est pas un runtime\.txt valide/
    );
    expect(fs.existsSync(path.join(folder, 'candyce-lock.json'))).toBe(false);
  });

  it('runs gc on an empty store', async () => {
    const store = temporaryDirectory('cli');
    fs.mkdirSync(path.join(store, 'envs'));
    const output = capture();
    expect(
      await main(['gc', '--store', store, '--keep', ID, '--dry-run'], output)
    ).toBe(0);
    expect(output.stdout).toEqual([]);
    expect(output.stderr).toEqual([
      '0 environnement(s) seraient supprimés, 0 Mo seraient libérés.'
    ]);
  });
});
