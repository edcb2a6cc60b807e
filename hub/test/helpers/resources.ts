/**
 * Resources for library tests: valid nbformat 4.5 notebooks and metadata.
 */
import { createHash } from 'crypto';

/** A small valid notebook with these markdown and code cells. */
export function notebook(markdown: string, code = 'print("bonjour")'): Buffer {
  // Cell ids derived from the content: the same notebook is the same bytes.
  const id = (n: number) =>
    createHash('sha256').update(`${n}:${markdown}`).digest('hex').slice(0, 8);
  return Buffer.from(
    JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {
        kernelspec: {
          name: 'python3',
          display_name: 'Python 3',
          language: 'python'
        },
        language_info: { name: 'python' }
      },
      cells: [
        {
          id: id(1),
          cell_type: 'markdown',
          metadata: {},
          source: markdown
        },
        {
          id: id(2),
          cell_type: 'code',
          metadata: {},
          source: code,
          outputs: [],
          execution_count: null
        }
      ]
    })
  );
}

/** Metadata that the taxonomy accepts, with changes. */
export function metadata(
  changes: Record<string, unknown> = {}
): Record<string, unknown> {
  return {
    title: 'Résoudre des équations du premier degré',
    summary:
      'Les élèves résolvent des équations avec Python et vérifient leurs solutions.',
    disciplines: ['mathematiques'],
    levels: ['2de'],
    keywords: ['équation', 'algèbre'],
    language: 'fr',
    durationMinutes: 55,
    licence: 'CC-BY-4.0',
    authors: ['Équipe de test'],
    ...changes
  };
}

/** The JSON body of a publishing call. */
export function publishBody(
  meta: Record<string, unknown> = metadata(),
  files: { path: string; content: Buffer }[] = [
    {
      path: 'cours.ipynb',
      content: notebook('# Équations\nOn résout 2x + 3 = 7.')
    }
  ]
): { metadata: unknown; files: { path: string; content: string }[] } {
  return {
    metadata: meta,
    files: files.map(file => ({
      path: file.path,
      content: file.content.toString('base64')
    }))
  };
}
