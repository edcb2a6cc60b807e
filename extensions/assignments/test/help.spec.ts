import './jsdomShims';

import { HubClient } from '@candyce/core';
import { french } from '@candyce/core/testing';
import * as http from 'http';
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
    const api = new HelpApi(hub);
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
});
