/**
 * The project's own spelling of each package's name (`Pygments`, `jupyter_client`), as
 * pip's report gives it and a lock keeps it: read from each file's metadata, once per
 * file (by its hash, remembered in the cache folder next to uv's), by the interpreter
 * being resolved for (the standard library reads zips and URLs).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { ILockedPackage } from './lock';
import { run } from './process';
import type { IPythonInfo } from './python';

/** Reads `Name:` of each file: PEP 658 `.metadata` first, else the wheel itself. */
const READ_NAMES = `
import json, sys, urllib.request, zipfile, io
from urllib.parse import unquote, urlparse
from concurrent.futures import ThreadPoolExecutor
from email.parser import HeaderParser

def name_of(text):
    return HeaderParser().parsestr(text).get("Name")

def from_wheel(data):
    with zipfile.ZipFile(data) as wheel:
        for entry in wheel.namelist():
            parts = entry.split("/")
            if len(parts) == 2 and parts[0].endswith(".dist-info") and parts[1] == "METADATA":
                return name_of(wheel.read(entry).decode("utf-8", "replace"))
    return None

def read(location):
    try:
        if location.startswith("file:"):
            location = unquote(urlparse(location).path)
        if "://" not in location:
            if location.endswith(".whl"):
                return from_wheel(location)
            return None
        try:
            with urllib.request.urlopen(location + ".metadata", timeout=30) as answer:
                return name_of(answer.read().decode("utf-8", "replace"))
        except Exception:
            if not location.split("#")[0].endswith(".whl"):
                return None
            with urllib.request.urlopen(location, timeout=120) as answer:
                return from_wheel(io.BytesIO(answer.read()))
    except Exception:
        return None

wanted = json.load(open(sys.argv[1]))
with ThreadPoolExecutor(8) as pool:
    names = list(pool.map(read, [item["location"] for item in wanted]))
print(json.dumps({item["sha256"]: name for item, name in zip(wanted, names)}))
`;

/** A file whose project name is wanted. */
export interface INamedFile extends ILockedPackage {
  location: string;
}

/**
 * The project names of `files`, by SHA-256.
 *
 * @returns null when one cannot be read (then pip resolves instead).
 */
export async function projectNames(
  files: INamedFile[],
  python: IPythonInfo,
  options: { cacheDir?: string; signal?: AbortSignal },
  env: NodeJS.ProcessEnv
): Promise<Map<string, string> | null> {
  const memory = options.cacheDir
    ? path.join(options.cacheDir, 'candyce-project-names.json')
    : null;
  const known: Record<string, string> = memory
    ? await fs
        .readFile(memory, 'utf8')
        .then(text => JSON.parse(text) as Record<string, string>)
        .catch(() => ({}))
    : {};
  const missing = files.filter(file => !known[file.sha256]);
  if (missing.length) {
    const work = await fs.mkdtemp(path.join(os.tmpdir(), 'candyce-names-'));
    try {
      const list = path.join(work, 'files.json');
      await fs.writeFile(list, JSON.stringify(missing));
      const result = await run(python.path, ['-I', '-c', READ_NAMES, list], {
        env,
        signal: options.signal
      });
      if (result.code !== 0) {
        return null;
      }
      const read = JSON.parse(result.stdout) as Record<string, string | null>;
      for (const file of missing) {
        const name = read[file.sha256];
        if (!name || Private.normalize(name) !== Private.normalize(file.name)) {
          return null;
        }
        known[file.sha256] = name;
      }
    } finally {
      await fs.rm(work, { recursive: true, force: true });
    }
    if (memory) {
      // Whole file replaced at once: a reader never sees half of it.
      // Its own name: resolutions of one process (a warming) write it at once.
      const temporary = `${memory}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
      await fs.mkdir(path.dirname(memory), { recursive: true });
      await fs.writeFile(temporary, JSON.stringify(known));
      await fs.rename(temporary, memory);
    }
  }
  return new Map(files.map(file => [file.sha256, known[file.sha256]]));
}

namespace Private {
  /** PEP 503's normalised name. */
  export function normalize(name: string): string {
    return name.toLowerCase().replace(/[-_.]+/g, '-');
  }
}
