import { HubApiError, HubClient } from '@candyce/core';

import { AssignmentsApi, gradesCsvUrl } from '../src/api';
import { errorMessage, UserError } from '../src/errors';
import { french } from '@candyce/core/testing';

function fakeHub(
  answer: (url: string, init: RequestInit) => { status: number; body: unknown }
) {
  const calls: { url: string; init: RequestInit }[] = [];
  const hub = new HubClient({
    fetch: async (url, init) => {
      calls.push({ url, init });
      const { status, body } = answer(url, init);
      return new Response(status === 204 ? null : JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' }
      });
    }
  });
  hub.xsrfToken = 'jeton';
  return { api: new AssignmentsApi(hub), calls };
}

describe('AssignmentsApi', () => {
  it('links the grades CSV under the hub API', () => {
    expect(gradesCsvUrl('/hub/api/v1', 'a b/1')).toBe(
      '/hub/api/v1/assignments/a%20b%2F1/grades.csv'
    );
    const { api } = fakeHub(() => ({ status: 200, body: {} }));
    expect(api.gradesUrl('abc')).toBe('/hub/api/v1/assignments/abc/grades.csv');
  });

  it('sends the request id and files, with the anti-CSRF token', async () => {
    const { api, calls } = fakeHub(() => ({
      status: 201,
      body: { version: 1, submittedAt: 'x', late: false, files: [] }
    }));
    await api.submit('a1', 'rid', [{ path: 'n.ipynb', content: 'e30=' }]);
    expect(calls[0].url).toBe('/hub/api/v1/assignments/a1/submissions');
    expect(calls[0].init.method).toBe('POST');
    expect(
      (calls[0].init.headers as Record<string, string>)['X-Candyce-XSRF']
    ).toBe('jeton');
    expect(JSON.parse(calls[0].init.body as string)).toEqual({
      requestId: 'rid',
      files: [{ path: 'n.ipynb', content: 'e30=' }]
    });
  });

  it('passes on the hub’s French refusal', async () => {
    const { api } = fakeHub(() => ({
      status: 404,
      body: {
        error: {
          code: 'not_found',
          message: 'Code de devoir inconnu ou expiré.'
        }
      }
    }));
    const failure = api.join('abcd-efgh');
    await expect(failure).rejects.toBeInstanceOf(HubApiError);
    await expect(failure).rejects.toThrow('Code de devoir inconnu ou expiré.');
  });

  it('returns every learner with feedback when none is named', async () => {
    const { api, calls } = fakeHub(() => ({
      status: 200,
      body: { returned: ['eleve1'] }
    }));
    await expect(api.returnFeedback('a1')).resolves.toEqual(['eleve1']);
    await api.returnFeedback('a1', ['eleve2']);
    expect(calls.map(c => JSON.parse(c.init.body as string))).toEqual([
      {},
      { learners: ['eleve2'] }
    ]);
  });
});

describe('errorMessage', () => {
  const fr = french();

  it('shows the hub’s French refusals as they come', () => {
    expect(
      errorMessage(
        new HubApiError(
          409,
          'already_submitted',
          'Vous avez déjà rendu ce devoir, et il n’accepte qu’une seule remise.'
        ),
        fr
      )
    ).toBe(
      'Vous avez déjà rendu ce devoir, et il n’accepte qu’une seule remise.'
    );
  });

  it('says in French what is ours', () => {
    expect(errorMessage(new UserError('Le dossier est vide.'), fr)).toBe(
      'Le dossier est vide.'
    );
    expect(errorMessage(new TypeError('Failed to fetch'), fr)).toBe(
      'La plateforme Candyce ne répond pas pour l’instant. Vérifiez votre connexion et réessayez.'
    );
  });
});
