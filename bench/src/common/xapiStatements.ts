/**
 * The statements of the LRS benchmarks: pupils of a school (200) doing 50 notebook
 * activities with 8 verbs, each pupil and activity with its own registration, all in
 * one course. Deterministic: statement `i` is the same for every LRS of a run.
 */
import { createHash } from 'crypto';

export const SHAPE = { pupils: 200, activities: 50, verbs: 8 };

export const COURSE = 'https://candyce.example/courses/maths-2de';

export function pupil(n: number): Record<string, unknown> {
  return {
    objectType: 'Agent',
    account: { homePage: 'https://candyce.example', name: `eleve-${n}` }
  };
}

export function verbId(n: number): string {
  return `http://adlnet.gov/expapi/verbs/v${n}`;
}

export function activityId(n: number): string {
  return `https://candyce.example/activities/notebook-${n}`;
}

/** The registration of a pupil in an activity: a UUID made from both. */
export function registration(pupilNumber: number, activity: number): string {
  const hex = createHash('sha1')
    .update(`${pupilNumber}/${activity}`)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function statement(i: number): Record<string, unknown> {
  const who = i % SHAPE.pupils;
  const activity = (i * 7) % SHAPE.activities;
  const verb = i % SHAPE.verbs;
  return {
    actor: pupil(who),
    verb: { id: verbId(verb), display: { 'fr-FR': `verbe ${verb}` } },
    object: {
      id: activityId(activity),
      definition: {
        name: { 'fr-FR': `Carnet ${activity}` },
        type: 'http://adlnet.gov/expapi/activities/assessment'
      }
    },
    result: {
      score: { scaled: (i % 100) / 100 },
      success: i % 3 === 0,
      duration: 'PT5M12S'
    },
    context: {
      registration: registration(who, activity),
      contextActivities: { parent: [{ id: COURSE }] },
      platform: 'Candyce'
    }
  };
}
