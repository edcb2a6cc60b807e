import { executionMessage, htmlLang, kernelStatusMessage } from '../src';
import { trans } from '@candyce/core/testing';

describe('announcements', () => {
  it('says a cell’s error by its name', () => {
    expect(
      executionMessage(
        3,
        [{ output_type: 'error', ename: 'NameError' }],
        null,
        trans
      )
    ).toEqual({ message: 'Cell 3 run: error NameError', isError: true });
    expect(executionMessage(2, [], 'ZeroDivisionError', trans).message).toBe(
      'Cell 2 run: error ZeroDivisionError'
    );
  });

  it('says the first text of the output, shortened', () => {
    expect(
      executionMessage(
        1,
        [{ output_type: 'stream', text: ['4', '2\n'] }],
        null,
        trans
      ).message
    ).toBe('Cell 1 run: 42');
    const long = executionMessage(
      1,
      [
        {
          output_type: 'execute_result',
          data: { 'text/plain': 'x'.repeat(500) }
        }
      ],
      null,
      trans
    ).message;
    expect(long.length).toBeLessThan(200);
    expect(long.endsWith('…')).toBe(true);
  });

  it('says an image is an image, and no output when there is none', () => {
    expect(
      executionMessage(
        4,
        [{ output_type: 'display_data', data: { 'image/png': 'iVBOR' } }],
        null,
        trans
      ).message
    ).toBe('Cell 4 run: an image');
    expect(executionMessage(5, [], null, trans).message).toBe(
      'Cell 5 run, no output'
    );
  });

  it('says kernel changes but not every busy and idle', () => {
    expect(kernelStatusMessage('busy', false, 'Python 3', trans)).toBeNull();
    expect(kernelStatusMessage('idle', false, 'Python 3', trans)).toBeNull();
    expect(kernelStatusMessage('idle', true, 'Python 3', trans)).toEqual({
      message: 'Kernel Python 3 ready.',
      urgent: false
    });
    expect(kernelStatusMessage('dead', false, 'Python 3', trans)?.urgent).toBe(
      true
    );
  });

  it('turns JupyterLab’s language code into a lang attribute', () => {
    expect(htmlLang('fr_FR')).toBe('fr-FR');
    expect(htmlLang('en')).toBe('en');
    expect(htmlLang('')).toBe('en');
    expect(htmlLang('"><script>')).toBe('en');
  });
});
