import type { IHubTranslator } from '../i18n';
import { html, SafeHtml } from '../pages/html';
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
 * The « Nouveautés » section: the latest news (newest first), the list the script
 * adds to, and its live region.
 */
export function newsSection(
  trans: IHubTranslator,
  recent: readonly IStreamedEvent[],
  position: number
): SafeHtml {
  const templates = newsTemplates(trans);
  const items = recent
    .map(event => newsText(templates, event))
    .filter((text): text is string => text !== null)
    .map(text => html`<li>${text}</li>`);
  // The script resumes from the journal's position when the page was made: what comes
  // between this page and its connection is not missed.
  const lastId = String(position);
  return html`<section aria-labelledby="cdc-news-title">
<h2 id="cdc-news-title">${trans.__('News')}</h2>
<p id="cdc-news-empty" class="cdc-muted"${items.length ? html` hidden` : html``}>${trans.__('No news for now. New assignments, hand-ins and returned work appear here as they come.')}</p>
<ul id="cdc-news" data-last-event-id="${lastId}" data-templates="${JSON.stringify(templates)}">${items}</ul>
<p id="cdc-news-live" class="cdc-visually-hidden" role="status" aria-live="polite" aria-atomic="true"></p>
</section>
<script src="/hub/static/nouvelles.js" defer></script>`;
}
