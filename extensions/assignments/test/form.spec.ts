import {
  emptyValues,
  IAssignmentValues,
  localToIso,
  titleFromPath,
  validateAssignment
} from '../src/form';
import { french } from '@candyce/core/testing';

const fr = french();
const GOOD: IAssignmentValues = {
  ...emptyValues('  Les listes en Python '),
  classIds: ['c1', 'c1'],
  opensAt: '2026-12-01T08:00',
  dueAt: '2026-12-08T18:00'
};

describe('validateAssignment', () => {
  it('gives the settings the hub expects', () => {
    const result = validateAssignment(GOOD, fr);
    expect(result.errors).toBeNull();
    expect(result.settings).toEqual({
      title: 'Les listes en Python',
      instructions: '',
      classIds: ['c1'],
      shareCode: false,
      opensAt: new Date('2026-12-01T08:00').toISOString(),
      dueAt: new Date('2026-12-08T18:00').toISOString(),
      latePolicy: 'accept',
      multipleSubmissions: false,
      autograde: false
    });
  });

  it('tried: extra files typed with spaces and a repeat are sent as a list; none typed, none sent', () => {
    expect(
      validateAssignment(
        { ...GOOD, extraFiles: ' *.png, rapport.pdf ,, *.png ' },
        fr
      ).settings?.extraFiles
    ).toEqual(['*.png', 'rapport.pdf']);
    expect(validateAssignment(GOOD, fr).settings).not.toHaveProperty(
      'extraFiles'
    );
  });

  it('asks for a title, in French', () => {
    expect(validateAssignment({ ...GOOD, title: '   ' }, fr).errors).toEqual({
      title: 'Donnez un titre au devoir.'
    });
  });

  it('refuses a due date before the opening date', () => {
    expect(
      validateAssignment({ ...GOOD, dueAt: '2026-11-30T18:00' }, fr).errors
    ).toEqual({
      dueAt: 'La date limite doit venir après la date d’ouverture.'
    });
    expect(
      validateAssignment({ ...GOOD, dueAt: GOOD.opensAt }, fr).errors?.dueAt
    ).toBeTruthy();
  });

  it('needs a class or a share code', () => {
    expect(
      validateAssignment({ ...GOOD, classIds: [] }, fr).errors?.classIds
    ).toBe(
      'Choisissez au moins une classe, ou un code de partage : sinon aucun élève ne peut recevoir ce devoir.'
    );
    expect(
      validateAssignment({ ...GOOD, classIds: [], shareCode: true }, fr).errors
    ).toBeNull();
  });

  it('accepts no dates at all', () => {
    expect(
      validateAssignment({ ...GOOD, opensAt: '', dueAt: '' }, fr).settings
    ).toMatchObject({ opensAt: null, dueAt: null });
  });
});

describe('form helpers', () => {
  it('reads datetime-local values', () => {
    expect(localToIso('')).toBeNull();
    expect(localToIso('2026-13-45')).toBeUndefined();
    expect(localToIso('2026-12-01T08:00')).toBe(
      new Date(2026, 11, 1, 8, 0).toISOString()
    );
  });

  it('makes a title from a notebook name', () => {
    expect(titleFromPath('cours/les_listes-python.ipynb')).toBe(
      'les listes python'
    );
  });
});
