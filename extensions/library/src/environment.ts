/**
 * A library copy keeps its resource's environment: the notebooks of a version pinned to
 * an environment get its id, software list and lock in their metadata, and its kernel,
 * so that whoever opens the copy runs the same software as its author.
 */

/**
 * What the hub says of an environment (`GET /environments/:id`), as far as notebooks
 * need it.
 */
export interface IPinnedEnvironment {
  id: string;
  shortId: string;
  kernelName: string;
  python: string;
  files: { path: string; content: string }[];
  lock: unknown;
}

/**
 * The bytes of a notebook pinned to `environment`, or the same bytes when the notebook
 * already names an environment (its author's choice wins) or is not a notebook's JSON.
 */
export function pinNotebook(
  bytes: Uint8Array,
  environment: IPinnedEnvironment
): Uint8Array {
  let notebook: { metadata?: Record<string, unknown> };
  try {
    notebook = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return bytes;
  }
  if (!notebook || typeof notebook !== 'object' || Array.isArray(notebook)) {
    return bytes;
  }
  const metadata = (notebook.metadata ??= {});
  const candyce = (metadata.candyce ?? {}) as Record<string, unknown>;
  if (candyce.environment) {
    return bytes;
  }
  metadata.candyce = {
    ...candyce,
    environment: {
      id: environment.id,
      files: environment.files,
      lock: environment.lock
    }
  };
  metadata.kernelspec = {
    name: environment.kernelName,
    display_name: `Python ${environment.python} · environnement ${environment.shortId.slice(0, 8)}`,
    language: 'python'
  };
  // nbformat writes notebooks with one-space indentation and a final newline.
  return new TextEncoder().encode(JSON.stringify(notebook, null, 1) + '\n');
}
