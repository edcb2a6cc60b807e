import type { IHub } from '../../src/main';
import { ISignedIn, readJson, signIn } from '../hubHarness';
import { emitterOf } from './dashboards';
import { metadata, publishBody } from './resources';

/**
 * What the programme's and establishments' dashboard tests set up alike: a class of an
 * establishment with its teacher and learners, everyone signed in, a teacher of
 * mathematics who reuses a library resource.
 */

/** A class of `establishmentId` taught by `teacherId`, with these learners. */
export async function classWith(
  hub: Pick<IHub, 'classes'>,
  klass: { name: string; level: string; establishmentId: string },
  teacherId: string,
  learnerIds: readonly string[]
): Promise<{ id: string }> {
  const made = await hub.classes.create(klass);
  await hub.classes.addMember(made.id, teacherId, 'teacher');
  for (const learnerId of learnerIds) {
    await hub.classes.addMember(made.id, learnerId, 'learner');
  }
  return made;
}

/** These users signed in, by name. */
export async function signInAll(
  hub: Parameters<typeof signIn>[0],
  names: readonly string[]
): Promise<Record<string, ISignedIn>> {
  const signed: Record<string, ISignedIn> = {};
  for (const name of names) {
    signed[name] = await signIn(hub, name);
  }
  return signed;
}

/**
 * `teacher` teaches mathematics (2de), sends `statement` through the LRS, publishes a
 * resource and opens it twice as a copy (2 reuses).
 */
export async function teacherReusesResource(
  teacher: ISignedIn,
  hubUrl: string,
  statement: Record<string, unknown>
): Promise<void> {
  expect(
    (
      await teacher.call('PUT', '/library/profile', {
        disciplines: ['mathematiques'],
        levels: ['2de']
      })
    ).status
  ).toBe(200);
  expect(await (await emitterOf(teacher, hubUrl)).send([statement])).toBe(200);
  const resource = await readJson(
    await teacher.call('POST', '/library/resources', publishBody(metadata()))
  );
  for (let i = 0; i < 2; i++) {
    const use = await teacher.call(
      'POST',
      `/library/resources/${resource.id}/uses`,
      { kind: 'open' }
    );
    expect(use.status).toBe(204);
  }
}
