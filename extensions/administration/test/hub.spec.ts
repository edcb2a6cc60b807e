/**
 * The administration against a real hub (`hub/src/cli.ts serve`, demo accounts, a
 * fresh SQLite file), drawn in jsdom: search and pages, the create form's errors,
 * roles, a reset code, deactivation, the log; and what an establishment's
 * administrator (`direction`) sees.
 */
import * as fs from 'fs';

import { HubApi, HubClient } from '@candyce/core';
import { french } from '@candyce/core/testing';

import { HubSession, startDemoHub } from '../../telemetry/test/hubSession';
import type { HubProcess } from '../../../hub/test/helpers/hubProcess';
import { AdministrationApi } from '../src/api';
import { Formats } from '../src/format';
import type { IAdministrationOptions } from '../src/options';
import { AdministrationPanel } from '../src/panel';

jest.setTimeout(180_000);

const trans = french();
let hub: HubProcess;
let dataDir: string;
let admin: HubSession;
let direction: HubSession;
/** Unique to this run, so that names never meet the demo's. */
const tag = `t${Date.now().toString(36)}`;

beforeAll(async () => {
  const started = await startDemoHub();
  hub = started.hub;
  dataDir = started.dataDir;
  const password = (name: string) =>
    started.logins.find(l => l.name === name)!.password;
  admin = await HubSession.signIn(hub.url, 'admin', password('admin'));
  direction = await HubSession.signIn(
    hub.url,
    'direction',
    password('direction')
  );
});

afterAll(async () => {
  await hub?.stop('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The API as a user's JupyterLab calls it: their cookies, their token. */
function apiOf(session: HubSession): AdministrationApi {
  const client = new HubClient({
    baseUrl: `${session.url}/hub/api/v1`,
    fetch: (input, init) =>
      session.request(
        init?.method ?? 'GET',
        String(input).slice(session.url.length),
        {
          body: init?.body as string | undefined,
          headers: {
            ...Object.fromEntries(new Headers(init?.headers)),
            Origin: session.url
          }
        }
      )
  });
  client.xsrfToken = session.xsrf;
  return new AdministrationApi(new HubApi(client));
}

async function panelOf(
  session: HubSession,
  roles: string[],
  answers: boolean[] = []
): Promise<{ panel: AdministrationPanel; api: AdministrationApi }> {
  const api = apiOf(session);
  const rights = await api.establishments();
  const options: IAdministrationOptions = {
    api,
    trans,
    formats: new Formats('fr_FR'),
    callerRoles: roles,
    establishments: rights.establishments,
    establishmentRequired: !rights.everything,
    environments: roles.includes('admin'),
    resetPageUrl: `${session.url}/hub/mot-de-passe`,
    // Each confirmation answers the next of `answers` (yes when none is left).
    confirm: async () => answers.shift() ?? true
  };
  const panel = new AdministrationPanel(options);
  document.body.append(panel.node);
  return { panel, api };
}

/** Wait until a condition on the page holds (the views answer after the hub). */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) {
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 25));
  }
  throw new Error(
    `never: ${what} (${document.body.textContent?.slice(0, 600)})`
  );
}

const $ = <T extends Element = HTMLElement>(node: Element, selector: string) =>
  node.querySelector<T & Element>(selector)!;
const text = (node: Element, selector: string) =>
  $(node, selector)?.textContent ?? '';
const buttonNamed = (node: Element, name: string) =>
  [...node.querySelectorAll<HTMLButtonElement>('button')].find(
    button => button.textContent === name
  )!;
const rowNames = (node: Element) =>
  [...node.querySelectorAll('.cdc-AdminUserName')].map(td => td.textContent);

function search(node: Element, q: string, size: string): void {
  $<HTMLInputElement>(node, '#cdc-admin-search').value = q;
  $<HTMLSelectElement>(node, '#cdc-admin-size').value = size;
  $<HTMLFormElement>(node, 'form[role="search"]').requestSubmit();
}

describe('the administration of the platform', () => {
  it('searches and pages, creates with errors said beside the fields, sets roles, resets, deactivates, logs', async () => {
    const { panel, api } = await panelOf(admin, ['admin'], [true, false, true]);
    const node = panel.node;
    for (let i = 0; i < 60; i++) {
      await api.create({
        name: `${tag}-${String(i).padStart(2, '0')}`,
        displayName: `Personne ${i}`,
        roles: ['learner']
      });
    }
    await until(() => rowNames(node).length > 0, 'the first page');
    search(node, `${tag}-`, '25');
    await until(
      () => text(node, '.cdc-AdminStatus') === '60 comptes · page 1 sur 3',
      'the search'
    );
    expect(rowNames(node)[0]).toBe(`${tag}-00`);
    buttonNamed(node, 'Suivant').click();
    await until(() => rowNames(node)[0] === `${tag}-25`, 'page 2');
    expect(text(node, '.cdc-AdminStatus')).toBe('60 comptes · page 2 sur 3');
    buttonNamed(node, 'Précédent').click();
    await until(() => rowNames(node)[0] === `${tag}-00`, 'page 1 again');
    expect(buttonNamed(node, 'Précédent').disabled).toBe(true);

    // The create form: checked before sending, then the hub's refusal.
    buttonNamed(node, 'Créer un compte').click();
    const form = $<HTMLFormElement>(node, '.cdc-AdminCreateForm');
    const name = $<HTMLInputElement>(form, '#cdc-admin-new-name');
    expect(document.activeElement).toBe(name);
    const groups = [...form.querySelectorAll('optgroup')].map(g => [
      g.label,
      [...g.querySelectorAll('option')].map(o => o.textContent)
    ]);
    expect(groups).toEqual([
      ['Académie de Créteil', ['Lycée Marie Curie']],
      ['Académie de Versailles', ['Collège Jean Moulin']]
    ]);
    name.value = 'Pas Valide';
    form.requestSubmit();
    await until(() => name.getAttribute('aria-invalid') === 'true', 'errors');
    expect(text(form, '#cdc-admin-new-name-error')).toMatch(/minuscules/);
    expect(text(form, '#cdc-admin-new-displayName-error')).toMatch(/nom/i);
    expect(document.activeElement).toBe(name);
    name.value = 'eleve1';
    $<HTMLInputElement>(form, '#cdc-admin-new-displayName').value = 'Doublon';
    form.requestSubmit();
    await until(
      () => text(form, '#cdc-admin-new-name-error').includes('déjà'),
      'the hub’s refusal'
    );
    // Beside the field and at the top, the field focused again.
    expect(text(node, '.cdc-AdminPerson .cdc-AdminError')).toBe(
      text(form, '#cdc-admin-new-name-error')
    );
    expect(document.activeElement).toBe(name);
    const newName = `${tag}-new`;
    name.value = newName;
    $<HTMLSelectElement>(form, '#cdc-admin-new-establishmentId').selectedIndex =
      1;
    form.requestSubmit();
    await until(
      () => text(node, '#cdc-admin-person-heading') === 'Doublon',
      'the new person'
    );
    const person = $(node, '.cdc-AdminPerson');
    expect(text(person, '.cdc-AdminFacts')).toContain('Lycée Marie Curie');
    // Never signed in, no server: the hub has no activity to tell.
    expect(text(person, '.cdc-AdminFacts')).toContain(
      'Dernière activitéaucune connexion récente'
    );
    // The list names each person's school (« — » for none).
    const cells = (user: string) =>
      [
        ...node.querySelectorAll<HTMLElement>(
          `.cdc-AdminTable [data-user="${user}"]`
        )
      ].map(open => [...open.closest('tr')!.cells].map(td => td.textContent));
    expect(
      [...node.querySelectorAll('.cdc-AdminTable thead th')].map(
        th => th.textContent
      )
    ).toEqual(['Nom', 'Identifiant', 'Rôles', 'Établissement', 'État']);
    expect(cells(`${tag}-00`)[0][3]).toBe('—');
    search(node, newName, '25');
    await until(
      () => rowNames(node).join() === newName,
      'the new person listed'
    );
    expect(cells(newName)[0][3]).toBe('Lycée Marie Curie');

    // Roles within rank.
    $<HTMLInputElement>(person, '#cdc-admin-person-role-teacher').click();
    $<HTMLFormElement>(person, '.cdc-AdminRoles').requestSubmit();
    await until(
      () => text(person, '.cdc-AdminNotice') === 'Rôles enregistrés.',
      'roles saved'
    );
    expect((await api.user(newName)).roles).toEqual(['learner', 'teacher']);

    // A reset code, shown once.
    buttonNamed(person, 'Créer un code de réinitialisation').click();
    await until(() => text(person, '.cdc-AdminCodeValue') !== '', 'the code');
    expect(text(person, '.cdc-AdminCode')).toContain(
      `${hub.url}/hub/mot-de-passe`
    );

    // Deactivation asks first: « Annuler » changes nothing, then « Désactiver ».
    buttonNamed(person, 'Désactiver le compte').click();
    await new Promise(resolve => setTimeout(resolve, 300));
    expect((await api.user(newName)).deactivated).toBe(false);
    buttonNamed(person, 'Désactiver le compte').click();
    await until(
      () => text(person, '.cdc-AdminNotice') === 'Compte désactivé.',
      'deactivated'
    );
    expect((await api.user(newName)).deactivated).toBe(true);
    // Oneself: the hub's refusal, in French.
    const own = await api.setActive('admin', false).catch(reason => reason);
    expect(own.code).toBe('self_administration');

    // The log, filtered by one action.
    panel.tabs.show('audit');
    const audit = $(node, '.cdc-AdminAudit');
    const action = $<HTMLSelectElement>(audit, '#cdc-admin-audit-action');
    action.value = 'user.deactivate';
    action.dispatchEvent(new Event('change'));
    await until(
      () =>
        text(audit, 'tbody').includes(newName) &&
        !text(audit, 'tbody').includes('Compte créé'),
      'the deactivation logged'
    );
    expect(text(audit, 'tbody')).toContain('Compte désactivé');
    // The newest page: nothing newer to go to.
    expect(buttonNamed(audit, 'Plus récents').disabled).toBe(true);
    expect(text(audit, 'tbody')).not.toContain('Compte créé');

    // The environments, by name.
    panel.tabs.show('environments');
    await until(
      () =>
        text(node, '.cdc-AdminEnvironments .cdc-AdminStatus') !== '' ||
        text(node, '.cdc-AdminEnvironments .cdc-AdminError') !== '',
      'the environments'
    );
    expect(text(node, '.cdc-AdminEnvironments .cdc-AdminError')).toBe('');
    panel.node.remove();
  });
});

describe('the administration of an establishment', () => {
  it('shows `direction` her lycée’s people only, one academy to create in, no environments', async () => {
    const { panel } = await panelOf(direction, ['teacher']);
    const node = panel.node;
    expect(node.querySelector('#cdc-admin-tab-environments')).toBeNull();
    search(node, '', '200');
    await until(() => rowNames(node).includes('m.curie'), 'her people');
    expect(rowNames(node)).not.toContain('a.turing');
    expect(rowNames(node)).not.toContain('admin');
    buttonNamed(node, 'Créer un compte').click();
    const select = $<HTMLSelectElement>(node, '#cdc-admin-new-establishmentId');
    expect(
      [...select.querySelectorAll('optgroup')].map(group => group.label)
    ).toEqual(['Académie de Créteil']);
    // An administrator's role is above hers: not offered.
    expect(node.querySelector('#cdc-admin-new-role-admin')).toBeNull();
    panel.node.remove();
  });
});
