import { z } from 'zod';

import { DomainError, IMessage, trans } from '../errors';
import { hasControlCharacters } from '../util/text';
import { ITaxonomy } from './taxonomy';

/**
 * What a teacher says about a resource when publishing a version of it.
 */
export interface IResourceMetadata {
  title: string;
  summary: string;
  disciplines: string[];
  levels: string[];
  keywords: string[];
  language: string;
  durationMinutes: number;
  licence: string;
  authors: string[];
}

/** Limits of the metadata (also shown by the publishing form). */
export const METADATA_LIMITS = {
  titleMax: 120,
  summaryMin: 20,
  summaryMax: 2000,
  keywordsMax: 20,
  keywordMax: 60,
  authorsMax: 20,
  authorMax: 120,
  durationMax: 600
} as const;

/**
 * Check metadata against the taxonomy: every discipline, level, language and licence
 * must be one of its ids (publishing requires one of its open licences).
 *
 * @returns the metadata, trimmed, lists without duplicates.
 * @throws {DomainError} 400 `invalid_metadata` naming the first bad field, in French.
 */
export function checkMetadata(
  taxonomy: ITaxonomy,
  input: unknown
): IResourceMetadata {
  const ids = (kind: keyof ITaxonomy) =>
    taxonomy[kind].map(entry => entry.id) as [string, ...string[]];
  const text = (max: number, min = 1) =>
    z
      .string()
      .trim()
      .min(min)
      .max(max)
      .refine(value => !hasControlCharacters(value));
  const schema = z
    .object({
      title: text(METADATA_LIMITS.titleMax, 3),
      // Line breaks are welcome in a summary; other control characters are not.
      summary: z
        .string()
        .trim()
        .min(METADATA_LIMITS.summaryMin)
        .max(METADATA_LIMITS.summaryMax)
        .refine(value => !hasControlCharacters(value.replace(/\r?\n/g, ' '))),
      disciplines: z
        .array(z.enum(ids('disciplines')))
        .min(1)
        .max(5),
      levels: z
        .array(z.enum(ids('levels')))
        .min(1)
        .max(14),
      keywords: z
        .array(text(METADATA_LIMITS.keywordMax))
        .max(METADATA_LIMITS.keywordsMax)
        .default([]),
      language: z.enum(ids('languages')),
      durationMinutes: z.number().int().min(1).max(METADATA_LIMITS.durationMax),
      licence: z.enum(ids('licences')),
      authors: z
        .array(text(METADATA_LIMITS.authorMax))
        .min(1)
        .max(METADATA_LIMITS.authorsMax)
    })
    .strict();
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue.path[0] ?? '');
    throw new DomainError(
      'invalid_metadata',
      Private.MESSAGES[field]?.() ??
        trans.__('Unknown or invalid field: “%1”.', field || issue.message)
    );
  }
  const unique = (values: string[]) => [...new Set(values)];
  return {
    ...parsed.data,
    disciplines: unique(parsed.data.disciplines),
    levels: unique(parsed.data.levels),
    keywords: unique(parsed.data.keywords),
    authors: unique(parsed.data.authors)
  };
}

namespace Private {
  const L = METADATA_LIMITS;
  export const MESSAGES: Record<string, () => IMessage> = {
    title: () =>
      trans.__(
        'Invalid title: 3 to %1 characters, no control character.',
        L.titleMax
      ),
    summary: () =>
      trans.__(
        'Invalid summary: %1 to %2 characters.',
        L.summaryMin,
        L.summaryMax
      ),
    disciplines: () =>
      trans.__('Invalid subject: choose 1 to 5 subjects from the list.'),
    levels: () =>
      trans.__('Invalid level: choose at least one level from the list.'),
    keywords: () =>
      trans.__(
        'Invalid keywords: %1 at most, of %2 characters at most each.',
        L.keywordsMax,
        L.keywordMax
      ),
    language: () =>
      trans.__('Invalid language: choose a language from the list.'),
    durationMinutes: () =>
      trans.__(
        'Invalid duration: a whole number of minutes, from 1 to %1.',
        L.durationMax
      ),
    licence: () =>
      trans.__(
        'Missing or non-open licence: the library publishes under CC BY, CC BY-SA, CC0 or Licence Ouverte.'
      ),
    authors: () =>
      trans.__('Invalid authors: at least one, %1 at most.', L.authorsMax)
  };
}
