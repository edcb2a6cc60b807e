import { PageConfig } from '@jupyterlab/coreutils';
import { Widget } from '@lumino/widgets';

import {
  HUB_ORIGIN_PAGE_OPTION,
  HubApiError,
  initialsOf,
  serverNameOf,
  ShareBody,
  ShareDialog,
  showShareDialog,
  shareLink,
  type IShareOptions,
  type ServerPeople
} from '../src';
import { french } from '../testing';

/** Let React render. */
const settle = () => new Promise(resolve => setTimeout(resolve, 50));

/** Wait until `node` has an element for `selector` (React renders in its own time). */
async function until(node: HTMLElement, selector: string): Promise<void> {
  for (let i = 0; i < 100 && !node.querySelector(selector); i++) {
    await settle();
  }
}

describe('the link the « Partager » dialog gives', () => {
  afterEach(() => PageConfig.setOption(HUB_ORIGIN_PAGE_OPTION, ''));

  it('names the server from the page’s base URL, on either origin', () => {
    expect(serverNameOf('http://localhost:8000/user/eleve1/')).toBe('eleve1');
    expect(
      serverNameOf(
        'http://lea-martin--1a2b3c4d.localhost:8000/user/lea.martin/'
      )
    ).toBe('lea.martin');
    expect(serverNameOf('/user/eleve1/')).toBe('eleve1');
    for (const outside of ['http://localhost:8888/', '/user/a/b/', '/lab/']) {
      expect(serverNameOf(outside)).toBeNull();
    }
  });

  it('goes through the hub, on the page’s origin when the hub shares it', () => {
    expect(
      shareLink(
        'eleve1',
        'TP 1/notes.ipynb',
        'http://localhost:8000/user/eleve1/lab/tree/x.ipynb'
      )
    ).toBe('http://localhost:8000/user/eleve1/lab/tree/TP%201/notes.ipynb');
    expect(
      shareLink('eleve1', null, 'http://localhost:8000/user/eleve1/lab')
    ).toBe('http://localhost:8000/user/eleve1/lab');
  });

  it('goes through the hub’s origin when the server has its own, with no token', () => {
    PageConfig.setOption(HUB_ORIGIN_PAGE_OPTION, 'http://localhost:8000');
    const link = shareLink(
      'lea.martin',
      'a#b.ipynb',
      'http://lea-martin--1a2b3c4d.localhost:8000/user/lea.martin/lab?token=secret'
    );
    expect(link).toBe(
      'http://localhost:8000/user/lea.martin/lab/tree/a%23b.ipynb'
    );
    expect(link).not.toContain('token');
  });

  it('gives the initials the cursors show', () => {
    expect(initialsOf('Nathan Durand')).toBe('ND');
    expect(initialsOf('marie  curie sklodowska')).toBe('MC');
    expect(initialsOf('Léa')).toBe('L');
    expect(initialsOf('  ', 'eleve1')).toBe('E');
  });
});

describe('the « Partager » dialog’s body', () => {
  const people: ServerPeople = {
    server: 'eleve4',
    people: [
      {
        name: 'eleve4',
        displayName: 'Nathan Durand',
        color: '#1d4f9a',
        reason: 'owner'
      }
    ]
  };
  let body: ShareBody | null = null;

  const show = async (options: Partial<IShareOptions>) => {
    body = new ShareBody({
      link: 'http://localhost:8000/user/eleve4/lab/tree/tp.ipynb',
      document: true,
      people: () => Promise.resolve(people),
      me: 'eleve4',
      trans: french(),
      ...options
    });
    Widget.attach(body, document.body);
    body.update();
    await settle();
    return body.node;
  };

  afterEach(() => {
    body?.dispose();
    body = null;
  });

  it('shows the link, labelled, and who may enter with their name and colour, in French', async () => {
    const node = await show({});
    const input = node.querySelector<HTMLInputElement>('#cdc-Share-link')!;
    expect(input.value).toBe(
      'http://localhost:8000/user/eleve4/lab/tree/tp.ipynb'
    );
    expect(input.readOnly).toBe(true);
    expect(node.querySelector('label[for="cdc-Share-link"]')!.textContent).toBe(
      'Lien vers ce document'
    );
    expect(node.querySelector('h2')!.textContent).toBe('Qui peut entrer');
    await until(node, '.cdc-Share-person');
    const rows = node.querySelectorAll('.cdc-Share-person');
    expect(rows).toHaveLength(1);
    expect(rows[0].querySelector('.cdc-Share-name')!.textContent).toBe(
      'Nathan Durand'
    );
    expect(rows[0].querySelector('.cdc-Share-why')!.textContent).toBe(
      'propriétaire de l’espace de travail (moi)'
    );
    const avatar = rows[0].querySelector<HTMLElement>('.cdc-Share-avatar')!;
    expect(avatar.textContent).toBe('ND');
    expect(avatar.getAttribute('aria-hidden')).toBe('true');
    expect(avatar.style.backgroundColor).toBe('rgb(29, 79, 154)');
  });

  it('marks nobody as the reader when the reader is someone else', async () => {
    const node = await show({ me: 'm.curie', document: false });
    await until(node, '.cdc-Share-why');
    expect(node.querySelector('.cdc-Share-why')!.textContent).toBe(
      'propriétaire de l’espace de travail'
    );
    expect(node.querySelector('label')!.textContent).toBe(
      'Lien vers cet espace de travail'
    );
  });

  it('copies the link with Enter or « Copier le lien », and stays open until « Fermer »', async () => {
    document.execCommand = jest.fn(() => true);
    const dialog = new ShareDialog({
      link: 'http://localhost:8000/user/eleve4/lab',
      document: false,
      people: () => Promise.resolve(people),
      me: 'eleve4',
      trans: french()
    });
    const closed = dialog.launch();
    await until(dialog.node, '[role="status"]');
    const status = dialog.node.querySelector('[role="status"]')!;
    expect(status.textContent).toBe('');
    expect(
      [...dialog.node.querySelectorAll('.jp-Dialog-footer button')].map(
        button => button.textContent
      )
    ).toEqual(['Fermer', 'Copier le lien']);
    // Enter (the dialog's default), then the button: each copies, nothing closes.
    dialog.resolve();
    await settle();
    expect(document.execCommand).toHaveBeenCalledWith('copy');
    expect(status.textContent).toBe('Lien copié.');
    const button = dialog.node.querySelectorAll<HTMLButtonElement>(
      '.jp-Dialog-footer button'
    )[1];
    button.focus();
    dialog.resolve(1);
    await settle();
    expect(document.execCommand).toHaveBeenCalledTimes(2);
    // The focus stays on the button (Escape still reaches the dialog).
    expect(document.activeElement).toBe(button);
    expect(dialog.isAttached).toBe(true);
    button.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })
    );
    await closed;
    expect(dialog.isDisposed).toBe(true);
  });

  it('says in French why the list cannot be shown', async () => {
    // What a visitor's JupyterLab gets on a server's origin that is not theirs.
    const node = await show({
      people: () =>
        Promise.reject(
          new HubApiError(
            403,
            'server_origin_forbidden',
            'The hub does not answer this call from a workspace’s address: only its owner may call it from there.'
          )
        )
    });
    await until(node, '[role="alert"]');
    expect(node.querySelector('[role="alert"]')!.textContent).toMatch(
      /^Candyce ne répond pas à cet appel/
    );
    expect(node.querySelectorAll('.cdc-Share-person')).toHaveLength(0);
  });

  it('opens once, however often it is asked while open', async () => {
    const options: IShareOptions = {
      link: 'http://localhost:8000/user/eleve4/lab',
      document: false,
      people: () => Promise.resolve(people),
      me: 'eleve4',
      trans: french()
    };
    const first = showShareDialog(options);
    const second = showShareDialog(options);
    await second;
    await settle();
    const shown = document.querySelectorAll('.jp-Dialog');
    expect(shown).toHaveLength(1);
    shown[0].querySelector<HTMLButtonElement>('.jp-mod-reject')!.click();
    await first;
    await settle();
    expect(document.querySelectorAll('.jp-Dialog')).toHaveLength(0);
  });
});
