import * as net from 'net';

import { HubClient, XSRF_HEADER } from '../src/client';
import { HubApiError, HubUnreachableError } from '../src/errors';
import { FakeHubServer } from './hubServer';

describe('HubClient', () => {
  const server = new FakeHubServer();
  let client: HubClient;

  beforeAll(async () => {
    const origin = await server.start();
    client = new HubClient({ baseUrl: `${origin}/hub/api/v1/` });
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.requests = [];
    client.xsrfToken = null;
  });

  it('strips the trailing slash of its base URL and joins paths', async () => {
    expect(client.baseUrl.endsWith('/hub/api/v1')).toBe(true);
    await client.get('/me');
    expect(server.requests[0].url).toBe('/hub/api/v1/me');
    expect(server.requests[0].headers.accept).toBe('application/json');
  });

  it('sends JSON bodies and the anti-CSRF header on state-changing calls only', async () => {
    client.xsrfToken = 'token-1';
    const answer = await client.post<{ method: string; body: unknown }>(
      'echo',
      { a: 1 }
    );
    expect(answer).toEqual({ method: 'POST', body: { a: 1 } });
    await client.get('echo');
    await client.delete('echo');
    const [post, get, del] = server.requests;
    expect(post.headers[XSRF_HEADER.toLowerCase()]).toBe('token-1');
    expect(post.headers['content-type']).toBe('application/json');
    expect(get.headers[XSRF_HEADER.toLowerCase()]).toBeUndefined();
    expect(del.headers[XSRF_HEADER.toLowerCase()]).toBe('token-1');
  });

  it('turns { error: { code, message } } into a typed HubApiError', async () => {
    const error = await client.put('forbidden', {}).catch(e => e);
    expect(error).toBeInstanceOf(HubApiError);
    expect(error).toMatchObject({
      status: 403,
      code: 'forbidden',
      message: 'Accès refusé'
    });
  });

  it('reports a JSON error without the Candyce shape with its status', async () => {
    const error = await client.get('bare-error').catch(e => e);
    expect(error).toBeInstanceOf(HubApiError);
    expect(error).toMatchObject({ status: 500, code: 'http_error' });
  });

  it('answers undefined for 204 No Content', async () => {
    await expect(client.patch('empty', { x: 1 })).resolves.toBeUndefined();
  });

  it('says the hub is unreachable when a page answers HTML instead of JSON', async () => {
    await expect(client.get('html')).rejects.toBeInstanceOf(
      HubUnreachableError
    );
    await expect(client.get('no-such-route')).rejects.toBeInstanceOf(
      HubUnreachableError
    );
  });

  it('says the hub is unreachable when nothing listens', async () => {
    const closed = net.createServer();
    await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as net.AddressInfo;
    await new Promise(resolve => closed.close(resolve));
    const orphan = new HubClient({
      baseUrl: `http://127.0.0.1:${port}/hub/api/v1`
    });
    await expect(orphan.get('me')).rejects.toBeInstanceOf(HubUnreachableError);
  });
});
