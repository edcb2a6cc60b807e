/**
 * Server-sent events read from a fetch body. `EventSource` only does GET and cannot
 * send the anti-CSRF header, so the hub's POST streams are parsed here, following the
 * HTML standard's « event stream interpretation ».
 */

/**
 * One dispatched event.
 */
export interface IServerSentEvent {
  /** `message` when the stream named none. */
  event: string;
  /** The data lines, joined by line feeds. */
  data: string;
  /** The last event id seen, if any. */
  id?: string;
}

/**
 * An incremental parser: feed it text as it arrives, in pieces of any size.
 */
export class EventStreamParser {
  constructor(private _onEvent: (event: IServerSentEvent) => void) {}

  /**
   * Parse more text; complete events are dispatched at once.
   */
  push(text: string): void {
    if (!this._started) {
      this._started = true;
      text = text.replace(/^\uFEFF/, '');
    }
    this._buffer += text;
    let start = 0;
    for (let i = 0; i < this._buffer.length; i++) {
      const c = this._buffer[i];
      if (c !== '\n' && c !== '\r') {
        continue;
      }
      if (c === '\r' && i + 1 === this._buffer.length) {
        // A CR at the very end may be the first half of a CRLF: wait for more.
        break;
      }
      this._line(this._buffer.slice(start, i));
      if (c === '\r' && this._buffer[i + 1] === '\n') {
        i++;
      }
      start = i + 1;
    }
    this._buffer = this._buffer.slice(start);
  }

  /**
   * The stream ended: a trailing CR ends its line. An event without its blank line is
   * dropped, as the standard says (it may be cut short).
   */
  end(): void {
    if (this._buffer.endsWith('\r')) {
      this._line(this._buffer.slice(0, -1));
    }
    this._buffer = '';
    this._data = null;
    this._event = '';
  }

  private _line(line: string): void {
    if (line === '') {
      this._dispatch();
      return;
    }
    if (line.startsWith(':')) {
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    switch (field) {
      case 'event':
        this._event = value;
        break;
      case 'data':
        this._data = this._data === null ? value : `${this._data}\n${value}`;
        break;
      case 'id':
        if (!value.includes('\0')) {
          this._id = value;
        }
        break;
      default:
        // `retry` and unknown fields do not matter to a one-shot stream.
        break;
    }
  }

  private _dispatch(): void {
    const data = this._data;
    const event = this._event || 'message';
    this._data = null;
    this._event = '';
    if (data === null) {
      return;
    }
    this._onEvent(
      this._id === undefined ? { event, data } : { event, data, id: this._id }
    );
  }

  private _buffer = '';
  private _started = false;
  private _event = '';
  private _data: string | null = null;
  private _id: string | undefined = undefined;
}

/**
 * Read a whole event stream, calling `onEvent` for each event as it arrives.
 *
 * @returns once the body has ended (or `onEvent` asked to stop by returning `false`).
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: IServerSentEvent) => boolean | void
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8');
  let stop = false;
  const parser = new EventStreamParser(event => {
    if (!stop && onEvent(event) === false) {
      stop = true;
    }
  });
  try {
    while (!stop) {
      const { done, value } = await reader.read();
      if (done) {
        parser.push(decoder.decode());
        parser.end();
        break;
      }
      parser.push(decoder.decode(value, { stream: true }));
    }
  } finally {
    if (stop) {
      await reader.cancel().catch(() => undefined);
    }
    reader.releaseLock();
  }
}
