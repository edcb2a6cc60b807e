/**
 * The hub's languages: French by default, English available, from the `candyce`
 * catalogue the extensions use.
 *
 * `const trans = translator(requestLanguage(request))`, then English msgids with
 * JupyterLab's `%1` placeholders in `trans.__(…)` calls, which `scripts/i18n.mjs`
 * extracts from `hub/src` as from the extensions (comments included: keep examples
 * out of them).
 */
export { cataloguePath, loadCatalogue, parsePo } from './catalogue';
export {
  acceptedLanguage,
  DEFAULT_LANGUAGE,
  isLanguage,
  jupyterLabLocale,
  Language,
  LANGUAGE_COOKIE,
  LANGUAGE_PARAMETER,
  LANGUAGES,
  rememberLanguageChoice,
  requestLanguage
} from './language';
export {
  IHubTranslator,
  SCHOOL_CONTEXT,
  schoolTranslator,
  strfmt,
  translator
} from './translator';
