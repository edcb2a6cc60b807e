import { SubmitForm } from '@candyce/core';
import { Widget } from '@lumino/widgets';
import * as React from 'react';

type Field = 'name' | 'age';

/** A two-field form whose check and sending the test decides. */
class TestForm extends SubmitForm<Field, string> {
  constructor() {
    super({ idPrefix: 'cdc-Test', fields: ['name', 'age'] });
  }

  next: SubmitForm.Check<Field, string> = { errors: {} };

  protected check(): SubmitForm.Check<Field, string> {
    return this.next;
  }

  protected describeError(reason: unknown): string {
    return `failed: ${(reason as Error).message}`;
  }

  protected render(): JSX.Element {
    return (
      <form>
        <input id="cdc-Test-name" />
        <fieldset id="cdc-Test-age">
          <input type="radio" />
        </fieldset>
        <p role="status">{this.busy ? 'busy' : ''}</p>
        {this.renderAlert()}
      </form>
    );
  }
}

/** Let React render and the animation frame pass. */
const settle = () => new Promise(resolve => setTimeout(resolve, 50));

describe('SubmitForm', () => {
  let form: TestForm;
  beforeEach(async () => {
    form = new TestForm();
    Widget.attach(form, document.body);
    form.update();
    await settle();
  });
  afterEach(() => form.dispose());

  it('focuses the first field in error, in form order', async () => {
    form.next = { errors: { age: 'too young' } };
    expect(await form.submit()).toBeNull();
    await settle();
    expect(document.activeElement).toBe(
      form.node.querySelector('#cdc-Test-age input')
    );
  });

  it('shows why sending failed in an alert that takes the focus', async () => {
    form.next = {
      send: async () => {
        throw new Error('refused');
      }
    };
    expect(await form.submit()).toBeNull();
    await settle();
    const alert = form.node.querySelector('.cdc-Test-alert');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toBe('failed: refused');
    expect(document.activeElement).toBe(alert);
  });

  it('sends once at a time, and says it is busy meanwhile', async () => {
    let finish: (value: string) => void = () => undefined;
    form.next = { send: () => new Promise(resolve => (finish = resolve)) };
    const first = form.submit();
    expect(form.busy).toBe(true);
    expect(await form.submit()).toBeNull();
    finish('done');
    expect(await first).toBe('done');
    expect(form.busy).toBe(false);
  });

  it('shows a refusal, focused only when asked', async () => {
    form.next = { refusal: 'choose one', focus: false };
    expect(await form.submit()).toBeNull();
    await settle();
    expect(form.node.querySelector('.cdc-Test-alert')?.textContent).toBe(
      'choose one'
    );
    expect(document.activeElement).not.toBe(
      form.node.querySelector('.cdc-Test-alert')
    );
  });
});
