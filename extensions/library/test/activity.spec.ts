import { HubClient, ILibrary } from '@candyce/core';

import { libraryActivity } from '../src/activity';
import { LibraryApi } from '../src/api';

/**
 * What `ILibrary.activity` forwards: a resource page read, a copy opened, an
 * endorsement given (not one taken back, nor a refused one), whichever LibraryApi saw it.
 */
function apiAnswering(status: number, body: unknown): LibraryApi {
  return new LibraryApi(
    new HubClient({
      fetch: async () =>
        new Response(status === 204 ? null : JSON.stringify(body), {
          status,
          headers: { 'Content-Type': 'application/json' }
        })
    })
  );
}

describe('library activity', () => {
  const told: ILibrary.IActivity[] = [];
  const listen = (_: unknown, event: ILibrary.IActivity) => told.push(event);
  beforeEach(() => {
    told.length = 0;
    libraryActivity.connect(listen);
  });
  afterEach(() => libraryActivity.disconnect(listen));

  it('tells of a page read, a copy opened and an endorsement', async () => {
    await apiAnswering(200, { id: 'r1' }).resource('r1');
    await apiAnswering(204, null).recordUse('r2', 'open');
    await apiAnswering(204, null).recordUse('r2', 'assign');
    await apiAnswering(200, { id: 'r3' }).endorse('r3', 'peer', true);
    await apiAnswering(200, { id: 'r3' }).endorse('r3', 'peer', false);
    expect(told).toEqual([
      { kind: 'viewed', resourceId: 'r1' },
      { kind: 'copied', resourceId: 'r2' },
      { kind: 'endorsed', resourceId: 'r3' }
    ]);
  });

  it('tells nothing of a refused page or endorsement', async () => {
    const refused = apiAnswering(403, {
      error: { code: 'forbidden', message: 'Non.' }
    });
    await expect(refused.resource('r1')).rejects.toThrow();
    await expect(refused.endorse('r1', 'peer', true)).rejects.toThrow();
    expect(told).toEqual([]);
  });
});
