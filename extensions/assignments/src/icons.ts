import { LabIcon } from '@jupyterlab/ui-components';

import assignmentSvg from '../style/icons/assignment.svg';

/**
 * The icon of the assignments panels: a clipboard with a tick.
 */
export const assignmentIcon = new LabIcon({
  name: 'candyce:assignment',
  svgstr: assignmentSvg
});
