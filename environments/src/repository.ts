/**
 * An environment as a repository that repo2docker (and so BinderHub) builds as is: the
 * lock becomes a `requirements.txt` of exact versions with their hashes, beside the
 * `runtime.txt` of its Python and the files only image builds apply (`apt.txt`,
 * `postBuild`, conda packages of `environment.yml`).
 */
import { canonicalJson, lockId, lockToRequirements, shortId } from './lock';
import type { ILock } from './lock';
import {
  describeProblem,
  parseSoftwareList,
  type IParseOptions,
  type IProblem,
  type ISoftwareFile
} from './softwareList';

/** How to export. */
export interface IExportOptions extends IParseOptions {
  /**
   * File names of the lock's packages built from the repository itself (its wheel):
   * repo2docker installs those with `pip install .`, not from the index.
   */
  repositoryFiles?: string[];
}

/** The file in which an exported repository keeps its lock. */
export const REPOSITORY_LOCK_FILE = 'candyce-lock.json';

/**
 * The files of a repo2docker repository for the environment of `lock`, resolved from the
 * software list `files`. Every path is at the top of the repository.
 */
export function exportRepository(
  lock: ILock,
  files: ISoftwareFile[],
  options: IExportOptions = {}
): ISoftwareFile[] {
  // The lock says whether postBuild was run by the build (in its sandbox).
  const { imageOnly, notes } = parseSoftwareList(files, {
    sandbox: lock.postBuild !== undefined,
    condaChannels: lock.conda?.channels,
    ...options
  });
  const id = lockId(lock);
  const own = new Set(options.repositoryFiles ?? []);
  const published = {
    ...lock,
    packages: lock.packages.filter(item => !own.has(item.file))
  };
  const repository = lock.packages.filter(item => own.has(item.file));
  const exported: ISoftwareFile[] = [
    {
      path: 'requirements.txt',
      content:
        `# Environnement Candyce ${shortId(id)} : versions exactes et empreintes du verrou.\n` +
        lockToRequirements(published)
    },
    { path: 'runtime.txt', content: `python-${lock.python.version}\n` },
    {
      path: REPOSITORY_LOCK_FILE,
      content: JSON.stringify(JSON.parse(canonicalJson(lock)), null, 2) + '\n'
    }
  ];
  // With an environment.yml, repo2docker builds with conda and ignores runtime.txt: the
  // Python version goes into it, and its pip section installs the locked requirements.
  if (imageOnly.condaPackages.length) {
    exported.push({
      path: 'environment.yml',
      content: Private.condaEnvironment(
        lock.python.version,
        imageOnly.condaChannels,
        imageOnly.condaPackages
      )
    });
  }
  if (imageOnly.aptPackages.length) {
    exported.push({
      path: 'apt.txt',
      content: imageOnly.aptPackages.join('\n') + '\n'
    });
  }
  if (imageOnly.postBuild !== undefined) {
    exported.push({ path: 'postBuild', content: imageOnly.postBuild });
  }
  if (imageOnly.start !== undefined) {
    exported.push({ path: 'start', content: imageOnly.start });
  }
  exported.push({
    path: 'README.md',
    content: Private.readme(id, lock, exported, repository, notes)
  });
  return exported;
}

namespace Private {
  /** An `environment.yml` with the conda packages and the lock as its pip section. */
  export function condaEnvironment(
    python: string,
    channels: string[],
    packages: string[]
  ): string {
    const item = (text: string) => `  - ${JSON.stringify(text)}\n`;
    return (
      (channels.length ? 'channels:\n' + channels.map(item).join('') : '') +
      'dependencies:\n' +
      item(`python=${python}`) +
      packages
        .filter(name => !/^python(?:[=<>!~\s]|$)/.test(name))
        .map(item)
        .join('') +
      item('pip') +
      '  - pip:\n' +
      '    - "-r requirements.txt"\n'
    );
  }

  /** A French README that says what the repository is and how to build it. */
  export function readme(
    id: string,
    lock: ILock,
    files: ISoftwareFile[],
    repository: ILock['packages'],
    notes: IProblem[]
  ): string {
    const lines = [
      `# Environnement Candyce ${shortId(id)}`,
      '',
      `Python ${lock.python.version}, ${lock.packages.length} paquets, résolus pour ${lock.platform.system}/${lock.platform.machine}.`,
      `Identifiant complet : \`${id}\` (l’empreinte SHA-256 du verrou \`${REPOSITORY_LOCK_FILE}\`).`,
      '',
      'Ce dossier se construit tel quel avec repo2docker ou BinderHub :',
      '',
      '```sh',
      'repo2docker .',
      '```',
      '',
      'Fichiers :',
      '',
      ...files.map(file => `- \`${file.path}\``)
    ];
    const scripts = files
      .map(file => file.path)
      .filter(name => name === 'postBuild' || name === 'start');
    if (scripts.length) {
      lines.push(
        '',
        `Rendez ${scripts.map(name => `\`${name}\``).join(' et ')} exécutable${scripts.length > 1 ? 's' : ''} avant la construction (\`chmod +x ${scripts.join(' ')}\`).`
      );
    }
    if (repository.length) {
      const names = repository
        .map(item => `${item.name} ${item.version}`)
        .join(', ');
      lines.push(
        '',
        `Le dépôt lui-même (${names}) n’est pas dans \`requirements.txt\` : placez ces fichiers à la racine du dépôt, à côté de son \`setup.py\` ou \`pyproject.toml\` ; repo2docker l’installe alors (\`pip install .\`).`
      );
    }
    if (notes.length) {
      lines.push(
        '',
        'Remarques de Candyce sur la liste d’origine (ce que son constructeur intégré ne fait pas comme repo2docker) :',
        '',
        ...notes.map(note => `- ${describeProblem(note)}`)
      );
    }
    return lines.join('\n') + '\n';
  }
}
