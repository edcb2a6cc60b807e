import type { TranslationBundle } from '@jupyterlab/translation';

/**
 * An output of a cell, as nbformat stores it (only what the messages read).
 */
export interface IOutputLike {
  output_type: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
}

/** Longest output text said after « Cellule n exécutée : ». */
const MAX_SPOKEN = 160;

function joined(value: unknown): string {
  return Array.isArray(value) ? value.join('') : String(value ?? '');
}

/**
 * What a screen reader hears of a cell's outputs: the error's name, else the first
 * text, else that an image or other content was shown.
 */
export function outputSummary(
  outputs: IOutputLike[],
  trans: TranslationBundle
): { text: string; isError: boolean } | null {
  const error = outputs.find(o => o.output_type === 'error');
  if (error) {
    return { text: trans.__('error %1', error.ename ?? ''), isError: true };
  }
  for (const output of outputs) {
    let text = '';
    if (output.output_type === 'stream') {
      text = joined(output.text);
    } else if (output.data && 'text/plain' in output.data) {
      text = joined(output.data['text/plain']);
    } else if (output.data && Object.keys(output.data).length) {
      const isImage = Object.keys(output.data).some(m =>
        m.startsWith('image/')
      );
      text = isImage ? trans.__('an image') : trans.__('a rich output');
    }
    text = text.replace(/\s+/g, ' ').trim();
    if (text) {
      return {
        text: text.length > MAX_SPOKEN ? `${text.slice(0, MAX_SPOKEN)}…` : text,
        isError: false
      };
    }
  }
  return null;
}

/**
 * « Cellule 3 exécutée : erreur NameError », « Cellule 2 exécutée : 42 »,
 * « Cellule 1 exécutée, sans sortie ».
 */
export function executionMessage(
  n: number,
  outputs: IOutputLike[],
  errorName: string | null,
  trans: TranslationBundle
): { message: string; isError: boolean } {
  const summary = errorName
    ? { text: trans.__('error %1', errorName), isError: true }
    : outputSummary(outputs, trans);
  if (!summary) {
    return {
      message: trans.__('Cell %1 run, no output', n),
      isError: false
    };
  }
  return {
    message: trans.__('Cell %1 run: %2', n, summary.text),
    isError: summary.isError
  };
}

/**
 * What to say when a kernel's status changes, or null for the everyday busy/idle.
 *
 * @param waitingReady whether the kernel was starting or restarting (its next idle
 * means it is ready, whatever busy states came between).
 */
export function kernelStatusMessage(
  status: string,
  waitingReady: boolean,
  kernelName: string,
  trans: TranslationBundle
): { message: string; urgent: boolean } | null {
  switch (status) {
    case 'starting':
      return {
        message: trans.__('Starting the kernel %1…', kernelName),
        urgent: false
      };
    case 'restarting':
      return {
        message: trans.__('Restarting the kernel %1…', kernelName),
        urgent: false
      };
    case 'autorestarting':
      return {
        message: trans.__('The kernel %1 stopped: restarting it…', kernelName),
        urgent: true
      };
    case 'dead':
      return {
        message: trans.__('The kernel %1 stopped.', kernelName),
        urgent: true
      };
    case 'idle':
      return waitingReady
        ? { message: trans.__('Kernel %1 ready.', kernelName), urgent: false }
        : null;
    default:
      return null;
  }
}

/** Statuses after which the next idle means « ready ». */
export const STARTING_STATUSES = ['starting', 'restarting', 'autorestarting'];

/**
 * The `lang` attribute for JupyterLab's language code (`fr_FR` → `fr-FR`).
 */
export function htmlLang(languageCode: string | undefined): string {
  const code = (languageCode ?? '').replace(/_/g, '-').trim();
  return /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(code) ? code : 'en';
}
