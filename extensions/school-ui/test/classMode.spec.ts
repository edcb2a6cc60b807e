import { HubApi, HubClient } from '@candyce/core';

import { taughtClasses } from '../src/classMode';

/** A hub whose answers are given by path; the calls are recorded. */
function hubWith(answers: Record<string, unknown>) {
  const calls: string[] = [];
  const client = new HubClient({
    fetch: async (url, init) => {
      const path = String(url).replace(/^.*\/hub\/api\/v1/, '');
      calls.push(`${init?.method ?? 'GET'} ${path}`);
      return new Response(JSON.stringify(answers[path]), {
        status: path in answers ? 200 : 404,
        headers: { 'Content-Type': 'application/json' }
      });
    }
  });
  return { api: new HubApi(client), calls };
}

describe('taughtClasses', () => {
  it('lists the classes the caller teaches with their school mode', async () => {
    const { api, calls } = hubWith({
      '/classes': {
        classes: [
          {
            id: 'cm2',
            name: 'CM2',
            level: 'CM2',
            establishmentId: null,
            membership: 'teacher'
          },
          {
            id: 'chorale',
            name: 'Chorale',
            level: null,
            establishmentId: null,
            membership: 'learner'
          },
          {
            id: 'cm1',
            name: 'CM1',
            level: 'CM1',
            establishmentId: null,
            membership: 'teacher'
          }
        ]
      },
      '/classes/cm2/school-mode': { schoolMode: true },
      '/classes/cm1/school-mode': { schoolMode: false }
    });
    expect(await taughtClasses(api)).toEqual([
      { id: 'cm2', name: 'CM2', schoolMode: true },
      { id: 'cm1', name: 'CM1', schoolMode: false }
    ]);
    // The class she only belongs to is not asked about.
    expect(calls).not.toContain('GET /classes/chorale/school-mode');
  });

  it('passes on the hub’s refusal', async () => {
    const { api } = hubWith({
      '/classes': {
        classes: [
          {
            id: 'cm2',
            name: 'CM2',
            level: null,
            establishmentId: null,
            membership: 'teacher'
          }
        ]
      }
    });
    await expect(taughtClasses(api)).rejects.toThrow();
  });
});
