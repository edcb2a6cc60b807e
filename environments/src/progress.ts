/** Progress events: what a UI shows as a progress bar with a log below it. */

/** One step of a resolution or a build. */
export interface IProgressEvent {
  /** What the engine is doing. */
  phase: 'resolve' | 'venv' | 'install' | 'compile' | 'store' | 'done';
  /** A short French sentence for the UI (« Installation de numpy… »). */
  message: string;
  /** How far the whole operation is, from 0 to 1, when it is known. */
  fraction?: number;
  /** A raw line of pip's, uv's or Python's output, for a log panel. */
  log?: string;
}

/** Receives progress events. */
export type ProgressCallback = (event: IProgressEvent) => void;
