import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { IFeedback, ILearnerAssignment } from './api';
import { errorMessage } from './errors';
import { gradeText } from './labels';
import type { AssignmentsStore } from './store';

/**
 * The teacher's returned feedback: comment, grade, rubric, and how many cells carry a
 * comment (shown under the cells in the notebook).
 */
export function LearnerFeedback(props: {
  assignment: ILearnerAssignment;
  store: AssignmentsStore;
  trans: TranslationBundle;
  locale: string;
}): JSX.Element {
  const { assignment, store, trans, locale } = props;
  const [feedback, setFeedback] = React.useState<IFeedback | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  React.useEffect(() => {
    store
      .myFeedback(assignment.id)
      .then(setFeedback)
      .catch(reason => setError(errorMessage(reason, trans)));
  }, [assignment.id, assignment.returnedAt]);
  const headingId = `cdc-Learner-feedback-${assignment.id}`;
  const grade = feedback
    ? gradeText(feedback.grade, feedback.maxGrade, locale)
    : null;
  return (
    <section className="cdc-Assignments-feedback" aria-labelledby={headingId}>
      <h4 id={headingId}>{trans.__('Your teacher’s feedback')}</h4>
      {error && <p className="cdc-Assignments-error">{error}</p>}
      {!feedback && !error && <p>{trans.__('Loading…')}</p>}
      {feedback && (
        <>
          {grade && (
            <p className="cdc-Assignments-grade">
              {trans.__('Grade: %1', grade)}
            </p>
          )}
          {feedback.comment && (
            <p className="cdc-Assignments-comment">{feedback.comment}</p>
          )}
          {feedback.rubric.length > 0 && (
            <table className="cdc-Assignments-table">
              <caption>{trans.__('Marking rubric')}</caption>
              <thead>
                <tr>
                  <th scope="col">{trans.__('Criterion')}</th>
                  <th scope="col">{trans.__('Points')}</th>
                </tr>
              </thead>
              <tbody>
                {feedback.rubric.map((row, i) => (
                  <tr key={i}>
                    <th scope="row">{row.criterion}</th>
                    <td>
                      {gradeText(row.points, row.max, locale) ??
                        trans.__('not marked')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {feedback.cells.length > 0 && (
            <p className="cdc-Assignments-meta">
              {trans._n(
                '%1 comment in the notebook, under the cell it is about.',
                '%1 comments in the notebook, under the cells they are about.',
                feedback.cells.length
              )}
            </p>
          )}
        </>
      )}
    </section>
  );
}
