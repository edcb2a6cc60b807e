import { LabIcon } from '@jupyterlab/ui-components';

import administrationSvg from '../style/icons/administration.svg';

/**
 * The administration's icon: a person beside a gear.
 */
export const administrationIcon = new LabIcon({
  name: 'candyce:administration',
  svgstr: administrationSvg
});
