import { IResourceRow, LibraryStore } from './store';
import { ITaxonomy, labelOf } from './taxonomy';

/**
 * A recommended resource and why, in French sentences shown to the teacher.
 */
export interface IRecommendation {
  resource: IResourceRow;
  score: number;
  reasons: string[];
}

/**
 * The levels of the classes a user teaches, as taxonomy ids (the classes module
 * answers; the library does not read its tables).
 */
export type LevelsTaught = (userId: string) => Promise<string[]>;

/**
 * Personalised, explained recommendations: what the teacher teaches (profile, else the
 * levels of their classes), what colleagues who used the same resources used too,
 * endorsements by the inspectorate and by peers, reuse and freshness. Resources the
 * teacher already used or published are not recommended again.
 */
export class Recommender {
  constructor(
    private readonly _store: LibraryStore,
    private readonly _taxonomy: ITaxonomy,
    private readonly _levelsTaught: LevelsTaught,
    private readonly _now: () => Date = () => new Date()
  ) {}

  /**
   * The best `limit` recommendations for a user.
   */
  async recommend(userId: string, limit: number): Promise<IRecommendation[]> {
    const profile = (await this._store.profile(userId)) ?? {
      disciplines: [],
      levels: []
    };
    const levels = profile.levels.length
      ? profile.levels
      : await this._levelsTaught(userId);
    const used = await this._store.usedBy(userId);
    const usedSet = new Set(used);
    const coUsage = new Map(
      (await this._store.usedAlongside(userId, used)).map(row => [
        row.resourceId,
        row
      ])
    );
    const tagged = await this._store.taggedAny([
      ...profile.disciplines.map(value => ({ kind: 'discipline', value })),
      ...levels.map(value => ({ kind: 'level', value }))
    ]);
    const candidates = [
      ...new Set([
        ...coUsage.keys(),
        ...tagged,
        ...(await this._store.popular(100))
      ])
    ].filter(id => !usedSet.has(id));
    const rows = await this._store.rows(candidates);
    const titles = new Map(
      (
        await this._store.rows([
          ...new Set([...coUsage.values()].map(c => c.via))
        ])
      ).map(row => [row.id, row.metadata.title])
    );
    const scored = rows.map(row =>
      this._score(row, profile.disciplines, levels, coUsage.get(row.id), titles)
    );
    scored.sort(
      (a, b) =>
        b.score - a.score ||
        (a.resource.updatedAt < b.resource.updatedAt ? 1 : -1)
    );
    return scored.slice(0, limit);
  }

  private _score(
    row: IResourceRow,
    disciplines: string[],
    levels: string[],
    co: { users: number; via: string } | undefined,
    titles: Map<string, string>
  ): IRecommendation {
    const reasons: string[] = [];
    let score = 0;
    const discipline = row.metadata.disciplines.find(d =>
      disciplines.includes(d)
    );
    const level = row.metadata.levels.find(l => levels.includes(l));
    // « la NSI », « les mathématiques »: how the taxonomy says it in a sentence.
    const taught = discipline
      ? (this._taxonomy.disciplines.find(d => d.id === discipline)?.taught ??
        labelOf(this._taxonomy.disciplines, discipline))
      : '';
    const levelLabel = level ? labelOf(this._taxonomy.levels, level) : '';
    if (discipline && level) {
      score += 4;
      reasons.push(`Parce que vous enseignez ${taught} en ${levelLabel}`);
    } else if (discipline) {
      score += 2;
      reasons.push(`Parce que vous enseignez ${taught}`);
    } else if (level) {
      score += 1;
      reasons.push(`Pour vos classes de ${levelLabel}`);
    }
    if (co) {
      score += 1.5 * Math.log2(1 + co.users);
      const via = titles.get(co.via);
      reasons.push(
        co.users === 1
          ? `Utilisé par un·e collègue qui a aussi utilisé « ${via} »`
          : `Utilisé par ${co.users} collègues qui ont aussi utilisé « ${via} »`
      );
    }
    if (row.endorsements.inspection > 0) {
      score += discipline ? 3 : 2;
      reasons.push('Recommandé par l’inspection');
    }
    if (row.endorsements.peer > 0) {
      score += Math.log2(1 + row.endorsements.peer);
      reasons.push(
        row.endorsements.peer === 1
          ? 'Recommandé par un·e collègue'
          : `Recommandé par ${row.endorsements.peer} collègues`
      );
    }
    score += 0.3 * Math.log2(1 + row.uses);
    const ageDays =
      (this._now().getTime() - Date.parse(row.updatedAt)) / 86_400_000;
    if (ageDays <= 30) {
      score += 0.5;
      reasons.push('Nouveauté ou mise à jour récente');
    }
    if (!reasons.length) {
      reasons.push('Parmi les ressources les plus utilisées');
    }
    return { resource: row, score, reasons };
  }
}
