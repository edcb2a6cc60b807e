/**
 * Running code in a real Jupyter kernel through the server's REST API and the kernel's
 * WebSocket channels (Jupyter messaging protocol v5, legacy JSON framing), on the
 * server's Unix socket or through the hub's proxy.
 */
import { randomUUID } from 'crypto';
import * as http from 'http';
import WebSocket from 'ws';

import { socketPathOf } from '../../src/spawner/address';

/**
 * Where the server is and how to authenticate.
 */
export interface IJupyterServerAccess {
  /** `http+unix://<socket>` (the server itself) or `http://127.0.0.1:<port>` (the hub). */
  readonly url: string;
  /** `/user/<name>/` */
  readonly baseUrl: string;
  /** The headers of each request (a signed identity, or a session's cookies). */
  readonly headers: () => Record<string, string>;
}

/**
 * One HTTP request to the server: its status and body.
 */
export function requestServer(
  server: IJupyterServerAccess,
  method: string,
  path: string,
  body?: unknown
): Promise<{ status: number; body: string }> {
  const socketPath = socketPathOf(server.url);
  const url = socketPath ? null : new URL(server.url);
  const options: http.RequestOptions = {
    ...(url
      ? { host: url.hostname, port: url.port }
      : { socketPath: socketPath! }),
    method,
    path: `${server.baseUrl}${path}`,
    headers: {
      ...server.headers(),
      ...(body === undefined ? {} : { 'content-type': 'application/json' })
    },
    agent: false
  };
  return new Promise((resolve, reject) => {
    const request = http.request(options, response => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', chunk => (text += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: text })
      );
    });
    request.on('error', reject);
    request.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/**
 * What a piece of code printed, and the error it raised if any.
 */
export interface IExecutionResult {
  /** Everything written to stdout. */
  readonly stdout: string;
  /** `ename: evalue` of an uncaught exception, or `null`. */
  readonly error: string | null;
}

/**
 * Start a kernel (the default kernelspec) and return its id.
 */
export async function startKernel(
  server: IJupyterServerAccess
): Promise<string> {
  const response = await requestServer(server, 'POST', 'api/kernels', {
    name: 'python3'
  });
  if (response.status !== 201) {
    throw new Error(
      `POST api/kernels answered ${response.status}: ${response.body}`
    );
  }
  return (JSON.parse(response.body) as { id: string }).id;
}

/**
 * Send an `execute_request` on the shell channel, collect `stream`, `execute_result` and
 * `error` messages from iopub until the kernel is idle again.
 */
export function executeInKernel(
  server: IJupyterServerAccess,
  kernelId: string,
  code: string,
  timeoutMs = 30000
): Promise<IExecutionResult> {
  const session = randomUUID();
  const path = `${server.baseUrl}api/kernels/${kernelId}/channels?session_id=${session}`;
  const socketPath = socketPathOf(server.url);
  // ws's form for a Unix socket: ws+unix:<socket path>:<request path>.
  const wsUrl = socketPath
    ? `ws+unix:${socketPath}:${path}`
    : `${server.url.replace(/^http/, 'ws')}${path}`;
  const socket = new WebSocket(wsUrl, { headers: server.headers() });
  const msgId = randomUUID();
  let stdout = '';
  let error: string | null = null;

  return new Promise<IExecutionResult>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `No idle status after ${timeoutMs} ms; stdout so far: ${stdout}`
          )
        ),
      timeoutMs
    );
    const finish = (settle: () => void): void => {
      clearTimeout(timer);
      socket.close();
      settle();
    };
    socket.once('error', cause => finish(() => reject(cause)));
    socket.once('open', () => {
      socket.send(
        JSON.stringify({
          channel: 'shell',
          header: {
            msg_id: msgId,
            msg_type: 'execute_request',
            session,
            username: 'test',
            date: new Date().toISOString(),
            version: '5.3'
          },
          parent_header: {},
          metadata: {},
          content: {
            code,
            silent: false,
            store_history: false,
            user_expressions: {},
            allow_stdin: false,
            stop_on_error: true
          },
          buffers: []
        })
      );
    });
    socket.on('message', data => {
      const message = JSON.parse(data.toString()) as Private.IMessage;
      if (
        message.channel !== 'iopub' ||
        message.parent_header.msg_id !== msgId
      ) {
        return;
      }
      const content = message.content;
      switch (message.header.msg_type) {
        case 'stream':
          stdout += content.name === 'stdout' ? content.text : '';
          break;
        case 'execute_result':
          stdout += content.data?.['text/plain'] ?? '';
          break;
        case 'error':
          error = `${content.ename}: ${content.evalue}`;
          break;
        case 'status':
          if (content.execution_state === 'idle') {
            finish(() => resolve({ stdout, error }));
          }
          break;
      }
    });
  });
}

namespace Private {
  /** The fields of a kernel message these helpers read. */
  export interface IMessage {
    channel: string;
    header: { msg_type: string };
    parent_header: { msg_id?: string };
    content: {
      name?: string;
      text?: string;
      data?: Record<string, string>;
      ename?: string;
      evalue?: string;
      execution_state?: string;
    };
  }
}
