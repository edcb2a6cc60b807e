import { buildDraft, notebookId, pathHash, withActor } from '../src/statements';
import { ACTIVITY_TYPES, EXTENSIONS, VERBS } from '../src/vocabulary';

/** What each event becomes: verb, object, result and context of the profile. */
describe('statement building', () => {
  const now = new Date('2026-12-07T10:00:00.000Z');
  let n = 0;
  const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

  it('builds a failed cell run with the exception name, the cell type and its notebook as parent', () => {
    const draft = buildDraft(
      {
        kind: 'cellExecuted',
        path: 'tp.ipynb',
        cellId: 'c 1',
        cellType: 'code',
        success: false,
        exception: 'NameError'
      },
      { now, uuid, language: 'fr-FR' }
    );
    expect(draft).toEqual({
      id: expect.stringMatching(/^00000000-/),
      verb: { id: VERBS.executed.id, display: VERBS.executed.display },
      object: {
        objectType: 'Activity',
        id: `${notebookId('tp.ipynb')}:cell:c%201`,
        definition: {
          type: ACTIVITY_TYPES.cell.id,
          name: ACTIVITY_TYPES.cell.display
        }
      },
      result: {
        success: false,
        extensions: {
          [EXTENSIONS.cellType.id]: 'code',
          [EXTENSIONS.exception.id]: 'NameError'
        }
      },
      context: {
        platform: 'Candyce',
        language: 'fr-FR',
        contextActivities: {
          parent: [{ objectType: 'Activity', id: notebookId('tp.ipynb') }]
        }
      },
      timestamp: '2026-12-07T10:00:00.000Z'
    });
  });

  it('has no exception on success and no code unless given', () => {
    const draft = buildDraft({
      kind: 'cellExecuted',
      path: 'tp.ipynb',
      cellId: 'c',
      cellType: 'code',
      success: true,
      exception: null
    });
    expect(draft.result).toEqual({
      success: true,
      extensions: { [EXTENSIONS.cellType.id]: 'code' }
    });
  });

  it.each([
    ['assignmentFetched', VERBS.fetched, ACTIVITY_TYPES.assignment],
    ['assignmentHandedIn', VERBS.handedIn, ACTIVITY_TYPES.assignment],
    ['assignmentReturned', VERBS.returned, ACTIVITY_TYPES.assignment]
  ] as const)('builds %s about the assignment', (kind, verb, type) => {
    const draft = buildDraft({ kind, assignmentId: 'a/1' });
    expect(draft.verb.id).toBe(verb.id);
    expect(draft.object.id).toBe('urn:candyce:assignment:a%2F1');
    expect(draft.object.definition.type).toBe(type.id);
  });

  it.each([
    ['resourceViewed', VERBS.viewed],
    ['resourceCopied', VERBS.copied],
    ['resourceEndorsed', VERBS.endorsed]
  ] as const)('builds %s about the resource', (kind, verb) => {
    const draft = buildDraft({ kind, resourceId: 'r1' });
    expect(draft.verb.id).toBe(verb.id);
    expect(draft.object.id).toBe('urn:candyce:resource:r1');
    expect(draft.object.definition.type).toBe(ACTIVITY_TYPES.resource.id);
  });

  it('never puts a notebook path in a statement, and gives the same path the same id', () => {
    const path = 'Devoirs/Léa Martin.ipynb';
    for (const kind of [
      'notebookOpened',
      'notebookClosed',
      'notebookSaved',
      'collaborationJoined',
      'helpAsked'
    ] as const) {
      const text = JSON.stringify(buildDraft({ kind, path }));
      expect(text).not.toContain('Léa');
      expect(text).not.toContain('Devoirs');
    }
    expect(pathHash(path)).toMatch(/^[0-9a-f]{16}$/);
    expect(pathHash(path)).toBe(pathHash(path));
    expect(pathHash(path)).not.toBe(pathHash('Devoirs/Hugo.ipynb'));
  });

  it('gives each statement its own id, and the actor only an account', () => {
    const a = buildDraft({ kind: 'helpAsked', path: 'x' });
    const b = buildDraft({ kind: 'helpAsked', path: 'x' });
    expect(a.id).not.toBe(b.id);
    expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
    const actor = {
      account: { homePage: 'https://hub.test', name: 'abc' },
      name: 'Léa'
    } as never;
    expect(withActor(a, actor).actor).toEqual({
      objectType: 'Agent',
      account: { homePage: 'https://hub.test', name: 'abc' }
    });
  });
});
