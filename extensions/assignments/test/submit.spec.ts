import { HubApiError, HubUnreachableError } from '@candyce/core';

import type { IFileIn, ISubmission } from '../src/api';
import { SubmissionSender } from '../src/submit';

const FILES: IFileIn[] = [{ path: 'devoir.ipynb', content: 'e30=' }];
const SUBMISSION: ISubmission = {
  version: 1,
  submittedAt: '2026-12-01T10:00:00Z',
  late: false,
  files: [{ path: 'devoir.ipynb', sha256: 'x', size: 2 }]
};

function sender(answers: (() => Promise<ISubmission>)[]) {
  const calls: { id: string; requestId: string; files: IFileIn[] }[] = [];
  let n = 0;
  const ids = ['id-1', 'id-2', 'id-3'];
  const s = new SubmissionSender({
    send: (id, requestId, files) => {
      calls.push({ id, requestId, files });
      return answers[calls.length - 1]();
    },
    newId: () => ids[n++],
    retries: 1,
    wait: () => Promise.resolve()
  });
  return { s, calls };
}

const offline = () =>
  Promise.reject(new HubUnreachableError('POST failed', new TypeError('x')));
const ok = () => Promise.resolve(SUBMISSION);

describe('SubmissionSender', () => {
  it('makes one request id per click', async () => {
    const { s, calls } = sender([ok, ok]);
    await s.submit('a1', FILES);
    await s.submit('a1', FILES);
    expect(calls.map(c => c.requestId)).toEqual(['id-1', 'id-2']);
  });

  it('reuses the request id when the network fails, automatically', async () => {
    const { s, calls } = sender([offline, ok]);
    await expect(s.submit('a1', FILES)).resolves.toBe(SUBMISSION);
    expect(calls.map(c => c.requestId)).toEqual(['id-1', 'id-1']);
    expect(s.hasPending('a1')).toBe(false);
  });

  it('keeps the request id and files for « Réessayer » after repeated failures', async () => {
    const { s, calls } = sender([offline, offline, ok]);
    await expect(s.submit('a1', FILES)).rejects.toBeInstanceOf(
      HubUnreachableError
    );
    expect(s.hasPending('a1')).toBe(true);
    expect(s.pendingRequestId('a1')).toBe('id-1');
    await expect(s.retry('a1')).resolves.toBe(SUBMISSION);
    expect(calls.map(c => c.requestId)).toEqual(['id-1', 'id-1', 'id-1']);
    expect(calls[2].files).toBe(FILES);
    expect(s.hasPending('a1')).toBe(false);
  });

  it('does not retry what the hub refused', async () => {
    const { s, calls } = sender([
      () =>
        Promise.reject(
          new HubApiError(
            422,
            'late',
            'Ce devoir n’accepte plus de rendu après la date limite.'
          )
        )
    ]);
    await expect(s.submit('a1', FILES)).rejects.toThrow(
      'Ce devoir n’accepte plus de rendu après la date limite.'
    );
    expect(calls).toHaveLength(1);
    expect(s.hasPending('a1')).toBe(false);
    await expect(s.retry('a1')).rejects.toThrow('nothing to retry');
  });

  it('uses crypto.randomUUID by default', async () => {
    const ids: string[] = [];
    const s = new SubmissionSender({
      send: (_id, requestId) => {
        ids.push(requestId);
        return ok();
      }
    });
    await s.submit('a1', FILES);
    expect(ids[0]).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
    );
  });
});
