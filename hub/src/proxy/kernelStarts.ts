import * as http from 'http';

/** A kernel start or change is a small JSON body; beyond this, it is not one. */
const MAX_BODY = 64 * 1024;

/**
 * `POST …/api/sessions`, `PATCH …/api/sessions/<id>`, `POST …/api/kernels`: the calls by
 * which JupyterLab starts a kernel or changes a notebook's kernel, under `/user/<name>/`.
 */
const KERNEL_CALL =
  /^\/user\/[^/]+\/api\/(?:sessions(?:\/[^/?]+)?|kernels)(?:\?.*)?$/;

/**
 * Watch a request forwarded to a user's server for the kernel it starts, and tell
 * `onKernel` its name once the body has passed (JupyterLab names the kernelspec in
 * the body: `{"kernel": {"name": …}}` for a session, `{"name": …}` for a kernel).
 *
 * The hub learns this way when an environment is used from the launcher or the kernel
 * picker: nothing else tells it, as such a kernel starts on the user's server from a
 * kernelspec already built. The body is only listened to, never held back: the proxy
 * streams it on as before.
 */
export function watchKernelStart(
  request: http.IncomingMessage,
  onKernel: (kernelName: string) => void
): void {
  const method = request.method ?? '';
  if (
    !(method === 'POST' || method === 'PATCH') ||
    !KERNEL_CALL.test(request.url ?? '') ||
    (method === 'PATCH' && !/\/sessions\//.test(request.url ?? ''))
  ) {
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  request.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_BODY) {
      chunks.push(chunk);
    }
  });
  request.on('end', () => {
    if (size > MAX_BODY) {
      return;
    }
    const name = Private.kernelName(Buffer.concat(chunks).toString('utf8'));
    if (name) {
      onKernel(name);
    }
  });
}

namespace Private {
  export function kernelName(text: string): string | null {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return null;
    }
    const object = body as {
      name?: unknown;
      kernel?: { name?: unknown } | null;
    } | null;
    const name = object?.kernel?.name ?? object?.name;
    return typeof name === 'string' && name.length <= 200 ? name : null;
  }
}
