/**
 * Roles, scopes and object-level rights: the one place where access is decided.
 */
export * from './policy';
export * from './ranks';
export * from './scopes';
