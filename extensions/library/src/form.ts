import type { TranslationBundle } from '@jupyterlab/translation';

import type { IResourceMetadata } from './api';
import { parseKeywords } from './query';

/**
 * The limits the hub applies to metadata (hub/src/library/metadata.ts).
 */
export const LIMITS = {
  titleMin: 3,
  titleMax: 120,
  summaryMin: 20,
  summaryMax: 2000,
  disciplinesMax: 5,
  keywordsMax: 20,
  keywordMax: 60,
  authorsMax: 20,
  authorMax: 120,
  durationMax: 600
} as const;

/**
 * The publishing form's values, as typed.
 */
export interface IPublishValues {
  title: string;
  summary: string;
  disciplines: string[];
  levels: string[];
  keywords: string;
  language: string;
  duration: string;
  licence: string;
  authors: string;
}

/**
 * A form field, in the order the form shows them (the first error gets the focus).
 */
export type PublishField = keyof IPublishValues;

/**
 * The fields in the order of the form.
 */
export const FIELDS: readonly PublishField[] = [
  'title',
  'summary',
  'disciplines',
  'levels',
  'keywords',
  'language',
  'duration',
  'licence',
  'authors'
];

/**
 * Check the form as the hub will, and say what is wrong with each field.
 *
 * @returns the metadata to send, or the errors by field (in form order).
 */
export function validatePublish(
  values: IPublishValues,
  trans: TranslationBundle
):
  | { metadata: IResourceMetadata; errors: null }
  | { metadata: null; errors: Partial<Record<PublishField, string>> } {
  const errors: Partial<Record<PublishField, string>> = {};
  const title = values.title.trim();
  if (title.length < LIMITS.titleMin || title.length > LIMITS.titleMax) {
    errors.title = trans.__(
      'Give a title of %1 to %2 characters.',
      LIMITS.titleMin,
      LIMITS.titleMax
    );
  }
  const summary = values.summary.trim();
  if (
    summary.length < LIMITS.summaryMin ||
    summary.length > LIMITS.summaryMax
  ) {
    errors.summary = trans.__(
      'Write a summary of %1 to %2 characters.',
      LIMITS.summaryMin,
      LIMITS.summaryMax
    );
  }
  if (
    !values.disciplines.length ||
    values.disciplines.length > LIMITS.disciplinesMax
  ) {
    errors.disciplines = trans.__(
      'Choose from 1 to %1 disciplines.',
      LIMITS.disciplinesMax
    );
  }
  if (!values.levels.length) {
    errors.levels = trans.__('Choose at least one level.');
  }
  const keywords = parseKeywords(values.keywords);
  if (
    keywords.length > LIMITS.keywordsMax ||
    keywords.some(k => k.length > LIMITS.keywordMax)
  ) {
    errors.keywords = trans.__(
      'At most %1 keywords, of %2 characters at most each.',
      LIMITS.keywordsMax,
      LIMITS.keywordMax
    );
  }
  if (!values.language) {
    errors.language = trans.__('Choose the language of the resource.');
  }
  const duration = Number(values.duration.trim());
  if (
    !/^\d+$/.test(values.duration.trim()) ||
    duration < 1 ||
    duration > LIMITS.durationMax
  ) {
    errors.duration = trans.__(
      'Give the duration as a whole number of minutes, from 1 to %1.',
      LIMITS.durationMax
    );
  }
  if (!values.licence) {
    errors.licence = trans.__('Choose an open licence.');
  }
  const authors = parseKeywords(values.authors);
  if (
    !authors.length ||
    authors.length > LIMITS.authorsMax ||
    authors.some(a => a.length > LIMITS.authorMax)
  ) {
    errors.authors = trans.__(
      'Name from 1 to %1 authors, separated by commas.',
      LIMITS.authorsMax
    );
  }
  if (Object.keys(errors).length) {
    return { metadata: null, errors };
  }
  return {
    errors: null,
    metadata: {
      title,
      summary,
      disciplines: [...new Set(values.disciplines)],
      levels: [...new Set(values.levels)],
      keywords,
      language: values.language,
      durationMinutes: duration,
      licence: values.licence,
      authors
    }
  };
}
