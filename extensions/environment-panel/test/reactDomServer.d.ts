/** The one function of react-dom/server the tests use (no @types/react-dom here). */
declare module 'react-dom/server' {
  import type { ReactElement } from 'react';

  export function renderToStaticMarkup(element: ReactElement): string;
}
