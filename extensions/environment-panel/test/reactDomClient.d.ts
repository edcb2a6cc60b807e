/** The part of react-dom/client the tests use (no @types/react-dom here). */
declare module 'react-dom/client' {
  import type { ReactElement } from 'react';

  export function createRoot(container: Element): {
    render(element: ReactElement): void;
    unmount(): void;
  };
}
