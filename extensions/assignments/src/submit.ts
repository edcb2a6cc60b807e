import { HubUnreachableError } from '@candyce/core';

import type { IFileIn, ISubmission } from './api';

/**
 * Hands work in so that a retry never makes a second submission.
 *
 * Each click on « Rendre » makes one request id (`crypto.randomUUID()`). When the
 * network fails, the same request id and the same files are sent again — a few times
 * at once, then when the learner clicks « Réessayer » — and the hub answers the
 * submission it has already recorded instead of recording another one.
 */
export class SubmissionSender {
  constructor(options: SubmissionSender.IOptions) {
    this._send = options.send;
    this._newId = options.newId ?? (() => crypto.randomUUID());
    this._retries = options.retries ?? 2;
    this._wait =
      options.wait ?? (ms => new Promise(resolve => setTimeout(resolve, ms)));
  }

  /**
   * Whether the last hand-in of an assignment failed on the network and can be retried.
   */
  hasPending(assignmentId: string): boolean {
    return this._pending.has(assignmentId);
  }

  /**
   * The request id of a failed hand-in waiting for a retry.
   */
  pendingRequestId(assignmentId: string): string | null {
    return this._pending.get(assignmentId)?.requestId ?? null;
  }

  /**
   * Hand work in: a new request (a new click).
   */
  submit(assignmentId: string, files: IFileIn[]): Promise<ISubmission> {
    const attempt = { requestId: this._newId(), files };
    this._pending.delete(assignmentId);
    return this._run(assignmentId, attempt);
  }

  /**
   * Send again the hand-in that failed on the network, with its request id.
   */
  retry(assignmentId: string): Promise<ISubmission> {
    const attempt = this._pending.get(assignmentId);
    if (!attempt) {
      return Promise.reject(new Error('nothing to retry'));
    }
    return this._run(assignmentId, attempt);
  }

  /**
   * Forget a failed hand-in (the learner changed their files and hands in again).
   */
  forget(assignmentId: string): void {
    this._pending.delete(assignmentId);
  }

  private async _run(
    assignmentId: string,
    attempt: Private.IAttempt
  ): Promise<ISubmission> {
    for (let tries = 0; ; tries++) {
      try {
        const submission = await this._send(
          assignmentId,
          attempt.requestId,
          attempt.files
        );
        this._pending.delete(assignmentId);
        return submission;
      } catch (reason) {
        if (!(reason instanceof HubUnreachableError)) {
          // The hub answered (409, 422…): sending the same again would not help.
          this._pending.delete(assignmentId);
          throw reason;
        }
        if (tries >= this._retries) {
          this._pending.set(assignmentId, attempt);
          throw reason;
        }
        await this._wait(1000 * 2 ** tries);
      }
    }
  }

  private _send: SubmissionSender.SendFunction;
  private _newId: () => string;
  private _retries: number;
  private _wait: (ms: number) => Promise<void>;
  private _pending = new Map<string, Private.IAttempt>();
}

/**
 * The SubmissionSender options.
 */
export namespace SubmissionSender {
  /**
   * Sends one hand-in to the hub (`AssignmentsApi.submit`).
   */
  export type SendFunction = (
    assignmentId: string,
    requestId: string,
    files: IFileIn[]
  ) => Promise<ISubmission>;

  /**
   * What the sender needs.
   */
  export interface IOptions {
    send: SendFunction;
    /** Makes request ids; `crypto.randomUUID` by default. */
    newId?: () => string;
    /** How many times a network failure is retried at once (2 by default). */
    retries?: number;
    /** Waits between automatic retries. */
    wait?: (ms: number) => Promise<void>;
  }
}

namespace Private {
  export interface IAttempt {
    requestId: string;
    files: IFileIn[];
  }
}
