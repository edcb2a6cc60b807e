/**
 * Synthetic library content for benchmarks: a deterministic generator of French-looking
 * text with a Zipf-like word distribution, plus real topical words per discipline so
 * that real queries find something.
 */

/**
 * A small deterministic PRNG (mulberry32): the same seed gives the same corpus.
 */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = (
  'ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo fu ga ge gi go gu la le li ' +
  'lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ' +
  'ta te ti to tu va ve vi vo vu tion ment que eur ique age ure ance'
).split(' ');

/** Real words, by discipline, that the benchmark's queries use. */
export const TOPICAL: Record<string, string[]> = {
  mathematiques: [
    'équation',
    'fonction',
    'dérivée',
    'probabilité',
    'suite',
    'géométrie',
    'vecteur'
  ],
  nsi: [
    'algorithme',
    'graphe',
    'récursivité',
    'tri',
    'dictionnaire',
    'programmation',
    'liste'
  ],
  snt: ['internet', 'réseau', 'données', 'photographie', 'localisation', 'web'],
  'physique-chimie': [
    'énergie',
    'vitesse',
    'molécule',
    'réaction',
    'circuit',
    'onde'
  ],
  svt: ['cellule', 'génétique', 'écosystème', 'évolution', 'photosynthèse'],
  ses: ['marché', 'croissance', 'inégalités', 'chômage', 'monnaie'],
  'histoire-geographie': [
    'révolution',
    'carte',
    'frise',
    'guerre',
    'population',
    'territoire'
  ],
  lettres: ['poésie', 'roman', 'fable', 'versification', 'argumentation']
};

export const DISCIPLINES = Object.keys(TOPICAL);
export const LEVELS = ['5e', '4e', '3e', '2de', '1re', 'tle'];

/**
 * A vocabulary of `size` pseudo-words, and a sampler that draws them with a Zipf-like
 * frequency (word `k` about 1/k as often as the first).
 */
export function vocabulary(
  size: number,
  random: () => number
): { words: string[]; draw: () => string } {
  const words: string[] = [];
  const seen = new Set<string>();
  while (words.length < size) {
    const count = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < count; i++) {
      word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    }
    if (!seen.has(word)) {
      seen.add(word);
      words.push(word);
    }
  }
  // Inverse-CDF sampling of a 1/k law over `size` ranks.
  const harmonic = Math.log(size) + 0.5772;
  const draw = () => {
    const rank = Math.min(
      size - 1,
      Math.floor(Math.exp(random() * harmonic)) - 1
    );
    return words[Math.max(0, rank)];
  };
  return { words, draw };
}

/**
 * `count` words of text, with a few topical words of a discipline mixed in.
 */
export function text(
  count: number,
  draw: () => string,
  discipline: string,
  random: () => number
): string {
  const topical = TOPICAL[discipline];
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    words.push(
      random() < 0.08 ? topical[Math.floor(random() * topical.length)] : draw()
    );
  }
  return words.join(' ');
}

/**
 * A valid nbformat 4.5 notebook holding this markdown and code.
 */
export function notebookBytes(
  markdown: string,
  code: string,
  n: number
): Buffer {
  return Buffer.from(
    JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {
        kernelspec: {
          name: 'python3',
          display_name: 'Python 3',
          language: 'python'
        }
      },
      cells: [
        { id: `m${n}`, cell_type: 'markdown', metadata: {}, source: markdown },
        {
          id: `c${n}`,
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
