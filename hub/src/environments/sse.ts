/**
 * Server-sent events for long operations (resolving, building): progress as it comes,
 * then one `result` or one `error`. Closing the request cancels the operation.
 */
import type { IProgressEvent } from '@candyce/environments';
import { Response } from 'express';

import { requestLanguage } from '../i18n';
import { streamError } from './errors';

/** A comment every 15 s keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

/**
 * Answer `response` as an event stream while `work` runs: `progress` events, then
 * `result` with what `work` returns, or `error` with why it failed. `work` gets a
 * signal aborted when the caller goes away (then nothing more is sent).
 *
 * @param onFailure - told about failures that are not the caller's cancellation
 */
export async function streamOperation<T>(
  response: Response,
  work: (
    signal: AbortSignal,
    onProgress: (event: IProgressEvent) => void
  ) => Promise<T>,
  onFailure: (error: unknown) => void = () => undefined
): Promise<void> {
  const controller = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) {
      controller.abort();
    }
  });
  response.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    // nginx and other proxies pass each event on at once.
    'X-Accel-Buffering': 'no'
  });
  response.flushHeaders();
  const send = (event: string, data: unknown) => {
    if (!controller.signal.aborted) {
      response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    }
  };
  const heartbeat = setInterval(() => {
    if (!controller.signal.aborted) {
      response.write(': ping\n\n');
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  try {
    const result = await work(controller.signal, event =>
      send('progress', event)
    );
    send('result', result);
  } catch (error) {
    if (!controller.signal.aborted) {
      onFailure(error);
    }
    send('error', streamError(error, requestLanguage(response.req)));
  } finally {
    clearInterval(heartbeat);
    response.end();
  }
}
