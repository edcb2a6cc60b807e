import { IMessage, trans } from '../errors';
import { IResourceRow, LibraryStore } from './store';
import { ITaxonomy, labelOf } from './taxonomy';

/**
 * A recommended resource and why: each reason holds for the teacher who reads it.
 */
export interface IRecommendation {
  resource: IResourceRow;
  score: number;
  reasons: IMessage[];
}

/**
 * The levels of the classes a user teaches, as taxonomy ids (the classes module
 * answers; the library does not read its tables).
 */
export type LevelsTaught = (userId: string) => Promise<string[]>;

/**
 * What a teacher teaches as recommendations read it (« Ce que j'enseigne »): the
 * profile they saved, else the levels of the classes they teach (`saved` false).
 */
export interface ITeachingProfile {
  disciplines: string[];
  levels: string[];
  /** Whether the teacher saved it; false: pre-filled from their classes. */
  saved: boolean;
  /** The levels of the classes they teach (« Pour vos classes de 2de » needs one). */
  classLevels: string[];
}

/**
 * Personalised, explained recommendations: what the teacher teaches (their profile,
 * else the levels of their classes), what colleagues who used the same resources used
 * too, endorsements by the inspectorate and by peers, reuse, and what is new since
 * their last visit. Resources the teacher already used or published are not
 * recommended again, nor one for which no reason holds.
 */
export class Recommender {
  constructor(
    private readonly _store: LibraryStore,
    private readonly _taxonomy: ITaxonomy,
    private readonly _levelsTaught: LevelsTaught
  ) {}

  /**
   * What a teacher teaches, as recommendations use it.
   */
  async profileOf(userId: string): Promise<ITeachingProfile> {
    const [saved, classLevels] = await Promise.all([
      this._store.profile(userId),
      this._levelsTaught(userId)
    ]);
    return saved
      ? { ...saved, saved: true, classLevels }
      : { disciplines: [], levels: classLevels, saved: false, classLevels };
  }

  /**
   * The best `limit` recommendations for a user.
   *
   * @param newSince - the end of the user's previous visit: what was published or
   *   updated after it is new to them (null: nothing is said to be new).
   */
  async recommend(
    userId: string,
    limit: number,
    newSince: string | null = null
  ): Promise<IRecommendation[]> {
    const profile = await this.profileOf(userId);
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
      ...profile.levels.map(value => ({ kind: 'level', value }))
    ]);
    const popular = new Set(await this._store.popular(100));
    const candidates = [
      ...new Set([...coUsage.keys(), ...tagged, ...popular])
    ].filter(id => !usedSet.has(id));
    const rows = await this._store.rows(candidates);
    const titles = new Map(
      (
        await this._store.rows([
          ...new Set([...coUsage.values()].map(c => c.via))
        ])
      ).map(row => [row.id, row.metadata.title])
    );
    const context: Private.IContext = {
      profile,
      coUsage,
      titles,
      popular,
      ownPeerEndorsements: await this._store.peerEndorsedBy(userId),
      newSince
    };
    const scored = rows
      .map(row => this._score(row, context))
      .filter(item => item.reasons.length);
    scored.sort(
      (a, b) =>
        b.score - a.score ||
        (a.resource.updatedAt < b.resource.updatedAt ? 1 : -1)
    );
    return scored.slice(0, limit);
  }

  private _score(
    row: IResourceRow,
    context: Private.IContext
  ): IRecommendation {
    const { profile } = context;
    const reasons: IMessage[] = [];
    let score = 0;
    const discipline = row.metadata.disciplines.find(d =>
      profile.disciplines.includes(d)
    );
    const level = row.metadata.levels.find(l => profile.levels.includes(l));
    // « la NSI », « les mathématiques »: how the taxonomy says it in a sentence.
    const taught = discipline
      ? (this._taxonomy.disciplines.find(d => d.id === discipline)?.taught ??
        labelOf(this._taxonomy.disciplines, discipline))
      : '';
    const levelLabel = level ? labelOf(this._taxonomy.levels, level) : '';
    if (discipline && level) {
      score += 4;
      reasons.push(trans.__('Because you teach %1 in %2', taught, levelLabel));
    } else if (discipline) {
      score += 2;
      reasons.push(trans.__('Because you teach %1', taught));
    } else if (level) {
      score += 1;
      // « Pour vos classes de 2de » only of a level one of their classes has.
      reasons.push(
        profile.classLevels.includes(level)
          ? trans.__('For your %1 classes', levelLabel)
          : trans.__('Because you teach in %1', levelLabel)
      );
    }
    const co = context.coUsage.get(row.id);
    const via = co && context.titles.get(co.via);
    if (co && via !== undefined) {
      score += 1.5 * Math.log2(1 + co.users);
      // « un·e collègue », not « 1 collègue ».
      reasons.push(
        co.viaUsers === 1
          ? trans.__('Used by a colleague who also used “%1”', via)
          : trans.__(
              'Used by %1 colleagues who also used “%2”',
              co.viaUsers,
              via
            )
      );
    }
    if (row.endorsements.inspection > 0) {
      score += discipline ? 3 : 2;
      reasons.push(trans.__('Recommended by the inspectorate'));
    }
    // The reader's own endorsement is not a colleague's.
    const peers =
      row.endorsements.peer - (context.ownPeerEndorsements.has(row.id) ? 1 : 0);
    if (peers > 0) {
      score += Math.log2(1 + peers);
      reasons.push(
        trans._n(
          'Recommended by %1 colleague',
          'Recommended by %1 colleagues',
          peers
        )
      );
    }
    score += 0.3 * Math.log2(1 + row.uses);
    if (context.newSince !== null && row.updatedAt > context.newSince) {
      score += 0.5;
      reasons.push(
        row.createdAt > context.newSince
          ? trans.__('New since your last visit')
          : trans.__('Updated since your last visit')
      );
    }
    if (!reasons.length && row.uses > 0 && context.popular.has(row.id)) {
      reasons.push(trans.__('Among the most used resources'));
    }
    return { resource: row, score, reasons };
  }
}

namespace Private {
  /** What scoring one resource for one teacher needs. */
  export interface IContext {
    profile: ITeachingProfile;
    coUsage: Map<string, { users: number; via: string; viaUsers: number }>;
    titles: Map<string, string>;
    popular: Set<string>;
    ownPeerEndorsements: Set<string>;
    newSince: string | null;
  }
}
