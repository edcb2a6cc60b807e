import {
  EventStreamParser,
  IServerSentEvent,
  readEventStream
} from '../src/sse';

function parseAll(chunks: string[]): IServerSentEvent[] {
  const events: IServerSentEvent[] = [];
  const parser = new EventStreamParser(event => events.push(event));
  chunks.forEach(chunk => parser.push(chunk));
  parser.end();
  return events;
}

function streamOf(chunks: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) {
        controller.enqueue(
          typeof chunk === 'string' ? encoder.encode(chunk) : chunk
        );
      }
      controller.close();
    }
  });
}

describe('EventStreamParser', () => {
  it('reads named events with JSON data', () => {
    expect(
      parseAll([
        'event: progress\ndata: {"phase":"resolve","message":"Résolution…"}\n\n' +
          'event: result\ndata: {"environment":{"id":"a"}}\n\n'
      ])
    ).toEqual([
      {
        event: 'progress',
        data: '{"phase":"resolve","message":"Résolution…"}'
      },
      { event: 'result', data: '{"environment":{"id":"a"}}' }
    ]);
  });

  it('gives `message` to events without a name and joins data lines', () => {
    expect(parseAll(['data: one\ndata: two\n\n'])).toEqual([
      { event: 'message', data: 'one\ntwo' }
    ]);
  });

  it('accepts chunks cut anywhere, CRLF and CR line ends included', () => {
    const text =
      'event: progress\r\ndata: {"a":1}\r\n\r\nevent: result\rdata: {"b":2}\r\r';
    const whole = parseAll([text]);
    expect(whole).toEqual([
      { event: 'progress', data: '{"a":1}' },
      { event: 'result', data: '{"b":2}' }
    ]);
    // Every split point, even between the CR and the LF of one line end.
    for (let i = 1; i < text.length; i++) {
      expect(parseAll([text.slice(0, i), text.slice(i)])).toEqual(whole);
    }
    // One character at a time.
    expect(parseAll(text.split(''))).toEqual(whole);
  });

  it('ignores comments, unknown fields and empty events; strips one space only', () => {
    expect(
      parseAll([
        ': keep-alive\n\nretry: 1000\nfoo: bar\n\nevent: x\n\ndata:  two spaces\nid: 7\n\n'
      ])
    ).toEqual([{ event: 'message', data: ' two spaces', id: '7' }]);
  });

  it('drops a leading byte order mark, and a last event without its blank line', () => {
    expect(
      parseAll(['\uFEFFdata: first\n\n', 'event: result\ndata: cut'])
    ).toEqual([{ event: 'message', data: 'first' }]);
  });
});

describe('readEventStream', () => {
  it('decodes UTF-8 split inside a character', async () => {
    const bytes = new TextEncoder().encode(
      'data: Installation de numpy… é\n\n'
    );
    const cut = bytes.indexOf(0xc3) + 1; // inside « é »
    const events: IServerSentEvent[] = [];
    await readEventStream(
      streamOf([bytes.slice(0, cut), bytes.slice(cut)]),
      event => {
        events.push(event);
      }
    );
    expect(events).toEqual([
      { event: 'message', data: 'Installation de numpy… é' }
    ]);
  });

  it('stops reading when the callback returns false', async () => {
    let pulled = 0;
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(encoder.encode(`data: ${pulled}\n\n`));
      }
    });
    const seen: string[] = [];
    await readEventStream(body, event => {
      seen.push(event.data);
      return seen.length < 3;
    });
    expect(seen).toEqual(['1', '2', '3']);
  });
});
