import { LabIcon } from '@jupyterlab/ui-components';

import candyceSvg from '../style/icons/candyce.svg';

/**
 * The Candyce logo, shared by every Candyce extension.
 */
export const candyceIcon = new LabIcon({
  name: 'candyce:logo',
  svgstr: candyceSvg
});
