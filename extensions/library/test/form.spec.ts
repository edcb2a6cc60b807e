import { IPublishValues, validatePublish } from '../src/form';
import { trans } from '@candyce/core/testing';

const GOOD: IPublishValues = {
  title: '  Équations du second degré ',
  summary: 'Résoudre des équations du second degré avec Python, pas à pas.',
  disciplines: ['mathematiques'],
  levels: ['1re', '1re'],
  keywords: 'discriminant, racines, ',
  language: 'fr',
  duration: '55',
  licence: 'CC-BY-4.0',
  authors: 'Marie Curie, Pierre Curie'
};

describe('validatePublish', () => {
  it('gives the metadata the hub expects', () => {
    expect(validatePublish(GOOD, trans)).toEqual({
      errors: null,
      metadata: {
        title: 'Équations du second degré',
        summary: GOOD.summary,
        disciplines: ['mathematiques'],
        levels: ['1re'],
        keywords: ['discriminant', 'racines'],
        language: 'fr',
        durationMinutes: 55,
        licence: 'CC-BY-4.0',
        authors: ['Marie Curie', 'Pierre Curie']
      }
    });
  });

  it('names every wrong field', () => {
    const result = validatePublish(
      {
        title: 'ab',
        summary: 'trop court',
        disciplines: [],
        levels: [],
        keywords: 'x'.repeat(61),
        language: '',
        duration: '1.5',
        licence: '',
        authors: ' , '
      },
      trans
    );
    expect(result.metadata).toBeNull();
    expect(Object.keys(result.errors ?? {})).toEqual([
      'title',
      'summary',
      'disciplines',
      'levels',
      'keywords',
      'language',
      'duration',
      'licence',
      'authors'
    ]);
    expect(result.errors?.title).toBe('Give a title of 3 to 120 characters.');
  });

  it('refuses durations out of range and too many disciplines', () => {
    expect(
      validatePublish({ ...GOOD, duration: '601' }, trans).errors?.duration
    ).toBeTruthy();
    expect(
      validatePublish(
        { ...GOOD, disciplines: ['a', 'b', 'c', 'd', 'e', 'f'] },
        trans
      ).errors?.disciplines
    ).toBeTruthy();
  });
});
