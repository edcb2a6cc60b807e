/**
 * Simulated editors of one shared notebook: Node Yjs clients (`yjs` + `y-websocket`'s
 * client, as JupyterLab's `@jupyter/docprovider` uses them) that type into the first
 * cell's source, and the time each edit takes to reach every other editor.
 */
import { performance } from 'perf_hooks';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

import { loopbackLookup } from './http';

/**
 * Where the editors connect: `serverUrl/roomName?params`, as `@jupyter/docprovider` does.
 */
export interface IRoom {
  serverUrl: string;
  roomName: string;
  /** Query parameters (jupyter-collaboration's `sessionId`). */
  params?: Record<string, string>;
  /** Headers of the WebSocket upgrade (the hub's session cookie, Origin). */
  headers?: Record<string, string>;
}

/**
 * Connected editors, with the latencies measured so far (ms, one per edit and receiver).
 */
export class Editors {
  private constructor(
    private readonly _docs: Y.Doc[],
    private readonly _providers: WebsocketProvider[]
  ) {
    for (const doc of _docs) {
      doc.on('update', () => this._check(doc));
    }
  }

  /**
   * Connect `count` editors to `room`; resolves once each has synced and sees the
   * notebook's first cell (`seed` makes it, for a server that starts empty).
   */
  static async connect(
    room: IRoom,
    count: number,
    seed?: (doc: Y.Doc) => void
  ): Promise<Editors> {
    const headers = room.headers ?? {};
    class HeadedWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        // `*.localhost` (servers' own origins) is loopback, as in browsers.
        super(url, protocols, { headers, lookup: loopbackLookup });
      }
    }
    const docs: Y.Doc[] = [];
    const providers: WebsocketProvider[] = [];
    for (let i = 0; i < count; i++) {
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(
        room.serverUrl,
        room.roomName,
        doc,
        {
          params: room.params ?? {},
          disableBc: true,
          WebSocketPolyfill:
            HeadedWebSocket as unknown as typeof globalThis.WebSocket
        }
      );
      provider.awareness.setLocalStateField('user', {
        name: `Éditeur ${i + 1}`
      });
      docs.push(doc);
      providers.push(provider);
      await Private.until(
        () => provider.synced,
        30_000,
        `editor ${i + 1} did not sync`
      );
      if (i === 0 && seed && cellsOf(doc).length === 0) {
        seed(doc);
      }
      await Private.until(
        () => sourceOf(doc) !== null,
        30_000,
        `editor ${i + 1} sees no cell`
      );
    }
    return new Editors(docs, providers);
  }

  /** Latencies measured since the last `take`, in ms. */
  take(): number[] {
    return this._latencies.splice(0);
  }

  /** Edits still on their way to at least one editor. */
  get pending(): number {
    let count = 0;
    for (const queues of this._waiting.values()) {
      for (const queue of queues.values()) {
        count += queue.length;
      }
    }
    return count;
  }

  /**
   * Editor `index` types one character at a random place of the first cell's source.
   */
  type(index: number): void {
    const doc = this._docs[index];
    const source = sourceOf(doc)!;
    source.insert(
      Math.floor(Math.random() * (source.length + 1)),
      'abcdefghij'[index % 10]
    );
    const edit = {
      clock: Y.getState(doc.store, doc.clientID),
      at: performance.now()
    };
    for (const other of this._docs) {
      if (other !== doc) {
        this._queue(other, doc.clientID).push(edit);
      }
    }
  }

  /** Whether every editor's source is the same text. */
  converged(): boolean {
    const texts = this._docs.map(doc => sourceOf(doc)?.toString());
    return texts.every(text => text === texts[0]);
  }

  /** Disconnect them all. */
  close(): void {
    for (const provider of this._providers) {
      provider.destroy();
      // The provider leaves its awareness's timer running.
      provider.awareness.destroy();
    }
  }

  /**
   * Record the edits `doc` has now. A sender's clocks grow, so each (receiver, sender)
   * queue is in order: the cost per update is the number of senders, however late.
   */
  private _check(doc: Y.Doc): void {
    const now = performance.now();
    for (const [sender, queue] of this._waiting.get(doc) ?? []) {
      const state = Y.getState(doc.store, sender);
      let arrived = 0;
      while (arrived < queue.length && queue[arrived].clock <= state) {
        this._latencies.push(now - queue[arrived].at);
        arrived++;
      }
      queue.splice(0, arrived);
    }
  }

  private _queue(receiver: Y.Doc, sender: number): IEdit[] {
    let queues = this._waiting.get(receiver);
    if (!queues) {
      queues = new Map();
      this._waiting.set(receiver, queues);
    }
    let queue = queues.get(sender);
    if (!queue) {
      queue = [];
      queues.set(sender, queue);
    }
    return queue;
  }

  private _latencies: number[] = [];
  /** Edits not yet seen, by receiver and sender's client id. */
  private _waiting = new Map<Y.Doc, Map<number, IEdit[]>>();
}

/** An edit: its sender's clock once it is made, and when. */
interface IEdit {
  clock: number;
  at: number;
}

/** The notebook's cells, as `@jupyter/ydoc`'s YNotebook keeps them. */
function cellsOf(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>('cells');
}

/** The first cell's source, once the document has one. */
function sourceOf(doc: Y.Doc): Y.Text | null {
  const cells = cellsOf(doc);
  const source = cells.length ? cells.get(0).get('source') : null;
  return source instanceof Y.Text ? source : null;
}

/**
 * Make a notebook of one code cell in an empty document, as `@jupyter/ydoc` lays it out
 * (what jupyter-collaboration loads from the file).
 */
export function seedNotebook(text: string): (doc: Y.Doc) => void {
  return doc => {
    doc.transact(() => {
      const cell = new Y.Map<unknown>();
      cell.set('id', 'cellule-1');
      cell.set('cell_type', 'code');
      cell.set('source', new Y.Text(text));
      cell.set('metadata', new Y.Map());
      cell.set('outputs', new Y.Array());
      cell.set('execution_count', null);
      cellsOf(doc).push([cell]);
      doc.getMap('meta').set('nbformat', 4);
    });
  };
}

namespace Private {
  export async function until(
    condition: () => boolean,
    timeoutMs: number,
    message: string
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) {
        throw new Error(message);
      }
      await new Promise(resolve => setTimeout(resolve, 20));
    }
  }
}
