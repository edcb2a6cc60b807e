import { Token } from '@lumino/coreutils';

/**
 * The library token.
 */
export const ILibrary = new Token<ILibrary>(
  '@candyce/library:ILibrary',
  'The « Bibliothèque » panel: show it, or show the page of one resource.'
);

/**
 * The « Bibliothèque » panel, for other plugins.
 */
export interface ILibrary {
  /**
   * Show the panel and focus its search field.
   */
  open(): void;
  /**
   * Show the panel on the page of a resource.
   */
  showResource(id: string): void;
}
