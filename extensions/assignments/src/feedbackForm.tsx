import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type {
  IFeedbackDraft,
  IPerson,
  IRubricRow,
  ITeachingAssignment
} from './api';
import { errorMessage } from './errors';
import type { AssignmentsStore } from './store';

/**
 * The feedback on one pupil's work: comment, grade, rubric and the comments written on
 * cells (with the « Commenter la cellule » command).
 */
export function FeedbackForm(props: {
  store: AssignmentsStore;
  trans: TranslationBundle;
  assignment: ITeachingAssignment;
  learner: IPerson;
  onSaved: (message: string) => void;
  onReturn: () => void;
  /** Starts the DOM ids of the form's fields: one per view that shows a form. */
  idPrefix?: string;
}): JSX.Element {
  const { store, trans, assignment, learner } = props;
  const ids = props.idPrefix ?? 'cdc-Feedback';
  const [draft, setDraft] = React.useState<IFeedbackDraft | null>(
    store.loadedDraft(assignment.id, learner.name)
  );
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [error, setError] = React.useState<string | null>(null);
  const [saving, setSaving] = React.useState(false);

  React.useEffect(() => {
    store
      .draft(assignment.id, learner.name)
      .then(loaded => {
        setDraft(store.loadedDraft(assignment.id, learner.name) ?? loaded);
        requestAnimationFrame(() =>
          document.getElementById(`${ids}-comment`)?.focus()
        );
      })
      .catch(reason => setError(errorMessage(reason, trans)));
    const changed = () =>
      setDraft(store.loadedDraft(assignment.id, learner.name));
    store.changed.connect(changed);
    return () => {
      store.changed.disconnect(changed);
    };
  }, [assignment.id, learner.name]);

  const headingId = `${ids}-heading`;
  if (!draft) {
    return (
      <section className="cdc-Assignments-feedback" aria-labelledby={headingId}>
        <h3 id={headingId}>
          {trans.__('Feedback for %1', learner.displayName)}
        </h3>
        {error ? (
          <p role="alert" className="cdc-Assignments-error">
            {error}
          </p>
        ) : (
          <p>{trans.__('Loading…')}</p>
        )}
      </section>
    );
  }
  const update = (change: Partial<IFeedbackDraft>) =>
    store.updateDraft(assignment.id, learner.name, { ...draft, ...change });
  const rubric = draft.rubric ?? [];
  const setRow = (index: number, change: Partial<IRubricRow>) =>
    update({
      rubric: rubric.map((row, i) =>
        i === index ? { ...row, ...change } : row
      )
    });
  const number = (text: string): number | null =>
    text.trim() === '' ? null : Number(text.replace(',', '.'));

  const save = async (): Promise<boolean> => {
    const found: Record<string, string> = {};
    if (draft.grade !== null && !Number.isFinite(draft.grade)) {
      found.grade = trans.__('Give the grade as a number.');
    }
    if (
      draft.maxGrade !== null &&
      (!Number.isFinite(draft.maxGrade) || draft.maxGrade <= 0)
    ) {
      found.maxGrade = trans.__('Give the maximum grade as a positive number.');
    } else if (
      draft.grade !== null &&
      draft.maxGrade !== null &&
      (draft.grade < 0 || draft.grade > draft.maxGrade)
    ) {
      found.grade = trans.__(
        'The grade must be between 0 and %1.',
        draft.maxGrade
      );
    }
    setErrors(found);
    if (Object.keys(found).length) {
      document.getElementById(`${ids}-${Object.keys(found)[0]}`)?.focus();
      return false;
    }
    setSaving(true);
    setError(null);
    try {
      await store.saveDraft(assignment.id, learner.name);
      props.onSaved(trans.__('Feedback for %1 saved.', learner.displayName));
      return true;
    } catch (reason) {
      setError(errorMessage(reason, trans));
      return false;
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="cdc-Assignments-feedback" aria-labelledby={headingId}>
      <h3 id={headingId}>{trans.__('Feedback for %1', learner.displayName)}</h3>
      {draft.fromAutograder && (
        <p className="cdc-Assign-hint">
          {trans.__(
            'Proposed by the automatic grading: check it, change it if needed, then save it.'
          )}
        </p>
      )}
      <form
        className="cdc-Feedback-form"
        noValidate
        onSubmit={event => {
          event.preventDefault();
          void save();
        }}
      >
        <label htmlFor={`${ids}-comment`}>{trans.__('Overall comment')}</label>
        <textarea
          id={`${ids}-comment`}
          className="jp-mod-styled"
          rows={4}
          value={draft.comment}
          onChange={event => update({ comment: event.target.value })}
        />
        <div className="cdc-Assignments-inline">
          <div>
            <label htmlFor={`${ids}-grade`}>{trans.__('Grade')}</label>
            <input
              id={`${ids}-grade`}
              className="jp-mod-styled cdc-Feedback-number"
              type="text"
              inputMode="decimal"
              value={draft.grade ?? ''}
              aria-invalid={errors.grade ? true : undefined}
              aria-describedby={errors.grade ? `${ids}-grade-error` : undefined}
              onChange={event => update({ grade: number(event.target.value) })}
            />
          </div>
          <div>
            <label htmlFor={`${ids}-maxGrade`}>{trans.__('Out of')}</label>
            <input
              id={`${ids}-maxGrade`}
              className="jp-mod-styled cdc-Feedback-number"
              type="text"
              inputMode="decimal"
              value={draft.maxGrade ?? ''}
              aria-invalid={errors.maxGrade ? true : undefined}
              aria-describedby={
                errors.maxGrade ? `${ids}-maxGrade-error` : undefined
              }
              onChange={event =>
                update({ maxGrade: number(event.target.value) })
              }
            />
          </div>
        </div>
        {errors.grade && (
          <p id={`${ids}-grade-error`} className="cdc-Assignments-error">
            {errors.grade}
          </p>
        )}
        {errors.maxGrade && (
          <p id={`${ids}-maxGrade-error`} className="cdc-Assignments-error">
            {errors.maxGrade}
          </p>
        )}
        <fieldset className="cdc-Feedback-rubric">
          <legend>{trans.__('Rubric (optional)')}</legend>
          {rubric.map((row, i) => (
            <div key={i} className="cdc-Assignments-inline">
              <div>
                <label htmlFor={`${ids}-criterion-${i}`}>
                  {trans.__('Criterion %1', i + 1)}
                </label>
                <input
                  id={`${ids}-criterion-${i}`}
                  className="jp-mod-styled"
                  type="text"
                  value={row.criterion}
                  onChange={event =>
                    setRow(i, { criterion: event.target.value })
                  }
                />
              </div>
              <div>
                <label htmlFor={`${ids}-points-${i}`}>
                  {trans.__('Points')}
                </label>
                <input
                  id={`${ids}-points-${i}`}
                  className="jp-mod-styled cdc-Feedback-number"
                  type="text"
                  inputMode="decimal"
                  value={row.points ?? ''}
                  onChange={event =>
                    setRow(i, { points: number(event.target.value) })
                  }
                />
              </div>
              <div>
                <label htmlFor={`${ids}-max-${i}`}>{trans.__('Out of')}</label>
                <input
                  id={`${ids}-max-${i}`}
                  className="jp-mod-styled cdc-Feedback-number"
                  type="text"
                  inputMode="decimal"
                  value={row.max}
                  onChange={event =>
                    setRow(i, { max: number(event.target.value) ?? 0 })
                  }
                />
              </div>
              <button
                type="button"
                className="jp-Button jp-mod-styled"
                aria-label={trans.__('Remove criterion %1', i + 1)}
                onClick={() =>
                  update({ rubric: rubric.filter((_r, j) => j !== i) })
                }
              >
                {trans.__('Remove')}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="jp-Button jp-mod-styled"
            onClick={() =>
              update({
                rubric: [...rubric, { criterion: '', points: null, max: 5 }]
              })
            }
          >
            {trans.__('Add a criterion')}
          </button>
        </fieldset>
        <section aria-labelledby={`${ids}-cells-h`}>
          <h4 id={`${ids}-cells-h`}>{trans.__('Comments on cells')}</h4>
          {(draft.cells ?? []).length === 0 ? (
            <p className="cdc-Assignments-meta">
              {trans.__(
                'Open the work, select a cell, then run « Comment the cell » (in the cell’s context menu or the command palette).'
              )}
            </p>
          ) : (
            <ul className="cdc-Feedback-cells">
              {(draft.cells ?? []).map(c => (
                <li key={`${c.path}/${c.cellId}`}>
                  <span className="cdc-Assignments-meta">
                    {trans.__('%1, cell %2:', c.path, c.cellId.slice(0, 8))}
                  </span>{' '}
                  {c.comment}{' '}
                  <button
                    type="button"
                    className="cdc-Assignments-link"
                    onClick={() =>
                      store.setCellComment(assignment.id, learner.name, {
                        ...c,
                        comment: ''
                      })
                    }
                  >
                    {trans.__('Remove')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
        {error && (
          <p role="alert" className="cdc-Assignments-error">
            {error}
          </p>
        )}
        <div className="cdc-Assignments-actions">
          <button
            type="submit"
            className="jp-Button jp-mod-styled jp-mod-accept"
            disabled={saving}
          >
            {saving ? trans.__('Saving…') : trans.__('Save the feedback')}
          </button>
          <button
            type="button"
            className="jp-Button jp-mod-styled"
            disabled={saving}
            onClick={() =>
              void save().then(saved => {
                if (saved) {
                  props.onReturn();
                }
              })
            }
          >
            {trans.__('Return the work')}
          </button>
        </div>
      </form>
    </section>
  );
}
