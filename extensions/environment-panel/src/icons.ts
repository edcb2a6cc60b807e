import { LabIcon } from '@jupyterlab/ui-components';

import environmentSvg from '../style/icons/environment.svg';

/**
 * The icon of the « Environnement » panel: a package box.
 */
export const environmentIcon = new LabIcon({
  name: 'candyce:environment',
  svgstr: environmentSvg
});
