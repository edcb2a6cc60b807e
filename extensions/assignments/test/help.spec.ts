import './jsdomShims';

import { HubClient, IAssignments } from '@candyce/core';
import { french } from '@candyce/core/testing';
import * as http from 'http';
import type { INotebookTracker } from '@jupyterlab/notebook';
import { AddressInfo } from 'net';

import plugins from '../src';
import {
  HelpApi,
  HelpChoiceBody,
  HelpIndicator,
  IHelpRequest
} from '../src/help';
import { fakeApp, fakeSession } from '../../core/test/fakes';

const helpPlugin = plugins.find(p => p.id === '@candyce/assignments:help')!;
const panelsPlugin = plugins.find(p => p.id === '@candyce/assignments:panels')!;

const REQUEST: IHelpRequest = {
  id: 'h1',
  path: 'tp.ipynb',
  access: 'read',
  message: null,
  createdAt: '2026-12-07T08:00:00.000Z',
  expiresAt: '2026-12-07T08:45:00.000Z',
  state: 'waiting',
  learnerName: 'eleve1',
  learnerDisplayName: 'Inès',
  helperDisplayName: null,
  joinUrl: 'http://localhost:8000/user/eleve1/lab/tree/tp.ipynb'
};

describe('« Demander de l’aide »', () => {
  it('lets the pupil choose, read-only first, with an optional message', () => {
    const body = new HelpChoiceBody(french(), 'tp.ipynb');
    const text = body.node.textContent!;
    expect(text).toContain('Mon enseignant peut seulement regarder');
    expect(text).toContain('Mon enseignant peut modifier');
    expect(body.node.querySelector('legend')!.textContent).toBe(
      'Que peut faire votre enseignant ?'
    );
    expect(body.getValue()).toEqual({ access: 'read' });
    const radios = body.node.querySelectorAll<HTMLInputElement>(
      'input[type="radio"]'
    );
    // Native radios in one group, each inside its label: arrow keys and a name.
    expect([...radios].map(radio => radio.name)).toEqual([
      'cdc-help-access',
      'cdc-help-access'
    ]);
    expect(radios[1].closest('label')!.textContent).toContain('modifier');
    radios[1].checked = true;
    body.node.querySelector('textarea')!.value = '  Je bloque à la question 2 ';
    expect(body.getValue()).toEqual({
      access: 'write',
      message: 'Je bloque à la question 2'
    });
  });

  it('shows who helps, how, and ends the help', () => {
    const ended: string[] = [];
    const indicator = new HelpIndicator(french(), request =>
      ended.push(request.id)
    );
    expect(indicator.isHidden).toBe(true);
    indicator.display(REQUEST);
    expect(indicator.isHidden).toBe(false);
    expect(indicator.node.textContent).toContain(
      'Aide demandée : vos enseignants sont prévenus (lecture seule)'
    );
    indicator.display({
      ...REQUEST,
      state: 'joined',
      helperDisplayName: 'Mme Arnaud'
    });
    const status = indicator.node.querySelector('[role="status"]')!;
    expect(status.textContent).toBe('Mme Arnaud vous aide (lecture seule)');
    const button = indicator.node.querySelector('button')!;
    expect(button.textContent).toBe('Mettre fin à l’aide');
    button.click();
    expect(ended).toEqual(['h1']);
    indicator.display({ ...REQUEST, state: 'closed' });
    expect(indicator.isHidden).toBe(true);
  });
});

describe('HelpApi, against a real HTTP server', () => {
  let server: http.Server;
  let baseUrl: string;
  const seen: { method: string; url: string; body: string; xsrf: string }[] =
    [];

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      let body = '';
      request.on('data', chunk => (body += chunk));
      request.on('end', () => {
        seen.push({
          method: request.method!,
          url: request.url!,
          body,
          xsrf: String(request.headers['x-candyce-xsrf'] ?? '')
        });
        const answer =
          request.url === '/hub/api/v1/me/help-request'
            ? { request: null }
            : {
                ...REQUEST,
                state: request.url!.endsWith('/join') ? 'joined' : 'waiting'
              };
        response.writeHead(request.method === 'POST' ? 201 : 200, {
          'content-type': 'application/json'
        });
        response.end(JSON.stringify(answer));
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hub/api/v1`;
  });

  afterAll(() => new Promise(resolve => server.close(resolve)));

  it('asks, follows, joins and closes through the contract’s routes', async () => {
    const hub = new HubClient({ baseUrl });
    hub.xsrfToken = 'jeton';
    const told: IAssignments.IActivity[] = [];
    const api = new HelpApi(hub, event => told.push(event));
    expect(
      (await api.ask('tp.ipynb', { access: 'read', message: 'Q2' })).id
    ).toBe('h1');
    expect(await api.current()).toBeNull();
    expect((await api.join('h1')).state).toBe('joined');
    await api.close('h1');
    expect(seen.map(call => `${call.method} ${call.url}`)).toEqual([
      'POST /hub/api/v1/help-requests',
      'GET /hub/api/v1/me/help-request',
      'POST /hub/api/v1/help-requests/h1/join',
      'POST /hub/api/v1/help-requests/h1/close'
    ]);
    expect(JSON.parse(seen[0].body)).toEqual({
      path: 'tp.ipynb',
      access: 'read',
      message: 'Q2'
    });
    expect(seen[0].xsrf).toBe('jeton');
    // « Help asked » once, for the request the hub accepted; joining or closing is not.
    expect(told).toEqual([{ kind: 'helpAsked', path: 'tp.ipynb' }]);
  });

  it('tells no « help asked » when the hub refuses the request', async () => {
    const hub = new HubClient({
      baseUrl,
      fetch: async () =>
        new Response(
          JSON.stringify({
            error: {
              code: 'conflict',
              message: 'Une demande est déjà ouverte.'
            }
          }),
          { status: 409, headers: { 'content-type': 'application/json' } }
        )
    });
    const told: IAssignments.IActivity[] = [];
    const api = new HelpApi(hub, event => told.push(event));
    await expect(api.ask('tp.ipynb', { access: 'read' })).rejects.toThrow();
    expect(told).toEqual([]);
  });
});

describe('the help plugin', () => {
  const hub = new HubClient({
    baseUrl: 'http://hub.test/hub/api/v1',
    fetch: async () =>
      new Response(JSON.stringify({ request: null }), {
        status: 200,
        headers: { 'content-type': 'application/json' }
      })
  });

  it('offers « Demander de l’aide » to pupils on the platform only', async () => {
    for (const [roles, visible] of [
      [['learner'], true],
      [['teacher'], false]
    ] as const) {
      const session = fakeSession({ roles: [...roles], hub });
      const { app, commands, shell } = fakeApp();
      helpPlugin.activate(app, session, null, null);
      await session.ready;
      expect(commands.isVisible('candyce-assignments:ask-help')).toBe(visible);
      expect(commands.hasCommand('candyce-assignments:join-help')).toBe(true);
      expect(shell.byId('cdc-HelpIndicator')?.area).toBe('top');
    }
    const standalone = fakeSession();
    const { app, commands } = fakeApp();
    helpPlugin.activate(app, standalone, null, null);
    expect(commands.isVisible('candyce-assignments:ask-help')).toBe(false);
  });

  it('tells IAssignments.activity « help asked » once the hub accepted the request', async () => {
    // IAssignments as the panels plugin provides it (its own session does not matter).
    const panels = fakeApp();
    const assignments = panelsPlugin.activate(
      panels.app,
      fakeSession(),
      ...new Array(9).fill(null)
    ) as IAssignments;
    const told: IAssignments.IActivity[] = [];
    assignments.activity.connect((_, event) => told.push(event));

    const calls: string[] = [];
    let status = 409;
    const answering = new HubClient({
      baseUrl: 'http://hub.test/hub/api/v1',
      fetch: async (input, init) => {
        const url = String(input);
        calls.push(`${init?.method ?? 'GET'} ${new URL(url).pathname}`);
        const body = url.endsWith('/help-requests')
          ? status === 201
            ? REQUEST
            : { error: { code: 'help_already_open', message: 'Déjà.' } }
          : { request: null };
        return new Response(JSON.stringify(body), {
          status: url.endsWith('/help-requests') ? status : 200,
          headers: { 'content-type': 'application/json' }
        });
      }
    });
    const session = fakeSession({ roles: ['learner'], hub: answering });
    const notebooks = {
      currentWidget: { context: { path: 'Devoirs/tp.ipynb' } },
      widgetAdded: { connect: () => undefined }
    } as unknown as INotebookTracker;
    const { app, commands } = fakeApp();
    helpPlugin.activate(app, session, null, notebooks, assignments);
    await session.ready;

    const askThroughDialog = async () => {
      const done = commands.execute('candyce-assignments:ask-help');
      const accept = await waitForElement('.jp-Dialog .jp-mod-accept');
      accept.click();
      await done;
    };
    // Refused by the hub (an error dialog follows): nothing told.
    const refused = commands.execute('candyce-assignments:ask-help');
    (await waitForElement('.jp-Dialog .jp-mod-accept')).click();
    (
      await waitForElement(
        '.jp-Dialog .jp-mod-reject',
        'Help could not be asked'
      )
    ).click();
    await refused;
    expect(told).toEqual([]);

    status = 201;
    await askThroughDialog();
    expect(calls.filter(call => call.startsWith('POST'))).toEqual([
      'POST /hub/api/v1/help-requests',
      'POST /hub/api/v1/help-requests'
    ]);
    expect(told).toEqual([{ kind: 'helpAsked', path: 'Devoirs/tp.ipynb' }]);
  });
});

/** The first element matching a selector (in a dialog saying `text`, if given). */
async function waitForElement(
  selector: string,
  text?: string
): Promise<HTMLElement> {
  for (let i = 0; i < 200; i++) {
    const found = [...document.querySelectorAll<HTMLElement>(selector)].find(
      element =>
        !text || element.closest('.jp-Dialog')!.textContent!.includes(text)
    );
    if (found) {
      return found;
    }
    await new Promise(resolve => setTimeout(resolve, 10));
  }
  throw new Error(`${selector} never appeared`);
}
