import type { IHubTranslator } from '../i18n';
import { html, SafeHtml } from '../pages/html';
import { helpJoinAction } from '../help/pages';
import type { IStreamedEvent } from './kinds';

/**
 * « Nouveautés » on the hub's home page: the caller's latest news, rendered with the
 * page, then the news that comes while it is open, added by `hub/static/nouvelles.js`
 * (an EventSource on `/hub/api/v1/events`, from the last event shown) and said by an
 * aria-live region. The page gives the script each kind's sentence in its language
 * and the payload fields that fill it, so that both write the same sentences.
 */

/** A sentence and the payload fields of its `%1`, `%2`… */
interface INewsTemplate {
  text: string;
  fields: string[];
}

/** The sentences of each kind of news (a kind's variant: `.code`, `.late`). */
export function newsTemplates(
  trans: IHubTranslator
): Record<string, INewsTemplate> {
  return {
    'assignment.new': {
      text: trans.__('New assignment « %1 » (%2).'),
      fields: ['title', 'className']
    },
    'assignment.new.code': {
      text: trans.__('New assignment « %1 ».'),
      fields: ['title']
    },
    'assignment.submitted': {
      text: trans.__('%1 handed in « %2 ».'),
      fields: ['learnerDisplayName', 'title']
    },
    'assignment.submitted.late': {
      text: trans.__('%1 handed in « %2 » (late).'),
      fields: ['learnerDisplayName', 'title']
    },
    'assignment.returned': {
      text: trans.__('« %1 » is marked: your feedback is in My assignments.'),
      fields: ['title']
    },
    'group.invitation': {
      text: trans.__('%1 invites you to the group « %2 » (%3).'),
      fields: ['invitedByDisplayName', 'groupName', 'className']
    },
    'help.request': {
      text: trans.__('%1 (%2) asks for help on %3.'),
      fields: ['learnerDisplayName', 'className', 'path']
    }
  };
}

/**
 * The sentence of one piece of news (null for `resync` and unknown kinds). The same
 * choice as `nouvelles.js` makes.
 */
export function newsText(
  templates: Record<string, INewsTemplate>,
  event: Pick<IStreamedEvent, 'kind' | 'data'>
): string | null {
  const data = (event.data ?? {}) as Record<string, unknown>;
  const variant =
    event.kind === 'assignment.new' && data.className === null
      ? '.code'
      : event.kind === 'assignment.submitted' && data.late === true
        ? '.late'
        : '';
  const template = templates[event.kind + variant];
  if (!template) {
    return null;
  }
  return template.text.replace(/%(\d)/g, (placeholder, n: string) => {
    const value = data[template.fields[Number(n) - 1]];
    return value === undefined || value === null ? placeholder : String(value);
  });
}

/**
 * A help request's « Rejoindre »: a form (joining makes the teacher its helper) with
 * the session's `_xsrf`, its button described by the sentence it follows. The same
 * markup as `nouvelles.js` makes.
 */
function joinForm(
  trans: IHubTranslator,
  helpRequestId: string,
  sentenceId: string,
  xsrf: string
): SafeHtml {
  return html` <form class="cdc-inline cdc-news-join" method="post" action="${helpJoinAction(helpRequestId)}"><input type="hidden" name="_xsrf" value="${xsrf}"><button type="submit" aria-describedby="${sentenceId}">${trans.__('Join')}</button></form>`;
}

/** One piece of news: its sentence, and « Rejoindre » for a help request. */
function newsItem(
  trans: IHubTranslator,
  templates: Record<string, INewsTemplate>,
  event: IStreamedEvent,
  xsrf: string
): SafeHtml | null {
  const text = newsText(templates, event);
  if (text === null) {
    return null;
  }
  const helpRequestId =
    event.kind === 'help.request'
      ? (event.data as { helpRequestId?: unknown } | null)?.helpRequestId
      : undefined;
  if (typeof helpRequestId !== 'string' || !helpRequestId) {
    return html`<li>${text}</li>`;
  }
  const sentenceId = `cdc-news-${event.id}`;
  return html`<li><span id="${sentenceId}">${text}</span>${joinForm(trans, helpRequestId, sentenceId, xsrf)}</li>`;
}

/**
 * The « Nouveautés » section: the latest news (newest first), the list the script
 * adds to, and its live region. `xsrf`: the session's anti-CSRF token, for the forms
 * of the news that has one (« Rejoindre »), those the script adds too.
 */
export function newsSection(
  trans: IHubTranslator,
  recent: readonly IStreamedEvent[],
  position: number,
  xsrf: string
): SafeHtml {
  const templates = newsTemplates(trans);
  const items = recent
    .map(event => newsItem(trans, templates, event, xsrf))
    .filter((item): item is SafeHtml => item !== null);
  // The script resumes from the journal's position when the page was made: what comes
  // between this page and its connection is not missed.
  const lastId = String(position);
  return html`<section aria-labelledby="cdc-news-title">
<h2 id="cdc-news-title">${trans.__('News')}</h2>
<p id="cdc-news-empty" class="cdc-muted"${items.length ? html` hidden` : html``}>${trans.__('No news for now. New assignments, hand-ins and returned work appear here as they come.')}</p>
<ul id="cdc-news" data-last-event-id="${lastId}" data-templates="${JSON.stringify(templates)}" data-xsrf="${xsrf}" data-join-label="${trans.__('Join')}">${items}</ul>
<p id="cdc-news-live" class="cdc-visually-hidden" role="status" aria-live="polite" aria-atomic="true"></p>
</section>
<script src="/hub/static/nouvelles.js" defer></script>`;
}
