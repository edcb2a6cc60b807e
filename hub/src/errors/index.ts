/**
 * The hub's refusals: {@link DomainError}s with a code of {@link ERROR_STATUS} and a
 * message written with `trans.__` and translated where it is shown.
 *
 * ```ts
 * throw new DomainError('unknown_class', trans.__('Unknown class.'));
 * ```
 */
export { ERROR_STATUS, ErrorCode, isErrorCode } from './codes';
export { DomainError, frenchText } from './domainError';
export {
  dateParameter,
  IDateParameter,
  IMessage,
  IMessageTranslator,
  Parameter,
  trans,
  translateMessage,
  translateParameters
} from './message';
