import type { ILearnerAssignment } from './api';

/**
 * What the « Mes devoirs » panel asks the plugin to do; each returns the sentence to
 * announce, or throws.
 *
 * A leaf module: the panel (`learner.tsx`), its view (`learnerView.tsx`) and the
 * plugin's implementation (`learnerActions.ts`) all read it, and it reads none of them.
 */
export interface ILearnerActions {
  join(code: string): Promise<string>;
  fetch(assignment: ILearnerAssignment): Promise<string>;
  open(assignment: ILearnerAssignment): Promise<string>;
  /**
   * Hand in (a new request), or send again the last one that failed on the network.
   */
  submit(
    assignment: ILearnerAssignment,
    retry: boolean,
    onProgress: (message: string) => void
  ): Promise<string>;
  /**
   * Whether the last hand-in failed on the network and can be sent again.
   */
  canRetry(assignment: ILearnerAssignment): boolean;
}
