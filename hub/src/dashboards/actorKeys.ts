/**
 * Users' pseudonymous actor keys, computed once per user and kept in memory.
 *
 * A key is an HMAC of the user id with the hub's pseudonym key, which does not change
 * while the hub runs: the programme's and establishments' dashboards look up whose
 * actor each active key is among every account, and computing tens of thousands of
 * HMACs at each call was most of their time (`npm run bench:dashboards`). The cache
 * holds keys only, never names, and is dropped whole when it grows past
 * {@link ActorKeys.MAX_ENTRIES} (a national deployment's accounts would not fit).
 */
export class ActorKeys {
  constructor(private readonly _compute: (userId: string) => string) {}

  /** The most keys kept: about 20 MiB. */
  static readonly MAX_ENTRIES = 200_000;

  /** A user's actor key. */
  of(userId: string): string {
    let key = this._keys.get(userId);
    if (key === undefined) {
      if (this._keys.size >= ActorKeys.MAX_ENTRIES) {
        this._keys.clear();
      }
      key = this._compute(userId);
      this._keys.set(userId, key);
    }
    return key;
  }

  private readonly _keys = new Map<string, string>();
}
