import { LabIcon } from '@jupyterlab/ui-components';

import dashboardSvg from '../style/icons/dashboard.svg';

/**
 * The dashboards' icon: bars over an axis.
 */
export const dashboardIcon = new LabIcon({
  name: 'candyce:dashboard',
  svgstr: dashboardSvg
});
