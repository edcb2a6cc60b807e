/**
 * Package names for the « Environnement » panel's search: the root listing of the
 * package index (PEP 691 JSON, or the PEP 503 HTML page), the distribution files of
 * `--find-links` folders, and the names of the locks the hub knows. The listing is
 * read at most once an hour: PyPI's is hundreds of thousands of names.
 */
import { execFile } from 'child_process';
import { promises as fs } from 'fs';
import { fileURLToPath } from 'url';

import { DomainError, trans } from '../errors';

/** Where names come from; the same settings as resolving and building. */
export interface IPackageIndexOptions {
  /** The index; by default the one pip is configured with, else PyPI. */
  indexUrl?: string;
  findLinks: readonly string[];
  /** Only `findLinks`, no index. */
  noIndex: boolean;
  /** Whether pip's own configuration names the index (when `indexUrl` is not set). */
  usePipConfig: boolean;
  /** A Python with pip, asked for its configured index. */
  pipPython: string;
  /** The environment pip is asked in (default: the hub's, whose `PIP_*` count). */
  pipEnv?: NodeJS.ProcessEnv;
  /** How long names are kept, in ms (default: one hour). */
  cacheMs?: number;
  /**
   * How long a search waits for sources still being read, in ms (default: 8 s); a source
   * that has not answered by then joins later searches when it does.
   */
  waitMs?: number;
}

/** The index pip uses when nothing says otherwise. */
export const PYPI_SIMPLE = 'https://pypi.org/simple/';

/** A name as PEP 503 compares them: lower case, runs of `-_.` as one `-`. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/**
 * The names of the package index and of `--find-links`, cached.
 */
export class PackageIndex {
  constructor(private readonly _options: IPackageIndexOptions) {}

  /**
   * Names that match `query`, packages used for teaching first: those of `preferred`
   * tiers in their order (the standard environments' requirements, then the list
   * Candyce ships), then the rest; within each, names starting with the query before
   * names containing it, shortest first. `extra` names (from known locks) are searched
   * too. Only names an index or a lock knows are offered.
   *
   * @throws {DomainError} 503 `index_unreachable` when the index cannot be read.
   */
  async search(
    query: string,
    limit: number,
    extra: Iterable<string>,
    preferred: readonly ReadonlySet<string>[] = []
  ): Promise<string[]> {
    const wanted = normalizeName(query.trim());
    const byKey = new Map<string, string>();
    for (const name of [...(await this.names()), ...extra]) {
      const key = normalizeName(name);
      if (key.includes(wanted) && !byKey.has(key)) {
        byKey.set(key, name);
      }
    }
    const tier = (key: string) => {
      const index = preferred.findIndex(names => names.has(key));
      return index < 0 ? preferred.length : index;
    };
    const rank = (key: string) => (key.startsWith(wanted) ? 0 : 1);
    return [...byKey.entries()]
      .sort(
        ([a], [b]) =>
          tier(a) - tier(b) ||
          rank(a) - rank(b) ||
          a.length - b.length ||
          (a < b ? -1 : a > b ? 1 : 0)
      )
      .slice(0, limit)
      .map(([, name]) => name);
  }

  /**
   * Every name of the sources that answered within `waitMs`; each source is read again
   * once its names are older than `cacheMs`, and a failed one at the next search.
   *
   * @throws {DomainError} 503 `index_unreachable` when no source answered.
   */
  async names(): Promise<string[]> {
    const sources = await this.sources();
    const readings = sources.map(source => this._reading(source));
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>(resolve => {
      timer = setTimeout(() => resolve('late'), this._options.waitMs ?? 8000);
    });
    const settled = await Promise.all(
      readings.map(reading =>
        Promise.race([
          reading.then(
            names => ({ names }),
            (error: unknown) => ({ error })
          ),
          deadline
        ])
      )
    );
    clearTimeout(timer);
    let names: string[] = [];
    let failure: unknown = null;
    let answered = sources.length === 0;
    for (const outcome of settled) {
      if (outcome === 'late') {
        continue;
      }
      if ('names' in outcome) {
        answered = true;
        // Not push(...): PyPI's listing has more names than a call has arguments.
        names = names.concat(outcome.names);
      } else {
        failure ??= outcome.error;
      }
    }
    if (!answered) {
      throw (
        failure ??
        Private.unreachable(sources.map(source => source.location).join(', '))
      );
    }
    return names;
  }

  /** The index that is listed first (configured, pip's, or PyPI), or null without one. */
  async indexUrl(): Promise<string | null> {
    return (await this._pipSources()).indexUrl;
  }

  /** Every place names are read from: indexes, then `--find-links` folders and pages. */
  async sources(): Promise<Private.ISource[]> {
    const { indexUrl, extraIndexUrls, findLinks } = await this._pipSources();
    const all: Private.ISource[] = [
      ...[...(indexUrl ? [indexUrl] : []), ...extraIndexUrls].map(location => ({
        kind: 'index' as const,
        location
      })),
      ...findLinks.map(location => ({ kind: 'links' as const, location }))
    ];
    return all.filter(
      (source, i) =>
        all.findIndex(other => other.location === source.location) === i
    );
  }

  /** The sources pip resolves from, with this hub's settings. */
  private async _pipSources(): Promise<Private.ISources> {
    const { indexUrl, noIndex, usePipConfig, findLinks } = this._options;
    // pip's configuration is read once: it changes with the machine, not while it runs.
    this._configured ??= usePipConfig
      ? Private.pipSources(this._options.pipPython, this._options.pipEnv)
      : Promise.resolve({ indexUrl: null, extraIndexUrls: [], findLinks: [] });
    const configured = await this._configured;
    // As pip does: an explicit index replaces the configured one, not its additions.
    return {
      indexUrl: noIndex
        ? null
        : (indexUrl ?? configured.indexUrl ?? PYPI_SIMPLE),
      extraIndexUrls: noIndex ? [] : configured.extraIndexUrls,
      findLinks: [...findLinks, ...configured.findLinks]
    };
  }

  /** One source's names, cached. */
  private _reading({ kind, location }: Private.ISource): Promise<string[]> {
    const maxAge = this._options.cacheMs ?? 3600_000;
    const cached = this._cached.get(location);
    if (cached && Date.now() - cached.at <= maxAge) {
      return cached.names;
    }
    const names =
      kind === 'index'
        ? Private.listIndex(location)
        : Private.listFindLinks(location);
    this._cached.set(location, { at: Date.now(), names });
    // A failure is not kept: the next search tries again.
    names.catch(() => {
      if (this._cached.get(location)?.names === names) {
        this._cached.delete(location);
      }
    });
    return names;
  }

  private _configured: Promise<Private.ISources> | null = null;
  private readonly _cached = new Map<
    string,
    { at: number; names: Promise<string[]> }
  >();
}

namespace Private {
  /** What pip asks an index for: JSON first (PEP 691), HTML otherwise. */
  const ACCEPT =
    'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01';

  /** Where pip takes packages from. */
  export interface ISources {
    indexUrl: string | null;
    extraIndexUrls: string[];
    findLinks: string[];
  }

  /**
   * The indexes and `--find-links` pip is configured with (environment first, then its
   * configuration files), as `pip config list` shows them; nothing when it cannot tell.
   */
  export function pipSources(
    python: string,
    env: NodeJS.ProcessEnv | undefined
  ): Promise<ISources> {
    return new Promise(resolve => {
      execFile(
        python,
        ['-m', 'pip', 'config', 'list'],
        { timeout: 10_000, env },
        (error, stdout) => {
          const values = new Map<string, string>();
          for (const line of error ? [] : stdout.split('\n')) {
            const match = /^([^=]+)='(.*)'$/.exec(line.trim());
            if (match) {
              values.set(match[1], match[2]);
            }
          }
          const value = (key: string) =>
            values.get(`:env:.${key}`) ??
            values.get(`install.${key}`) ??
            values.get(`global.${key}`) ??
            null;
          const list = (key: string) =>
            value(key)?.split(/\s+/).filter(Boolean) ?? [];
          resolve({
            indexUrl: value('index-url'),
            extraIndexUrls: list('extra-index-url'),
            findLinks: list('find-links')
          });
        }
      );
    });
  }

  /** A place names are read from: an index, or a `--find-links` folder or page. */
  export interface ISource {
    kind: 'index' | 'links';
    location: string;
  }

  /** The project names of an index's root listing. */
  export async function listIndex(url: string): Promise<string[]> {
    const root = url.endsWith('/') ? url : `${url}/`;
    if (root.startsWith('file:')) {
      return listLocalIndex(fileURLToPath(root));
    }
    let response: Response;
    let text: string;
    try {
      response = await fetch(root, {
        headers: { Accept: ACCEPT },
        signal: AbortSignal.timeout(60_000)
      });
      text = await response.text();
    } catch {
      throw unreachable(root);
    }
    if (!response.ok) {
      throw unreachable(root);
    }
    const type = response.headers.get('content-type') ?? '';
    return type.includes('application/vnd.pypi.simple.v1+json')
      ? [...text.matchAll(/"name"\s*:\s*"((?:[^"\\]|\\.)+)"/g)].map(m =>
          JSON.parse(`"${m[1]}"`)
        )
      : anchors(text);
  }

  /** A local index: its `index.html`, else its folders (one per project). */
  async function listLocalIndex(dir: string): Promise<string[]> {
    try {
      return anchors(await fs.readFile(`${dir}/index.html`, 'utf8'));
    } catch {
      try {
        const entries = await fs.readdir(dir, { withFileTypes: true });
        return entries.filter(e => e.isDirectory()).map(e => e.name);
      } catch {
        throw unreachable(dir);
      }
    }
  }

  /** The project names of the distribution files in a `--find-links` folder or page. */
  export async function listFindLinks(link: string): Promise<string[]> {
    let files: string[];
    if (/^https?:/.test(link)) {
      try {
        const response = await fetch(link, {
          signal: AbortSignal.timeout(60_000)
        });
        files = response.ok ? anchors(await response.text()) : [];
      } catch {
        throw unreachable(link);
      }
    } else {
      const dir = link.startsWith('file:') ? fileURLToPath(link) : link;
      files = await fs.readdir(dir).catch(() => []);
    }
    return files.map(distributionName).filter((n): n is string => !!n);
  }

  /** The project of a wheel or sdist file name (`beta-2.0-py3-none-any.whl` → beta). */
  function distributionName(file: string): string | null {
    const base = file.split('/').pop() ?? '';
    if (base.endsWith('.whl')) {
      return base.split('-')[0] || null;
    }
    const sdist = /^(.+?)-\d[^-]*\.(?:tar\.gz|zip|tar\.bz2)$/.exec(base);
    return sdist ? sdist[1] : null;
  }

  /** The texts of a page's links (PEP 503: one per project or file). */
  function anchors(html: string): string[] {
    return [...html.matchAll(/<a\b[^>]*>([^<]+)<\/a>/gi)].map(m =>
      m[1].trim().replace(/&amp;/g, '&')
    );
  }

  export function unreachable(where: string): DomainError {
    return new DomainError(
      'index_unreachable',
      trans.__(
        'The Python package index (%1) does not answer: package search is unavailable for now, try again later.',
        where
      )
    );
  }
}
