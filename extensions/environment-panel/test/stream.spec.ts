import { HubApiError, HubUnreachableError, XSRF_HEADER } from '@candyce/core';

import {
  CancelledError,
  InterruptedError,
  postEventStream,
  StreamError
} from '../src/stream';

const HUB = { baseUrl: '/hub/api/v1', xsrfToken: 'jeton' };

/** A fetch that answers a stream of text chunks, and records the request. */
function streaming(chunks: string[], init: ResponseInit = {}) {
  const calls: { url: string; init: RequestInit }[] = [];
  const encoder = new TextEncoder();
  const fetchFn = (async (url: string, request: RequestInit) => {
    calls.push({ url, init: request });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        chunks.forEach(chunk => controller.enqueue(encoder.encode(chunk)));
        controller.close();
      }
    });
    return new Response(body, {
      status: 200,
      headers: { 'Content-Type': 'text/event-stream; charset=utf-8' },
      ...init
    });
  }) as unknown as typeof fetch;
  return { calls, fetchFn };
}

function json(status: number, payload: unknown): typeof fetch {
  return (async () =>
    new Response(JSON.stringify(payload), {
      status,
      headers: { 'Content-Type': 'application/json' }
    })) as unknown as typeof fetch;
}

describe('postEventStream', () => {
  it('posts JSON with the anti-CSRF header, reports progress, returns the result', async () => {
    const { calls, fetchFn } = streaming([
      'event: progress\ndata: {"phase":"resolve","message":"Résolution…","fraction":0.1}\n\n',
      'event: progress\ndata: {"phase":"install","message":"Installation de six…",',
      '"fraction":0.5,"log":"Collecting six"}\n\nevent: result\ndata: {"environment":{"id":"e"}}\n\n'
    ]);
    const progress: unknown[] = [];
    const result = await postEventStream<{ environment: { id: string } }>(
      HUB,
      'environments/resolve',
      { files: [{ path: 'requirements.txt', content: 'six\n' }] },
      data => progress.push(data),
      undefined,
      fetchFn
    );
    expect(result).toEqual({ environment: { id: 'e' } });
    expect(progress).toEqual([
      { phase: 'resolve', message: 'Résolution…', fraction: 0.1 },
      {
        phase: 'install',
        message: 'Installation de six…',
        fraction: 0.5,
        log: 'Collecting six'
      }
    ]);
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe('/hub/api/v1/environments/resolve');
    expect(calls[0].init.method).toBe('POST');
    expect(calls[0].init.credentials).toBe('same-origin');
    const headers = calls[0].init.headers as Record<string, string>;
    expect(headers[XSRF_HEADER]).toBe('jeton');
    expect(headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(calls[0].init.body as string)).toEqual({
      files: [{ path: 'requirements.txt', content: 'six\n' }]
    });
  });

  it('throws the hub’s error event with its code and French message', async () => {
    const { fetchFn } = streaming([
      'event: progress\ndata: {"phase":"resolve","message":"Résolution…"}\n\n',
      'event: error\ndata: {"error":{"code":"not-found","message":"Le paquet « nexistepas » est introuvable."}}\n\n'
    ]);
    const failure = (await postEventStream(
      HUB,
      'environments/resolve',
      {},
      () => undefined,
      undefined,
      fetchFn
    ).catch((reason: unknown) => reason)) as StreamError;
    expect(failure).toBeInstanceOf(StreamError);
    expect(failure.code).toBe('not-found');
    expect(failure.message).toBe('Le paquet « nexistepas » est introuvable.');
  });

  it('turns an error answered before streaming into a HubApiError', async () => {
    const failure = (await postEventStream(
      HUB,
      'environments/x/build',
      {},
      () => undefined,
      undefined,
      json(404, {
        error: {
          code: 'environment_unknown',
          message: 'Environnement inconnu.'
        }
      })
    ).catch((reason: unknown) => reason)) as HubApiError;
    expect(failure).toBeInstanceOf(HubApiError);
    expect(failure.status).toBe(404);
    expect(failure.code).toBe('environment_unknown');
    expect(failure.message).toBe('Environnement inconnu.');
  });

  it('says when the stream ends without a result', async () => {
    const { fetchFn } = streaming([
      'event: progress\ndata: {"phase":"install","message":"…"}\n\n'
    ]);
    await expect(
      postEventStream(HUB, 'p', {}, () => undefined, undefined, fetchFn)
    ).rejects.toBeInstanceOf(InterruptedError);
  });

  it('says when there is no hub (a plain server answers HTML)', async () => {
    const html = (async () =>
      new Response('<html>404</html>', {
        status: 404,
        headers: { 'Content-Type': 'text/html' }
      })) as unknown as typeof fetch;
    await expect(
      postEventStream(HUB, 'p', {}, () => undefined, undefined, html)
    ).rejects.toBeInstanceOf(HubUnreachableError);
  });

  it('cancels: aborting closes the request while it streams', async () => {
    const controller = new AbortController();
    const encoder = new TextEncoder();
    const fetchFn = (async (_url: string, init: RequestInit) => {
      const body = new ReadableStream<Uint8Array>({
        start(stream) {
          stream.enqueue(
            encoder.encode('event: progress\ndata: {"message":"Début"}\n\n')
          );
          // Like fetch: aborting errors the body.
          init.signal?.addEventListener('abort', () => {
            stream.error(new DOMException('aborted', 'AbortError'));
          });
        }
      });
      return new Response(body, {
        headers: { 'Content-Type': 'text/event-stream' }
      });
    }) as unknown as typeof fetch;
    const running = postEventStream(
      HUB,
      'p',
      {},
      () => controller.abort(),
      controller.signal,
      fetchFn
    );
    await expect(running).rejects.toBeInstanceOf(CancelledError);
  });

  it('maps the hub’s own « cancelled » error event to a cancellation', async () => {
    const { fetchFn } = streaming([
      'event: error\ndata: {"error":{"code":"cancelled","message":"Opération annulée."}}\n\n'
    ]);
    await expect(
      postEventStream(HUB, 'p', {}, () => undefined, undefined, fetchFn)
    ).rejects.toBeInstanceOf(CancelledError);
  });

  it('fails clearly when the request cannot be sent', async () => {
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(
      postEventStream(HUB, 'p', {}, () => undefined, undefined, offline)
    ).rejects.toBeInstanceOf(HubUnreachableError);
  });
});
