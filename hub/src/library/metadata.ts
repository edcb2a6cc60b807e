import { z } from 'zod';

import { HttpError } from '../http/errors';
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
 * @throws {HttpError} 400 `invalid_metadata` naming the first bad field, in French.
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
    throw new HttpError(
      400,
      'invalid_metadata',
      Private.MESSAGES[field] ??
        `Champ inconnu ou invalide : « ${field || issue.message} ».`
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
  export const MESSAGES: Record<string, string> = {
    title: `Titre invalide : de 3 à ${L.titleMax} caractères, sans caractère de contrôle.`,
    summary: `Résumé invalide : de ${L.summaryMin} à ${L.summaryMax} caractères.`,
    disciplines:
      'Discipline invalide : choisissez de 1 à 5 disciplines de la liste.',
    levels: 'Niveau invalide : choisissez au moins un niveau de la liste.',
    keywords: `Mots-clés invalides : ${L.keywordsMax} au plus, de ${L.keywordMax} caractères au plus chacun.`,
    language: 'Langue invalide : choisissez une langue de la liste.',
    durationMinutes: `Durée invalide : un nombre entier de minutes, de 1 à ${L.durationMax}.`,
    licence:
      'Licence manquante ou non ouverte : la bibliothèque publie sous CC BY, CC BY-SA, CC0 ou Licence Ouverte.',
    authors: `Auteurs invalides : au moins un, ${L.authorsMax} au plus.`
  };
}
