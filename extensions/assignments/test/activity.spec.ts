import { HubClient, IAssignments } from '@candyce/core';

import { AssignmentsApi } from '../src/api';

/**
 * `IAssignments.activity` (the learning traces listen to it): told of a fetch, a
 * hand-in or a return once the hub recorded it, never of a refused one.
 */
function apiAnswering(status: number, body: unknown) {
  const told: IAssignments.IActivity[] = [];
  const hub = new HubClient({
    fetch: async () =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' }
      })
  });
  return { api: new AssignmentsApi(hub, event => told.push(event)), told };
}

describe('assignment activity', () => {
  it('tells of a fetch, a hand-in and a return the hub recorded', async () => {
    const fetched = apiAnswering(200, { folder: 'devoirs/x', files: [] });
    await fetched.api.fetch('a1');
    const submitted = apiAnswering(201, {
      version: 1,
      submittedAt: 'x',
      late: false,
      files: []
    });
    await submitted.api.submit('a1', 'rid', []);
    const returned = apiAnswering(200, { returned: ['eleve1', 'eleve2'] });
    await returned.api.returnFeedback('a1');
    expect([...fetched.told, ...submitted.told, ...returned.told]).toEqual([
      { kind: 'fetched', assignmentId: 'a1' },
      { kind: 'handedIn', assignmentId: 'a1' },
      { kind: 'returned', assignmentId: 'a1', learners: 2 }
    ]);
  });

  it('tells nothing when the hub refuses', async () => {
    const refused = apiAnswering(409, {
      error: { code: 'conflict', message: 'Non.' }
    });
    await expect(refused.api.submit('a1', 'rid', [])).rejects.toThrow();
    await expect(refused.api.fetch('a1')).rejects.toThrow();
    await expect(refused.api.returnFeedback('a1')).rejects.toThrow();
    expect(refused.told).toEqual([]);
  });
});
