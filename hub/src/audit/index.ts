/**
 * The audit log of administrative actions (table `audit_events`).
 */
export * from './actions';
export * from './service';
