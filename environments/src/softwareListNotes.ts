/**
 * The notes and problems of a software list that do not depend on its kind: files left
 * aside (by the binder/ folder or by the kind repo2docker picks), kinds the embedded
 * builder cannot build, the files every kind applies (apt.txt, postBuild, start), and
 * the Python version (Python 2, or none asked for).
 */
import path from 'node:path';

import {
  DEFAULT_PYTHON_IS_SERVERS,
  KIND_RULES,
  KNOWN_FILES,
  REPO2DOCKER_PYTHON,
  type IKindRule
} from './binderRules';
import type { ISoftwareList } from './softwareListParts';

/** What each kind that Candyce cannot build is, in French. */
const KIND_LABELS: Record<string, string> = {
  dockerfile: 'une image Docker décrite par son Dockerfile',
  'julia-project': 'un environnement Julia (Project.toml)',
  'julia-require':
    'un environnement Julia (REQUIRE, que repo2docker ne prend plus en charge non plus)',
  nix: 'un environnement Nix (default.nix)',
  r: 'un environnement R (runtime.txt r-…-AAAA-MM-JJ ou DESCRIPTION, install.R)'
};

/** Why a kind leaves a file aside, in French. */
const LEFT_ASIDE: Record<string, Record<string, string>> = {
  conda: {
    'requirements.txt':
      'ignoré : avec environment.yml, repo2docker n’installe que environment.yml (mettez ces paquets dans sa section « pip: »).',
    Pipfile:
      'ignoré : environment.yml passe avant le Pipfile chez repo2docker.',
    'Pipfile.lock':
      'ignoré : environment.yml passe avant le Pipfile chez repo2docker.',
    'setup.py':
      'le dépôt n’est pas installé : avec environment.yml, repo2docker ne fait pas « pip install . » (ajoutez « -e . » à sa section « pip: »).',
    'pyproject.toml':
      'le dépôt n’est pas installé : avec environment.yml, repo2docker ne fait pas « pip install . » (ajoutez « -e . » à sa section « pip: »).',
    'runtime.txt':
      'ignoré : avec environment.yml, repo2docker prend la version de Python de environment.yml (python=3.X).'
  },
  pipfile: {
    'requirements.txt':
      'ignoré : avec un Pipfile, repo2docker n’installe que le Pipfile (ou Pipfile.lock).',
    'setup.py':
      'le dépôt n’est pas installé : le Pipfile ne le demande pas (ajoutez-y {path = ".", editable = true}).',
    'pyproject.toml':
      'le dépôt n’est pas installé : le Pipfile ne le demande pas (ajoutez-y {path = ".", editable = true}).',
    'runtime.txt':
      'ignoré : avec un Pipfile, repo2docker prend la version de Python de [requires] python_version du Pipfile (ou de Pipfile.lock).'
  }
};

/**
 * Note the files repo2docker would not read: those at the top when binder/ holds the
 * configuration, those the chosen kind leaves aside; and the kinds Candyce cannot build.
 */
export function noteLeftAside(
  list: ISoftwareList,
  files: ReadonlyMap<string, string>,
  folder: string,
  rule: IKindRule,
  present: ReadonlySet<string>
): void {
  if (folder) {
    const atTop = KNOWN_FILES.filter(name => files.has(name));
    if (atTop.length) {
      list.notes.push({
        file: atTop.join(', '),
        message: `ignoré${atTop.length > 1 ? 's' : ''} : le dossier ${folder}/ existe, et repo2docker n’utilise alors que les fichiers qu’il contient${KNOWN_FILES.some(name => present.has(name)) ? '' : ' (il ne contient aucun fichier de configuration)'}.`
      });
    }
  }
  const at = (name: string) => (folder ? `${folder}/${name}` : name);
  if (!rule.builtHere) {
    const which = rule.detectedBy.find(name => present.has(name));
    list.problems.push({
      file: which ? at(which) : at('runtime.txt'),
      message: `repo2docker construit ici ${KIND_LABELS[rule.kind]} ; le constructeur intégré de Candyce ne fait que des environnements Python (pip). Faites construire une image avec repo2docker (source : ${rule.source}).`
    });
    return;
  }
  for (const name of rule.ignores) {
    const reason = LEFT_ASIDE[rule.kind]?.[name];
    if (present.has(name) && reason) {
      list.notes.push({ file: at(name), message: reason });
    }
  }
  // Files of kinds that lose to the chosen one, e.g. a second environment file.
  if (rule.kind === 'conda' && present.has('environment.yml')) {
    if (present.has('environment.yaml')) {
      list.notes.push({
        file: at('environment.yaml'),
        message: 'ignoré : environment.yml passe avant environment.yaml.'
      });
    }
  }
  if (present.has('install.R')) {
    list.notes.push({
      file: at('install.R'),
      message:
        'ignoré : repo2docker n’exécute install.R que pour un environnement R (runtime.txt r-X.Y-AAAA-MM-JJ) ; Candyce ne construit pas d’environnement R.'
    });
  }
  if (folder && present.has('DESCRIPTION')) {
    list.notes.push({
      file: at('DESCRIPTION'),
      message:
        'ignoré : repo2docker ne lit DESCRIPTION qu’à la racine d’un dépôt sans dossier binder/.'
    });
  }
}

/** apt.txt, postBuild, start, requirements3.txt, and the Python version's checks. */
export function applyCommonFiles(
  list: ISoftwareList,
  configFile: (name: string) => { file: string; content: string } | undefined,
  sandbox: boolean
): void {
  const apt = configFile('apt.txt');
  if (apt) {
    list.imageOnly.aptPackages = apt.content
      .split(/\r?\n/)
      .map(line => line.replace(/#.*$/, '').trim())
      .filter(Boolean);
    list.notes.push({
      file: apt.file,
      message: `les paquets système (${list.imageOnly.aptPackages.join(', ')}) ne sont installés que par une construction d’image (repo2docker) ; le constructeur intégré les ignore.`
    });
  }
  const postBuild = configFile('postBuild');
  if (postBuild) {
    list.imageOnly.postBuild = postBuild.content;
    if (sandbox) {
      list.postBuild = postBuild.content;
    }
    list.notes.push({
      file: postBuild.file,
      message: sandbox
        ? 'exécuté à la construction, après l’installation des paquets, dans un bac à sable : sans réseau (pip install, conda ou un téléchargement y échouent), dans un dossier vide plutôt que dans le dépôt, avec un dossier personnel jetable ; il ne peut modifier que l’environnement construit, et son échec fait échouer la construction. L’export le garde.'
        : 'non exécuté : ce serveur n’a pas bubblewrap, le bac à sable dans lequel le constructeur intégré l’exécuterait (sans réseau, seul l’environnement modifiable). Une construction d’image (repo2docker) l’exécute ; l’export le garde.'
    });
  }
  const start = configFile('start');
  if (start) {
    list.imageOnly.start = start.content;
    list.notes.push({
      file: start.file,
      message:
        'ce script n’est exécuté qu’au lancement d’une image repo2docker ; les noyaux Candyce démarrent sans lui. L’export le garde.'
    });
  }
  const server = configFile('requirements3.txt');
  if (server) {
    list.notes.push({
      file: server.file,
      message:
        'ignoré : repo2docker ne l’installe que dans l’environnement du serveur Jupyter, quand le noyau est en Python 2.7 ou < 3.7 ; Candyce fournit son propre serveur.'
    });
  }
  const kindRule = KIND_RULES.find(rule => rule.kind === list.kind);
  if (!kindRule?.builtHere) {
    return;
  }
  if (list.python && Number(list.python.split('.')[0]) < 3) {
    list.problems.push({
      file: list.pythonFrom ?? 'runtime.txt',
      message: `Python ${list.python} n’est pas pris en charge : le constructeur intégré ne fait que des environnements Python 3 (écrivez par ex. python-3.11).`
    });
  }
  if (!list.python && DEFAULT_PYTHON_IS_SERVERS) {
    list.notes.push({
      file: path.posix
        .join(list.folder || '.', 'runtime.txt')
        .replace(/^\.\//, ''),
      message: `aucune version de Python n’est demandée : repo2docker prendrait Python ${REPO2DOCKER_PYTHON['3']}, Candyce prend la version par défaut du serveur (l’export l’écrit dans runtime.txt). Pour choisir, écrivez python-3.X dans runtime.txt.`
    });
  }
}
