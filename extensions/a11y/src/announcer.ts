/**
 * Screen-reader announcements through two visually hidden live regions: a polite one
 * for news (a cell ran, the notebook is saved) and an assertive one for what went
 * wrong (the kernel died).
 */
export class LiveAnnouncer {
  /**
   * Create the live regions at the end of `host`.
   */
  constructor(host: HTMLElement, options: LiveAnnouncer.IOptions = {}) {
    this._delay = options.delay ?? 100;
    this._polite = Private.region(host, 'status', 'polite');
    this._assertive = Private.region(host, 'alert', 'assertive');
  }

  /**
   * The polite region (its text is the last polite announcement).
   */
  get politeNode(): HTMLElement {
    return this._polite;
  }

  /**
   * The assertive region.
   */
  get assertiveNode(): HTMLElement {
    return this._assertive;
  }

  /**
   * Say `message`. The region is emptied first and filled a moment later, so that the
   * same message twice in a row (two cells with the same result) is said twice.
   */
  announce(message: string, urgency: 'polite' | 'assertive' = 'polite'): void {
    const node = urgency === 'polite' ? this._polite : this._assertive;
    node.textContent = '';
    window.clearTimeout(this._timers.get(node));
    this._timers.set(
      node,
      window.setTimeout(() => {
        node.textContent = message;
      }, this._delay)
    );
  }

  /**
   * Remove the regions.
   */
  dispose(): void {
    for (const timer of this._timers.values()) {
      window.clearTimeout(timer);
    }
    this._polite.remove();
    this._assertive.remove();
  }

  private _delay: number;
  private _polite: HTMLElement;
  private _assertive: HTMLElement;
  private _timers = new Map<HTMLElement, number>();
}

/**
 * The LiveAnnouncer types.
 */
export namespace LiveAnnouncer {
  /**
   * Options of a LiveAnnouncer.
   */
  export interface IOptions {
    /** Milliseconds between emptying a region and writing the message. */
    delay?: number;
  }
}

namespace Private {
  export function region(
    host: HTMLElement,
    role: string,
    live: string
  ): HTMLElement {
    const node = document.createElement('div');
    node.className = 'cdc-a11y-live';
    node.setAttribute('role', role);
    node.setAttribute('aria-live', live);
    node.setAttribute('aria-atomic', 'true');
    host.appendChild(node);
    return node;
  }
}
