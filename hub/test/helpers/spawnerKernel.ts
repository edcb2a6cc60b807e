/**
 * Running code in a real Jupyter kernel through the server's REST API and the kernel's
 * WebSocket channels (Jupyter messaging protocol v5, legacy JSON framing).
 */
import { randomUUID } from 'crypto';
import WebSocket from 'ws';

/**
 * Where the server is and how to authenticate.
 */
export interface IJupyterServerAccess {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** `/user/<name>/` */
  readonly baseUrl: string;
  /** Sent as `Authorization: token <token>`. */
  readonly token: string;
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
  const response = await fetch(`${server.url}${server.baseUrl}api/kernels`, {
    method: 'POST',
    headers: {
      Authorization: `token ${server.token}`,
      'Content-Type': 'application/json'
    },
    body: JSON.stringify({ name: 'python3' })
  });
  if (response.status !== 201) {
    throw new Error(
      `POST api/kernels answered ${response.status}: ${await response.text()}`
    );
  }
  return ((await response.json()) as { id: string }).id;
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
  const wsUrl = `${server.url.replace(/^http/, 'ws')}${server.baseUrl}api/kernels/${kernelId}/channels?session_id=${session}`;
  const socket = new WebSocket(wsUrl, {
    headers: { Authorization: `token ${server.token}` }
  });
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
