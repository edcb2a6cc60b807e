import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

/**
 * « Individuel » or « Par groupe » for one chosen class of the « Nouveau devoir » form,
 * shown only when the class has group workspaces: by group, each workspace is one
 * learner (one copy handed in per group, its feedback read by every member).
 */
export function WorkModeChoice(props: {
  classId: string;
  className: string;
  /** The class's live group workspaces (at least one). */
  groups: number;
  byGroup: boolean;
  trans: TranslationBundle;
  onChange: (byGroup: boolean) => void;
}): JSX.Element {
  const { classId, className, groups, byGroup, trans, onChange } = props;
  // One radio group per class: the arrow keys move within it.
  const name = `cdc-Assign-workMode-${classId}`;
  return (
    <fieldset className="cdc-Assign-workMode">
      <legend>
        {trans.__('Class %1: individual or group work', className)}
      </legend>
      <label>
        <input
          type="radio"
          name={name}
          value="individual"
          checked={!byGroup}
          onChange={() => onChange(false)}
        />
        {trans.__('Individual')}
      </label>
      <label>
        <input
          type="radio"
          name={name}
          value="group"
          checked={byGroup}
          onChange={() => onChange(true)}
        />
        {trans._n(
          'By group (%1 group workspace)',
          'By group (%1 group workspaces)',
          groups
        )}
      </label>
    </fieldset>
  );
}
