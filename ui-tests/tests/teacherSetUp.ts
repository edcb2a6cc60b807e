/**
 * The set-ups UI specs make through the hub's API before they open a page: an account's
 * API from a browser context of its own, a class found by name, a notebook handed out.
 * Kept beside `fixtures.ts` (at its size limit), for every spec that prepares so.
 */
import type { Browser, BrowserContext } from '@playwright/test';

import { demoLogin, hubApi, logIn, notebookBase64 } from './fixtures';

/** The hub API of a signed-in user, as `hubApi` gives it. */
export type HubApi = Awaited<ReturnType<typeof hubApi>>;

/**
 * The hub API as a demo account, from a new French browser context logged in with
 * the password form; close `context` when done.
 */
export async function hubApiAs(
  browser: Browser,
  name: string
): Promise<{ context: BrowserContext; api: HubApi }> {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  await logIn(page, demoLogin(name));
  return { context, api: await hubApi(page.request) };
}

/** The id of one of the caller's classes, by its name (`2de B`); fails without it. */
export async function classIdNamed(api: HubApi, name: string): Promise<string> {
  const { classes } = await api.call<{
    classes: { id: string; name: string }[];
  }>('GET', '/classes');
  const found = classes.find(c => c.name === name);
  if (!found) {
    throw new Error(`no class named ${name} among the caller's`);
  }
  return found.id;
}

/**
 * Hand out one notebook, as if from the teacher's home, to classes: the assignment's id.
 */
export async function handOutNotebook(
  api: HubApi,
  options: {
    title: string;
    classIds: string[];
    path: string;
    notebook: object;
  }
): Promise<string> {
  const { title, classIds, path, notebook } = options;
  const assignment = await api.call<{ id: string }>('POST', '/assignments', {
    title,
    classIds,
    source: {
      home: { path, files: [{ path, content: notebookBase64(notebook) }] }
    }
  });
  return assignment.id;
}
