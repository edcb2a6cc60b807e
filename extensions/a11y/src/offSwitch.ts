/**
 * Whether the page was opened with `?a11y=off`: then @candyce/a11y changes nothing,
 * and JupyterLab is as stock. A way to compare, or to tell whether a problem comes
 * from this layer (the UI tests measure stock JupyterLab in the same run this way).
 */
export function isA11yOff(search: string = window.location.search): boolean {
  return new URLSearchParams(search).get('a11y') === 'off';
}
