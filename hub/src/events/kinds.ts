/**
 * The news the hub pushes (`GET /hub/api/v1/events`): each kind and what it carries.
 * A leaf module: the features that publish and the stream share it. Payloads hold only
 * what their recipient may read anyway (an assignment's id and title, a class's name,
 * a pupil's display name for their teacher), never an account id.
 */

/** A new assignment, for each of its learners (a class's, or one who joined by code). */
export interface IAssignmentNews {
  assignmentId: string;
  title: string;
  /** The class it was given through; null when joined by share code. */
  className: string | null;
}

/** A learner's hand-in, for the assignment's teacher. */
export interface IHandInNews {
  assignmentId: string;
  title: string;
  learnerDisplayName: string;
  version: number;
  late: boolean;
}

/** Work returned with feedback, for the learner. */
export interface IReturnedNews {
  assignmentId: string;
  title: string;
}

/** An invitation to a group workspace, for each invited member. */
export interface IGroupInvitationNews {
  groupId: string;
  groupName: string;
  className: string;
  invitedByDisplayName: string;
}

/** A pupil asks for help on a notebook, for the class's teachers. */
export interface IHelpRequestNews {
  helpRequestId: string;
  learnerDisplayName: string;
  className: string;
  /** The notebook's path in the pupil's home. */
  path: string;
}

/** Each kind of news and its payload. */
export interface IEventKinds {
  'assignment.new': IAssignmentNews;
  'assignment.submitted': IHandInNews;
  'assignment.returned': IReturnedNews;
  'group.invitation': IGroupInvitationNews;
  'help.request': IHelpRequestNews;
}

export type EventKind = keyof IEventKinds;

/** The kinds, as a list (the contract's enum). */
export const EVENT_KINDS: readonly EventKind[] = [
  'assignment.new',
  'assignment.submitted',
  'assignment.returned',
  'group.invitation',
  'help.request'
];

/** One piece of news, before it is journalled. */
export type HubEvent = {
  [K in EventKind]: { kind: K; data: IEventKinds[K] };
}[EventKind];

/**
 * What a stream sends: a journalled event, or `resync` when events the client had not
 * received were trimmed from the journal (it should reload what it shows).
 */
export interface IStreamedEvent {
  id: number;
  kind: EventKind | 'resync';
  at: string;
  data: unknown;
}

/**
 * What features are given to publish news: a leaf interface, so that the assignments
 * (and later groups and help) need not import the events module.
 */
export interface IEventPublisher {
  /**
   * Journal `event` for each of `recipients` (user ids) and push it to their open
   * streams. Never throws: news is not worth failing the action it tells about.
   */
  publish(recipients: readonly string[], event: HubEvent): Promise<void>;
}
